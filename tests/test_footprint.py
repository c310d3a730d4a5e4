"""A server that only serves taps does not hold the libraries only some requests need.

openpyxl (exports), segno (QR codes) and psycopg (PostgreSQL only) together cost an SQLite
school's server about 40 MB; they are imported when first used. Alembic (about 10 MB) is
imported only when the database is not yet at the head (bench/bench_footprint.py measures
the memory).
"""

import subprocess
import sys
from pathlib import Path

LAZY = ("openpyxl", "segno", "psycopg")

PROGRAM = """
import sys
from fastapi.testclient import TestClient
from app.main import create_app
from app.schema import upgrade_to_head
from app.settings import Settings

data = sys.argv[1]
settings = Settings(data_dir=data, database_url=f"sqlite:///{data}/p.sqlite3")
upgrade_to_head(settings.resolved_database_url)
with TestClient(create_app(settings)) as client:
    for path in ("/healthz", "/tablet", "/teacher", "/static/tablet/app.js"):
        assert client.get(path).status_code == 200, path
print(",".join(name for name in %r if name in sys.modules))
"""


def test_serving_pages_loads_no_export_qr_or_postgresql_library(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM % (LAZY,), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_an_export_loads_openpyxl_when_needed() -> None:
    from app.services.winners.exports import winners_xlsx

    data = winners_xlsx([], lambda key: key)
    assert data.startswith(b"PK")  # a zip: the xlsx container


def test_a_server_on_a_database_at_head_never_imports_alembic(tmp_path: Path) -> None:
    first = subprocess.run(
        [sys.executable, "-c", PROGRAM % (("alembic",),), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "alembic"  # a new database: Alembic builds it
    again = subprocess.run(
        [sys.executable, "-c", PROGRAM % (("alembic",),), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == ""

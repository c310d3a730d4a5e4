"""The `pleinmunt` command: migrate, demo (idempotent), create-teacher, serve's SQLite guard."""

import os
import sqlite3
import subprocess
from pathlib import Path

from tests.servers import PLEINMUNT


def run(data_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PLEINMUNT_DATA_DIR": str(data_dir),
        "PLEINMUNT_ARGON2_TIME_COST": "1",
        "PLEINMUNT_ARGON2_MEMORY_KIB": "64",
    }
    return subprocess.run(
        [PLEINMUNT, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def _count(data_dir: Path, table: str) -> int:
    with sqlite3.connect(data_dir / "pleinmunt.sqlite3") as db:
        return int(db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def test_migrate_creates_the_database(tmp_path: Path) -> None:
    done = run(tmp_path, "migrate")
    assert done.returncode == 0, done.stderr
    assert _count(tmp_path, "reason") >= 5  # the default reasons came with the schema


def test_demo_is_idempotent_and_prints_the_sign_ins(tmp_path: Path) -> None:
    first = run(tmp_path, "demo")
    assert first.returncode == 0, first.stderr
    counts = {
        table: _count(tmp_path, table) for table in ("child", "coin", "kiosk_link", "teacher")
    }
    second = run(tmp_path, "demo")
    assert second.returncode == 0, second.stderr
    assert {table: _count(tmp_path, table) for table in counts} == counts
    assert second.stdout == first.stdout
    assert "juf / speel-eerlijk-demo" in first.stdout
    assert "PIN 246810" in first.stdout
    assert "/kiosk/schoolplein?token=" in first.stdout
    assert counts["coin"] > 200  # weeks of history for the dashboard


def test_demo_kiosk_link_opens_the_board(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from app.main import create_app
    from app.settings import Settings

    printed = run(tmp_path, "demo").stdout
    path = next(word for word in printed.split() if word.startswith("http") and "/kiosk/" in word)
    token = path.split("token=")[1]
    app = create_app(Settings(data_dir=tmp_path))
    with TestClient(app) as client:
        response = client.get("/api/v1/boards/schoolplein/standings", params={"token": token})
    app.state.engine.dispose()
    assert response.status_code == 200
    assert len(response.json()["children"]) == 16


def test_create_teacher_reads_the_password_from_stdin(tmp_path: Path) -> None:
    done = run(
        tmp_path, "create-teacher", "Meester.Ali", "--password-stdin", stdin="lang-en-geheim\n"
    )
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(tmp_path / "pleinmunt.sqlite3") as db:
        username, stored = db.execute("SELECT username, password_hash FROM teacher").fetchone()
    assert username == "meester.ali"
    assert stored.startswith("$argon2id$")
    assert "lang-en-geheim" not in stored


def test_create_teacher_refuses_a_short_password(tmp_path: Path) -> None:
    done = run(tmp_path, "create-teacher", "juf", "--password-stdin", stdin="kort\n")
    assert done.returncode != 0
    assert "at least 10 characters" in done.stderr


def test_create_teacher_refuses_a_common_password(tmp_path: Path) -> None:
    done = run(tmp_path, "create-teacher", "juf", "--password-stdin", stdin="wachtwoord123\n")
    assert done.returncode != 0
    assert "too easy to guess" in done.stderr


def test_serve_refuses_several_workers_on_sqlite(tmp_path: Path) -> None:
    done = run(tmp_path, "serve", "--workers", "2")
    assert done.returncode != 0
    assert "SQLite serves from one process only" in done.stderr

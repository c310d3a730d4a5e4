"""`pleinmunt backup` under load and a restore drill: a new data dir, sound, same coins."""

import os
import sqlite3
import subprocess
import threading
import time
import uuid
from pathlib import Path

import httpx
import psycopg
import pytest

from app.services.backup import integrity_problems, sqlite_coin_count
from tests.conftest import create_pg_database, drop_pg_database, pg_url
from tests.servers import PLEINMUNT, LiveServer

pytestmark = pytest.mark.slow


def _school(server: LiveServer) -> tuple[httpx.Client, list[int]]:
    server.command("create-teacher", "juf", "--password-stdin", input_text="een-lang-wachtwoord\n")
    client = httpx.Client(base_url=server.url, timeout=30)
    client.post("/api/v1/session", json={"username": "juf", "password": "een-lang-wachtwoord"})
    group = client.post("/api/v1/groups", json={"name": "Groep 5"}).json()["id"]
    children = [
        client.post("/api/v1/children", json={"first_name": f"Kind{i}", "group_id": group}).json()[
            "id"
        ]
        for i in range(20)
    ]
    return client, children


def _tap_until(
    client: httpx.Client, children: list[int], stop: threading.Event, acked: list[str]
) -> None:
    index = 0
    while not stop.is_set():
        coin = {
            "id": str(uuid.uuid4()),
            "child_id": children[index % len(children)],
            "reason": "helpen",
        }
        if client.post("/api/v1/coins", json=coin).status_code == 201:
            acked.append(coin["id"])
        index += 1


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PLEINMUNT, *args], env=env, capture_output=True, text=True, timeout=300)


def test_sqlite_backup_under_load_restores_into_a_new_data_dir(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "school", PLEINMUNT_DAILY_CAP="1000").start()
    try:
        client, children = _school(server)
        stop, acked = threading.Event(), []
        tapper = threading.Thread(target=_tap_until, args=(client, children, stop, acked))
        tapper.start()
        while len(acked) < 30 and tapper.is_alive():
            time.sleep(0.01)
        before_backup = list(acked)
        done = _run(server.env, "backup", "--to", str(tmp_path / "backups"))
        stop.set()
        tapper.join()
    finally:
        server.stop()
    assert done.returncode == 0, done.stderr
    (backup_file,) = (tmp_path / "backups").glob("pleinmunt-*.sqlite3")
    assert integrity_problems(backup_file) == []
    restored_env = {**server.env, "PLEINMUNT_DATA_DIR": str(tmp_path / "restored")}
    restored = _run(restored_env, "restore", str(backup_file))
    assert restored.returncode == 0, restored.stderr
    database = tmp_path / "restored" / "pleinmunt.sqlite3"
    assert integrity_problems(database) == []
    count = sqlite_coin_count(database)
    assert len(before_backup) <= count <= len(acked) + 1
    with sqlite3.connect(database) as db:
        ids = {row[0] for row in db.execute("SELECT id FROM coin")}
        coin_events = db.execute("SELECT count(*) FROM board_event WHERE kind = 'coin'").fetchone()[
            0
        ]
    assert {uuid.UUID(coin_id).hex for coin_id in before_backup} <= ids
    assert coin_events == count  # the ledger and its events were copied at the same moment


def test_restore_refuses_to_overwrite_without_replace(tmp_path: Path) -> None:
    env = {**os.environ, "PLEINMUNT_DATA_DIR": str(tmp_path / "a")}
    assert _run(env, "migrate").returncode == 0
    done = _run(env, "backup", "--to", str(tmp_path / "b"))
    assert done.returncode == 0, done.stderr
    (backup_file,) = (tmp_path / "b").glob("*.sqlite3")
    refused = _run(env, "restore", str(backup_file))
    assert refused.returncode != 0
    assert "--replace" in refused.stderr
    assert _run(env, "restore", str(backup_file), "--replace").returncode == 0


@pytest.mark.postgres
def test_postgresql_backup_restores_into_a_new_database(tmp_path: Path) -> None:
    source, target = create_pg_database(), create_pg_database()
    try:
        server = LiveServer(tmp_path / "school", pg_url(source), PLEINMUNT_DAILY_CAP="1000").start()
        try:
            client, children = _school(server)
            for index in range(25):
                coin = {
                    "id": str(uuid.uuid4()),
                    "child_id": children[index % 20],
                    "reason": "helpen",
                }
                assert client.post("/api/v1/coins", json=coin).status_code == 201
            done = _run(server.env, "backup", "--to", str(tmp_path / "backups"))
        finally:
            server.stop()
        assert done.returncode == 0, done.stderr
        (dump,) = (tmp_path / "backups").glob("*.dump")
        env = {**server.env, "PLEINMUNT_DATABASE_URL": pg_url(target)}
        restored = _run(env, "restore", str(dump))
        assert restored.returncode == 0, restored.stderr
        with psycopg.connect(pg_url(target).replace("+psycopg", "")) as db:
            assert db.execute("SELECT count(*) FROM coin").fetchone()[0] == 25
    finally:
        drop_pg_database(source)
        drop_pg_database(target)

"""Shared fixtures: real databases built by the migrations, and apps on top of them.

``database_url`` runs a test on SQLite and on PostgreSQL. SQLite: a copy of a migrated template
file per test. PostgreSQL: ``CREATE DATABASE ... TEMPLATE`` from a migrated template per test,
dropped afterwards. PostgreSQL must be up (``make test`` and ``.ci/run`` start it); a test that
cannot reach it fails instead of skipping, so CI can never pass without it.
"""

import itertools
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app import db as app_db
from app.main import create_app
from app.schema import upgrade_to_head
from app.settings import Settings

# A write that would block the event loop while it waits for the writers' lock fails the test.
app_db.REFUSE_WRITES_ON_EVENT_LOOP = True

PG_SERVER = os.environ.get("PLEINMUNT_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
_names = itertools.count()


def pg_admin() -> psycopg.Connection:
    try:
        return psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.fail(
            f"PostgreSQL is not reachable at {PG_SERVER} ({error}); start it with "
            "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`"
        )


def pg_url(name: str) -> str:
    return f"{PG_SERVER.replace('postgresql://', 'postgresql+psycopg://')}/{name}"


def create_pg_database(template: str | None = None) -> str:
    name = f"pleinmunt_test_{os.getpid()}_{next(_names)}"
    with pg_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return name


def drop_pg_database(name: str) -> None:
    with pg_admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "pleinmunt.sqlite3"
    upgrade_to_head(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    name = create_pg_database()
    upgrade_to_head(pg_url(name))
    yield name
    drop_pg_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database for one test, on each of the two supported engines."""
    if request.param == "sqlite":
        target = tmp_path / "db" / "pleinmunt.sqlite3"
        target.parent.mkdir()
        shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
        yield f"sqlite:///{target}"
        return
    name = create_pg_database(template=request.getfixturevalue("pg_template"))
    yield pg_url(name)
    drop_pg_database(name)


def make_settings(tmp_path: Path, database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp_path,
        "database_url": database_url,
        "secret_key": "test-secret-" + uuid.uuid4().hex,
        # Fast hashing in tests; production keeps argon2's recommended cost.
        "argon2_time_cost": 1,
        "argon2_memory_kib": 64,
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path, database_url)


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    application = create_app(settings)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """An anonymous browser. More clients on the same app each keep their own cookies."""
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def served(app: FastAPI) -> Iterator[str]:
    """The app behind a real uvicorn server (in a thread), for truly concurrent HTTP clients."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: pytest-playwright's sync API leaves an event loop running in this
    thread for the rest of the session, and the live tests drive sockets with asyncio.run()."""
    items.sort(key=lambda item: "tests/browser/" in str(item.path).replace("\\", "/"))

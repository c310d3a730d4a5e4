"""The schema comes only from migrations: up to head and back down, and it matches the models."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers the tables)
from app.db import make_engine
from app.schema import (
    alembic_config,
    current_revisions,
    downgrade_to_base,
    head_revisions,
    upgrade_to_head,
)
from tests.conftest import create_pg_database, drop_pg_database, pg_url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    name = create_pg_database()
    yield pg_url(name)
    drop_pg_database(name)


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_to_head_and_back_down(empty_database: str) -> None:
    upgrade_to_head(empty_database)
    assert _tables(empty_database) == set(SQLModel.metadata.tables)
    downgrade_to_base(empty_database)
    assert _tables(empty_database) == set()
    upgrade_to_head(empty_database)
    assert _tables(empty_database) == set(SQLModel.metadata.tables)


def test_models_match_the_migrations(empty_database: str) -> None:
    upgrade_to_head(empty_database)
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    assert differences == [], "a model changed without a migration: run `make revision m=...`"


def test_upgrade_twice_is_harmless(empty_database: str) -> None:
    upgrade_to_head(empty_database)
    upgrade_to_head(empty_database)
    assert "coin" in _tables(empty_database)


def test_head_read_from_the_files_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert head_revisions() == set(script.get_heads())
    assert len(head_revisions()) == 1  # two heads: a migration must name the other as its parent


def test_database_knows_its_revision_after_each_way(empty_database: str) -> None:
    assert current_revisions(empty_database) == set()
    upgrade_to_head(empty_database)
    assert current_revisions(empty_database) == head_revisions()
    downgrade_to_base(empty_database)
    assert current_revisions(empty_database) == set()
    upgrade_to_head(empty_database)
    assert current_revisions(empty_database) == head_revisions()


def test_zones_a_tally_named_become_the_schools_zones(empty_database: str) -> None:
    config = alembic_config(empty_database)
    command.upgrade(config, "7b3e9c21d4f0")  # zones were free strings
    engine = make_engine(empty_database)
    insert = text(
        "INSERT INTO recess_tally (day, recess, zone, conflicts, updated_at) "
        "VALUES (:day, 'morning', :zone, 2, :at)"
    )
    try:
        with engine.begin() as connection:
            for day, zone in ((date(2026, 11, 30), "voetbal"), (date(2026, 12, 1), "bij de poort")):
                connection.execute(insert, {"day": day, "zone": zone, "at": datetime.now(UTC)})
        command.upgrade(config, "head")
        with engine.connect() as connection:
            zones = connection.execute(text("SELECT slug, name FROM zone ORDER BY position"))
            kept = connection.execute(text("SELECT zone FROM recess_tally ORDER BY day"))
            assert list(zones) == [
                ("plein", "Schoolplein"),
                ("voetbal", "Voetbalveld"),
                ("klimrek", "Klimrek"),
                ("zandbak", "Zandbak"),
                ("fietsen", "Fietsen (peuters)"),
                ("bij de poort", "bij de poort"),
            ]
            assert [row.zone for row in kept] == ["voetbal", "bij de poort"]
    finally:
        engine.dispose()

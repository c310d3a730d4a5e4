"""The ``pleinmunt`` command: its group, and the setup every command shares.

One module per family of commands (``COMMANDS`` lists them all). The group imports a command's
module only when that command runs or help is asked, so ``pleinmunt serve`` holds nothing the
other commands need, and the modules import this one without a circle.
"""

import importlib
from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy import Engine

from app.db import engine_for_settings
from app.domain.errors import PleinmuntError
from app.schema import DatabaseNotWritable, upgrade_to_head
from app.settings import Settings, get_settings

# Command name: its module in app/cli and the function there.
COMMANDS = {
    "migrate": "serve:migrate",
    "serve": "serve:serve",
    "demo": "serve:demo",
    "create-teacher": "people:create_teacher",
    "draw": "winners:draw",
    "export": "winners:export",
    "backup": "backup:backup",
    "restore": "backup:restore",
    "purge": "year_end:purge",
}


def ready() -> Settings:
    """The settings, with the database migrated to the head: every command that opens the
    database migrates it first."""
    settings = get_settings()
    try:
        upgrade_to_head(settings.resolved_database_url)
    except DatabaseNotWritable as error:
        raise click.ClickException(str(error)) from None  # one line, exit status 1
    return settings


@contextmanager
def clean_errors() -> Iterator[None]:
    """A refusal (PleinmuntError) ends the command with its sentence, not a traceback."""
    try:
        yield
    except PleinmuntError as error:
        raise click.ClickException(error.detail) from None


@contextmanager
def database() -> Iterator[tuple[Settings, Engine]]:
    """Settings and an engine for one command: migrated first, refusals as clean messages,
    the engine disposed at the end whatever happens."""
    settings = ready()
    engine = engine_for_settings(settings)
    try:
        with clean_errors():
            yield settings, engine
    finally:
        engine.dispose()


class _Commands(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        module, name = where.split(":")
        command = getattr(importlib.import_module(f"app.cli.{module}"), name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=_Commands, help="Pleinmunt: reward coins for a calmer schoolyard.")
def main() -> None:
    pass

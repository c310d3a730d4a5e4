"""`pleinmunt backup` and `pleinmunt restore`."""

from pathlib import Path

import click

from app.cli import clean_errors, ready
from app.services import backup as backups
from app.settings import get_settings


@click.command(help="Back up the database while it serves (SQLite backup API / pg_dump).")
@click.option(
    "--to",
    "target",
    type=click.Path(path_type=Path),
    default=None,
    help="folder for the backup file (default: DATA_DIR/backups)",
)
def backup(target: Path | None) -> None:
    settings = ready()
    with clean_errors():
        done = backups.backup(
            settings.resolved_database_url, target or settings.data_dir / "backups"
        )
    counted = f", {done.coins} coins" if done.coins >= 0 else ""
    click.echo(f"Backup written to {done.path}{counted}.")


@click.command(help="Restore a backup into the configured database (stop the server first).")
@click.argument("backup_file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--replace", is_flag=True, help="overwrite an existing SQLite database")
def restore(backup_file: Path, replace: bool) -> None:
    with clean_errors():
        backups.restore(get_settings().resolved_database_url, backup_file, replace=replace)
    ready()  # a backup from an older version is migrated to this one
    click.echo("Restored; the database is up to date.")

"""The ``pleinmunt`` command. Every command that opens the database migrates it first."""

import sys

import click

from app.db import engine_for_settings, write_session
from app.schema import DatabaseNotWritable, upgrade_to_head
from app.settings import Settings, get_settings


def _ready() -> Settings:
    settings = get_settings()
    try:
        upgrade_to_head(settings.resolved_database_url)
    except DatabaseNotWritable as error:
        raise click.ClickException(str(error)) from None  # one line, exit status 1
    return settings


@click.group(help="Pleinmunt: reward coins for a calmer schoolyard.")
def main() -> None:
    pass


@main.command(help="Bring the database schema to the latest migration.")
def migrate() -> None:
    _ready()
    click.echo("The database is up to date.")


@main.command(help="Migrate, then serve the app with uvicorn.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=None, type=int, help="processes (PostgreSQL only)")
def serve(host: str, port: int, workers: int | None) -> None:
    import uvicorn

    from app.logs import log_config

    settings = _ready()
    workers = workers or settings.workers
    if settings.is_sqlite and workers > 1:
        raise click.UsageError(
            "SQLite serves from one process only; use --workers 1, or PostgreSQL "
            "(PLEINMUNT_DATABASE_URL=postgresql+psycopg://...) for several processes."
        )
    click.echo(f"Pleinmunt is serving on http://{host}:{port}/  (stop with Ctrl+C)")
    uvicorn.run(
        "app.main:create_served_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        log_config=log_config(),
        ws_ping_interval=20,
        ws_ping_timeout=20,
        # Kiosk messages are small and go to many sockets: compressing each one per socket
        # costs CPU and ~100 KB of zlib state per connection for next to nothing.
        ws_per_message_deflate=False,
        ws_max_size=16 * 1024,  # a kiosk only ever sends heartbeats
    )


@main.command(help="Load the demo school (idempotent) and print its sign-ins.")
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True)
def demo(base_url: str) -> None:
    from app.services.demo import load_demo

    settings = _ready()
    engine = engine_for_settings(settings)
    with write_session(engine) as session:
        sign_ins = load_demo(session, settings=settings)
    engine.dispose()
    base = base_url.rstrip("/")
    click.echo("The demo school is ready.")
    click.echo(f"  Start page    {base}/")
    click.echo(
        f"  Teacher desk  {base}/teacher   sign in: {sign_ins.teacher[0]} / {sign_ins.teacher[1]}"
    )
    for name, pin in sign_ins.loggers:
        click.echo(f"  Tablet        {base}/tablet    intern {name}, PIN {pin}")
    for slug, path in sign_ins.kiosk_paths.items():
        click.echo(f"  Kiosk         {base}{path}   ({slug})")


@main.command("create-teacher", help="Create a teacher account, or set a new password.")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
def create_teacher(username: str, password_stdin: bool) -> None:
    from app.domain.errors import PleinmuntError
    from app.services.people import create_teacher as create

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    settings = _ready()
    engine = engine_for_settings(settings)
    try:
        with write_session(engine) as session:
            create(session, username=username, password=password, settings=settings)
    except PleinmuntError as error:
        raise click.ClickException(error.detail) from None
    finally:
        engine.dispose()
    click.echo(f"Teacher {username.strip().lower()!r} can sign in now.")


# The weekly winner's commands live in their own module (app/cli_winners.py).
from app.cli_winners import draw, export  # noqa: E402

main.add_command(draw)
main.add_command(export)

from app.cli_backup import backup, restore  # noqa: E402

main.add_command(backup)
main.add_command(restore)

from app.cli_year_end import purge  # noqa: E402

main.add_command(purge)


if __name__ == "__main__":
    main()

"""`pleinmunt migrate`, `pleinmunt serve` and `pleinmunt demo`: running a school's server."""

import click

from app.cli import database, ready


@click.command(help="Bring the database schema to the latest migration.")
def migrate() -> None:
    ready()
    click.echo("The database is up to date.")


@click.command(help="Migrate, then serve the app with uvicorn.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=None, type=int, help="processes (PostgreSQL only)")
@click.option("--demo", is_flag=True, help="load the demo school first and print its sign-ins")
def serve(host: str, port: int, workers: int | None, demo: bool) -> None:
    from app import serving
    from app.logs import log_config

    settings = ready()
    workers = workers or settings.workers
    if settings.is_sqlite and workers > 1:
        raise click.UsageError(
            "SQLite serves from one process only; use --workers 1, or PostgreSQL "
            "(PLEINMUNT_DATABASE_URL=postgresql+psycopg://...) for several processes."
        )
    sign_ins = serving.load_demo(settings) if demo else None  # the demo brings its teacher
    # Said once the server listens: the addresses, the setup code, the demo's sign-ins.
    said = serving.announcement(
        settings, host=host, port=port, setup_code=serving.setup_code(settings), demo=sign_ins
    )
    options = {
        "app": "app.main:create_served_app",
        "factory": True,
        "host": host,
        "port": port,
        "workers": workers,
        "proxy_headers": True,
        "forwarded_allow_ips": settings.forwarded_allow_ips,
        "log_config": log_config(),
        "ws_ping_interval": 20,
        "ws_ping_timeout": 20,
        # Kiosk messages are small and go to many sockets: compressing each one per socket
        # costs CPU and ~100 KB of zlib state per connection for next to nothing.
        "ws_per_message_deflate": False,
        "ws_max_size": 16 * 1024,  # a kiosk only ever sends heartbeats
    }
    serving.run(options, said.lines())


@click.command(help="Load the demo school (idempotent) and print its sign-ins.")
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True)
def demo(base_url: str) -> None:
    from app.db import write_session
    from app.services.demo import load_demo

    with database() as (settings, engine), write_session(engine) as session:
        sign_ins = load_demo(session, settings=settings)
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

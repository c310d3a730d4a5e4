"""`pleinmunt create-teacher`: a teacher account from the command line (or a new password)."""

import sys

import click

from app.cli import database
from app.db import write_session
from app.services.people import create_teacher as create


@click.command("create-teacher", help="Create a teacher account, or set a new password.")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
def create_teacher(username: str, password_stdin: bool) -> None:
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with database() as (settings, engine), write_session(engine) as session:
        create(session, username=username, password=password, settings=settings)
    click.echo(f"Teacher {username.strip().lower()!r} can sign in now.")

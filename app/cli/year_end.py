"""`pleinmunt purge`: the end of the school year, erasing every child who left (deactivated)."""

import click

from app.cli import database
from app.db import write_session
from app.domain.actors import SYSTEM_CLI
from app.services.year_end import purge_left_children, purge_plan


@click.command(help="Erase every deactivated child and their coins (end of the school year).")
@click.option("--dry-run", is_flag=True, help="only count what would be erased")
@click.option("--yes", is_flag=True, help="do not ask for confirmation")
def purge(dry_run: bool, yes: bool) -> None:
    with database() as (_settings, engine), write_session(engine) as session:
        plan = purge_plan(session)
        session.rollback()  # counting holds no lock while the question waits
        click.echo(
            f"{plan.children} deactivated child(ren) with {plan.coins} coin(s) would be "
            "erased for good (coins, bike turns, names in board events and draws)."
        )
        for group, count in plan.by_group:
            click.echo(f"  {group}: {count}")
        if dry_run or plan.children == 0:
            return
        if not yes:
            click.confirm(
                "Download the archive first (desk: End of school year). Erase now?", abort=True
            )
        done = purge_left_children(session, by=SYSTEM_CLI)
        click.echo(f"Erased {done.children} child(ren) and {done.coins} coin(s).")

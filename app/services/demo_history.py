"""The demo school's past beyond its coins: recess tallies and weekly winners with rewards, so
the desk's dashboard and week overview have something to show.

Added only when missing (idempotent), deterministically (the same school every time). Last
week and this week are left undrawn: drawing them is what a teacher tries first.
"""

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, col, select

from app.domain.actors import SYSTEM_DEMO, Actor, Role, SystemActor
from app.domain.draw import NotDrawable, WinnerPolicy, draw
from app.domain.tallies import RECESSES
from app.domain.weeks import shift_week, week_of, week_start
from app.models import Board, Draw, RecessTally, Teacher
from app.models.types import utcnow
from app.services.winners.draws import _new_draw, board_entries, recent_winners
from app.services.winners.rewards import usual_rewards
from app.settings import Settings

# Where conflicts happen most: the football pitch, then the open schoolyard.
_ZONE_WEIGHTS = {"plein": 3, "voetbal": 5, "klimrek": 2, "zandbak": 1, "fietsen": 1}
# Conflicts per recess at the start of the history and at its end: calmer over the weeks.
_FIRST, _LAST = {"morning": 3.2, "lunch": 5.5}, {"morning": 1.4, "lunch": 2.4}


def ensure_demo_history(session: Session, *, settings: Settings, weeks: int) -> None:
    today = utcnow().astimezone(settings.tz).date()
    if session.exec(select(RecessTally).where(RecessTally.day < today)).first() is None:
        _add_tallies(session, today=today, weeks=weeks)
    if session.exec(select(Draw)).first() is None:
        _add_draws(session, settings=settings, weeks=weeks)


def _add_tallies(session: Session, *, today: date, weeks: int) -> None:
    rng = random.Random(61)
    first_monday = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    days = [first_monday + timedelta(days=n) for n in range((today - first_monday).days)]
    for index, day in enumerate(days):
        if day.weekday() >= 5:
            continue
        progress = index / max(1, len(days) - 1)
        for recess in RECESSES:
            mean = _FIRST[recess] + (_LAST[recess] - _FIRST[recess]) * progress
            conflicts = max(0, round(rng.gauss(mean, mean / 2)))
            zones = rng.choices(
                list(_ZONE_WEIGHTS), weights=list(_ZONE_WEIGHTS.values()), k=conflicts
            )
            for zone in sorted(set(zones)):
                session.add(
                    RecessTally(day=day, recess=recess, zone=zone, conflicts=zones.count(zone))
                )
    session.flush()


def _add_draws(session: Session, *, settings: Settings, weeks: int) -> None:
    """Winners of the weeks before last, oldest first (recent winners sit out, as for real)."""
    teacher = session.exec(select(Teacher).order_by(col(Teacher.id))).first()
    drawn_by: Actor | SystemActor = Actor(Role.teacher, teacher.id or 0) if teacher else SYSTEM_DEMO
    rewards = usual_rewards(settings) or ["Mag het spel kiezen"]
    this_week = week_of(utcnow(), settings.tz)
    for board in session.exec(select(Board).order_by(col(Board.id))).all():
        for back in range(weeks - 1, 1, -1):
            week = shift_week(this_week, -back)
            try:
                outcome = draw(
                    WinnerPolicy(board.winner_policy),
                    f"demo:{board.slug}:{week}",
                    board_entries(session, board=board, week=week),
                    recent_winners(session, board=board, week=week),
                )
            except NotDrawable:
                continue
            row = _new_draw(board, week, outcome, drawn_by, None, rewards[back % len(rewards)])
            row.drawn_at = _school_time(
                week_start(week) + timedelta(days=4), time(14, 30), settings
            )
            row.reward_status = "given"
            row.reward_given_at = _school_time(
                week_start(week) + timedelta(days=7), time(10, 15), settings
            )
            session.add(row)
            session.flush()  # the next week's draw sees this winner


def _school_time(day: date, at: time, settings: Settings) -> datetime:
    return datetime.combine(day, at, tzinfo=settings.tz).astimezone(UTC)

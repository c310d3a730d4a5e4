"""The numbers behind the desk's dashboard: coins per week (by group, by reason), the conflict
tally against coins, and how coins spread over children and over loggers.

Every query is bounded by the weeks shown (coins by ``week IN (...)``, which the index
``ix_coin_week_child`` serves; tallies by a date range), so the cost follows the window, not
years of history.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.domain.histogram import Bucket, histogram
from app.domain.tallies import RECESSES
from app.domain.weeks import shift_week, week_start
from app.models import Child, Coin, Group, Reason, RecessTally, Zone

DEFAULT_WEEKS = 12
# 0, 1, 2, 3–4, 5–9 and 10 or more coins in a week.
SPREAD_EDGES = (0, 1, 2, 3, 5, 10)


@dataclass(frozen=True)
class Named:
    key: str
    values: list[int]


@dataclass(frozen=True)
class ReasonSeries(Named):
    label_nl: str = ""
    label_en: str = ""
    icon: str = ""


@dataclass(frozen=True)
class GroupNone:
    group: str
    children: int
    without_coins: int


@dataclass(frozen=True)
class LoggerCoins:
    label: str  # "logger:3", "teacher:1"
    this_week: int
    all_weeks: int


@dataclass
class Dashboard:
    weeks: list[str]
    by_group: list[Named] = field(default_factory=list)
    by_reason: list[ReasonSeries] = field(default_factory=list)
    coins: list[int] = field(default_factory=list)
    conflicts: list[Named] = field(default_factory=list)  # one series per recess
    conflicts_by_zone: list[Named] = field(default_factory=list)  # "🏖️ Zandbak", ...
    spread: list[Bucket] = field(default_factory=list)
    spread_by_group: list[GroupNone] = field(default_factory=list)
    loggers: list[LoggerCoins] = field(default_factory=list)

    @property
    def last_week(self) -> str:
        return self.weeks[-1]

    @property
    def without_coins(self) -> int:
        return self.spread[0].count if self.spread else 0


def window(last_week: str, count: int = DEFAULT_WEEKS) -> list[str]:
    """``count`` weeks ending with ``last_week``, oldest first."""
    return [shift_week(last_week, back) for back in range(1 - count, 1)]


def dashboard(session: Session, *, last_week: str, count: int = DEFAULT_WEEKS) -> Dashboard:
    weeks = window(last_week, count)
    board = Dashboard(weeks=weeks)
    totals = _week_totals(session, weeks)
    board.by_group = _coins_by_group(session, weeks, totals)
    board.by_reason = _coins_by_reason(session, weeks, totals)
    board.coins = [sum(series.values[i] for series in board.by_group) for i in range(len(weeks))]
    board.conflicts = _conflicts(session, weeks)
    board.conflicts_by_zone = _conflicts_by_zone(session, weeks)
    board.spread, board.spread_by_group = _spread(session, last_week)
    board.loggers = _loggers(weeks, totals)
    return board


# (week, group id, reason, logged by, coins): what the three coin charts add up, in one read.
Totals = list[tuple[str, int, str, str, int]]


def _week_totals(session: Session, weeks: list[str]) -> Totals:
    """The window's live coins summed once by week, group, reason and logger: one pass over
    the coins instead of one per chart (three passes were most of the dashboard's time with a
    school year of coins, bench/bench_desk.py)."""
    rows = session.execute(  # five columns: more than sqlmodel's select() types
        sa_select(
            col(Coin.week),
            col(Child.group_id),
            col(Coin.reason),
            col(Coin.logged_by),
            func.sum(Coin.amount),
        )
        .join(Child, col(Child.id) == Coin.child_id)
        .where(*_live_coins(weeks))
        .group_by(col(Coin.week), col(Child.group_id), col(Coin.reason), col(Coin.logged_by))
    ).all()
    return [(week, group_id, reason, by, int(total)) for week, group_id, reason, by, total in rows]


def _live_coins(weeks: list[str]) -> tuple[Any, Any]:
    return (col(Coin.week).in_(weeks), col(Coin.voided_at).is_(None))


def _aligned(weeks: list[str], rows: dict[str, dict[str, int]], key: str) -> list[int]:
    return [rows.get(key, {}).get(week, 0) for week in weeks]


def _coins_by_group(session: Session, weeks: list[str], rows: Totals) -> list[Named]:
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for week, group_id, _reason, _by, total in rows:
        totals[str(group_id)][week] += total
    groups = session.exec(select(Group).order_by(col(Group.name))).all()
    return [
        Named(key=group.name, values=_aligned(weeks, totals, str(group.id)))
        for group in groups
        if str(group.id) in totals
    ]


def _coins_by_reason(session: Session, weeks: list[str], rows: Totals) -> list[ReasonSeries]:
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for week, _group_id, reason, _by, total in rows:
        totals[reason][week] += total
    reasons = session.exec(select(Reason).order_by(col(Reason.position), col(Reason.id))).all()
    return [
        ReasonSeries(
            key=reason.slug,
            values=_aligned(weeks, totals, reason.slug),
            label_nl=reason.label_nl,
            label_en=reason.label_en,
            icon=reason.icon,
        )
        for reason in reasons
        if reason.slug in totals
    ]


def _conflicts(session: Session, weeks: list[str]) -> list[Named]:
    first = week_start(weeks[0])
    end = week_start(weeks[-1]) + timedelta(days=7)
    rows = session.exec(
        select(col(RecessTally.day), col(RecessTally.recess), func.sum(RecessTally.conflicts))
        .where(RecessTally.day >= first, RecessTally.day < end)
        .group_by(col(RecessTally.day), col(RecessTally.recess))
    ).all()
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, recess, total in rows:
        year, number, _ = day.isocalendar()
        totals[recess][f"{year:04d}-W{number:02d}"] += int(total)
    return [Named(key=recess, values=_aligned(weeks, totals, recess)) for recess in RECESSES]


def _conflicts_by_zone(session: Session, weeks: list[str]) -> list[Named]:
    """Per zone in the school's order, the zones with a conflict in the window only."""
    first = week_start(weeks[0])
    end = week_start(weeks[-1]) + timedelta(days=7)
    rows = session.exec(
        select(col(RecessTally.day), col(RecessTally.zone), func.sum(RecessTally.conflicts))
        .where(RecessTally.day >= first, RecessTally.day < end)
        .group_by(col(RecessTally.day), col(RecessTally.zone))
    ).all()
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, zone, total in rows:
        year, number, _ = day.isocalendar()
        totals[zone][f"{year:04d}-W{number:02d}"] += int(total)
    zones = session.exec(select(Zone).order_by(col(Zone.position), col(Zone.id))).all()
    return [
        Named(key=f"{zone.icon} {zone.name}", values=_aligned(weeks, totals, zone.slug))
        for zone in zones
        if sum(totals.get(zone.slug, {}).values()) > 0
    ]


def _spread(session: Session, week: str) -> tuple[list[Bucket], list[GroupNone]]:
    """How this week's coins fall over the active children: how many got none, one, two..."""
    children = session.exec(
        select(Child.id, Group.name)
        .join(Group, col(Group.id) == Child.group_id)
        .where(col(Child.active).is_(True))
    ).all()
    coins = dict(
        session.exec(
            select(Coin.child_id, func.sum(Coin.amount))
            .where(*_live_coins([week]))
            .group_by(col(Coin.child_id))
        ).all()
    )
    per_child = {child_id or 0: int(coins.get(child_id or 0, 0)) for child_id, _ in children}
    by_group: dict[str, list[int]] = defaultdict(list)
    for child_id, group in children:
        by_group[group].append(per_child[child_id or 0])
    groups = [
        GroupNone(group=name, children=len(values), without_coins=values.count(0))
        for name, values in sorted(by_group.items())
    ]
    return histogram(per_child.values(), SPREAD_EDGES), groups


def _loggers(weeks: list[str], rows: Totals) -> list[LoggerCoins]:
    this_week: dict[str, int] = defaultdict(int)
    all_weeks: dict[str, int] = defaultdict(int)
    for week, _group_id, _reason, label, total in rows:
        all_weeks[label] += total
        if week == weeks[-1]:
            this_week[label] += total
    return sorted(
        (LoggerCoins(label, this_week[label], total) for label, total in all_weeks.items()),
        key=lambda row: (-row.all_weeks, row.label),
    )

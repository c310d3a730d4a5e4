"""One board's week as the teacher desk shows it: every child (names as teachers see them),
the groups' coin tubes, and the week's winner with the draws before it.

Bounded by the week like the standings (``ix_coin_week_child``): the cost follows one week.
"""

from dataclasses import dataclass

from sqlmodel import Session

from app.domain.masking import teacher_name
from app.domain.names import name_key
from app.domain.weeks import parse_week, shift_week
from app.models import Board
from app.models.board import BoardPublic
from app.models.winners import DrawPublic
from app.services.boards import board_public
from app.services.standings import board_groups, board_roster, week_coins
from app.services.winners.draws import draw_history
from app.services.winners.reading import draw_public


@dataclass(frozen=True)
class ChildWeek:
    child_id: int
    name: str
    avatar: str
    group: str
    coins: int


@dataclass(frozen=True)
class GroupWeek:
    name: str
    coins: int
    goal: int | None


@dataclass(frozen=True)
class WeekOverview:
    board: BoardPublic
    week: str
    previous_week: str
    next_week: str | None
    is_current: bool
    children: list[ChildWeek]
    groups: list[GroupWeek]
    total: int
    without_coins: int
    draw: DrawPublic | None
    earlier_draws: list[DrawPublic]


def week_overview(session: Session, *, board: Board, week: str, this_week: str) -> WeekOverview:
    parse_week(week)
    coins = week_coins(session, board_id=board.id or 0, week=week)
    children = sorted(
        (
            ChildWeek(
                child_id=entry.child_id,
                name=teacher_name(entry.first_name, entry.last_initial),
                avatar=entry.avatar,
                group=entry.group_name,
                coins=coins.get(entry.child_id, 0),
            )
            for entry in board_roster(session, board_id=board.id or 0)
        ),
        key=lambda row: (-row.coins, name_key(row.name), row.child_id),
    )
    draws = [draw_public(row, board=board) for row in draw_history(session, board=board, week=week)]
    current = next((row for row in draws if row.superseded_at is None), None)
    return WeekOverview(
        board=board_public(session, board),
        week=week,
        previous_week=shift_week(week, -1),
        next_week=shift_week(week, 1) if week < this_week else None,
        is_current=week == this_week,
        children=children,
        groups=_groups(session, board, children),
        total=sum(row.coins for row in children),
        without_coins=sum(1 for row in children if row.coins == 0),
        draw=current,
        earlier_draws=[row for row in draws if row is not current],
    )


def _groups(session: Session, board: Board, children: list[ChildWeek]) -> list[GroupWeek]:
    groups = board_groups(session, board_id=board.id or 0)
    totals: dict[str, int] = {}
    for row in children:
        totals[row.group] = totals.get(row.group, 0) + row.coins
    return [
        GroupWeek(name=group.name, coins=totals.get(group.name, 0), goal=group.weekly_goal)
        for group in groups
    ]


def recent_weeks(this_week: str, count: int) -> list[str]:
    """This week and the ones before it, newest first: the week picker's choices."""
    return [shift_week(this_week, -back) for back in range(count)]

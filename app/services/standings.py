"""A board's standings for one week: what a kiosk shows, names already masked.

Every query is bounded by the week (index ``ix_coin_week_child``), so the cost follows this
week's coins and the board's children, not years of history.
"""

from dataclasses import asdict

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.domain.masking import NameDisplay, masked_name
from app.domain.screen import DisplayMode
from app.domain.standings import RosterEntry, group_totals, rank_children
from app.domain.weeks import shift_week
from app.models import Board, BoardGroup, Child, Coin, Draw, Group, Reason
from app.models.standings import (
    BoardSummary,
    ChildStandingPublic,
    GroupStandingPublic,
    LastWinnerPublic,
    RecentCoinPublic,
    StandingsPublic,
)
from app.services.events import latest_seq

RECENT_COINS = 12


def board_standings(session: Session, *, board: Board, week: str, timezone: str) -> StandingsPublic:
    # Read seq first: on SQLite and on PostgreSQL (REPEATABLE READ) every read below sees
    # the same snapshot, so the standings contain exactly the events up to this seq.
    seq = latest_seq(session)
    display = NameDisplay(board.name_display)
    groups = board_groups(session, board_id=board.id or 0)
    roster = board_roster(session, board_id=board.id or 0)
    coins = week_coins(session, board_id=board.id or 0, week=week)
    ranked = rank_children(roster, coins, display)
    return StandingsPublic(
        board=BoardSummary(
            slug=board.slug,
            title=board.title,
            name_display=display,
            display_mode=DisplayMode(board.display_mode),
            screen_hours=board.screen_hours,
            timezone=timezone,
        ),
        week=week,
        seq=seq,
        children=[ChildStandingPublic(**asdict(row)) for row in ranked],
        groups=[
            GroupStandingPublic(**asdict(row))
            for row in group_totals(
                [(g.id or 0, g.name, g.weekly_goal) for g in groups], roster, coins
            )
        ],
        recent=recent_coins(session, board_id=board.id or 0, week=week, display=display),
        last_winner=last_winner(session, board=board, week=week, display=display),
    )


def board_groups(session: Session, *, board_id: int) -> list[Group]:
    """The groups a board shows, by name (their coin tubes)."""
    return list(
        session.exec(
            select(Group)
            .join(BoardGroup, col(BoardGroup.group_id) == Group.id)
            .where(BoardGroup.board_id == board_id)
            .order_by(col(Group.name))
        ).all()
    )


def _board_children(board_id: int):
    return (
        select(Child.id)
        .join(BoardGroup, col(BoardGroup.group_id) == Child.group_id)
        .where(BoardGroup.board_id == board_id, col(Child.active).is_(True))
    )


def board_roster(session: Session, *, board_id: int) -> list[RosterEntry]:
    rows = session.exec(
        select(Child, Group.name)
        .join(Group, col(Group.id) == Child.group_id)
        .join(BoardGroup, col(BoardGroup.group_id) == Child.group_id)
        .where(BoardGroup.board_id == board_id, col(Child.active).is_(True))
    ).all()
    return [
        RosterEntry(
            child_id=child.id or 0,
            first_name=child.first_name,
            last_initial=child.last_initial,
            avatar=child.avatar,
            group_id=child.group_id,
            group_name=group_name,
        )
        for child, group_name in rows
    ]


def week_coins(session: Session, *, board_id: int, week: str) -> dict[int, int]:
    rows = session.exec(
        select(Coin.child_id, func.sum(Coin.amount))
        .where(
            Coin.week == week,
            col(Coin.voided_at).is_(None),
            col(Coin.child_id).in_(_board_children(board_id)),
        )
        .group_by(col(Coin.child_id))
    ).all()
    return {child_id: int(total) for child_id, total in rows}


def recent_coins(
    session: Session, *, board_id: int, week: str, display: NameDisplay
) -> list[RecentCoinPublic]:
    rows = session.exec(
        select(Coin, Child, Reason)
        .join(Child, col(Child.id) == Coin.child_id)
        .join(Reason, col(Reason.slug) == Coin.reason)
        .where(
            Coin.week == week,
            col(Coin.voided_at).is_(None),
            col(Coin.child_id).in_(_board_children(board_id)),
        )
        .order_by(col(Coin.recorded_at).desc())
        .limit(RECENT_COINS)
    ).all()
    return [
        RecentCoinPublic(
            coin_id=str(coin.id),
            child_id=child.id or 0,
            name=masked_name(child.first_name, child.last_initial, display),
            avatar=child.avatar,
            group_id=child.group_id,
            reason=coin.reason,
            icon=reason.icon,
            amount=coin.amount,
            awarded_at=coin.awarded_at,
        )
        for coin, child, reason in rows
    ]


def last_winner(
    session: Session, *, board: Board, week: str, display: NameDisplay
) -> LastWinnerPublic | None:
    """The latest winner: this week's once it is drawn (a kiosk that reconnects after Friday's
    reveal keeps showing it), else last week's, shown the whole following week."""
    draw = session.exec(
        select(Draw)
        .where(
            Draw.board_id == board.id,
            col(Draw.week).in_([week, shift_week(week, -1)]),
            col(Draw.superseded_at).is_(None),
            col(Draw.held_until).is_(None),  # a winner kept for the reveal is no spoiler
        )
        .order_by(col(Draw.week).desc())
    ).first()
    if draw is None:
        return None
    child = session.get(Child, draw.winner_child_id) if draw.winner_child_id else None
    group = session.get(Group, child.group_id) if child else None
    return LastWinnerPublic(
        week=draw.week,
        child_id=child.id if child else None,
        name=masked_name(child.first_name, child.last_initial, display) if child else None,
        avatar=child.avatar if child else None,
        group=group.name if group else "",
        reward=draw.reward,
        reward_status=draw.reward_status,
    )

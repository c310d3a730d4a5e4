"""Reading draws: one draw as the API shows it, the winners list, and re-running a draw."""

from sqlmodel import Session, col, select

from app.domain.draw import Candidate, WinnerPolicy, verify
from app.domain.errors import Invalid, NotFound
from app.domain.weeks import parse_week
from app.models import Board, Draw
from app.models.winners import CandidatePublic, DrawPublic, VerificationPublic
from app.services.standings import week_coins
from app.services.winners.draws import current_draw, get_draw, winner_candidate

ALGORITHM = "pleinmunt-draw-v1: sha256(seed) mod total tickets, candidates by child_id"


def draw_public(draw: Draw, *, board: Board) -> DrawPublic:
    winner = winner_candidate(draw)
    return DrawPublic.model_validate(
        draw,
        update={
            "board": board.slug,
            "board_title": board.title,
            "candidates": [CandidatePublic.model_validate(c) for c in draw.candidates],
            "winner_group": str(winner.get("group", "")),
            "winner_coins": int(winner.get("coins", 0)),
        },
    )


def public_of(session: Session, draw: Draw) -> DrawPublic:
    board = session.get(Board, draw.board_id)
    assert board is not None  # a board's draws go with it (ON DELETE CASCADE)
    return draw_public(draw, board=board)


def winner_of_week(session: Session, *, board: Board, week: str) -> Draw:
    parse_week(week)
    row = current_draw(session, board_id=board.id or 0, week=week)
    if row is None:
        raise NotFound(f"{week} on board {board.slug!r} has no winner yet", code="no_winner_yet")
    return row


def list_winners(
    session: Session,
    *,
    from_week: str | None = None,
    to_week: str | None = None,
    board: Board | None = None,
) -> list[DrawPublic]:
    """The current draw of every board-week in the range (weeks inclusive), oldest first."""
    query = select(Draw, Board).join(Board, col(Board.id) == Draw.board_id)
    query = query.where(col(Draw.superseded_at).is_(None))
    for week in (from_week, to_week):
        if week is not None:
            parse_week(week)
    if from_week and to_week and from_week > to_week:
        raise Invalid(
            f"from ({from_week}) comes after to ({to_week}); swap them", code="weeks_swapped"
        )
    # ISO week texts (2026-W48) sort like the weeks themselves.
    if from_week is not None:
        query = query.where(Draw.week >= from_week)
    if to_week is not None:
        query = query.where(Draw.week <= to_week)
    if board is not None:
        query = query.where(Draw.board_id == board.id)
    rows = session.exec(query.order_by(col(Draw.week), col(Board.title), col(Draw.id))).all()
    return [draw_public(row, board=row_board) for row, row_board in rows]


def verify_draw(
    session: Session, *, board: Board, week: str, draw_id: int | None = None
) -> VerificationPublic:
    """Re-run the week's current draw (or an earlier one) from what is stored."""
    if draw_id is None:
        row = winner_of_week(session, board=board, week=week)
    else:
        row = get_draw(session, draw_id)
        if row.board_id != board.id or row.week != week:
            raise NotFound(
                f"draw {draw_id} is not a draw of {week} on board {board.slug!r}",
                code="draw_not_found",
            )
    stored = [
        Candidate(child_id=int(c["child_id"]), coins=int(c["coins"]), tickets=int(c["tickets"]))
        for c in row.candidates
    ]
    result = verify(WinnerPolicy(row.policy), row.seed, stored, row.winner_child_id)
    return VerificationPublic(
        draw_id=row.id or 0,
        board=board.slug,
        week=row.week,
        policy=WinnerPolicy(row.policy),
        seed=row.seed,
        algorithm=ALGORITHM,
        matches=result.matches,
        stored_winner_child_id=row.winner_child_id,
        recomputed_winner_child_id=result.recomputed_winner_child_id,
        total_tickets=result.total_tickets,
        pick=result.pick,
        detail=result.detail,
        ledger_unchanged=_ledger_unchanged(session, board=board, draw=row),
    )


def _ledger_unchanged(session: Session, *, board: Board, draw: Draw) -> bool:
    """Do the ledger's coins of that week still give the stored candidates their coins?"""
    now = week_coins(session, board_id=board.id or 0, week=draw.week)
    excluded = set(draw.excluded_child_ids)
    now_candidates = {child: n for child, n in now.items() if n > 0 and child not in excluded}
    stored = {int(c["child_id"]): int(c["coins"]) for c in draw.candidates}
    return now_candidates == stored

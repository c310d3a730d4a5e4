"""Boards and the kiosk links that show them on a wall."""

from collections.abc import Mapping

from sqlalchemy import delete
from sqlmodel import Session, col, select

from app.domain.actors import Actor
from app.domain.errors import Conflict, Invalid, NotFound
from app.domain.screen import default_display_mode
from app.models import Board, BoardGroup, Group, KioskLink
from app.models.board import BoardCreate, BoardPublic, BoardUpdate, KioskLinkPublic
from app.models.types import utcnow
from app.services.audit import audit
from app.services.auth import new_token, token_hash
from app.services.events import announce_link_revoked, record_event
from app.services.flush import flush_or_conflict


def get_board(session: Session, slug: str) -> Board:
    board = session.exec(select(Board).where(Board.slug == slug)).first()
    if board is None:
        raise NotFound(f"board {slug!r} does not exist", code="board_not_found")
    return board


def board_group_ids(session: Session, board_id: int) -> list[int]:
    rows = session.exec(select(BoardGroup.group_id).where(BoardGroup.board_id == board_id)).all()
    return sorted(rows)


def board_public(session: Session, board: Board) -> BoardPublic:
    assert board.id is not None
    return BoardPublic.model_validate(
        board, update={"group_ids": board_group_ids(session, board.id)}
    )


def list_boards(session: Session) -> list[BoardPublic]:
    boards = session.exec(select(Board).order_by(col(Board.title))).all()
    return [board_public(session, board) for board in boards]


def create_board(session: Session, *, board: BoardCreate, by: Actor) -> BoardPublic:
    group_ids = _checked_groups(session, board.group_ids)
    fields = board.model_dump(exclude={"group_ids"})
    if fields["display_mode"] is None:
        kinds = session.exec(select(Group.kind).where(col(Group.id).in_(group_ids))).all()
        fields["display_mode"] = default_display_mode(kinds)
    row = Board.model_validate(fields)
    session.add(row)
    flush_or_conflict(
        session,
        Conflict(
            f"a board with slug {board.slug!r} already exists",
            code="board_exists",
            slug=board.slug,
        ),
    )
    assert row.id is not None
    session.add_all(BoardGroup(board_id=row.id, group_id=group_id) for group_id in group_ids)
    audit(session, by=by, action="board.create", subject=f"board:{row.slug}")
    public = board_public(session, row)
    session.commit()
    return public


def update_board(session: Session, *, slug: str, changes: BoardUpdate, by: Actor) -> BoardPublic:
    row = get_board(session, slug)
    assert row.id is not None
    fields = changes.model_dump(exclude_unset=True)
    if any(value is None for name, value in fields.items() if name != "screen_hours"):
        raise Invalid(
            "board settings cannot be emptied; leave a field out to keep it", code="field_empty"
        )
    if "group_ids" in fields:
        group_ids = _checked_groups(session, fields.pop("group_ids"))
        session.exec(delete(BoardGroup).where(col(BoardGroup.board_id) == row.id))
        session.add_all(BoardGroup(board_id=row.id, group_id=group_id) for group_id in group_ids)
    for name, value in fields.items():
        setattr(row, name, value)
    session.add(row)
    audit(
        session,
        by=by,
        action="board.update",
        subject=f"board:{slug}",
        fields=list(changes.model_dump(exclude_unset=True)),
    )
    record_event(session, kind="board", board_id=row.id, payload={"board": slug})
    public = board_public(session, row)
    session.commit()
    return public


def _checked_groups(session: Session, group_ids: list[int]) -> list[int]:
    wanted = sorted(set(group_ids))
    found = set(session.exec(select(Group.id).where(col(Group.id).in_(wanted))).all())
    missing = [group_id for group_id in wanted if group_id not in found]
    if missing:
        raise Invalid(
            f"group(s) {', '.join(map(str, missing))} do not exist", code="group_not_found"
        )
    return wanted


def create_kiosk_link(
    session: Session, *, slug: str, label: str, by: Actor
) -> tuple[KioskLink, str]:
    """A new read-only link for one board. The token is returned once and stored only hashed."""
    board = get_board(session, slug)
    assert board.id is not None
    token = new_token()
    link = KioskLink(
        board_id=board.id, token_hash=token_hash(token), label=label, created_by=by.label
    )
    session.add(link)
    session.flush()
    audit(session, by=by, action="kiosk_link.create", subject=f"kiosk_link:{link.id}", board=slug)
    session.commit()
    return link, token


def list_kiosk_links(
    session: Session, *, slug: str, connected: Mapping[int, int] | None = None
) -> list[KioskLinkPublic]:
    """The board's links, with ``connected`` (screens now, from the hub) for each."""
    board = get_board(session, slug)
    links = session.exec(
        select(KioskLink).where(KioskLink.board_id == board.id).order_by(col(KioskLink.id))
    ).all()
    counts = connected or {}
    return [
        KioskLinkPublic.model_validate(
            link, update={"board": slug, "connected": counts.get(link.id or 0, 0)}
        )
        for link in links
    ]


def revoke_kiosk_link(session: Session, *, slug: str, link_id: int, by: Actor) -> None:
    board = get_board(session, slug)
    link = session.get(KioskLink, link_id)
    if link is None or link.board_id != board.id:
        raise NotFound(
            f"kiosk link {link_id} does not exist on board {slug!r}", code="kiosk_link_not_found"
        )
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        session.add(link)
        audit(session, by=by, action="kiosk_link.revoke", subject=f"kiosk_link:{link_id}")
        announce_link_revoked(session, link_id)
    session.commit()

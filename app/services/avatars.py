"""Avatars for new children: one not yet seen on the child's board while any pair is left."""

from sqlmodel import Session, col, select

from app.domain.avatars import choose_avatar
from app.models import BoardGroup, Child


def groups_sharing_a_board(session: Session, group_id: int) -> set[int]:
    """The group itself and every group on a board with it (the children one screen shows)."""
    boards = select(BoardGroup.board_id).where(BoardGroup.group_id == group_id)
    neighbours = session.exec(
        select(BoardGroup.group_id).where(col(BoardGroup.board_id).in_(boards))
    ).all()
    return {group_id, *neighbours}


def avatar_for_new_child(session: Session, *, group_id: int, seed: str) -> str:
    taken = session.exec(
        select(Child.avatar).where(
            col(Child.group_id).in_(groups_sharing_a_board(session, group_id)), Child.active
        )
    ).all()
    return choose_avatar(taken, seed=seed)

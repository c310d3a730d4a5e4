"""A winner's reward: free text (or one of the school's usual rewards) and pending/given."""

from sqlmodel import Session

from app.domain.actors import Actor
from app.domain.errors import Conflict
from app.models import Board, Draw
from app.models.types import utcnow
from app.models.winners import RewardStatus, RewardUpdate
from app.services.audit import audit
from app.services.events import record_event
from app.services.winners.draws import get_draw
from app.settings import Settings


def usual_rewards(settings: Settings) -> list[str]:
    return [reward.strip() for reward in settings.usual_rewards if reward.strip()]


def update_reward(session: Session, *, draw_id: int, changes: RewardUpdate, by: Actor) -> Draw:
    """Set a winner's reward or its status; the board's kiosks refresh to show it."""
    row = get_draw(session, draw_id)
    if row.superseded_at is not None:
        raise Conflict(
            f"draw {draw_id} was replaced by a redraw; change the reward of the current draw",
            code="draw_replaced",
        )
    fields = changes.model_dump(exclude_unset=True, exclude_none=True)
    if not fields:
        return row  # nothing to change, nothing for the kiosks to refresh
    if "reward" in fields:
        row.reward = fields["reward"]
    status = fields.get("reward_status")
    if status is not None and status != row.reward_status:
        row.reward_status = status
        row.reward_given_at = utcnow() if status == RewardStatus.given else None
    session.add(row)
    audit(session, by=by, action="winner.reward", subject=f"draw:{draw_id}", fields=sorted(fields))
    board = session.get(Board, row.board_id)
    # Last week's winner and reward are on the board all week: kiosks need a fresh snapshot.
    record_event(
        session,
        kind="board",
        board_id=row.board_id,
        payload={"board": board.slug if board else None},
    )
    session.commit()
    return row

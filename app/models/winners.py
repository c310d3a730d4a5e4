"""What the winners API takes and gives: draws, their verification, rewards."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import StringConstraints
from sqlmodel import Field, SQLModel

from app.domain.draw import WinnerPolicy
from app.models.fields import Text

Reward = Annotated[Text, StringConstraints(max_length=200)]
RedrawReason = Annotated[Text, StringConstraints(min_length=3, max_length=500)]


class RevealChoice(StrEnum):
    now = "now"
    at_draw_time = "at_draw_time"


class RewardStatus(StrEnum):
    pending = "pending"
    given = "given"


class DrawCreate(SQLModel):
    redraw_reason: RedrawReason | None = Field(
        default=None, description="Required to draw a week again; the earlier draw is kept"
    )
    reward: Reward | None = Field(default=None, description="Optional; can be set later")
    reveal: RevealChoice = Field(
        default=RevealChoice.now,
        description="now: the wall shows the winner at once; at_draw_time: kept for the reveal "
        "at the next automatic draw time (PLEINMUNT_DRAW_AT)",
    )


class CandidatePublic(SQLModel):
    child_id: int | None
    name: str
    group: str
    coins: int
    tickets: int


class DrawPublic(SQLModel):
    id: int
    board: str
    board_title: str
    week: str
    policy: WinnerPolicy
    seed: str
    candidates: list[CandidatePublic]
    excluded_child_ids: list[int]
    winner_child_id: int | None
    winner_name: str
    winner_group: str
    winner_coins: int
    drawn_at: datetime
    drawn_by: str
    redraw_reason: str | None
    superseded_at: datetime | None
    held_until: datetime | None = Field(
        default=None, description="kept for the reveal: the wall shows it from then on"
    )
    reward: str
    reward_status: RewardStatus
    reward_given_at: datetime | None


class VerificationPublic(SQLModel):
    draw_id: int
    board: str
    week: str
    policy: WinnerPolicy
    seed: str
    algorithm: str
    matches: bool
    stored_winner_child_id: int | None
    recomputed_winner_child_id: int | None
    total_tickets: int
    pick: int | None
    detail: str
    ledger_unchanged: bool = Field(
        description="The week's coins in the ledger today are still what the draw saw "
        "(false after a late offline coin or an undo)"
    )


class RewardUpdate(SQLModel):
    reward: Reward | None = None
    reward_status: RewardStatus | None = None

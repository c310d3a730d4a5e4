"""Weekly winner draws: everything needed to re-run one and get the same winner."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, text
from sqlmodel import Field, SQLModel

from app.models.types import UTCDateTime, utcnow


class Draw(SQLModel, table=True):
    __table_args__ = (
        # One current draw per board and week; redraws keep the earlier one, superseded.
        Index(
            "uq_draw_board_week_current",
            "board_id",
            "week",
            unique=True,
            sqlite_where=text("superseded_at IS NULL"),
            postgresql_where=text("superseded_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", index=True, ondelete="CASCADE")
    week: str = Field(max_length=8)
    policy: str = Field(max_length=20)
    seed: str = Field(max_length=64)
    # [{"child_id", "name", "group", "coins", "tickets"}]; names become "erased" on erasure.
    candidates: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    excluded_child_ids: list[int] = Field(sa_column=Column(JSON, nullable=False))
    winner_child_id: int | None = Field(default=None)
    winner_name: str = Field(max_length=60)
    drawn_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    drawn_by: str = Field(max_length=40)
    redraw_reason: str | None = Field(default=None, max_length=500)
    superseded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Kept for the reveal: the wall shows this winner from this moment on (None: shown already).
    held_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reward: str = Field(default="", max_length=200)
    reward_status: str = Field(default="pending", max_length=10)
    reward_given_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

"""Boards (what one kiosk shows) and the read-only kiosk links that open them."""

from datetime import datetime
from typing import Annotated, Any

from pydantic import AwareDatetime, ConfigDict, Strict, StringConstraints, model_validator
from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.domain.draw import WinnerPolicy
from app.domain.masking import NameDisplay
from app.domain.screen import DisplayMode
from app.models.fields import Id, Int, Label, Slug, Title
from app.models.types import UTCDateTime, utcnow


class Board(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=40, unique=True)
    title: str = Field(max_length=80)
    name_display: str = Field(default=NameDisplay.first_name, max_length=20)
    winner_policy: str = Field(default=WinnerPolicy.most_coins, max_length=20)
    exclude_recent_weeks: int = Field(default=2)
    display_mode: str = Field(default=DisplayMode.ranking, max_length=20)
    # None: always; else {"days": [1..7], "start": "HH:MM", "end": "HH:MM"} on the school's clock.
    screen_hours: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


Clock = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
Weekday = Annotated[int, Strict(), Field(ge=1, le=7)]


class ScreenHours(SQLModel):
    """When the board's screen may show children; outside them it is dark (a small clock)."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]
    days: list[Weekday] = Field(min_length=1, max_length=7, description="ISO weekdays, 1 = Monday")
    start: Clock = Field(description='"HH:MM" on the school\'s clock')
    end: Clock = Field(description='"HH:MM"; before start: the hours run past midnight')

    @model_validator(mode="after")
    def _tidy(self) -> "ScreenHours":
        if self.start == self.end:
            raise ValueError("start and end must differ (leave screen_hours null for always)")
        self.days = sorted(set(self.days))
        return self


class BoardGroup(SQLModel, table=True):
    __tablename__ = "board_group"
    board_id: int = Field(foreign_key="board.id", primary_key=True, ondelete="CASCADE")
    group_id: int = Field(foreign_key="group.id", primary_key=True, ondelete="CASCADE")


class BoardCreate(SQLModel):
    slug: Slug
    title: Title
    group_ids: list[Id] = Field(min_length=1, max_length=50)
    name_display: NameDisplay = NameDisplay.first_name
    winner_policy: WinnerPolicy = WinnerPolicy.most_coins
    exclude_recent_weeks: Int = Field(default=2, ge=0, le=52)
    display_mode: DisplayMode | None = Field(
        default=None, description="ranking; groups when every group is a daycare group"
    )
    screen_hours: ScreenHours | None = None


class BoardUpdate(SQLModel):
    title: Title | None = None
    group_ids: list[Id] | None = Field(default=None, min_length=1, max_length=50)
    name_display: NameDisplay | None = None
    winner_policy: WinnerPolicy | None = None
    exclude_recent_weeks: Int | None = Field(default=None, ge=0, le=52)
    display_mode: DisplayMode | None = None
    screen_hours: ScreenHours | None = Field(default=None, description="null: always")


class BoardPublic(SQLModel):
    id: int
    slug: str
    title: str
    group_ids: list[int]
    name_display: NameDisplay
    winner_policy: WinnerPolicy
    exclude_recent_weeks: int
    display_mode: DisplayMode
    screen_hours: ScreenHours | None


class KioskLink(SQLModel, table=True):
    __tablename__ = "kiosk_link"
    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", index=True, ondelete="CASCADE")
    # SHA-256 of a 256-bit random token; the token itself is shown once and never stored.
    token_hash: str = Field(max_length=64, unique=True)
    label: str = Field(default="", max_length=80)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: str = Field(max_length=40)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # When a screen of this link was last connected (written at most once a minute per link).
    last_seen_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class KioskLinkCreate(SQLModel):
    label: Label = ""


class KioskLinkPublic(SQLModel):
    id: int
    board: str
    label: str
    created_at: AwareDatetime
    created_by: str
    revoked_at: AwareDatetime | None
    connected: int = Field(default=0, description="screens connected with this link now")
    last_seen_at: AwareDatetime | None = Field(
        default=None, description="when a screen of this link was last connected"
    )


class KioskLinkCreated(SQLModel):
    id: int
    token: str
    url: str

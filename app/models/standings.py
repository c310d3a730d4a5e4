"""A board's week: standings, recent coins and the last winner, names already masked
(app/services/standings.py builds them). What a kiosk receives of them is cut out by the
protocol's whitelist (app/realtime/protocol.py, ``kiosk_snapshot``): no child the board may not
show (groups mode, no consent) keeps a name, avatar or id there."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from app.domain.masking import NameDisplay
from app.domain.screen import DisplayMode


class ChildStandingPublic(BaseModel):
    child_id: int
    name: str | None
    avatar: str
    group: str
    coins: int


class GroupStandingPublic(BaseModel):
    group_id: int
    name: str
    coins: int
    goal: int | None


class RecentCoinPublic(BaseModel):
    coin_id: str
    child_id: int | None = None
    name: str | None = None
    avatar: str | None = None
    group_id: int
    reason: str
    icon: str
    amount: int
    awarded_at: datetime


class LastWinnerPublic(BaseModel):
    week: str
    child_id: int | None = None
    name: str | None = None
    avatar: str | None = None
    group: str = ""
    reward: str
    reward_status: str


class BoardSummary(BaseModel):
    slug: str
    title: str
    name_display: NameDisplay
    display_mode: DisplayMode
    screen_hours: dict[str, Any] | None = None
    timezone: str


class StandingsPublic(BaseModel):
    board: BoardSummary
    week: str
    seq: int
    children: list[ChildStandingPublic]
    groups: list[GroupStandingPublic]
    recent: list[RecentCoinPublic]
    last_winner: LastWinnerPublic | None

"""What a kiosk receives for a board's week: standings, recent coins and the last winner, names
already masked (app/services/standings.py builds them)."""

from datetime import datetime

from pydantic import BaseModel

from app.domain.masking import NameDisplay


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
    child_id: int
    name: str | None
    avatar: str
    reason: str
    icon: str
    amount: int
    awarded_at: datetime


class LastWinnerPublic(BaseModel):
    week: str
    child_id: int | None
    name: str | None
    avatar: str | None
    reward: str
    reward_status: str


class BoardSummary(BaseModel):
    slug: str
    title: str
    name_display: NameDisplay


class StandingsPublic(BaseModel):
    board: BoardSummary
    week: str
    seq: int
    children: list[ChildStandingPublic]
    groups: list[GroupStandingPublic]
    recent: list[RecentCoinPublic]
    last_winner: LastWinnerPublic | None

"""What the tablet receives: one group's children with today's and this week's coins, and who
is signed in (app/services/tablet.py builds them)."""

from datetime import date

from pydantic import BaseModel

from app.models.reason import ReasonPublic
from app.models.roster import GroupKind


class TabletChild(BaseModel):
    id: int
    first_name: str
    last_initial: str | None
    avatar: str
    emoji: str
    colour: str
    active: bool
    coins_today: int
    coins_week: int
    cap_left: int


class TabletGroupRef(BaseModel):
    id: int
    name: str
    kind: GroupKind


class TabletGroup(BaseModel):
    group: TabletGroupRef
    day: date
    week: str
    daily_cap: int
    children: list[TabletChild]
    unseen: list[int]
    reasons: list[ReasonPublic]


class TabletMe(BaseModel):
    role: str
    id: int
    name: str

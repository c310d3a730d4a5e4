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


class MyDay(BaseModel):
    """What the signed-in intern gave today, in every group: for them alone, never compared."""

    coins: int
    child_ids: list[int]  # the different children; the tablet adds its outbox's coins to both


class TabletGroup(BaseModel):
    group: TabletGroupRef
    day: date
    week: str
    daily_cap: int
    children: list[TabletChild]
    unseen: list[int]
    unseen_first: bool  # a long list: the tablet shows these children first
    mine_today: MyDay
    reasons: list[ReasonPublic]


class TabletMe(BaseModel):
    role: str
    id: int
    name: str

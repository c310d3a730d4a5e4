"""Groups (classes and daycare groups) and children: only what the scheme needs to know."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.models.fields import Flag, Id, Int, LastInitial, ShortName
from app.models.types import UTCDateTime, utcnow


class GroupKind(StrEnum):
    school_class = "class"
    daycare = "daycare"


class GroupBase(SQLModel):
    name: str = Field(max_length=40, unique=True)
    kind: str = Field(default=GroupKind.school_class, max_length=10)
    # The group's coin tube: this many coins in a week is a shared class reward.
    weekly_goal: int | None = Field(default=None)


class Group(GroupBase, table=True):
    __tablename__ = "group"
    id: int | None = Field(default=None, primary_key=True)


class GroupCreate(SQLModel):
    name: ShortName
    kind: GroupKind = GroupKind.school_class
    weekly_goal: Int | None = Field(default=None, ge=1, le=100_000)


class GroupUpdate(SQLModel):
    name: ShortName | None = None
    kind: GroupKind | None = None
    weekly_goal: Int | None = Field(default=None, ge=1, le=100_000)


class GroupPublic(SQLModel):
    id: int
    name: str
    kind: GroupKind
    weekly_goal: int | None


class ChildBase(SQLModel):
    first_name: str = Field(max_length=40)
    last_initial: str | None = Field(default=None, max_length=1)
    group_id: int = Field(foreign_key="group.id", index=True)
    avatar: str = Field(max_length=40)


class Child(ChildBase, table=True):
    """A child: first name, optional last-name initial, group, avatar. Nothing else (DESIGN.md)."""

    id: int | None = Field(default=None, primary_key=True)
    active: bool = Field(default=True)
    # The parents' consent to show the child on the wall display; False: never named or
    # pictured on any kiosk, while their coins still count for the group and they can win.
    show_on_board: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # HMAC-SHA256 (keyed with the secret key) of the school administration's id for the child,
    # set by an EDEX import, so next year's file moves the child instead of adding them again.
    # Without the secret key it cannot be turned back into, or matched with, the real id.
    source_key: str | None = Field(default=None, max_length=64, unique=True, index=True)


class ChildCreate(SQLModel):
    first_name: ShortName
    last_initial: LastInitial | None = None
    group_id: Id
    avatar: str | None = Field(default=None, description='e.g. "fox:orange"; chosen if omitted')
    show_on_board: Flag = Field(default=True, description="false: never shown on a kiosk")


class ChildUpdate(SQLModel):
    first_name: ShortName | None = None
    last_initial: LastInitial | None = None
    group_id: Id | None = None
    avatar: str | None = None
    active: Flag | None = None
    show_on_board: Flag | None = None


class ChildPublic(SQLModel):
    id: int
    first_name: str
    last_initial: str | None
    group_id: int
    avatar: str
    active: bool
    show_on_board: bool

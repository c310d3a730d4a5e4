"""Daycare bikes, the queue of toddlers waiting for one, and the handovers between them."""

import uuid
from datetime import datetime

import pydantic
from pydantic import AwareDatetime
from sqlmodel import Field, SQLModel

from app.models.fields import Flag, Id, ShortName
from app.models.types import UTCDateTime, utcnow


class Bike(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=40)
    group_id: int = Field(foreign_key="group.id", index=True)
    rider_child_id: int | None = Field(default=None, foreign_key="child.id", ondelete="SET NULL")
    rider_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    active: bool = Field(default=True)


class BikeCreate(SQLModel):
    name: ShortName
    group_id: Id


class BikeUpdate(SQLModel):
    name: ShortName | None = None
    active: Flag | None = None


class BikePublic(SQLModel):
    id: int
    name: str
    group_id: int
    rider_child_id: int | None
    rider_since: AwareDatetime | None
    active: bool
    queue: list[int] = Field(default_factory=list, description="child ids, first in line first")


class BikeQueueEntry(SQLModel, table=True):
    __tablename__ = "bike_queue_entry"
    bike_id: int = Field(foreign_key="bike.id", primary_key=True, ondelete="CASCADE")
    child_id: int = Field(foreign_key="child.id", primary_key=True, ondelete="CASCADE")
    queued_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BikeTurn(SQLModel, table=True):
    """A handover of a bike from one toddler to the next; a good one earns both a coin."""

    __tablename__ = "bike_turn"
    id: uuid.UUID = Field(primary_key=True)
    bike_id: int = Field(foreign_key="bike.id", index=True)
    from_child_id: int = Field(foreign_key="child.id", ondelete="CASCADE", index=True)
    to_child_id: int = Field(foreign_key="child.id", ondelete="CASCADE", index=True)
    went_well: bool
    at: datetime = Field(sa_type=UTCDateTime)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    logged_by: str = Field(max_length=40)
    request_hash: str = Field(max_length=64)


class BikeTurnCreate(SQLModel):
    id: uuid.UUID
    bike_id: Id
    from_child_id: Id
    to_child_id: Id
    went_well: Flag
    at: AwareDatetime | None = None


class BikeTurnPublic(SQLModel):
    id: uuid.UUID
    bike_id: int
    from_child_id: int
    to_child_id: int
    went_well: bool
    at: datetime
    recorded_at: datetime
    logged_by: str
    coin_ids: list[uuid.UUID] = Field(default_factory=list)


class QueueJoin(pydantic.BaseModel):
    child_id: Id


class RiderChange(pydantic.BaseModel):
    child_id: Id | None = pydantic.Field(default=None, description="null parks the bike")

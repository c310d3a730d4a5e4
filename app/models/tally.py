"""The anonymous conflict tally: how many conflicts per recess per zone. No names, ever."""

from datetime import date, datetime

import pydantic
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.fields import Int
from app.models.types import UTCDateTime, utcnow


class RecessTally(SQLModel, table=True):
    __tablename__ = "recess_tally"
    __table_args__ = (UniqueConstraint("day", "recess", "zone"),)

    id: int | None = Field(default=None, primary_key=True)
    day: date
    recess: str = Field(max_length=40)
    zone: str = Field(max_length=40)
    conflicts: int = Field(default=0)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TallyChange(pydantic.BaseModel):
    recess: str | None = pydantic.Field(
        default=None, max_length=40, description="morning or lunch; default: by the clock"
    )
    zone: str = pydantic.Field(max_length=40)
    delta: Int = pydantic.Field(default=1, description="1 (a conflict) or -1 (tapped by mistake)")


class TallyPublic(pydantic.BaseModel):
    day: date
    recess: str
    zone: str
    conflicts: int


class TalliesPublic(pydantic.BaseModel):
    day: date
    recess_now: str
    tallies: list[TallyPublic]

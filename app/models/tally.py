"""The anonymous conflict tally: how many conflicts per recess per zone. No names, ever."""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

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

"""The first teacher's way in: the one-time setup code `pleinmunt serve` prints."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from app.models.types import UTCDateTime, utcnow


class SetupCode(SQLModel, table=True):
    """At most one row, while the school has no teacher. Only a keyed hash of the code is kept;
    the row is deleted when the first teacher is made."""

    __tablename__ = "setup_code"
    id: int = Field(default=1, primary_key=True)
    code_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

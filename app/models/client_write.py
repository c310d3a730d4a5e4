"""Writes a tablet may send again (tallies, bike-queue changes): kept by the tablet's own id."""

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from app.models.types import UTCDateTime, utcnow


class ClientWrite(SQLModel, table=True):
    """One write that went through a tablet's outbox, so a replay is recognised, not redone.

    Coins and bike turns carry their id and request fingerprint on their own rows; a tally
    change or a bike-queue change changes a row in place, so its id is kept here instead.
    """

    __tablename__ = "client_write"

    id: uuid.UUID = Field(primary_key=True)
    kind: str = Field(max_length=20)
    # What the write changed ("tally:12", "bike:3"), so a replay answers with its state now.
    subject: str = Field(max_length=40)
    # Fingerprint of the request (kind included): a replay must carry the same body.
    request_hash: str = Field(max_length=64)
    logged_by: str = Field(max_length=40)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

"""The school's own zones of the schoolyard, where the recess tally counts conflicts."""

from sqlmodel import Field, SQLModel

from app.models.fields import Flag, Icon, Int, ShortName


class Zone(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    # Made from the first name ("Voetbalveld" → "voetbalveld") and kept when it is renamed:
    # tallies and tablets' outboxes name a zone by it.
    slug: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=40)
    icon: str = Field(default="📍", max_length=16)
    position: int = Field(default=0)
    active: bool = Field(default=True)


class ZoneCreate(SQLModel):
    name: ShortName
    icon: Icon = "📍"
    position: Int | None = Field(default=None, ge=0, le=10_000, description="default: last")


class ZoneUpdate(SQLModel):
    name: ShortName | None = None
    icon: Icon | None = None
    position: Int | None = Field(default=None, ge=0, le=10_000)
    active: Flag | None = None


class ZonePublic(SQLModel):
    slug: str
    name: str
    icon: str
    position: int
    active: bool

"""Why a coin was earned. Coins are positive only: there are no penalty reasons."""

from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.models.fields import Flag, Icon, Int, Slug, Title


class ReasonContext(StrEnum):
    recess = "recess"
    bike = "bike"


class Reason(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=40, unique=True)
    label_nl: str = Field(max_length=80)
    label_en: str = Field(max_length=80)
    icon: str = Field(max_length=16)
    context: str = Field(default=ReasonContext.recess, max_length=10)
    position: int = Field(default=0)
    active: bool = Field(default=True)


class ReasonCreate(SQLModel):
    slug: Slug
    label_nl: Title
    label_en: Title
    icon: Icon
    context: ReasonContext = ReasonContext.recess
    position: Int = Field(default=0, ge=0, le=10_000)


class ReasonUpdate(SQLModel):
    label_nl: Title | None = None
    label_en: Title | None = None
    icon: Icon | None = None
    context: ReasonContext | None = None
    position: Int | None = Field(default=None, ge=0, le=10_000)
    active: Flag | None = None


class ReasonPublic(SQLModel):
    slug: str
    label_nl: str
    label_en: str
    icon: str
    context: ReasonContext
    position: int
    active: bool

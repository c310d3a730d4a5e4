"""Who may sign in: teachers (password), loggers (PIN), and their server-side sessions."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from app.domain.credentials import MAX_PASSWORD_LENGTH
from app.models.fields import Flag, Id, Pin, ShortName
from app.models.types import UTCDateTime, utcnow


class Teacher(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=60, unique=True)
    password_hash: str = Field(max_length=200)
    active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Logger(SQLModel, table=True):
    """An intern (or daycare staff member) who logs coins on a tablet."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=40, unique=True)
    pin_hash: str = Field(max_length=200)
    active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class LoggerCreate(SQLModel):
    name: ShortName
    pin: Pin


class LoggerUpdate(SQLModel):
    name: ShortName | None = None
    pin: Pin | None = None
    active: Flag | None = None


class LoggerPublic(SQLModel):
    id: int
    name: str
    active: bool


class UserSession(SQLModel, table=True):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "user_session"
    id: str = Field(primary_key=True, max_length=64)
    role: str = Field(max_length=10)
    teacher_id: int | None = Field(default=None, foreign_key="teacher.id", ondelete="CASCADE")
    logger_id: int | None = Field(
        default=None, foreign_key="logger.id", ondelete="CASCADE", index=True
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    device: str = Field(default="", max_length=120)


class SignInFailure(SQLModel, table=True):
    """A wrong PIN or password, kept for the throttling window only."""

    __tablename__ = "sign_in_failure"
    id: int | None = Field(default=None, primary_key=True)
    account: str = Field(max_length=80, index=True)
    address: str = Field(max_length=64, index=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class TeacherSignIn(SQLModel):
    username: ShortName
    password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)


class PinSignIn(SQLModel):
    logger_id: Id
    pin: str = Field(min_length=1, max_length=20)

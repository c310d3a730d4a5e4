"""Teachers and loggers (interns): accounts, PINs and their open sessions."""

from sqlalchemy import delete
from sqlmodel import Session, col, select

from app.domain.actors import CLI_TEACHER, Actor, Role
from app.domain.credentials import check_teacher_password
from app.domain.errors import Conflict, Invalid, NotFound
from app.models import Logger, Teacher, UserSession
from app.models.people import LoggerCreate, LoggerUpdate
from app.models.types import utcnow
from app.services.audit import audit
from app.services.auth import clear_failures
from app.services.auth_cache import forget_person
from app.services.flush import flush_or_conflict
from app.services.passwords import hash_secret
from app.settings import Settings


def teacher_username(username: str, password: str) -> str:
    """The username as stored, once both it and the password are acceptable."""
    username = username.strip().lower()
    if (
        not username
        or len(username) > 60
        or not username.replace(".", "").replace("-", "").isalnum()
    ):
        raise Invalid(
            "a username is 1-60 letters or digits (dots and dashes allowed)",
            code="username_invalid",
        )
    check_teacher_password(password, username=username)
    return username


def create_teacher(
    session: Session, *, username: str, password: str, settings: Settings
) -> Teacher:
    username = teacher_username(username, password)
    existing = session.exec(select(Teacher).where(Teacher.username == username)).first()
    if existing is not None:
        existing.password_hash = hash_secret(settings, password)
        clear_failures(session, account=f"teacher:{username}")
        # A new password signs the old one's sessions out (it may have been guessed).
        session.exec(delete(UserSession).where(col(UserSession.teacher_id) == existing.id))
        forget_person(session, Role.teacher, existing.id or 0)
        existing.active = True
        session.add(existing)
        row = existing
    else:
        row = Teacher(username=username, password_hash=hash_secret(settings, password))
        session.add(row)
    session.flush()
    audit(session, by=CLI_TEACHER, action="teacher.set", subject=f"teacher:{row.id}")
    session.commit()
    return row


def list_loggers(session: Session, *, active: bool | None = None) -> list[Logger]:
    query = select(Logger)
    if active is not None:
        query = query.where(Logger.active == active)
    return list(session.exec(query.order_by(col(Logger.name))).all())


def create_logger(
    session: Session, *, logger: LoggerCreate, by: Actor, settings: Settings
) -> Logger:
    row = Logger(name=logger.name, pin_hash=hash_secret(settings, logger.pin))
    session.add(row)
    flush_or_conflict(
        session,
        Conflict(
            f"a logger named {logger.name!r} already exists",
            code="logger_name_taken",
            name=logger.name,
        ),
    )
    audit(session, by=by, action="logger.create", subject=f"logger:{row.id}")
    session.commit()
    return row


def update_logger(
    session: Session, *, logger_id: int, changes: LoggerUpdate, by: Actor, settings: Settings
) -> Logger:
    row = session.get(Logger, logger_id)
    if row is None:
        raise NotFound(f"logger {logger_id} does not exist", code="logger_not_found")
    fields = changes.model_dump(exclude_unset=True)
    if any(value is None for value in fields.values()):
        raise Invalid(
            "logger fields cannot be emptied; leave a field out to keep it", code="field_empty"
        )
    if "name" in fields:
        row.name = fields["name"]
    if "pin" in fields:
        row.pin_hash = hash_secret(settings, fields["pin"])
    if "active" in fields:
        row.active = fields["active"]
    session.add(row)
    # Flush the row's own change first: the deletes below would autoflush it outside this
    # check, and a taken name would surface as a 500 instead of a 409.
    flush_or_conflict(
        session,
        Conflict(
            f"a logger named {fields.get('name')!r} already exists",
            code="logger_name_taken",
            name=str(fields.get("name")),
        ),
    )
    if "pin" in fields:
        clear_failures(session, account=f"logger:{logger_id}")
    if "pin" in fields or fields.get("active") is False:
        # A new PIN or the end of an internship signs the logger out everywhere.
        end_sessions(session, logger_id=logger_id)
    audit(
        session, by=by, action="logger.update", subject=f"logger:{logger_id}", fields=sorted(fields)
    )
    session.commit()
    return row


def end_sessions(session: Session, *, logger_id: int) -> None:
    session.exec(delete(UserSession).where(col(UserSession.logger_id) == logger_id))
    forget_person(session, Role.logger, logger_id)


def logger_sessions(session: Session) -> list[UserSession]:
    """The interns' open sessions (a tablet or browser each), most recently seen first."""
    return list(
        session.exec(
            select(UserSession)
            .where(col(UserSession.logger_id).is_not(None), UserSession.expires_at > utcnow())
            .order_by(col(UserSession.last_seen_at).desc())
        ).all()
    )


def end_logger_sessions(session: Session, *, logger_id: int, by: Actor) -> int:
    """Sign a logger out everywhere (a lost tablet); the PIN stays as it is."""
    if session.get(Logger, logger_id) is None:
        raise NotFound(f"logger {logger_id} does not exist", code="logger_not_found")
    ended = len(
        session.exec(select(UserSession.id).where(UserSession.logger_id == logger_id)).all()
    )
    end_sessions(session, logger_id=logger_id)
    audit(session, by=by, action="logger.sign_out", subject=f"logger:{logger_id}", sessions=ended)
    session.commit()
    return ended

"""Signing in and out, server-side sessions, kiosk link tokens, and sign-in throttling.

Throttling (README, "Sign-in throttling"): within ``throttle_minutes`` (15), after
``throttle_per_account`` (5) wrong PINs or passwords for one account from one client address,
``throttle_per_account_everywhere`` (30) for one account from all addresses together, or
``throttle_per_address`` (20) from one client address, every further attempt, right or wrong,
is answered 429 with ``Retry-After`` until the oldest failure leaves the window. So a tablet
that guesses locks that intern out on that tablet only, not on every tablet of the school.

Every attempt is counted as a failure *before* the slow hash check, in the same write
transaction as the check of the limits (the writers' lock serializes those), so a burst of
parallel guesses cannot all pass the check first: at most the limit reaches the hash. A correct
sign-in clears that address's failures for the account, its own attempt among them, but not the
account's failures elsewhere: an intern signing in on one tablet must not hand a guessing tablet
fresh tries. A new PIN or password clears all of the account's failures.
"""

import hashlib
import math
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from app.domain.actors import Actor, Role
from app.domain.errors import NotSignedIn, TooManyAttempts
from app.models import KioskLink, Logger, SignInFailure, Teacher, UserSession
from app.models.types import utcnow
from app.services.auth_cache import forget_token
from app.services.passwords import verify_secret
from app.settings import Settings

# Touch last_seen_at at most this often: a coin POST should not write the session row.
_TOUCH_EVERY = timedelta(minutes=5)


def new_token() -> str:
    return secrets.token_urlsafe(32)  # 256 random bits


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sign_in_teacher(
    session: Session,
    *,
    username: str,
    password: str,
    address: str,
    device: str,
    settings: Settings,
    replaces: str | None = None,
) -> str:
    """A new session token for a right password. ``replaces``: the session token the browser
    sent along, if any; it ends with this sign-in (one browser, one session)."""
    account = f"teacher:{username.strip().lower()}"
    check_throttle(session, account=account, address=address, settings=settings)
    teacher = session.exec(
        select(Teacher).where(Teacher.username == username.strip().lower(), Teacher.active)
    ).first()
    _end_read(session)  # the hash check is slow; hold no lock meanwhile
    if not verify_secret(settings, teacher.password_hash if teacher else None, password):
        raise NotSignedIn("That username and password do not match.", code="wrong_password")
    assert teacher is not None
    assert teacher.id is not None
    return open_session(
        session,
        role=Role.teacher,
        account=account,
        address=address,
        person_id=teacher.id,
        device=device,
        settings=settings,
        replaces=replaces,
    )


def sign_in_logger(
    session: Session,
    *,
    logger_id: int,
    pin: str,
    address: str,
    device: str,
    settings: Settings,
    replaces: str | None = None,
) -> str:
    account = f"logger:{logger_id}"
    check_throttle(session, account=account, address=address, settings=settings)
    logger = session.exec(select(Logger).where(Logger.id == logger_id, Logger.active)).first()
    _end_read(session)
    if not verify_secret(settings, logger.pin_hash if logger else None, pin):
        raise NotSignedIn("That PIN is not right. Try again.", code="wrong_pin")
    return open_session(
        session,
        role=Role.logger,
        account=account,
        address=address,
        person_id=logger_id,
        device=device,
        settings=settings,
        replaces=replaces,
    )


def check_throttle(session: Session, *, account: str, address: str, settings: Settings) -> None:
    """Refuse the attempt when a limit is reached; otherwise count it as a failure already (the
    caller's transaction commits it before the hash check; a correct sign-in removes it)."""
    now = utcnow()
    window = timedelta(minutes=settings.throttle_minutes)
    since = now - window
    account_is = col(SignInFailure.account) == account
    address_is = col(SignInFailure.address) == address
    for where, limit in (
        (account_is & address_is, settings.throttle_per_account),
        (account_is, settings.throttle_per_account_everywhere),
        (address_is, settings.throttle_per_address),
    ):
        count, oldest = session.exec(
            select(func.count(), func.min(SignInFailure.at)).where(
                where, col(SignInFailure.at) > since
            )
        ).one()
        if count >= limit:
            retry_after = max(1, math.ceil((oldest + window - now).total_seconds()))
            raise TooManyAttempts(
                f"Too many wrong attempts. Wait {math.ceil(retry_after / 60)} minutes and try "
                "again, or ask a teacher to reset the PIN.",
                retry_after=retry_after,
                minutes=math.ceil(retry_after / 60),
            )
    session.add(SignInFailure(account=account, address=address[:64]))
    # Nothing older than a day is needed; keep the table small while we are here.
    session.exec(delete(SignInFailure).where(col(SignInFailure.at) < now - timedelta(days=1)))


def clear_failures(session: Session, *, account: str) -> None:
    """A new PIN or password: the account may sign in again at once (the 429 text says so)."""
    session.exec(delete(SignInFailure).where(col(SignInFailure.account) == account))


def _end_read(session: Session) -> None:
    session.commit()  # the attempt is counted; the writers' lock is free for the hash check


def open_session(
    session: Session,
    *,
    role: Role,
    account: str,
    address: str,
    person_id: int,
    device: str,
    settings: Settings,
    replaces: str | None,
) -> str:
    if replaces:
        _end_session(session, token=replaces)
    token = new_token()
    hours = settings.teacher_max_hours if role is Role.teacher else settings.logger_max_hours
    row = UserSession(
        id=token_hash(token),
        role=role,
        teacher_id=person_id if role is Role.teacher else None,
        logger_id=person_id if role is Role.logger else None,
        expires_at=utcnow() + timedelta(hours=hours),
        device=device[:120],
    )
    session.add(row)
    session.exec(
        delete(SignInFailure).where(
            col(SignInFailure.account) == account, col(SignInFailure.address) == address[:64]
        )
    )
    session.commit()
    return token


def sign_out(session: Session, *, token: str) -> None:
    _end_session(session, token=token)
    session.commit()


def _end_session(session: Session, *, token: str) -> None:
    session.exec(delete(UserSession).where(col(UserSession.id) == token_hash(token)))
    forget_token(session, token_hash(token))


def actor_for_session(
    session: Session, *, token: str, settings: Settings
) -> tuple[Actor, bool] | None:
    """The signed-in person behind a cookie token, and whether last_seen_at should be touched."""
    row = session.get(UserSession, token_hash(token))
    if row is None:
        return None
    now = utcnow()
    role = Role(row.role)
    idle = settings.teacher_idle_minutes if role is Role.teacher else settings.logger_idle_minutes
    if now >= row.expires_at or now - row.last_seen_at > timedelta(minutes=idle):
        return None
    person_id = row.teacher_id if role is Role.teacher else row.logger_id
    if person_id is None or not _person_active(session, role, person_id):
        return None
    actor = Actor(role=role, id=person_id, session_id=row.id)
    return actor, now - row.last_seen_at > _TOUCH_EVERY


def _person_active(session: Session, role: Role, person_id: int) -> bool:
    person: Teacher | Logger | None = (
        session.get(Teacher, person_id) if role is Role.teacher else session.get(Logger, person_id)
    )
    return person is not None and person.active


def touch_session(session: Session, *, session_id: str, at: datetime | None = None) -> None:
    row = session.get(UserSession, session_id)
    if row is not None:
        row.last_seen_at = at or utcnow()
        session.commit()


def actor_for_kiosk_token(session: Session, *, token: str) -> Actor | None:
    link = session.exec(select(KioskLink).where(KioskLink.token_hash == token_hash(token))).first()
    if link is None or link.revoked_at is not None or link.id is None:
        return None
    return Actor(role=Role.kiosk, id=link.id, board_id=link.board_id)

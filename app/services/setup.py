"""A fresh install's first teacher, made in the browser with the one-time setup code.

`pleinmunt serve` prints the code on its console while the school has no teacher; only a keyed
hash (HMAC with the secret key) is stored. Whoever can read that console may make the first
teacher; nobody else on the network can take the school. Wrong codes are throttled like wrong
passwords (account ``setup``), and the code stops working once any teacher exists.
"""

import hashlib
import hmac
import secrets

from sqlalchemy import delete
from sqlmodel import Session, select

from app.domain.actors import SETUP, Role
from app.domain.errors import Forbidden, PleinmuntError
from app.models import SetupCode, Teacher
from app.services.audit import audit
from app.services.auth import check_throttle, open_session
from app.services.passwords import hash_secret
from app.services.people import teacher_username
from app.settings import Settings

SETUP_ACCOUNT = "setup"
# No 0/O or 1/I/L: the code is read off a console and typed in by hand.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_LENGTH = 10  # about 50 bits, behind the sign-in throttle


def teacher_exists(session: Session) -> bool:
    return session.exec(select(Teacher.id).limit(1)).first() is not None


def needs_setup(session: Session) -> bool:
    """A fresh install: no teacher yet, so /teacher offers to make the first one."""
    return not teacher_exists(session)


def issue_setup_code(session: Session, *, settings: Settings) -> str | None:
    """A new code (replacing any earlier one) while the school has no teacher; else None."""
    if teacher_exists(session):
        session.exec(delete(SetupCode))
        session.commit()
        return None
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(_LENGTH))
    session.exec(delete(SetupCode))
    session.add(SetupCode(code_hash=_code_hash(settings, raw)))
    session.commit()
    return f"{raw[:5]}-{raw[5:]}"


def create_first_teacher(
    session: Session,
    *,
    code: str,
    username: str,
    password: str,
    address: str,
    device: str,
    settings: Settings,
) -> str:
    """The first teacher, signed in at once (the session token). The code is spent."""
    if teacher_exists(session):  # before judging the form: a finished install just says so
        raise _setup_done()
    username = teacher_username(username, password)
    check_throttle(session, account=SETUP_ACCOUNT, address=address, settings=settings)
    refusal = _refusal(session, code, settings)
    session.commit()  # the attempt is counted, right or wrong; no lock held for the hash
    if refusal is not None:
        raise refusal
    password_hash = hash_secret(settings, password)
    if (refusal := _refusal(session, code, settings)) is not None:
        raise refusal  # another browser was quicker
    teacher = Teacher(username=username, password_hash=password_hash)
    session.add(teacher)
    session.exec(delete(SetupCode))
    session.flush()
    assert teacher.id is not None
    audit(session, by=SETUP, action="teacher.setup", subject=f"teacher:{teacher.id}")
    return open_session(
        session,
        role=Role.teacher,
        account=SETUP_ACCOUNT,  # clears this address's wrong codes as the session opens
        address=address,
        replaces=None,  # nobody could be signed in: there was no teacher
        person_id=teacher.id,
        device=device,
        settings=settings,
    )


def _refusal(session: Session, code: str, settings: Settings) -> PleinmuntError | None:
    if teacher_exists(session):
        return _setup_done()
    row = session.get(SetupCode, 1)
    wanted = _code_hash(settings, _normalized(code))
    if row is None or not hmac.compare_digest(row.code_hash, wanted):
        return Forbidden(
            "that setup code is not right; use the code `pleinmunt serve` printed last",
            code="setup_code_wrong",
        )
    return None


def _setup_done() -> PleinmuntError:
    return Forbidden(
        "this school has a teacher already; sign in, or ask that teacher for an account",
        code="setup_done",
    )


def _normalized(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()[:40]


def _code_hash(settings: Settings, code: str) -> str:
    key = settings.resolved_secret_key.encode()
    return hmac.new(key, b"setup-code:" + code.encode(), hashlib.sha256).hexdigest()

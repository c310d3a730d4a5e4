"""The demo school: groups, children, loggers, boards, a kiosk link and weeks of coins.

Idempotent: a second run changes nothing and prints the same sign-ins. The demo kiosk token is
derived from the instance's secret key, so it can be printed again without being stored.
"""

import hashlib
import hmac
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlmodel import Session, col, select

from app.domain.avatars import choose_avatar
from app.domain.fingerprint import fingerprint
from app.domain.weeks import week_of
from app.models import (
    Bike,
    Board,
    BoardGroup,
    Child,
    Coin,
    Group,
    KioskLink,
    Logger,
    Reason,
    Teacher,
)
from app.models.types import utcnow
from app.services.auth import token_hash
from app.services.demo_history import ensure_demo_history
from app.services.passwords import hash_secret
from app.services.people import create_teacher
from app.settings import Settings

DEMO_TEACHER = ("juf", "speel-eerlijk-demo")
DEMO_LOGGERS = (("Kas", "246810"), ("Kimberly", "135790"))
HISTORY_WEEKS = 12
_CLASSES = {
    "Groep 5": ["Daniël B", "Zoë D", "Ömer Y", "Sam B", "Noah V", "Emma J", "Liam K", "Julia S"],
    "Groep 6": ["Noor K", "Fleur B", "Mila S", "Daan M", "Sara P", "Levi H", "Tess W", "Milan R"],
}
_DAYCARE = {"Peuters Zonnetje": ["Lotte J", "Finn D", "Saar M", "Bram T", "Evi L", "Jesse G"]}


@dataclass(frozen=True)
class DemoSignIns:
    teacher: tuple[str, str]
    loggers: tuple[tuple[str, str], ...]
    kiosk_paths: dict[str, str]


def demo_kiosk_token(settings: Settings, slug: str) -> str:
    digest = hmac.new(
        settings.resolved_secret_key.encode(), f"demo-kiosk:{slug}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:43]  # 172 bits


def load_demo(session: Session, *, settings: Settings) -> DemoSignIns:
    if session.exec(select(Group).where(Group.name == "Groep 5")).first() is None:
        _build(session, settings)
    if session.exec(select(Teacher).where(Teacher.username == DEMO_TEACHER[0])).first() is None:
        create_teacher(
            session, username=DEMO_TEACHER[0], password=DEMO_TEACHER[1], settings=settings
        )
    paths = {}
    for slug in ("schoolplein", "peuters"):
        token = demo_kiosk_token(settings, slug)
        _ensure_kiosk_link(session, slug, token)
        paths[slug] = f"/kiosk/{slug}?token={token}"
    ensure_demo_history(session, settings=settings, weeks=HISTORY_WEEKS)
    session.commit()
    return DemoSignIns(teacher=DEMO_TEACHER, loggers=DEMO_LOGGERS, kiosk_paths=paths)


def _build(session: Session, settings: Settings) -> None:
    groups = {}
    for name, kind in [(n, "class") for n in _CLASSES] + [(n, "daycare") for n in _DAYCARE]:
        group = Group(name=name, kind=kind, weekly_goal=60 if kind == "class" else 30)
        session.add(group)
        groups[name] = group
    session.flush()
    for name, children in {**_CLASSES, **_DAYCARE}.items():
        taken: list[str] = []
        for entry in children:
            first_name, initial = entry.split(" ")
            avatar = choose_avatar(taken, seed=entry)
            taken.append(avatar)
            session.add(
                Child(
                    first_name=first_name,
                    last_initial=initial,
                    group_id=groups[name].id or 0,
                    avatar=avatar,
                )
            )
    for name, pin in DEMO_LOGGERS:
        session.add(Logger(name=name, pin_hash=hash_secret(settings, pin)))
    schoolplein = Board(slug="schoolplein", title="Schoolplein", name_display="first_name")
    peuters = Board(
        slug="peuters",
        title="Peuters Zonnetje",
        name_display="avatar_only",
        # Toddlers' faces in name order, no contest (a new daycare board starts with groups).
        display_mode="alphabetical",
        winner_policy="weighted_draw",
        exclude_recent_weeks=1,
    )
    session.add_all([schoolplein, peuters])
    session.flush()
    for board, names in ((schoolplein, _CLASSES), (peuters, _DAYCARE)):
        session.add_all(
            BoardGroup(board_id=board.id or 0, group_id=groups[n].id or 0) for n in names
        )
    daycare_id = groups["Peuters Zonnetje"].id or 0
    session.add_all(
        [
            Bike(name="Rode fiets", group_id=daycare_id),
            Bike(name="Blauwe fiets", group_id=daycare_id),
        ]
    )
    session.flush()
    _add_history(session, settings)


def _add_history(session: Session, settings: Settings) -> None:
    """Weeks of coins with a gentle upward trend, so the dashboard has something to show."""
    rng = random.Random(48)
    reasons = session.exec(select(Reason).where(Reason.active)).all()
    recess = [r.slug for r in reasons if r.context == "recess"]
    bike = [r.slug for r in reasons if r.context == "bike"]
    children = session.exec(select(Child, Group.kind).join(Group)).all()
    # Kas gives the classes' coins, Kimberly the daycare's (and helps out in the classes).
    kas, kimberly = (
        f"logger:{row.id}" for row in session.exec(select(Logger).order_by(col(Logger.id)))
    )
    today = utcnow().astimezone(settings.tz).date()
    first_monday = today - timedelta(days=today.weekday(), weeks=HISTORY_WEEKS - 1)
    for offset in range((today - first_monday).days + 1):
        day = first_monday + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        progress = offset / (HISTORY_WEEKS * 7)
        for child, kind in children:
            for _ in range(rng.choices([0, 1, 2], weights=[6 - 2 * progress, 3, 1 + progress])[0]):
                moment = datetime.combine(
                    day, time(10 + rng.randrange(4), rng.randrange(60)), tzinfo=settings.tz
                ).astimezone(UTC)
                if moment > utcnow():
                    continue
                slug = rng.choice(bike if kind == "daycare" else recess)
                by = kimberly if kind == "daycare" or (child.id or 0) % 4 == 0 else kas
                session.add(_history_coin(child, slug, moment, settings, by))


def _history_coin(
    child: Child, reason: str, moment: datetime, settings: Settings, logged_by: str
) -> Coin:
    coin_id = uuid.uuid4()
    return Coin(
        id=coin_id,
        child_id=child.id or 0,
        reason=reason,
        amount=1,
        awarded_at=moment,
        recorded_at=moment,
        week=week_of(moment, settings.tz),
        logged_by=logged_by,
        request_hash=fingerprint({"demo": str(coin_id)}),
    )


def _ensure_kiosk_link(session: Session, slug: str, token: str) -> None:
    board = session.exec(select(Board).where(Board.slug == slug)).first()
    if board is None or board.id is None:
        return
    hashed = token_hash(token)
    if session.exec(select(KioskLink).where(KioskLink.token_hash == hashed)).first() is None:
        session.add(
            KioskLink(board_id=board.id, token_hash=hashed, label="demo", created_by="demo")
        )

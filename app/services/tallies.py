"""The recess tally: an anonymous count of conflicts per recess per zone, per school day."""

from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.domain.actors import Actor
from app.domain.awarding import clamp_awarded_at
from app.domain.tallies import changed_count, check_tally, recess_at
from app.models import RecessTally
from app.models.tally import TalliesPublic, TallyChange, TallyPublic
from app.models.types import utcnow
from app.services.audit import audit
from app.services.replays import remember_write, replayed_subject
from app.services.zones import list_zones, zone_slugs
from app.settings import Settings


def school_today(settings: Settings) -> date:
    return utcnow().astimezone(settings.tz).date()


def tallies_for_day(session: Session, *, day: date | None, settings: Settings) -> TalliesPublic:
    day = day or school_today(settings)
    rows = session.exec(
        select(RecessTally)
        .where(RecessTally.day == day)
        .order_by(col(RecessTally.recess), col(RecessTally.zone))
    ).all()
    return TalliesPublic(
        day=day,
        recess_now=recess_at(utcnow().astimezone(settings.tz).time()),
        tallies=[_public(row) for row in rows],
        zones=list_zones(session, active_only=True),
    )


def change_tally(
    session: Session, *, change: TallyChange, by: Actor, settings: Settings
) -> tuple[TallyPublic, bool]:
    """Count one conflict (or take one back) for a recess in a zone; False for a replay.

    The day and the recess are those of the tap (``at``), so a tally that waited in a
    tablet's outbox until after lunch still counts for the morning it happened in.
    """
    fields = change.model_dump(exclude={"id"})
    subject = replayed_subject(session, write_id=change.id, kind="tally", fields=fields)
    if subject is not None:
        return _public(_stored(session, subject)), False
    at = clamp_awarded_at(change.at, now=utcnow(), backdate_days=settings.backdate_days)
    local = at.astimezone(settings.tz)
    recess = change.recess or recess_at(local.time())
    check_tally(recess=recess, zone=change.zone, zones=zone_slugs(session))
    row = _locked_row(session, day=local.date(), recess=recess, zone=change.zone)
    row.conflicts = changed_count(row.conflicts, change.delta)
    row.updated_at = utcnow()
    session.add(row)
    subject = f"tally:{row.id}"
    remember_write(session, write_id=change.id, kind="tally", fields=fields, subject=subject, by=by)
    audit(session, by=by, action="tally.change", subject=subject, delta=change.delta)
    public = _public(row)
    session.commit()
    return public, True


def _stored(session: Session, subject: str) -> RecessTally:
    row = session.get(RecessTally, int(subject.removeprefix("tally:")))
    assert row is not None  # tallies are never deleted
    return row


def _locked_row(session: Session, *, day: date, recess: str, zone: str) -> RecessTally:
    """Today's row for this recess and zone, created on first use; locked against lost updates."""
    query = (
        select(RecessTally)
        .where(RecessTally.day == day, RecessTally.recess == recess, RecessTally.zone == zone)
        .with_for_update()
    )
    row = session.exec(query).first()
    if row is not None:
        return row
    try:
        with session.begin_nested():
            session.add(RecessTally(day=day, recess=recess, zone=zone, conflicts=0))
    except IntegrityError:
        pass  # another tablet created it a moment ago; use theirs
    row = session.exec(query).first()
    assert row is not None
    return row


def _public(row: RecessTally) -> TallyPublic:
    return TallyPublic(day=row.day, recess=row.recess, zone=row.zone, conflicts=row.conflicts)

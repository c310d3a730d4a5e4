"""The school's zones of the schoolyard: set on the desk, offered on the tablet's tally."""

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.domain.actors import Actor
from app.domain.errors import Conflict, Invalid, NotFound
from app.domain.tallies import zone_slug
from app.models import Zone
from app.models.zone import ZoneCreate, ZonePublic, ZoneUpdate
from app.services.audit import audit


def list_zones(session: Session, *, active_only: bool = False) -> list[ZonePublic]:
    query = select(Zone).order_by(col(Zone.position), col(Zone.id))
    if active_only:
        query = query.where(col(Zone.active).is_(True))
    return [ZonePublic.model_validate(row) for row in session.exec(query)]


def zone_slugs(session: Session) -> set[str]:
    """Every zone a tally may name, switched-off ones included (a tablet may send one late)."""
    return set(session.exec(select(Zone.slug)).all())


def create_zone(session: Session, *, zone: ZoneCreate, by: Actor) -> ZonePublic:
    slug = zone_slug(zone.name)
    if session.exec(select(Zone).where(Zone.slug == slug)).first() is not None:
        raise Conflict(
            f"a zone called {zone.name!r} already exists", code="zone_exists", name=zone.name
        )
    position = zone.position
    if position is None:
        last = session.exec(select(func.max(Zone.position))).one()
        position = 0 if last is None else last + 1
    row = Zone(slug=slug, name=zone.name, icon=zone.icon, position=position)
    session.add(row)
    audit(session, by=by, action="zone.create", subject=f"zone:{slug}")
    public = ZonePublic.model_validate(row)
    session.commit()
    return public


def update_zone(session: Session, *, slug: str, changes: ZoneUpdate, by: Actor) -> ZonePublic:
    """Rename a zone, give it another icon or place, or switch it off; its slug stays."""
    row = session.exec(select(Zone).where(Zone.slug == slug)).first()
    if row is None:
        raise NotFound(f"zone {slug!r} does not exist", code="zone_not_found")
    fields = changes.model_dump(exclude_unset=True)
    if any(value is None for value in fields.values()):
        raise Invalid(
            "zone fields cannot be emptied; leave a field out to keep it", code="field_empty"
        )
    for name, value in fields.items():
        setattr(row, name, value)
    session.add(row)
    audit(session, by=by, action="zone.update", subject=f"zone:{slug}", fields=sorted(fields))
    public = ZonePublic.model_validate(row)
    session.commit()
    return public

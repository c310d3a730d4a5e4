"""The list of reasons a coin can be given for."""

from sqlmodel import Session, col, select

from app.domain.actors import Actor
from app.domain.errors import Conflict, Invalid, NotFound
from app.models import Reason
from app.models.reason import ReasonCreate, ReasonUpdate
from app.services.audit import audit
from app.services.flush import flush_or_conflict


def list_reasons(session: Session, *, context: str | None = None) -> list[Reason]:
    query = select(Reason)
    if context is not None:
        query = query.where(Reason.context == context)
    return list(session.exec(query.order_by(col(Reason.position), col(Reason.id))).all())


def create_reason(session: Session, *, reason: ReasonCreate, by: Actor) -> Reason:
    row = Reason.model_validate(reason)
    session.add(row)
    flush_or_conflict(
        session,
        Conflict(
            f"a reason with slug {reason.slug!r} already exists",
            code="reason_exists",
            slug=reason.slug,
        ),
    )
    audit(session, by=by, action="reason.create", subject=f"reason:{row.slug}")
    session.commit()
    return row


def update_reason(session: Session, *, slug: str, changes: ReasonUpdate, by: Actor) -> Reason:
    row = session.exec(select(Reason).where(Reason.slug == slug)).first()
    if row is None:
        raise NotFound(f"reason {slug!r} does not exist", code="reason_not_found")
    fields = changes.model_dump(exclude_unset=True)
    if any(value is None for value in fields.values()):
        raise Invalid(
            "reason fields cannot be emptied; leave a field out to keep it", code="field_empty"
        )
    for name, value in fields.items():
        setattr(row, name, value)
    session.add(row)
    audit(session, by=by, action="reason.update", subject=f"reason:{slug}", fields=sorted(fields))
    session.commit()
    return row

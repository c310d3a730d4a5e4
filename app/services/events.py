"""Board events: recorded in the writing transaction, announced to the hub after commit.

Which boards an event concerns: ``board_id`` set → that board only; ``group_id`` set → every
board that shows the group. Payloads (stored as JSON, sent to kiosks as ``{"type": kind,
"seq": seq, **payload}``):

- ``coin``:  coin_id, child_id, group_id, first_name, last_initial, avatar, reason, icon,
  amount, week, awarded_at
- ``void``:  coin_id, child_id, group_id, amount, week
- ``goal``:  group_id, name, goal, coins, week (a group's tube just filled)
- ``board``: board settings or the roster changed: the kiosk needs a fresh snapshot
- ``bike``:  a BikePublic (id, name, group_id, rider_child_id, rider_since, active, queue)
- ``winner``: board, week, draw_id, child_id, first_name, last_initial, avatar, group, coins,
  reward, policy

Names travel as ``first_name``/``last_initial`` and are masked per board (its name_display)
when the hub sends them: a kiosk receives ``name`` (or no name for ``avatar_only``), never more.
An erased child's events keep only ``{"erased": true, "kind": ...}``.
"""

from typing import Any, Protocol

from sqlalchemy import event, func, insert, text
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, select

from app.db import lock_event_sequence
from app.models import BoardEvent
from app.models.types import utcnow

PENDING = "pleinmunt_pending_events"
HUB = "pleinmunt_hub"
NOTIFY_CHANNEL = "pleinmunt_events"


class EventSink(Protocol):
    """What a session needs from the realtime hub: a nudge after commit."""

    def events_committed(self, seqs: list[int]) -> None: ...

    def links_revoked(self, link_ids: list[int]) -> None: ...


def attach_hub(session: Session, hub: EventSink | None) -> Session:
    if hub is not None:
        session.info[HUB] = hub
    return session


def record_event(
    session: Session,
    *,
    kind: str,
    payload: dict[str, Any],
    board_id: int | None = None,
    group_id: int | None = None,
    child_id: int | None = None,
) -> int:
    """Append one board event (see ``record_events``) and return its ``seq``."""
    event = {
        "kind": kind,
        "payload": payload,
        "board_id": board_id,
        "group_id": group_id,
        "child_id": child_id,
    }
    (seq,) = record_events(session, [event])
    return seq


def record_events(session: Session, events: list[dict[str, Any]]) -> list[int]:
    """Append board events in one statement, with seqs in the list's order; each dict has
    ``kind`` and ``payload`` and optionally ``board_id``, ``group_id``, ``child_id``.

    Call as late as possible before the commit. On PostgreSQL this holds the writers' lock
    until the commit and queues one NOTIFY, delivered on commit, carrying only the highest seq
    (listeners read the events from the table). The hub hears of them after the commit.
    """
    lock_event_sequence(session)
    now = utcnow()
    rows = [
        {
            "kind": event["kind"],
            "payload": event["payload"],
            "board_id": event.get("board_id"),
            "group_id": event.get("group_id"),
            "child_id": event.get("child_id"),
            "created_at": now,
        }
        for event in events
    ]
    table = BoardEvent.__table__  # type: ignore[attr-defined]
    seqs = list(
        session.execute(
            insert(table).returning(table.c.seq, sort_by_parameter_order=True), rows
        ).scalars()
    )
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :seq)"),
            {"channel": NOTIFY_CHANNEL, "seq": str(max(seqs))},
        )
    session.info.setdefault(PENDING, {"seqs": [], "links": []})["seqs"].extend(seqs)
    return seqs


def announce_link_revoked(session: Session, link_id: int) -> None:
    session.info.setdefault(PENDING, {"seqs": [], "links": []})["links"].append(link_id)


def latest_seq(session: Session) -> int:
    return int(session.exec(select(func.coalesce(func.max(BoardEvent.seq), 0))).one() or 0)


@event.listens_for(OrmSession, "after_commit")
def _announce(session: OrmSession) -> None:
    pending = session.info.pop(PENDING, None)
    hub = session.info.get(HUB)
    if not pending or hub is None:
        return
    if pending["seqs"]:
        hub.events_committed(pending["seqs"])
    if pending["links"]:
        hub.links_revoked(pending["links"])


@event.listens_for(OrmSession, "after_soft_rollback")
def _forget(session: OrmSession, _transaction: object) -> None:
    session.info.pop(PENDING, None)

"""The hub's background chores: end revoked viewers, roll over school weeks, prune old events,
and note when each kiosk link's screens were last seen.

Revocations are checked by polling, every ``VIEWER_CHECK_SECONDS``: a teacher may revoke a link
in another process (or from a shell), and one small query per process covers every case the
same way. A revoke in this process also closes its sockets at once (``Hub.links_revoked``).
"""

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from app.models.types import utcnow
from app.realtime import store
from app.realtime.protocol import next_week_start

if TYPE_CHECKING:
    from app.realtime.hub import Hub

log = logging.getLogger("pleinmunt.hub")

VIEWER_CHECK_SECONDS = 3.0
KEEP_EVENTS = timedelta(days=7)
PRUNE_FIRST_AFTER_SECONDS = 60.0
PRUNE_EVERY_SECONDS = 3600.0
# Sleep in short steps towards the week boundary, so a changed wall clock is noticed.
ROLLOVER_STEP_SECONDS = 60.0
# A connected link's last_seen_at is written at most this often (by every process that holds
# one of its screens); a screen that connects or leaves is written within SEEN_CHECK_SECONDS.
SEEN_EVERY_SECONDS = 60.0
SEEN_CHECK_SECONDS = 5.0


async def check_viewers(hub: "Hub") -> None:
    while True:
        await asyncio.sleep(VIEWER_CHECK_SECONDS)
        viewers = [connection.viewer for connection in hub.connections()]
        link_ids = {viewer.link_id for viewer in viewers if viewer.link_id is not None}
        session_ids = {viewer.session_id for viewer in viewers if viewer.session_id is not None}
        if not link_ids and not session_ids:
            continue
        try:
            ended = await asyncio.to_thread(
                store.ended_viewers,
                hub.engine,
                link_ids=link_ids,
                session_ids=session_ids,
                idle=timedelta(minutes=hub.settings.teacher_idle_minutes),
            )
        except SQLAlchemyError as error:
            log.warning("could not check kiosk links: %s", error.__class__.__name__)
            continue
        if ended:
            hub.end_viewers(ended)


async def roll_over_weeks(hub: "Hub", clock: Callable[[], datetime] = utcnow) -> None:
    """At Monday 00:00 on the school's clock every board starts the new week: a snapshot."""
    while True:
        boundary = next_week_start(clock(), hub.settings.tz)
        while (left := (boundary - clock()).total_seconds()) > 0:
            await asyncio.sleep(min(left, ROLLOVER_STEP_SECONDS))
        log.info("a new school week began; every kiosk gets a fresh snapshot")
        hub.resync_all()


async def prune(hub: "Hub") -> None:
    await asyncio.sleep(PRUNE_FIRST_AFTER_SECONDS)
    while True:
        try:
            removed = await asyncio.to_thread(store.prune_events, hub.engine, keep=KEEP_EVENTS)
        except SQLAlchemyError as error:
            log.warning("could not prune board events: %s", error.__class__.__name__)
        else:
            if removed:
                log.info("pruned %d board events older than %s", removed, KEEP_EVENTS)
        await asyncio.sleep(PRUNE_EVERY_SECONDS)


async def record_seen(hub: "Hub") -> None:
    """Write ``kiosk_link.last_seen_at`` for the links with screens in this process: when one
    connects, once a minute while connected, and when the last one leaves."""
    written: dict[int, float] = {}
    while True:
        await asyncio.sleep(SEEN_CHECK_SECONDS)
        now = time.monotonic()
        connected = hub.connected_links()
        left = [link_id for link_id in written if link_id not in connected]
        due = [
            link_id
            for link_id in connected
            if now - written.get(link_id, -SEEN_EVERY_SECONDS) >= SEEN_EVERY_SECONDS
        ]
        if not due and not left:
            continue
        try:
            await asyncio.to_thread(store.touch_links, hub.engine, link_ids={*due, *left})
        except SQLAlchemyError as error:
            log.warning("could not note kiosk links as seen: %s", error.__class__.__name__)
            continue
        for link_id in left:
            del written[link_id]
        written.update(dict.fromkeys(due, now))

"""The hub: the one place live board events pass through on their way to kiosk sockets.

A committed transaction only nudges it (``events_committed``, from any thread; on PostgreSQL
also a NOTIFY from any process, see listener.py). One reader task then reads the ``board_event``
rows after the last delivered ``seq`` from the database, in seq order, and fans each out: one
message per board (names masked for that board), offered to every socket of the board. Events
become visible in seq order (app/db.py), so reading "everything after what I delivered" keeps
delivery ordered and gap-free in every process, whatever nudged it and however late.

A ``board`` event (settings or roster changed) reaches a kiosk as a fresh snapshot. Snapshots
are shared: kiosks of one board that need one at the same point get the same text.
"""

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterable
from functools import partial

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.db import is_sqlite
from app.realtime import housekeeping, store
from app.realtime.connection import KioskConnection
from app.realtime.fanout import fan_out
from app.realtime.listener import listen_for_events
from app.realtime.protocol import CLOSE_RESTART, CLOSE_REVOKED, encode
from app.settings import Settings

log = logging.getLogger("pleinmunt.hub")

READ_BATCH = 1000
# SQLite has no NOTIFY: this poll also picks up events written by other commands (e.g. a
# scheduled `pleinmunt draw`). PostgreSQL relies on LISTEN (and the listener's keepalive).
SQLITE_POLL_SECONDS = 2.0
# PostgreSQL wakes the reader this often without a nudge, so its heartbeat shows it is alive.
POSTGRES_POLL_SECONDS = 10.0
# After a crash the reader starts again after this long, doubling up to the maximum while it
# keeps failing (a crash that repeats on every start must not spin the processor).
RESTART_FIRST, RESTART_MAX = 0.1, 30.0
# /healthz calls the reader stuck when it has not finished a round for this long.
STUCK_SECONDS = 60.0


class Hub:
    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.last_delivered = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._starts = 0
        self._wake = asyncio.Event()
        self._routes: dict[int, store.BoardRoute] = {}
        self._connections: dict[int, set[KioskConnection]] = {}
        self._snapshots: dict[int, tuple[int, asyncio.Future[tuple[int, str]]]] = {}
        self._running_lock = asyncio.Lock()
        self._reader: asyncio.Task[None] | None = None
        self._listener: asyncio.Task[None] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        # When the reader last finished a round and the listener last heard the database
        # (monotonic seconds); /healthz compares them with the clock.
        self.reader_beat = time.monotonic()
        self.listener_beat: float | None = None
        self.reader_restarts = 0

    # Life cycle (the app's lifespan). Test clients may nest lifespans: the first one runs it.

    async def start(self) -> None:
        self._starts += 1
        if self._starts > 1:
            return
        self._loop = asyncio.get_running_loop()
        # Loop-bound primitives are made here: a test may run the app on several loops in turn.
        self._wake = asyncio.Event()
        self._running_lock = asyncio.Lock()
        self._snapshots = {}
        self._tasks = [
            asyncio.create_task(housekeeping.check_viewers(self)),
            asyncio.create_task(housekeeping.roll_over_weeks(self)),
            asyncio.create_task(housekeeping.prune(self)),
            asyncio.create_task(housekeeping.record_seen(self)),
        ]

    async def stop(self) -> None:
        self._starts -= 1
        if self._starts > 0:
            return
        for connections in self._connections.values():
            for connection in connections:
                connection.end(CLOSE_RESTART)
        tasks = [*self._tasks, *(t for t in (self._reader, self._listener) if t is not None)]
        loop, self._tasks, self._loop = self._loop, [], None
        self._reader = self._listener = None
        if loop is not asyncio.get_running_loop():
            # Test clients' lifespans may end out of order, on another loop than ours.
            with contextlib.suppress(RuntimeError, AttributeError):  # closed, or never ran
                for task in tasks:
                    loop.call_soon_threadsafe(task.cancel)  # type: ignore[union-attr]
            return
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # Nudges from committed transactions, on any thread (app/services/events.py).

    def events_committed(self, seqs: list[int]) -> None:
        self.wake()

    def links_revoked(self, link_ids: list[int]) -> None:
        self._call_soon(partial(self.end_viewers, set(link_ids)))

    def wake(self) -> None:
        if self._reader is not None:
            self._call_soon(self._wake.set)

    def _call_soon(self, callback: partial[None] | object) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            loop.call_soon_threadsafe(callback)  # type: ignore[arg-type]
        except RuntimeError:  # the loop closed meanwhile: nobody is listening any more
            return

    # Sockets.

    async def register(self, connection: KioskConnection) -> None:
        """Start delivering to a socket. Register before reading its snapshot or replay, so
        everything after what those contain reaches its outbox."""
        await self._ensure_reading()
        route = connection.viewer.route
        self._routes.setdefault(route.board_id, route)
        self._connections.setdefault(connection.board_id, set()).add(connection)

    def unregister(self, connection: KioskConnection) -> None:
        connections = self._connections.get(connection.board_id)
        if connections is not None:
            connections.discard(connection)
            if not connections:
                del self._connections[connection.board_id]
                self._snapshots.pop(connection.board_id, None)

    def connections(self) -> Iterable[KioskConnection]:
        for connections in self._connections.values():
            yield from connections

    def connected_links(self) -> dict[int, int]:
        """How many screens are connected to this process now, per kiosk link."""
        counts: dict[int, int] = {}
        for connection in self.connections():
            link_id = connection.viewer.link_id
            if link_id is not None and not connection.ending:
                counts[link_id] = counts.get(link_id, 0) + 1
        return counts

    def end_viewers(self, ended: set[int | str]) -> None:
        """Close the sockets of revoked kiosk links (ids) and ended teacher sessions."""
        for connection in list(self.connections()):
            viewer = connection.viewer
            if viewer.link_id in ended or viewer.session_id in ended:
                connection.end(CLOSE_REVOKED)

    def resync_all(self) -> None:
        """Every kiosk gets a fresh snapshot (a new school week began)."""
        for connection in self.connections():
            connection.resync()

    async def snapshot(self, board_id: int) -> tuple[int, str]:
        """A board's snapshot covering at least every event delivered so far, as text."""
        needed = self.last_delivered
        cached = self._snapshots.get(board_id)
        if cached is None or cached[0] < needed or self._failed(cached[1]):
            future = asyncio.ensure_future(self._build_snapshot(board_id))
            cached = (needed, future)
            self._snapshots[board_id] = cached
        return await asyncio.shield(cached[1])

    @staticmethod
    def _failed(future: asyncio.Future[tuple[int, str]]) -> bool:
        return future.done() and (future.cancelled() or future.exception() is not None)

    async def _build_snapshot(self, board_id: int) -> tuple[int, str]:
        message = await asyncio.to_thread(
            store.snapshot, self.engine, board_id=board_id, settings=self.settings
        )
        return int(message["seq"]), encode(message)

    # The reader.

    async def _ensure_reading(self) -> None:
        async with self._running_lock:
            if self._reader is not None:
                return
            self.last_delivered = await asyncio.to_thread(store.current_seq, self.engine)
            self._routes = await asyncio.to_thread(store.all_routes, self.engine)
            self.reader_beat = time.monotonic()
            self._reader = asyncio.create_task(self._supervise_reader())
            if not is_sqlite(self.engine):
                url = self.settings.resolved_database_url
                self.listener_beat = time.monotonic()
                self._listener = asyncio.create_task(
                    listen_for_events(url, self.wake, self._listener_alive)
                )

    def _listener_alive(self) -> None:
        self.listener_beat = time.monotonic()

    def problems(self, now: float | None = None) -> list[str]:
        """What /healthz reports: the reader or the listener dead, or silent for too long."""
        now = time.monotonic() if now is None else now
        found = []
        if self._reader is not None and (
            self._reader.done() or now - self.reader_beat > STUCK_SECONDS
        ):
            found.append("hub_reader")
        listener = self._listener
        if listener is not None and (
            listener.done() or now - (self.listener_beat or 0.0) > STUCK_SECONDS
        ):
            found.append("listener")
        return found

    async def _supervise_reader(self) -> None:
        """Run the reader; whatever kills it is logged once, and it starts again with backoff.
        Whatever it was fanning out when it died may not have reached every socket, so every
        kiosk gets a fresh snapshot (covering all delivered events) once it runs again."""
        delay = RESTART_FIRST
        while True:
            started = time.monotonic()
            try:
                await self._read_forever()
            except asyncio.CancelledError:
                raise
            except Exception:
                self.reader_restarts += 1
                log.exception("hub reader crashed; restarting in %.1f s", delay)
            if time.monotonic() - started > RESTART_MAX:
                delay = RESTART_FIRST  # it ran well for a while: this is a new failure
            await asyncio.sleep(delay)
            delay = min(delay * 2, RESTART_MAX)
            self.resync_all()
            self._wake.set()

    async def _read_forever(self) -> None:
        poll = SQLITE_POLL_SECONDS if is_sqlite(self.engine) else POSTGRES_POLL_SECONDS
        while True:
            self.reader_beat = time.monotonic()
            try:
                async with asyncio.timeout(poll):
                    await self._wake.wait()
            except TimeoutError:
                pass
            self._wake.clear()
            try:
                await self._catch_up()
            except SQLAlchemyError as error:
                # The database is away; the next nudge or poll tries again from the same seq.
                log.warning("hub could not read board events: %s", error.__class__.__name__)
                await asyncio.sleep(1)
                self._wake.set()

    async def _catch_up(self) -> None:
        while True:
            events, routes = await asyncio.to_thread(
                store.read_events,
                self.engine,
                after=self.last_delivered,
                limit=READ_BATCH,
                with_routes=False,
            )
            if routes is not None:
                self._routes = routes
            if events:
                # Set first: a snapshot asked for meanwhile must cover this whole batch.
                self.last_delivered = events[-1].seq
                await fan_out(events, self._routes, self._connections)
            if len(events) < READ_BATCH:
                return

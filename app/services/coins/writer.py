"""Group commit for coin awards: one thread writes queued awards in batches, one commit each.

A coin is answered 201 only after the commit that holds it (SQLite: WAL with
synchronous=FULL, so the fsync is done; PostgreSQL: committed). Under load many taps share one
commit and one fsync instead of paying one each; alone, a tap waits for nobody. A refused coin
(422/409) fails on its own; a database failure fails the whole batch, and every tablet retries
its coin with the same id, so nothing is doubled.
"""

import asyncio
import logging
import queue
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field

from sqlalchemy import Engine

from app.db import write_session
from app.domain.actors import Actor
from app.domain.errors import PleinmuntError, Unavailable
from app.models.ledger import CoinCreate
from app.services.coins.batch import Awarded, award_coins
from app.services.events import EventSink, attach_hub
from app.settings import Settings

log = logging.getLogger("pleinmunt")

MAX_BATCH = 256
# A batch that has not finished for this long is stuck (the writers' lock waits at most 15 s):
# /healthz reports it, so the process is restarted.
STUCK_SECONDS = 60.0
_NOT_STORED = "The coin was not stored; try again."


@dataclass
class _Job:
    coin: CoinCreate
    by: Actor
    future: Future[Awarded] = field(default_factory=Future)


class CoinWriter:
    def __init__(self, engine: Engine, settings: Settings, hub: EventSink | None) -> None:
        self._engine = engine
        self._settings = settings
        self._hub = hub
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.batch_started: float | None = None  # monotonic start of the batch being written
        self.restarts = 0

    async def award(self, *, coin: CoinCreate, by: Actor) -> Awarded:
        return await asyncio.wrap_future(self.submit(coin=coin, by=by))

    def submit(self, *, coin: CoinCreate, by: Actor) -> Future[Awarded]:
        self._ensure_started()
        job = _Job(coin=coin, by=by)
        self._jobs.put(job)
        return job.future

    def stop(self) -> None:
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join(timeout=30)
            self._thread = None

    def problems(self, now: float | None = None) -> list[str]:
        """What /healthz reports: the writer thread died, or one batch has run too long."""
        now = time.monotonic() if now is None else now
        thread, started = self._thread, self.batch_started
        if thread is not None and not thread.is_alive():
            return ["coin_writer"]
        if started is not None and now - started > STUCK_SECONDS:
            return ["coin_writer"]
        return []

    def _ensure_started(self) -> None:
        """Start the thread, or start it again when it is no longer alive (it should never die,
        but a tap must not hang on a dead writer: its queued jobs are still there)."""
        with self._start_lock:
            if self._thread is not None and not self._thread.is_alive():
                self.restarts += 1
                log.error("coin writer was not running; starting it again")
                self._thread = None
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="coin-writer", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            batch = self._take_batch(job)
            self.batch_started = time.monotonic()
            try:
                self._write(batch)
            except Exception:  # a bug in one batch must not stop every later tap
                log.exception("coin batch of %d failed", len(batch))
                for job in batch:
                    if not job.future.done():
                        job.future.set_exception(Unavailable(_NOT_STORED))
            finally:
                self.batch_started = None

    def _take_batch(self, first: _Job) -> list[_Job]:
        """The first job and whatever else is queued (up to MAX_BATCH), without the jobs whose
        caller has gone (a cancelled request): those are neither written nor answered."""
        batch = [first]
        while len(batch) < MAX_BATCH:
            try:
                more = self._jobs.get_nowait()
            except queue.Empty:
                break
            if more is None:
                self._jobs.put(None)  # stop after this batch
                break
            batch.append(more)
        # Once running, a job can no longer be cancelled, so setting its result cannot fail.
        return [job for job in batch if job.future.set_running_or_notify_cancel()]

    def _write(self, batch: list[_Job]) -> None:
        if not batch:
            return
        try:
            with write_session(self._engine) as session:
                attach_hub(session, self._hub)
                outcomes = award_coins(
                    session, requests=[(job.coin, job.by) for job in batch], settings=self._settings
                )
                session.commit()
        except Exception as failure:  # the database refused the batch: nothing of it is stored
            log.warning("coin batch of %d not written: %s", len(batch), type(failure).__name__)
            for job in batch:
                job.future.set_exception(failure)
            return
        for job, outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, PleinmuntError):
                job.future.set_exception(outcome)
            else:
                job.future.set_result(outcome)

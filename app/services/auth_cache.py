"""A few seconds' memory of who a session token belongs to, so a coin tap needs no database read
to know its intern. Sign-out, a new PIN and deactivation in this process forget at once; in
another process (PostgreSQL, several workers) within ``auth_cache_seconds``.

Whatever ends a session says so on its database session (``forget_token``,
``forget_person``); the cache attached to that session (``attach_cache``, done by
``SessionDep``) forgets after the commit, like board events reach the hub: never before (a
request in between would remember the old row again), never for a change that rolled back.
"""

import threading
import time
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession

from app.domain.actors import Actor, Role

MAX_ENTRIES = 10_000
_CACHE = "pleinmunt_actor_cache"
_PENDING = "pleinmunt_forget"


class ActorCache:
    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._entries: dict[str, tuple[Actor, float]] = {}
        self._lock = threading.Lock()

    def get(self, token_hash: str) -> Actor | None:
        if self._seconds <= 0:
            return None
        with self._lock:
            entry = self._entries.get(token_hash)
            if entry is None:
                return None
            actor, until = entry
            if time.monotonic() >= until:
                del self._entries[token_hash]
                return None
            return actor

    def put(self, token_hash: str, actor: Actor) -> None:
        if self._seconds <= 0:
            return
        with self._lock:
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.pop(next(iter(self._entries)))
            self._entries[token_hash] = (actor, time.monotonic() + self._seconds)

    def forget_token(self, token_hash: str) -> None:
        with self._lock:
            self._entries.pop(token_hash, None)

    def forget_person(self, role: Role, person_id: int) -> None:
        with self._lock:
            for key in [
                k for k, (a, _) in self._entries.items() if a.role is role and a.id == person_id
            ]:
                del self._entries[key]


def attach_cache(session: OrmSession, cache: ActorCache | None) -> None:
    if cache is not None:
        session.info[_CACHE] = cache


def forget_token(session: OrmSession, token_hash: str) -> None:
    """After this transaction commits, forget the session with this token hash."""
    session.info.setdefault(_PENDING, []).append(lambda cache: cache.forget_token(token_hash))


def forget_person(session: OrmSession, role: Role, person_id: int) -> None:
    """After this transaction commits, forget every session of this person."""
    session.info.setdefault(_PENDING, []).append(lambda cache: cache.forget_person(role, person_id))


@event.listens_for(OrmSession, "after_commit")
def _forget_committed(session: OrmSession) -> None:
    pending: list[Callable[[ActorCache], None]] = session.info.pop(_PENDING, [])
    cache: ActorCache | None = session.info.get(_CACHE)
    if cache is not None:
        for forget in pending:
            forget(cache)


@event.listens_for(OrmSession, "after_soft_rollback")
def _keep_on_rollback(session: OrmSession, _transaction: object) -> None:
    session.info.pop(_PENDING, None)

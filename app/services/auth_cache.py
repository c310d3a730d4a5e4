"""A few seconds' memory of who a session token belongs to, so a coin tap needs no database read
to know its intern. Sign-out, a new PIN and deactivation in this process forget at once; in
another process (PostgreSQL, several workers) within ``auth_cache_seconds``."""

import threading
import time

from app.domain.actors import Actor, Role

MAX_ENTRIES = 10_000


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

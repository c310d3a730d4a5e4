"""The hub: the one place live board events pass through on their way to kiosk sockets.

Committed transactions nudge it (``events_committed``) from whatever thread they ran in; it reads
the events from the database in ``seq`` order and fans them out.
"""

import asyncio
import threading


class Hub:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()
        self.latest_seq = 0
        self.revoked_links: set[int] = set()

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def events_committed(self, seqs: list[int]) -> None:
        with self._lock:
            self.latest_seq = max(self.latest_seq, *seqs)

    def links_revoked(self, link_ids: list[int]) -> None:
        with self._lock:
            self.revoked_links.update(link_ids)

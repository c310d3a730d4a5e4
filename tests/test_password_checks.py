"""Sign-in checks share the CPU: at most half the cores run argon2 at once, so a burst of wrong
sign-ins cannot take the machine from every other request (bench/bench_signin_burst.py)."""

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.services import passwords
from app.settings import Settings


class _CountingHasher:
    def __init__(self) -> None:
        self.running = self.most = 0
        self._lock = threading.Lock()

    def verify(self, _stored: str, _secret: str) -> bool:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(0.05)
        with self._lock:
            self.running -= 1
        return False


def test_at_most_half_the_cores_check_a_secret_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    counting = _CountingHasher()
    monkeypatch.setattr(passwords, "hasher", lambda _settings: counting)
    settings = Settings(secret_key="x")
    with ThreadPoolExecutor(30) as pool:
        answers = list(
            pool.map(lambda _: passwords.verify_secret(settings, "$argon2id$", "0"), range(30))
        )
    assert answers == [False] * 30
    assert counting.most == max(1, (os.cpu_count() or 2) // 2)

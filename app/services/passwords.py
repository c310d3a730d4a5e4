"""Password and PIN hashing (argon2id). PINs are short, so they are also throttled."""

import os
import threading
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.settings import Settings

# argon2 is heavy (64 MiB and ~0.1-0.3 s of one core each) and releases the GIL, so 30 wrong
# sign-ins at once would run 30 hashes side by side and take the CPU from every other request
# (bench/bench_signin_burst.py). At most half the cores check a sign-in at once; further
# sign-ins wait their turn (they hold no lock then, and are throttled anyway) while coin taps
# and pages go on.
_HASHING = threading.BoundedSemaphore(max(1, (os.cpu_count() or 2) // 2))

# Verified against when the account does not exist, so a wrong name costs as long as a wrong PIN.
_DUMMY_SECRET = "not-a-real-secret"


@lru_cache
def _hasher(time_cost: int, memory_kib: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)


def hasher(settings: Settings) -> PasswordHasher:
    return _hasher(settings.argon2_time_cost, settings.argon2_memory_kib)


def hash_secret(settings: Settings, secret: str) -> str:
    # Not bounded: a teacher setting a PIN may hold the writers' lock, and must not wait
    # behind a burst of sign-ins for a turn.
    return hasher(settings).hash(secret)


def verify_secret(settings: Settings, stored_hash: str | None, secret: str) -> bool:
    with _HASHING:
        return _verify(settings, stored_hash, secret)


def _verify(settings: Settings, stored_hash: str | None, secret: str) -> bool:
    ph = hasher(settings)
    if stored_hash is None:
        stored_hash = _dummy_hash(settings.argon2_time_cost, settings.argon2_memory_kib)
        ph.verify(stored_hash, _DUMMY_SECRET)
        return False
    try:
        return ph.verify(stored_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


@lru_cache
def _dummy_hash(time_cost: int, memory_kib: int) -> str:
    return _hasher(time_cost, memory_kib).hash(_DUMMY_SECRET)

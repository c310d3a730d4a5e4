"""Password and PIN hashing (argon2id). PINs are short, so they are also throttled."""

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.settings import Settings

# Verified against when the account does not exist, so a wrong name costs as long as a wrong PIN.
_DUMMY_SECRET = "not-a-real-secret"


@lru_cache
def _hasher(time_cost: int, memory_kib: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)


def hasher(settings: Settings) -> PasswordHasher:
    return _hasher(settings.argon2_time_cost, settings.argon2_memory_kib)


def hash_secret(settings: Settings, secret: str) -> str:
    return hasher(settings).hash(secret)


def verify_secret(settings: Settings, stored_hash: str | None, secret: str) -> bool:
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

"""Request fingerprints: a replay of an idempotent request must carry the same body."""

import hashlib
import json
from datetime import UTC, datetime
from typing import Any


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return str(value) if not isinstance(value, int | float | bool | str | None) else value


def fingerprint(fields: dict[str, Any]) -> str:
    """SHA-256 over the fields as canonical JSON (sorted keys, datetimes in UTC)."""
    canonical = {key: _canonical(value) for key, value in fields.items()}
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()

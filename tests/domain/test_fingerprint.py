"""Request fingerprints: a replayed coin or bike turn must carry the same body."""

import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from app.domain.fingerprint import fingerprint

TAPPED = datetime(2026, 11, 27, 9, 15, tzinfo=UTC)


def coin(**changes: object) -> dict[str, object]:
    return {"child_id": 3, "reason": "helpen", "amount": 1, "awarded_at": TAPPED, **changes}


def test_fingerprint_is_a_sha256_hex_digest() -> None:
    digest = fingerprint(coin())
    assert len(digest) == 64
    assert int(digest, 16) >= 0


def test_fingerprint_same_fields_same_fingerprint() -> None:
    assert fingerprint(coin()) == fingerprint(coin())


def test_fingerprint_does_not_depend_on_key_order() -> None:
    fields = coin()
    reversed_fields = dict(reversed(list(fields.items())))
    assert list(reversed_fields) != list(fields)
    assert fingerprint(reversed_fields) == fingerprint(fields)


def test_fingerprint_same_instant_in_another_time_zone_is_the_same() -> None:
    amsterdam = TAPPED.astimezone(ZoneInfo("Europe/Amsterdam"))
    tokyo = TAPPED.astimezone(ZoneInfo("Asia/Tokyo"))
    assert fingerprint(coin(awarded_at=amsterdam)) == fingerprint(coin())
    assert fingerprint(coin(awarded_at=tokyo)) == fingerprint(coin())


def test_fingerprint_another_instant_differs() -> None:
    later = TAPPED.replace(microsecond=1)
    assert fingerprint(coin(awarded_at=later)) != fingerprint(coin())


def test_fingerprint_any_changed_field_differs() -> None:
    base = fingerprint(coin())
    assert fingerprint(coin(amount=2)) != base
    assert fingerprint(coin(child_id=4)) != base
    assert fingerprint(coin(reason="delen")) != base


def test_fingerprint_missing_time_differs_from_a_given_time() -> None:
    assert fingerprint(coin(awarded_at=None)) != fingerprint(coin())


def test_fingerprint_number_and_its_text_differ() -> None:
    assert fingerprint(coin(child_id="3")) != fingerprint(coin())


def test_fingerprint_uuids_are_compared_by_value() -> None:
    bike_turn_id = uuid.uuid4()
    assert fingerprint({"id": bike_turn_id}) == fingerprint({"id": uuid.UUID(str(bike_turn_id))})
    assert fingerprint({"id": bike_turn_id}) != fingerprint({"id": uuid.uuid4()})

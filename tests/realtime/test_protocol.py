"""The kiosk protocol's pure rules: masking, routing, replay or snapshot, origin, week rollover."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.masking import NameDisplay
from app.domain.screen import DisplayMode
from app.realtime.protocol import (
    REPLAY_LIMIT,
    BoardRoute,
    StoredEvent,
    concerns,
    kiosk_message,
    kiosk_snapshot,
    next_week_start,
    origin_allowed,
    replay_plan,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # a Wednesday, week 48
COIN = {
    "coin_id": "c1",
    "child_id": 7,
    "group_id": 3,
    "first_name": "Sam",
    "last_initial": "B",
    "avatar": "fox:orange",
    "reason": "helpen",
    "icon": "🤝",
    "amount": 1,
    "week": "2026-W48",
    "awarded_at": "2026-11-25T10:00:00+00:00",
}


def route(
    display: NameDisplay = NameDisplay.first_name,
    mode: DisplayMode = DisplayMode.ranking,
    hidden: frozenset[int] = frozenset(),
) -> BoardRoute:
    return BoardRoute(1, "plein", display, frozenset({3}), mode, hidden)


def event(seq: int, kind: str = "coin", payload: dict | None = None, **where: int) -> StoredEvent:
    return StoredEvent(
        seq=seq,
        kind=kind,
        board_id=where.get("board_id"),
        group_id=where.get("group_id", 3 if "board_id" not in where else None),
        payload=COIN if payload is None else payload,
        created_at=NOW,
    )


@pytest.mark.parametrize(
    ("display", "name"),
    [
        (NameDisplay.first_name, "Sam"),
        (NameDisplay.first_name_initial, "Sam B."),
    ],
)
def test_coin_message_masks_name_per_board(display: NameDisplay, name: str) -> None:
    message = kiosk_message(event(5), route(display))
    assert message["name"] == name
    assert (message["type"], message["seq"], message["amount"]) == ("coin", 5, 1)
    assert "first_name" not in message
    assert "last_initial" not in message


def test_coin_message_for_avatar_only_board_has_no_name_at_all() -> None:
    message = kiosk_message(event(5), route(NameDisplay.avatar_only))
    assert "name" not in message
    assert "Sam" not in str(message)
    assert message["avatar"] == "fox:orange"


def test_message_drops_payload_keys_the_kiosk_may_not_see() -> None:
    payload = {**COIN, "last_name": "Bakker", "logged_by": "logger:3", "birth_date": "2018-01-01"}
    message = kiosk_message(event(5, payload=payload), route(NameDisplay.first_name_initial))
    assert not {"last_name", "logged_by", "birth_date"} & message.keys()


def test_erased_event_says_only_that() -> None:
    erased = event(9, payload={"erased": True, "kind": "coin"})
    assert kiosk_message(erased, route(NameDisplay.first_name)) == {
        "type": "coin",
        "seq": 9,
        "erased": True,
    }


def test_winner_message_masks_name_and_keeps_reward() -> None:
    payload = {
        "board": "plein",
        "week": "2026-W47",
        "draw_id": 4,
        "child_id": 7,
        "first_name": "Zoë",
        "last_initial": "D",
        "avatar": "cat:blue",
        "group": "Groep 5",
        "coins": 12,
        "reward": "kiest het spel",
        "policy": "most_coins",
    }
    message = kiosk_message(event(11, "winner", payload, board_id=1), route(NameDisplay.first_name))
    assert (message["name"], message["reward"], message["coins"]) == ("Zoë", "kiest het spel", 12)
    assert "last_initial" not in message
    hidden = kiosk_message(event(11, "winner", payload, board_id=1), route(NameDisplay.avatar_only))
    assert "name" not in hidden
    assert "Zoë" not in str(hidden)


def test_board_event_carries_nothing_but_its_kind() -> None:
    message = kiosk_message(
        event(3, "board", {"board": "plein"}, board_id=1), route(NameDisplay.first_name)
    )
    assert message == {"type": "board", "seq": 3}


def test_events_concern_their_board_or_every_board_showing_the_group() -> None:
    plein = BoardRoute(1, "plein", NameDisplay.first_name, frozenset({3, 4}))
    peuters = BoardRoute(3, "peuters", NameDisplay.avatar_only, frozenset({9}))
    assert concerns(event(1, group_id=3), plein)
    assert not concerns(event(1, group_id=3), peuters)
    assert concerns(event(1, "winner", board_id=3), peuters)
    assert not concerns(event(1, "winner", board_id=3), plein)
    assert not concerns(event(1, group_id=99), plein)


SNAPSHOT = {
    "type": "snapshot",
    "seq": 40,
    "week": "2026-W48",
    "board": {"slug": "plein", "title": "Plein", "name_display": "first_name", "secret": 1},
    "children": [
        {"child_id": 7, "name": "Sam", "avatar": "fox:orange", "group": "Groep 5", "coins": 2},
        {"child_id": 8, "name": "Zoë", "avatar": "cat:blue", "group": "Groep 5", "coins": 1},
    ],
    "groups": [{"group_id": 3, "name": "Groep 5", "coins": 3, "goal": None}],
    "recent": [
        {"coin_id": "c1", "child_id": 8, "name": "Zoë", "avatar": "cat:blue", "group_id": 3,
         "reason": "helpen", "icon": "🤝", "amount": 1, "awarded_at": "2026-11-25T10:00:00Z"},
    ],  # fmt: skip
    "last_winner": {"week": "2026-W47", "child_id": 8, "name": "Zoë", "avatar": "cat:blue",
                    "group": "Groep 5", "reward": "kiest het spel", "reward_status": "pending"},
    "bikes": [],
}  # fmt: skip


def test_snapshot_of_avatar_only_board_loses_every_name_key() -> None:
    stripped = kiosk_snapshot(SNAPSHOT, route(NameDisplay.avatar_only))
    assert "name" not in str(stripped["children"]) + str(stripped["recent"])
    assert "Zoë" not in str(stripped)
    assert stripped["children"][0]["avatar"] == "fox:orange"
    assert "secret" not in stripped["board"]


def test_snapshot_in_groups_mode_has_no_child_at_all() -> None:
    groups = kiosk_snapshot(SNAPSHOT, route(mode=DisplayMode.groups))
    assert groups["children"] == []
    text = str(groups)
    assert not any(word in text for word in ("Sam", "Zoë", "fox:", "cat:", "child_id"))
    assert groups["recent"][0] == {key: SNAPSHOT["recent"][0][key] for key in (  # type: ignore[index]
        "coin_id", "group_id", "reason", "icon", "amount", "awarded_at")}  # fmt: skip
    winner = {"week": "2026-W47", "group": "Groep 5", "reward": "kiest het spel"}
    assert groups["last_winner"] == {**winner, "reward_status": "pending"}
    assert groups["groups"][0]["coins"] == 3


def test_snapshot_leaves_out_a_child_without_consent_and_keeps_the_others() -> None:
    message = kiosk_snapshot(SNAPSHOT, route(hidden=frozenset({8})))
    assert [row["child_id"] for row in message["children"]] == [7]
    assert "Zoë" not in str(message)
    assert "cat:blue" not in str(message)
    assert "child_id" not in message["recent"][0]
    assert message["last_winner"]["group"] == "Groep 5"
    assert "child_id" not in message["last_winner"]


def test_coin_of_a_child_without_consent_is_anonymous() -> None:
    message = kiosk_message(event(5), route(hidden=frozenset({7})))
    assert not _CHILD & message.keys()
    assert (message["group_id"], message["reason"], message["amount"]) == (3, "helpen", 1)
    assert "Sam" not in str(message)


@pytest.mark.parametrize("kind", ["coin", "void", "winner"])
def test_groups_mode_events_carry_no_child(kind: str) -> None:
    payload = {**COIN, "group": "Groep 5", "reward": "kiest het spel"}
    message = kiosk_message(event(5, kind, payload), route(mode=DisplayMode.groups))
    assert not _CHILD & message.keys()
    assert "Sam" not in str(message)
    assert message["group_id"] == 3 if kind != "winner" else message["group"] == "Groep 5"


_CHILD = {"child_id", "name", "avatar"}


def plan(since: int, created: datetime | None, missed: list[StoredEvent]) -> object:
    return replay_plan(since=since, since_created_at=created, missed=missed, now=NOW, tz=AMSTERDAM)


def test_replay_when_few_events_are_missing() -> None:
    missed = [event(6), event(8)]
    assert plan(5, NOW - timedelta(hours=1), missed) == missed
    assert plan(5, NOW - timedelta(hours=1), []) == []


@pytest.mark.parametrize(
    ("since", "created", "missed"),
    [
        (0, NOW, []),  # nothing applied yet
        (5, None, []),  # the kiosk's last event is unknown here (pruned, or another database)
        (5, NOW - timedelta(days=7), []),  # last week: this week's board starts afresh
        (5, NOW, [event(6, "board", {}, board_id=1)]),  # the board itself changed
        (5, NOW, [event(6 + n) for n in range(REPLAY_LIMIT + 1)]),  # too many missing
    ],
)
def test_snapshot_instead_of_replay(
    since: int, created: datetime | None, missed: list[StoredEvent]
) -> None:
    assert plan(since, created, missed) is None


def test_replay_of_exactly_the_limit_is_allowed() -> None:
    missed = [event(6 + n) for n in range(REPLAY_LIMIT)]
    assert plan(5, NOW, missed) == missed


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (None, True),  # scripts send no Origin
        ("http://school.example:8000", True),
        ("HTTP://School.Example:8000", True),
        ("https://pleinmunt.school.example", True),  # the configured public address
        ("http://evil.example", False),
        ("http://school.example", False),  # another port is another origin
        ("null", False),
        ("", False),
    ],
)
def test_origin_allowed(origin: str | None, allowed: bool) -> None:
    base_url = "https://pleinmunt.school.example"
    assert origin_allowed(origin, "school.example:8000", base_url) is allowed


def test_next_week_starts_monday_midnight_school_time() -> None:
    sunday_evening = datetime(2026, 11, 29, 22, 30, tzinfo=UTC)  # Sunday 23:30 in Amsterdam
    assert next_week_start(sunday_evening, AMSTERDAM) == datetime(2026, 11, 29, 23, 0, tzinfo=UTC)
    monday_early = datetime(2026, 11, 29, 23, 0, tzinfo=UTC)  # Monday 00:00 exactly
    assert next_week_start(monday_early, AMSTERDAM) == datetime(2026, 12, 6, 23, 0, tzinfo=UTC)


def test_next_week_start_follows_summer_time() -> None:
    in_summer = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    assert next_week_start(in_summer, AMSTERDAM) == datetime(2026, 7, 5, 22, 0, tzinfo=UTC)

"""The kiosk socket protocol as plain functions: what a board may receive, and when to replay.

Messages are JSON objects ``{"type", "seq", ...}``. A stored event's payload is never sent as is:
each kind has a whitelist of keys, and the child's ``first_name``/``last_initial`` become one
``name`` masked by the board's ``name_display`` (no ``name`` key at all for ``avatar_only``),
so a kiosk can never receive more about a child than its board allows, even if a payload grows.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from app.domain.masking import NameDisplay, masked_name
from app.domain.weeks import week_bounds, week_of

# "Few are missing": up to this many of a board's events are replayed after a reconnect.
REPLAY_LIMIT = 500
HEARTBEAT = '{"type":"heartbeat"}'
# A peer that stays silent this many heartbeat intervals is taken for dead.
SILENCE_FACTOR = 2.5

# Close codes (4000-4999 are the application's own).
CLOSE_REVOKED = 4403  # the kiosk link was revoked or the teacher signed out
CLOSE_SILENT = 4408  # no heartbeat from the kiosk in time
CLOSE_RESTART = 1012  # the server is restarting: reconnect

_ALLOWED: dict[str, tuple[str, ...]] = {
    "coin": (
        "coin_id",
        "child_id",
        "group_id",
        "avatar",
        "reason",
        "icon",
        "amount",
        "week",
        "awarded_at",
    ),
    "void": ("coin_id", "child_id", "group_id", "amount", "week"),
    "goal": ("group_id", "name", "goal", "coins", "week"),
    "bike": ("id", "name", "group_id", "rider_child_id", "rider_since", "active", "queue"),
    "winner": (
        "board",
        "week",
        "draw_id",
        "child_id",
        "avatar",
        "group",
        "coins",
        "reward",
        "policy",
    ),
    "board": (),
}
# Kinds whose payload names a child (first_name/last_initial) that the board must mask.
_NAMED = frozenset({"coin", "winner"})


@dataclass(frozen=True, slots=True)
class StoredEvent:
    seq: int
    kind: str
    board_id: int | None
    group_id: int | None
    payload: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class BoardRoute:
    """What the hub needs to know about a board to route and mask its events."""

    board_id: int
    slug: str
    name_display: NameDisplay
    group_ids: frozenset[int]


def concerns(event: StoredEvent, route: BoardRoute) -> bool:
    """Whether a board gets an event: its own board's, or one of a group the board shows."""
    if event.board_id is not None:
        return event.board_id == route.board_id
    return event.group_id is not None and event.group_id in route.group_ids


def kiosk_message(event: StoredEvent, display: NameDisplay) -> dict[str, Any]:
    """The message one board receives for an event, names masked for that board."""
    message: dict[str, Any] = {"type": event.kind, "seq": event.seq}
    payload = event.payload
    if payload.get("erased"):
        # The child was erased after the event: nothing about them is left to show.
        message["erased"] = True
        return message
    for key in _ALLOWED.get(event.kind, ()):
        if key in payload:
            message[key] = payload[key]
    if event.kind in _NAMED and payload.get("first_name"):
        name = masked_name(payload["first_name"], payload.get("last_initial"), display)
        if name is not None:
            message["name"] = name
    return message


def encode(message: dict[str, Any]) -> str:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))


def strip_hidden_names(snapshot: dict[str, Any], display: NameDisplay) -> dict[str, Any]:
    """An ``avatar_only`` board's snapshot carries no ``name`` key for any child."""
    if display is not NameDisplay.avatar_only:
        return snapshot
    for key in ("children", "recent"):
        for row in snapshot.get(key) or []:
            row.pop("name", None)
    if snapshot.get("last_winner"):
        snapshot["last_winner"].pop("name", None)
    return snapshot


def replay_plan(
    *,
    since: int,
    since_created_at: datetime | None,
    missed: list[StoredEvent],
    now: datetime,
    tz: ZoneInfo,
) -> list[StoredEvent] | None:
    """The events to replay after ``since``, or None when a fresh snapshot is needed.

    A snapshot is needed when the kiosk's last event is unknown (never seen, or already
    pruned), belongs to another school week, when too many events are missing, or when one of
    them changed the board itself.
    """
    if since <= 0 or since_created_at is None:
        return None
    if week_of(since_created_at, tz) != week_of(now, tz):
        return None
    if len(missed) > REPLAY_LIMIT or any(event.kind == "board" for event in missed):
        return None
    return missed


def next_week_start(now: datetime, tz: ZoneInfo) -> datetime:
    """The UTC instant the school's next week begins (Monday 00:00 on the school's clock)."""
    return week_bounds(week_of(now, tz), tz)[1]


def origin_allowed(origin: str | None, host: str | None, base_url: str | None) -> bool:
    """A browser's handshake must come from a page of this server; scripts send no Origin."""
    if origin is None:
        return True
    origin_host = urlsplit(origin).netloc.lower()
    if not origin_host:
        return False
    if host and origin_host == host.lower():
        return True
    return bool(base_url) and origin_host == urlsplit(base_url or "").netloc.lower()

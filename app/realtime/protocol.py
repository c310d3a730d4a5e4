"""The kiosk socket protocol as plain functions: what a board may receive, and when to replay.

Messages are JSON objects ``{"type", "seq", ...}``. A stored event's payload is never sent as is:
each kind has a whitelist of keys, and the child's ``first_name``/``last_initial`` become one
``name`` masked by the board's ``name_display`` (no ``name`` key at all for ``avatar_only``),
so a kiosk can never receive more about a child than its board allows, even if a payload grows.

Snapshots (and the ``?token=`` standings) pass through the same kind of whitelist
(``kiosk_snapshot``). Two rules remove a child from everything a kiosk receives:

- a board in ``groups`` mode shows no individual child: no children rows, and coins, voids,
  recent moments and the winner carry no ``child_id``, ``name`` or ``avatar`` (the group and
  the reason, or the group and the reward, remain);
- a child with ``show_on_board: false`` (``BoardRoute.hidden_child_ids``) is left out of the
  children rows and is anonymous everywhere else, on every board; their coins still count for
  their group.

Daycare ``bike`` events and the snapshot's bikes carry child ids only (the rider, the queue),
never a name or an avatar: the page draws the face of a child it has a row for, and a neutral
placeholder for any other.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from app.domain.masking import NameDisplay, masked_name
from app.domain.screen import DisplayMode
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
# What identifies a child on a kiosk: left out wherever the board may not show the child.
_CHILD_KEYS = frozenset({"child_id", "name", "avatar"})

# The snapshot, section by section (the same whitelist idea as the events').
_SNAPSHOT_KEYS = ("type", "seq", "week", "version")
_BOARD_KEYS = ("slug", "title", "name_display", "display_mode", "screen_hours", "timezone")
_CHILD_ROW = ("child_id", "name", "avatar", "group", "coins")
_GROUP_ROW = ("group_id", "name", "coins", "goal")
_RECENT_ROW = ("coin_id", "child_id", "name", "avatar", "group_id", "reason", "icon", "amount",
               "awarded_at")  # fmt: skip
_WINNER_ROW = ("week", "child_id", "name", "avatar", "group", "reward", "reward_status")
_BIKE_ROW = ("id", "name", "group_id", "rider_child_id", "rider_since", "active", "queue")


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
    display_mode: DisplayMode = DisplayMode.ranking
    # Children without consent to be shown (show_on_board false), on any board.
    hidden_child_ids: frozenset[int] = frozenset()

    def shows(self, child_id: object) -> bool:
        """Whether this board may name or picture the child."""
        return (
            self.display_mode is not DisplayMode.groups
            and isinstance(child_id, int)
            and child_id not in self.hidden_child_ids
        )


def concerns(event: StoredEvent, route: BoardRoute) -> bool:
    """Whether a board gets an event: its own board's, or one of a group the board shows."""
    if event.board_id is not None:
        return event.board_id == route.board_id
    return event.group_id is not None and event.group_id in route.group_ids


def kiosk_message(event: StoredEvent, route: BoardRoute) -> dict[str, Any]:
    """The message one board receives for an event, names masked for that board."""
    message: dict[str, Any] = {"type": event.kind, "seq": event.seq}
    payload = event.payload
    if payload.get("erased"):
        # The child was erased after the event: nothing about them is left to show.
        message["erased"] = True
        return message
    shown = event.kind == "bike" or route.shows(payload.get("child_id"))
    for key in _ALLOWED.get(event.kind, ()):
        if key in payload and (shown or key not in _CHILD_KEYS):
            message[key] = payload[key]
    if shown and event.kind in _NAMED and payload.get("first_name"):
        name = masked_name(payload["first_name"], payload.get("last_initial"), route.name_display)
        if name is not None:
            message["name"] = name
    return message


def _pick(row: dict[str, Any], keys: tuple[str, ...], *, child: bool = True) -> dict[str, Any]:
    return {key: row[key] for key in keys if key in row and (child or key not in _CHILD_KEYS)}


def _named_row(row: dict[str, Any], keys: tuple[str, ...], route: BoardRoute) -> dict[str, Any]:
    """A row about one child: whole when the board shows the child, else without the child."""
    picked = _pick(row, keys, child=route.shows(row.get("child_id")))
    if route.name_display is NameDisplay.avatar_only or picked.get("name") is None:
        picked.pop("name", None)
    return picked


def kiosk_snapshot(standings: dict[str, Any], route: BoardRoute) -> dict[str, Any]:
    """A snapshot (or the ``?token=`` standings) as the board may receive it: the standings'
    JSON with only the whitelisted keys, and no child the board may not show."""
    message = _pick(standings, _SNAPSHOT_KEYS)
    message["board"] = _pick(standings.get("board") or {}, _BOARD_KEYS)
    message["children"] = [
        _named_row(row, _CHILD_ROW, route)
        for row in standings.get("children") or []
        if route.shows(row.get("child_id"))
    ]
    message["groups"] = [_pick(row, _GROUP_ROW) for row in standings.get("groups") or []]
    message["recent"] = [
        _named_row(row, _RECENT_ROW, route) for row in standings.get("recent") or []
    ]
    winner = standings.get("last_winner")
    message["last_winner"] = _named_row(winner, _WINNER_ROW, route) if winner else None
    if "bikes" in standings:
        message["bikes"] = [_pick(row, _BIKE_ROW) for row in standings["bikes"]]
    return message


def encode(message: dict[str, Any]) -> str:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))


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

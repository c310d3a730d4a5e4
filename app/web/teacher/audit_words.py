"""An audit entry as a sentence in the reader's language: "Kas maakte de munt van Sam B. voor
eerlijk spelen ongedaan". The catalog holds one sentence per action
(``teacher.audit.says.<action>``) with named values; what an id stands for comes from
app/services/audit_names.py."""

from collections.abc import Callable
from typing import Any

from app.models import AuditEntry
from app.services.audit_names import AuditNames

Gettext = Callable[[str], str]
# People who are not a teacher or an intern, by the label they write in the log.
SYSTEM_ACTORS = {
    "system:schedule": "schedule",
    "system:demo": "demo",
    "cli": "cli",
    "setup": "setup",
}


def actor_name(label: str, names: AuditNames, gettext: Gettext) -> str:
    if label in names.people:
        return names.people[label]
    system = SYSTEM_ACTORS.get(label)
    return gettext(f"teacher.audit.actor.{system}") if system else label


def _subject_id(entry: AuditEntry) -> int | None:
    _, _, rest = entry.subject.partition(":")
    return int(rest) if rest.isdigit() else None


def _values(entry: AuditEntry, names: AuditNames, gettext: Gettext, lang: str) -> dict[str, Any]:
    detail = entry.detail or {}
    kind = entry.subject.partition(":")[0]
    sid = _subject_id(entry)
    erased = gettext("teacher.audit.erased_child")
    child_id = detail.get("child_id", sid if kind == "child" else None)
    reason = ""
    coin = entry.subject.partition(":")[2]
    if kind == "coin" and coin in names.coins:
        child_id, slug = names.coins[coin]
        labels = names.reasons.get(slug, (slug, slug))
        reason = (labels[0] if lang == "nl" else labels[1]).lower()
    board_id, week = names.draws.get(sid or 0, (detail.get("board_id"), detail.get("week", "")))
    board_key = entry.subject.partition(":")[2] if kind == "board" else f"id:{board_id}"
    return {
        "who": actor_name(entry.actor, names, gettext),
        "child": names.children.get(child_id, erased) if isinstance(child_id, int) else erased,
        "reason": reason or gettext("teacher.audit.some_reason"),
        "group": names.groups.get(sid or 0, entry.subject) if kind == "group" else "",
        "board": names.boards.get(detail.get("board", board_key), entry.subject),
        "week": _week(str(week), gettext),
        "logger": names.people.get(entry.subject, entry.subject),
        "teacher": names.people.get(entry.subject, entry.subject),
        "bike": names.bikes.get(sid or 0, entry.subject) if kind == "bike" else "",
        "zone": names.zones.get(coin, coin) if kind == "zone" else "",
        "reason_name": _reason_name(entry, names, lang),
        **{key: value for key, value in detail.items() if isinstance(value, int | str)},
    }


def _week(week: str, gettext: Gettext) -> str:
    if len(week) != 8 or not week[-2:].isdigit():
        return week
    return gettext("teacher.week.short").format(number=int(week[-2:]), year=week[:4])


def _reason_name(entry: AuditEntry, names: AuditNames, lang: str) -> str:
    slug = entry.subject.partition(":")[2]
    labels = names.reasons.get(slug, (slug, slug))
    return labels[0] if lang == "nl" else labels[1]


def describe(entry: AuditEntry, names: AuditNames, gettext: Gettext, lang: str) -> str:
    """The entry as one sentence; an action the catalog does not know as its name and code."""
    key = f"teacher.audit.says.{entry.action}"
    text = gettext(key)
    if text == key:
        label = gettext(f"teacher.action.{entry.action}")
        return label if not label.startswith("teacher.") else entry.action
    try:
        sentence = text.format(**_values(entry, names, gettext, lang))
    except (KeyError, IndexError, ValueError):
        return gettext(f"teacher.action.{entry.action}")
    return sentence[:1].upper() + sentence[1:]

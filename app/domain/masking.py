"""How a child's name appears on a board. The kiosk receives nothing more than this."""

from enum import StrEnum


class NameDisplay(StrEnum):
    first_name = "first_name"  # "Sam"
    first_name_initial = "first_name_initial"  # "Sam B."
    avatar_only = "avatar_only"  # no name at all


def masked_name(first_name: str, last_initial: str | None, display: NameDisplay) -> str | None:
    if display is NameDisplay.avatar_only:
        return None
    if display is NameDisplay.first_name_initial and last_initial:
        return f"{first_name} {last_initial}."
    return first_name


def teacher_name(first_name: str, last_initial: str | None) -> str:
    """How teachers see a child everywhere (desk, exports): the most the school stores."""
    return masked_name(first_name, last_initial, NameDisplay.first_name_initial) or first_name

"""How a child's name appears on a board: the kiosk receives nothing more than this."""

import pytest

from app.domain.masking import NameDisplay, masked_name, teacher_name


def test_masked_name_first_name_shows_only_the_first_name() -> None:
    assert masked_name("Sam", "B", NameDisplay.first_name) == "Sam"


def test_masked_name_first_name_initial_adds_the_initial_and_a_dot() -> None:
    assert masked_name("Sam", "B", NameDisplay.first_name_initial) == "Sam B."


def test_masked_name_avatar_only_has_no_name_at_all() -> None:
    assert masked_name("Sam", "B", NameDisplay.avatar_only) is None


@pytest.mark.parametrize("initial", [None, ""])
def test_masked_name_without_initial_shows_the_first_name_alone(initial: str | None) -> None:
    assert masked_name("Zoë", initial, NameDisplay.first_name_initial) == "Zoë"


def test_masked_name_avatar_only_without_initial_still_has_no_name() -> None:
    assert masked_name("Zoë", None, NameDisplay.avatar_only) is None


def test_masked_name_accepts_the_stored_setting_text() -> None:
    # Boards store name_display as text; the enum made from it masks the same way.
    assert masked_name("Ömer", "Y", NameDisplay("first_name_initial")) == "Ömer Y."


def test_teacher_name_shows_everything_the_school_stores() -> None:
    assert teacher_name("Daniël", "B") == "Daniël B."


def test_teacher_name_without_initial_is_the_first_name() -> None:
    assert teacher_name("Daniël", None) == "Daniël"

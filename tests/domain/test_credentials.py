"""PINs and teacher passwords a school cannot get wrong."""

import pytest

from app.domain.credentials import MAX_PASSWORD_LENGTH, check_teacher_password, pin_is_trivial
from app.domain.errors import Invalid


@pytest.mark.parametrize(
    "pin", ["000000", "111111", "99999999", "123456", "654321", "12345678", "87654321", "890123"]
)
def test_pin_is_trivial_for_repeats_and_runs(pin: str) -> None:
    assert pin_is_trivial(pin)


@pytest.mark.parametrize("pin", ["246810", "518273", "1357924", "11223344", "123457", "121212"])
def test_pin_is_not_trivial_otherwise(pin: str) -> None:
    assert not pin_is_trivial(pin)


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("kort-1", "password_too_short"),
        ("x" * (MAX_PASSWORD_LENGTH + 1), "password_too_long"),
        ("wachtwoord1", "password_too_common"),
        ("password123", "password_too_common"),
        ("qwertyuiop", "password_too_common"),
        ("1234567890", "password_too_common"),
        ("juf-juf-juf", "password_too_common"),
    ],
)
def test_teacher_password_is_refused_with_its_code(password: str, code: str) -> None:
    with pytest.raises(Invalid) as refused:
        check_teacher_password(password, username="juf")
    assert refused.value.code == code


@pytest.mark.parametrize("password", ["een-lang-wachtwoord", "speel-eerlijk-demo", "x7Kq!pw9Lz"])
def test_teacher_password_that_is_hard_to_guess_is_accepted(password: str) -> None:
    check_teacher_password(password, username="juf")

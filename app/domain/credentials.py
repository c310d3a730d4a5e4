"""What a PIN or a teacher password must be: nothing a school could guess in a few tries."""

from itertools import pairwise

from app.domain.errors import Invalid

MIN_PASSWORD_LENGTH = 10
# The same limit where a password is set and where it is typed at sign-in.
MAX_PASSWORD_LENGTH = 200
# zxcvbn's "safely unguessable" (about 10^8 guesses) and up.
MIN_PASSWORD_SCORE = 3
# zxcvbn's cost grows with the length; the first characters decide whether it is common.
_SCORED_CHARACTERS = 64


def pin_is_trivial(pin: str) -> bool:
    """One digit repeated (000000), or a run up or down, wrapping past 0 (123456, 654321,
    12345678, 890123)."""
    steps = {(int(after) - int(before)) % 10 for before, after in pairwise(pin)}
    return len(steps) == 1 and steps <= {0, 1, 9}


def check_teacher_password(password: str, *, username: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(
            f"a teacher password needs at least {MIN_PASSWORD_LENGTH} characters",
            code="password_too_short",
            min=MIN_PASSWORD_LENGTH,
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise Invalid(
            f"a teacher password has at most {MAX_PASSWORD_LENGTH} characters",
            code="password_too_long",
            max=MAX_PASSWORD_LENGTH,
        )
    from zxcvbn import zxcvbn  # imported when a password is set, not by every process

    scored = zxcvbn(password[:_SCORED_CHARACTERS], user_inputs=[username, "pleinmunt"])
    if scored["score"] < MIN_PASSWORD_SCORE:
        raise Invalid(
            "that password is too easy to guess (a common word, name, date or pattern); "
            "try a few unrelated words",
            code="password_too_common",
        )

"""Which catalog text explains a domain error: its precise code first, then its classes' codes."""

from app.domain.errors import PleinmuntError
from app.i18n import DEFAULT_LANGUAGE, catalog_keys


def error_codes(error: PleinmuntError) -> list[str]:
    """``logger_name_taken``, then ``conflict``, then ``error``: most precise first."""
    codes = [error.code]
    for cls in type(error).__mro__:
        code = getattr(cls, "code", None)
        if issubclass(cls, PleinmuntError) and isinstance(code, str) and code not in codes:
            codes.append(code)
    return codes


# The classes' own codes: their texts say only what kind of thing went wrong.
GENERAL_CODES = frozenset(
    {"error", "not_signed_in", "forbidden", "not_found", "conflict", "invalid"}
)


def error_key(error: PleinmuntError, *prefixes: str) -> tuple[str, bool]:
    """The first key in the catalog for this error, and whether its text says all the
    English ``detail`` says (a precise code), or only what kind of thing went wrong.

    Every language has the same keys (tests/test_i18n.py), so the default's will do.
    """
    keys = catalog_keys(DEFAULT_LANGUAGE)
    for code in error_codes(error):
        for prefix in prefixes:
            if f"{prefix}{code}" in keys:
                return f"{prefix}{code}", code == error.code and code not in GENERAL_CODES
    return f"{prefixes[0]}error", False

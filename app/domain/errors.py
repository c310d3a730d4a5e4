"""The errors Pleinmunt raises on purpose. One handler (app/api/errors.py) turns them into JSON.

Each error knows its HTTP status and a stable ``code`` the pages translate (catalog key
``error.<code>``, its ``{placeholders}`` filled from ``params``); ``detail`` is an English
sentence a person can act on, for the API and the logs. A raise site may name a more precise
code than its class's (``Conflict(..., code="logger_name_taken", name="Kas")``); the class's
code is the fallback a page can always translate.
"""

Param = str | int


class PleinmuntError(Exception):
    status_code = 400
    code = "error"

    def __init__(self, detail: str, *, code: str | None = None, **params: Param) -> None:
        super().__init__(detail)
        self.detail = detail
        self.params: dict[str, Param] = params
        if code is not None:
            self.code = code

    @property
    def general_code(self) -> str:
        """The code of the error's class: what a page shows when the precise one is unknown."""
        return type(self).code


class NotSignedIn(PleinmuntError):
    status_code = 401
    code = "not_signed_in"

    def __init__(
        self, detail: str = "Sign in first.", *, code: str | None = None, **params: Param
    ) -> None:
        super().__init__(detail, code=code, **params)


class Forbidden(PleinmuntError):
    status_code = 403
    code = "forbidden"


class NotFound(PleinmuntError):
    status_code = 404
    code = "not_found"


class Conflict(PleinmuntError):
    status_code = 409
    code = "conflict"


class Invalid(PleinmuntError):
    status_code = 422
    code = "invalid"


class TooManyAttempts(PleinmuntError):
    status_code = 429
    code = "too_many_attempts"

    def __init__(
        self, detail: str, *, retry_after: int, code: str | None = None, **params: Param
    ) -> None:
        super().__init__(detail, code=code, **params)
        self.retry_after = retry_after


class Unavailable(PleinmuntError):
    status_code = 503
    code = "unavailable"

    def __init__(
        self, detail: str, *, retry_after: int = 5, code: str | None = None, **params: Param
    ) -> None:
        super().__init__(detail, code=code, **params)
        self.retry_after = retry_after


# The ledger's own, so a tablet can tell the intern exactly why a coin was refused.


class UnknownChild(Invalid):
    code = "unknown_child"


class InactiveChild(Invalid):
    code = "inactive_child"


class UnknownReason(Invalid):
    code = "unknown_reason"


class CapReached(Invalid):
    code = "cap_reached"


class TooOld(Invalid):
    code = "too_old"


class CoinConflict(Conflict):
    code = "coin_conflict"


class ReplayConflict(Conflict):
    """A tablet's id sent again with another body: a new change needs a new id."""

    code = "replay_conflict"

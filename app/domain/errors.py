"""The errors Pleinmunt raises on purpose. One handler (app/api/errors.py) turns them into JSON.

Each error knows its HTTP status and a stable ``code`` the pages translate; ``detail`` is an
English sentence a person can act on.
"""


class PleinmuntError(Exception):
    status_code = 400
    code = "error"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotSignedIn(PleinmuntError):
    status_code = 401
    code = "not_signed_in"

    def __init__(self, detail: str = "Sign in first.") -> None:
        super().__init__(detail)


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

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class Unavailable(PleinmuntError):
    status_code = 503
    code = "unavailable"

    def __init__(self, detail: str, *, retry_after: int = 5) -> None:
        super().__init__(detail)
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

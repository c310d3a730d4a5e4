"""Logging: kiosk tokens and other secrets never reach a log line.

uvicorn's access log prints the request line with its query string, and a kiosk URL carries
its token there. The server reads a query however it is spelled (``%74oken=``, ``TOKEN=``, a
key given twice), so a pattern on the raw text cannot be trusted: the filter below decodes
every query string in a line, and when the decoded text names a secret anywhere, the whole
query is left out (``?[hidden]``). Loose ``token=...`` text outside a URL is blanked too.
"""

import logging
import re
from typing import Any
from urllib.parse import unquote_plus

_SECRET_WORDS = ("token", "pin", "password")
_SECRET_QUERY = re.compile(r"(?i)\b(token|pin|password)=[^&\s\"]*")
_QUERY = re.compile(r"\?([^\s\"'<>]*)")


def _decoded(text: str) -> str:
    """Percent-decoded until it no longer changes (``%2574`` is ``%74`` is ``t``)."""
    for _ in range(5):
        decoded = unquote_plus(text)
        if decoded == text:
            break
        text = decoded
    return text.lower()


def _hide_query(match: re.Match[str]) -> str:
    decoded = _decoded(match[1])
    return "?[hidden]" if any(word in decoded for word in _SECRET_WORDS) else match[0]


def redact(text: str) -> str:
    return _SECRET_QUERY.sub(lambda match: f"{match[1]}=[hidden]", _QUERY.sub(_hide_query, text))


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in record.args)
        record.msg = redact(str(record.msg))
        if record.exc_info and not record.exc_text:
            # A traceback can quote a URL too; the handler prints exc_text when it is set.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


def log_config(level: str = "info") -> dict[str, Any]:
    """uvicorn's default logging, with the secret filter on its access and error logs."""
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = {**LOGGING_CONFIG}
    config["filters"] = {"redact": {"()": "app.logs.RedactSecrets"}}
    config["handlers"] = {
        name: {**handler, "filters": ["redact"]}
        for name, handler in LOGGING_CONFIG["handlers"].items()
    }
    config["loggers"] = {
        **LOGGING_CONFIG["loggers"],
        "pleinmunt": {"handlers": ["default"], "level": level.upper(), "propagate": False},
    }
    return config

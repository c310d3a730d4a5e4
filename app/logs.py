"""Logging: kiosk tokens and other secrets never reach a log line.

uvicorn's access log prints the request line with its query string, and a kiosk URL carries
its token there; the filter below blanks every ``token=`` value before the line is written.
"""

import logging
import re
from typing import Any

_SECRET_QUERY = re.compile(r"(?i)\b(token|pin|password)=[^&\s\"]*")


def redact(text: str) -> str:
    return _SECRET_QUERY.sub(lambda match: f"{match[1]}=[hidden]", text)


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

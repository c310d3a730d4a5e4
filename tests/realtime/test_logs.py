"""Kiosk tokens are blanked in every log line uvicorn writes about a socket, tracebacks too."""

import logging
import sys

from app.logs import RedactSecrets

TOKEN = "s3cr3t-kiosk-token_AbC"


def formatted(record: logging.LogRecord) -> str:
    assert RedactSecrets().filter(record)
    return logging.Formatter("%(message)s").format(record)


def test_websocket_handshake_line_hides_token() -> None:
    record = logging.LogRecord(
        "uvicorn.error",
        logging.INFO,
        __file__,
        1,
        '%s - "WebSocket %s" %d',
        ("127.0.0.1:5000", f"/ws/boards/plein?token={TOKEN}&since=12", 403),
        None,
    )
    line = formatted(record)
    assert TOKEN not in line
    # A query that names a secret is left out whole (app/logs.py): however it spells the key.
    assert '"WebSocket /ws/boards/plein?[hidden]" 403' in line


def test_traceback_hides_token() -> None:
    try:
        raise ValueError(f"could not open /kiosk/plein?token={TOKEN}")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "uvicorn.error", logging.ERROR, __file__, 1, "Exception in ASGI application", (), exc_info
    )
    line = formatted(record)
    assert "ValueError" in line
    assert TOKEN not in line

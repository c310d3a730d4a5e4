"""PostgreSQL LISTEN: wakes the hub when any process commits a board event.

The notification carries only the seq; the hub reads the events themselves, so a missed or
merged notification costs nothing but a little latency. After a dropped connection the listener
reconnects with backoff and wakes the hub once more, which then reads everything it has not
delivered yet (the resync).
"""

import asyncio
import logging
import random
from collections.abc import Callable

from sqlalchemy import make_url

from app.services.events import NOTIFY_CHANNEL

log = logging.getLogger("pleinmunt.hub")

APPLICATION_NAME = "pleinmunt-listener"
# Without a notification for this long, ping the server (a dead connection shows up as an
# error) and wake the hub anyway, as a safety net.
KEEPALIVE_SECONDS = 15.0
RETRY_FIRST, RETRY_MAX = 0.5, 10.0


def conninfo(database_url: str) -> str:
    """psycopg's own connection string for an SQLAlchemy URL (postgresql+psycopg://...)."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


async def listen_for_events(
    database_url: str, wake: Callable[[], None], alive: Callable[[], None] = lambda: None
) -> None:
    """Listen for ever; ``alive`` is called whenever the connection proved to work (connected,
    a notification, a keepalive answered), which /healthz watches."""
    # Imported here: a school on SQLite never starts a listener and need not hold psycopg's
    # ~20 MB (libpq and its modules) in memory.
    import psycopg

    delay = RETRY_FIRST

    def listening() -> None:
        nonlocal delay
        delay = RETRY_FIRST
        alive()
        wake()  # resync: anything committed while we were not listening

    while True:
        try:
            await _listen(conninfo(database_url), wake, listening, alive)
        except (psycopg.Error, OSError) as error:
            log.warning(
                "LISTEN connection lost (%s); reconnecting in %.1f s",
                error.__class__.__name__,
                delay,
            )
        except Exception:  # a bug must not end live delivery for good: log it, start again
            log.exception("listener crashed; restarting in %.1f s", delay)
        await asyncio.sleep(delay * random.uniform(0.8, 1.2))
        delay = min(delay * 2, RETRY_MAX)


async def _listen(
    info: str, wake: Callable[[], None], listening: Callable[[], None], alive: Callable[[], None]
) -> None:
    import psycopg

    async with await psycopg.AsyncConnection.connect(
        info,
        autocommit=True,
        application_name=APPLICATION_NAME,
        connect_timeout=10,
        keepalives=1,
        keepalives_idle=30,
    ) as connection:
        await connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
        log.info("listening for board events")
        listening()
        while True:
            async for _notify in connection.notifies(timeout=KEEPALIVE_SECONDS):
                alive()
                wake()
            await connection.execute("SELECT 1")
            alive()
            wake()

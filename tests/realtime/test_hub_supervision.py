"""The hub's reader is supervised: whatever kills it is logged, it starts again, and kiosks
that may have missed events get a fresh snapshot."""

import asyncio
import logging

import pytest

from app.db import make_engine, write_session
from app.realtime import hub as hub_module
from app.realtime.hub import Hub
from app.services.events import attach_hub, record_event
from app.settings import Settings
from tests.realtime.test_hub import make_board, watch


def test_reader_restarts_after_a_crash_and_resyncs_kiosks(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    route = make_board(settings)
    group = next(iter(route.group_ids))
    real_fan_out = hub_module.fan_out
    crashes = []

    async def crash_once(*args: object) -> None:
        if not crashes:
            crashes.append(1)
            raise RuntimeError("injected")
        await real_fan_out(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(hub_module, "fan_out", crash_once)

    async def scenario() -> tuple[list[tuple[str, object]], list[str]]:
        engine = make_engine(settings.resolved_database_url)
        hub = Hub(engine, settings)
        await hub.start()
        connection, socket = await watch(hub, route)
        pump = asyncio.create_task(connection.pump(hub.snapshot))

        def commit(amount: int) -> None:
            with write_session(engine) as session:
                attach_hub(session, hub)
                record_event(session, kind="void", group_id=group, payload={"amount": amount})
                session.commit()

        await asyncio.sleep(0.2)
        await asyncio.to_thread(commit, 1)  # its fan-out crashes the reader
        await asyncio.sleep(0.5)
        await asyncio.to_thread(commit, 2)  # delivered live by the restarted reader
        await asyncio.sleep(0.5)
        problems = hub.problems() if hasattr(hub, "problems") else ["no health"]
        pump.cancel()
        await hub.stop()
        engine.dispose()
        return [(m["type"], m.get("amount")) for m in socket.texts()], problems

    with caplog.at_level(logging.ERROR, logger="pleinmunt.hub"):
        received, problems = asyncio.run(scenario())
    # The first event was lost with the crash; the snapshot after the restart covers it.
    assert received[0][0] == "snapshot"
    assert received[-1] == ("void", 2)
    crashed = [r for r in caplog.records if "hub reader crashed" in r.getMessage()]
    assert len(crashed) == 1
    assert problems == []  # running again: healthy

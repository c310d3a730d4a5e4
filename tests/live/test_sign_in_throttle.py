"""Throttling on a real server behind a trusted proxy (X-Forwarded-For from 127.0.0.1): atomic
under a burst, per tablet, and cleared by a new PIN."""

import asyncio
from collections import Counter

import httpx

from tests.live.conftest import Launcher, LiveSchool
from tests.support.school import TEACHER

PIN = "294716"


def _logger(school: LiveSchool) -> int:
    response = school.teacher.post("/api/v1/loggers", json={"name": "Kas", "pin": PIN})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _pin(school: LiveSchool, logger_id: int, pin: str, tablet: str) -> httpx.Response:
    return httpx.post(
        f"{school.server.url}/api/v1/session/pin",
        json={"logger_id": logger_id, "pin": pin},
        headers={"X-Forwarded-For": tablet},
        timeout=60,
    )


async def _burst(
    url: str, path: str, body: dict[str, object], tablet: str, size: int = 30
) -> Counter[int]:
    async with httpx.AsyncClient(timeout=120) as client:
        responses = await asyncio.gather(
            *(
                client.post(f"{url}{path}", json=body, headers={"X-Forwarded-For": tablet})
                for _ in range(size)
            )
        )
    return Counter(response.status_code for response in responses)


def test_thirty_parallel_wrong_pins_get_at_most_five_401(launch: Launcher) -> None:
    school = launch.school()
    logger_id = _logger(school)
    body = {"logger_id": logger_id, "pin": "999999"}
    counts = asyncio.run(_burst(school.server.url, "/api/v1/session/pin", body, "10.0.0.5"))
    assert counts[401] <= 5, counts
    assert counts[401] + counts[429] == 30, counts


def test_thirty_parallel_wrong_passwords_get_at_most_five_401(launch: Launcher) -> None:
    school = launch.school()
    body = {"username": TEACHER[0], "password": "helemaal-fout-wachtwoord"}
    counts = asyncio.run(_burst(school.server.url, "/api/v1/session", body, "10.0.0.6"))
    assert counts[401] <= 5, counts
    assert counts[401] + counts[429] == 30, counts


def test_thirty_parallel_attempts_from_one_address_get_at_most_twenty_401(
    launch: Launcher,
) -> None:
    school = launch.school()

    # 30 different (unknown) accounts from one address: only the per-address limit applies.
    async def burst() -> Counter[int]:
        async with httpx.AsyncClient(timeout=120) as client:
            responses = await asyncio.gather(
                *(
                    client.post(
                        f"{school.server.url}/api/v1/session/pin",
                        json={"logger_id": 1000 + n, "pin": "999999"},
                        headers={"X-Forwarded-For": "10.0.0.7"},
                    )
                    for n in range(30)
                )
            )
        return Counter(response.status_code for response in responses)

    counts = asyncio.run(burst())
    assert counts[401] <= 20, counts
    assert counts[401] + counts[429] == 30, counts


def test_wrong_pins_from_one_tablet_lock_the_intern_out_there_only(launch: Launcher) -> None:
    school = launch.school()
    logger_id = _logger(school)
    for _ in range(5):
        assert _pin(school, logger_id, "999999", "10.0.0.8").status_code == 401
    assert _pin(school, logger_id, PIN, "10.0.0.8").status_code == 429
    assert _pin(school, logger_id, PIN, "10.0.0.9").status_code == 204


def test_account_locks_everywhere_after_thirty_failures(launch: Launcher) -> None:
    school = launch.school()
    logger_id = _logger(school)
    for n in range(30):
        assert _pin(school, logger_id, "999999", f"10.1.{n}.1").status_code == 401
    assert _pin(school, logger_id, PIN, "10.2.0.1").status_code == 429


def test_new_pin_clears_the_failures_at_once(launch: Launcher) -> None:
    school = launch.school()
    logger_id = _logger(school)
    for _ in range(5):
        _pin(school, logger_id, "999999", "10.0.0.10")
    assert _pin(school, logger_id, PIN, "10.0.0.10").status_code == 429
    changed = school.teacher.patch(f"/api/v1/loggers/{logger_id}", json={"pin": "518273"})
    assert changed.status_code == 200, changed.text
    assert _pin(school, logger_id, "518273", "10.0.0.10").status_code == 204


def test_signing_in_on_one_tablet_leaves_a_guessing_tablet_locked(launch: Launcher) -> None:
    school = launch.school()
    logger_id = _logger(school)
    for _ in range(5):
        assert _pin(school, logger_id, "999999", "10.0.0.11").status_code == 401
    assert _pin(school, logger_id, PIN, "10.0.0.12").status_code == 204
    assert _pin(school, logger_id, "999999", "10.0.0.11").status_code == 429


def test_parallel_right_pins_from_one_tablet_all_sign_in(launch: Launcher) -> None:
    school = launch.school()
    logger_id = _logger(school)
    body = {"logger_id": logger_id, "pin": PIN}
    # At most the per-account limit can be in flight at once (each is counted before its hash
    # check), so a burst of right PINs beyond it meets 429; below it, every one signs in.
    counts = asyncio.run(_burst(school.server.url, "/api/v1/session/pin", body, "10.0.0.13", 4))
    assert counts == Counter({204: 4}), counts

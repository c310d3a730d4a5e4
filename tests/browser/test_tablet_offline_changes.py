"""Tallies and bike-queue changes on a dead Wi-Fi: kept through a reload, delivered once."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from tests.browser.conftest import screenshot
from tests.browser.tablet_support import sign_in, tablet, teacher
from tests.servers import LiveServer

PEUTERS = "Peuters Zonnetje"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A demo school of its own: the counts below start from what this test sees."""
    live = LiveServer(tmp_path)
    live.command("demo", "--base-url", live.url)
    live.start()
    yield live.url
    live.stop()


class LoseFirstAnswer:
    """Lets every change through, but loses the answer to the first (stored all the same)."""

    def __init__(self) -> None:
        self.statuses: list[int] = []

    def __call__(self, route: Route) -> None:
        if route.request.method == "GET":
            route.continue_()
            return
        response = route.fetch()
        self.statuses.append(response.status)
        if len(self.statuses) == 1:
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)


def _zone(page: Page, zone: str) -> Locator:
    return page.locator(f".zone[data-zone='{zone}']")


def _blue_bike(page: Page) -> Locator:
    return page.locator(".bike", has=page.locator("h3", has_text="Blauwe fiets"))


def _show(page: Page, view: str) -> None:
    page.locator(f".tab[data-view='{view}']").tap()


@pytest.mark.parametrize(("portrait", "lang"), [(False, "nl"), (True, "en")])
def test_offline_tallies_and_bike_queue_survive_a_reload_and_arrive_once(
    browser: Browser, server: str, portrait: bool, lang: str
) -> None:
    desk = teacher(server)
    with tablet(browser, portrait=portrait) as (context, page):
        if lang == "en":
            context.add_cookies([{"name": "pleinmunt_lang", "value": "en", "url": server}])
        sign_in(page, server, name="Kimberly", group=PEUTERS)
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        _show(page, "tally")  # both views have been seen online once: their copies are kept
        expect(_zone(page, "voetbal").locator(".zone-count")).to_have_text("0")
        recess = page.locator(".recess-choice[aria-pressed='true']").inner_text()
        _show(page, "bikes")
        expect(_blue_bike(page)).to_be_visible()

        context.set_offline(True)
        _show(page, "tally")
        for zone in ("voetbal", "voetbal", "zandbak"):
            _zone(page, zone).locator(".plus").tap()
        expect(_zone(page, "voetbal").locator(".zone-count")).to_have_text("2")
        _show(page, "bikes")
        _blue_bike(page).locator(".join").tap()
        page.locator("#sheet .pick-child", has_text="Saar").tap()
        expect(_blue_bike(page).locator(".queued .name")).to_have_text(["Saar"])
        expect(page.locator("#pending")).to_have_attribute("data-count", "4")

        page.reload()  # still offline: the service worker serves the page, IndexedDB the rest
        expect(page.locator("#pending")).to_have_attribute("data-count", "4")
        _show(page, "bikes")
        expect(_blue_bike(page).locator(".queued .name")).to_have_text(["Saar"])
        expect(page.locator("#bikes-offline")).to_be_visible()
        screenshot(page, f"tablet-offline-bikes-reloaded-{lang}")
        _show(page, "tally")
        expect(page.locator(".recess-choice[aria-pressed='true']")).to_have_text(recess)
        expect(_zone(page, "voetbal").locator(".zone-count")).to_have_text("2")
        expect(_zone(page, "zandbak").locator(".zone-count")).to_have_text("1")
        screenshot(page, f"tablet-offline-tally-reloaded-{lang}")

        losing = LoseFirstAnswer()
        page.route("**/api/v1/tallies", losing)
        page.route("**/api/v1/bikes/**", losing)
        context.set_offline(False)
        expect(page.locator("#pending")).to_be_hidden(timeout=60_000)
        expect(_zone(page, "voetbal").locator(".zone-count")).to_have_text("2")

    # The first tally was counted and its answer lost; sent again, it was recognised (200).
    assert losing.statuses == [201, 200, 201, 201, 201]
    tallies = desk.get("/api/v1/tallies").json()["tallies"]
    assert {row["zone"]: row["conflicts"] for row in tallies} == {"voetbal": 2, "zandbak": 1}
    bikes = {bike["name"]: bike for bike in desk.get("/api/v1/bikes").json()}
    saar = next(c["id"] for c in desk.get("/api/v1/children").json() if c["first_name"] == "Saar")
    assert bikes["Blauwe fiets"]["queue"] == [saar]

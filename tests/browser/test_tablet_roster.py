"""A live roster: what the desk changes reaches an open tablet without a reload or a lost coin."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route, expect

from tests.browser.conftest import screenshot
from tests.browser.tablet_support import (
    card,
    children_by_name,
    coins_of,
    groups_by_name,
    sign_in,
    tablet,
    teacher,
)
from tests.servers import LiveServer


@pytest.fixture
def quick_server(tmp_path: Path) -> Iterator[str]:
    """The demo school with tablets that ask for the roster every second instead of 30."""
    server = LiveServer(tmp_path, PLEINMUNT_TABLET_REFRESH_SECONDS="1")
    server.command("demo", "--base-url", server.url)
    server.start()
    yield server.url
    server.stop()


def _no_answer(route: Route) -> None:
    route.abort("internetdisconnected")


@pytest.mark.parametrize(("portrait", "lang"), [(False, "nl"), (True, "en")])
def test_desk_changes_reach_an_open_tablet_and_the_outbox_survives(
    browser: Browser, quick_server: str, portrait: bool, lang: str
) -> None:
    desk = teacher(quick_server)
    children = children_by_name(desk)
    sam, emma, liam = (children[name]["id"] for name in ("Sam B.", "Emma J.", "Liam K."))
    before = {child: len(coins_of(desk, child)) for child in (sam, emma)}
    with tablet(browser, portrait=portrait) as (context, page):
        if lang == "en":
            context.add_cookies([{"name": "pleinmunt_lang", "value": "en", "url": quick_server}])
        sign_in(page, quick_server, group="Groep 5")
        page.evaluate("window.sameVisit = true")  # gone if the page reloads
        page.route("**/api/v1/coins", _no_answer)  # the coins wait in the outbox
        for name in ("Sam B.", "Emma J."):
            card(page, name).tap()
            page.locator(".reason").first.tap()
        expect(page.locator("#pending")).to_have_attribute("data-count", "2")

        group = groups_by_name(desk)["Groep 5"]
        assert desk.patch(f"/api/v1/children/{liam}", json={"active": False}).status_code == 200
        new = {"first_name": "Ruben", "last_initial": "T", "group_id": group}
        assert desk.post("/api/v1/children", json=new).status_code == 201
        assert desk.patch(f"/api/v1/groups/{group}", json={"name": "Groep 5b"}).status_code == 200

        expect(card(page, "Liam K.")).to_have_count(0)
        expect(card(page, "Ruben T.")).to_be_visible()
        expect(page.locator("#group-button")).to_contain_text("Groep 5b")
        expect(page.locator("#pending")).to_have_attribute("data-count", "2")
        screenshot(page, f"tablet-roster-live-{lang}")

        page.unroute("**/api/v1/coins")
        page.evaluate("window.dispatchEvent(new Event('online'))")  # the Wi-Fi is back
        expect(page.locator("#pending")).to_be_hidden()
        assert page.evaluate("window.sameVisit") is True
    assert {child: len(coins_of(desk, child)) for child in (sam, emma)} == {
        child: count + 1 for child, count in before.items()
    }

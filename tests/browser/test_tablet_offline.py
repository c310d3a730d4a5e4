"""The outbox: no coin lost or doubled on a dead Wi-Fi, a reload, a dropped answer or a sign-out."""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserType, Page, Route, expect

from tests.browser.conftest import DemoServer, screenshot
from tests.browser.tablet_support import (
    PINS,
    card,
    children_by_name,
    coins_logged_by,
    coins_of,
    reason,
    sign_in,
    tablet,
    teacher,
    type_pin,
)

KIMBERLY = "logger:2"  # the demo's history is logged as logger:1 (Kas)
GROEP_6 = ["Noor K.", "Mila S.", "Levi H.", "Tess W.", "Milan R."]


def _award(page: Page, name: str, label: str = "Iemand helpen") -> None:
    card(page, name).tap()
    reason(page, label).tap()


class DropFirstAnswers:
    """Lets the server store a coin, then loses its answer, as a Wi-Fi that drops mid-reply."""

    def __init__(self, count: int) -> None:
        self.left = count
        self.stored: list[int] = []

    def __call__(self, route: Route) -> None:
        if route.request.method != "POST" or self.left == 0:
            route.continue_()
            return
        self.left -= 1
        self.stored.append(route.fetch().status)  # the server has the coin now
        route.abort("connectionreset")


@pytest.fixture
def signed_in(browser: Browser, demo_server: DemoServer) -> Iterator[Page]:
    with tablet(browser) as (_context, page):
        sign_in(page, demo_server.url, name="Kimberly", group="Groep 6")
        # The service worker has the app shell once it controls the page.
        expect(page.locator("html")).to_have_attribute("data-offline-ready", "true")
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        yield page


def test_offline_coins_survive_reload_and_dropped_answers(
    signed_in: Page, demo_server: DemoServer
) -> None:
    page, server = signed_in, teacher(demo_server.url)
    before = {coin["id"] for coin in coins_logged_by(server, KIMBERLY)}
    page.context.set_offline(True)
    for name in GROEP_6:
        _award(page, name)
    expect(page.locator("#pending")).to_have_text("⏳ 5 te versturen")
    expect(page.locator("#net")).to_have_text("Geen wifi")
    page.reload()  # no network: the service worker serves the page
    expect(page.locator("#pending")).to_have_text("⏳ 5 te versturen")
    expect(card(page, "Noor K.")).to_be_visible()
    screenshot(page, "tablet-offline-reloaded")
    dropper = DropFirstAnswers(3)
    page.route("**/api/v1/coins", dropper)
    page.context.set_offline(False)
    expect(page.locator("#pending")).to_be_hidden(timeout=60_000)
    after = [coin for coin in coins_logged_by(server, KIMBERLY) if coin["id"] not in before]
    # The first coin was stored, its answer lost; the outbox sent that same coin again and the
    # server answered with the stored one (200), twice: still one coin.
    assert dropper.stored == [201, 200, 200]
    assert len(after) == 5
    names = children_by_name(server)
    assert sorted(coin["child_id"] for coin in after) == sorted(names[n]["id"] for n in GROEP_6)


def test_server_busy_is_retried_after_retry_after(signed_in: Page, demo_server: DemoServer) -> None:
    page, server = signed_in, teacher(demo_server.url)
    fleur = children_by_name(server)["Sara P."]["id"]
    before = len(coins_of(server, fleur))
    answers: list[int] = []

    def busy_once(route: Route) -> None:
        if answers:
            route.continue_()
            return
        answers.append(503)
        route.fulfill(
            status=503,
            headers={"Retry-After": "1", "Content-Type": "application/json"},
            body='{"detail": "busy", "code": "unavailable"}',
        )

    page.route("**/api/v1/coins", busy_once)
    _award(page, "Sara P.")
    expect(page.locator("#pending")).to_have_text("⏳ 1 te versturen")
    expect(page.locator("#pending")).to_be_hidden()
    assert len(coins_of(server, fleur)) == before + 1


def test_signed_out_tablet_keeps_coins_and_asks_pin(
    signed_in: Page, demo_server: DemoServer
) -> None:
    page, server = signed_in, teacher(demo_server.url)
    levi = children_by_name(server)["Levi H."]["id"]
    before = len(coins_of(server, levi))
    page.context.clear_cookies()  # the session ended (a new day, a PIN reset)
    _award(page, "Levi H.")
    expect(page.locator("#pin-title")).to_have_text("PIN voor Kimberly")
    expect(page.locator("#pin-message")).to_contain_text("nog te versturen: 1")
    screenshot(page, "tablet-signed-out-waiting")
    type_pin(page, PINS["Kimberly"])
    expect(page.locator("#pending")).to_be_hidden()
    assert len(coins_of(server, levi)) == before + 1


def test_refused_coin_says_why(signed_in: Page, demo_server: DemoServer) -> None:
    page, server = signed_in, teacher(demo_server.url)
    milan = children_by_name(server)["Milan R."]
    server.patch(f"/api/v1/children/{milan['id']}", json={"active": False})
    _award(page, "Milan R.")  # the tablet still shows yesterday's roster
    expect(page.locator(".toast.error")).to_contain_text(
        "Niet gegeven aan Milan R.: dit kind staat op niet actief."
    )
    expect(card(page, "Milan R.")).to_have_count(0)  # the fresh roster leaves Milan out
    expect(page.locator(".toast.ok")).to_have_count(0)  # nothing left to undo
    screenshot(page, "tablet-refused")
    server.patch(f"/api/v1/children/{milan['id']}", json={"active": True})


def test_plain_http_warns_but_outbox_works(
    browser_type: BrowserType, browser_type_launch_args: dict[str, Any], demo_server: DemoServer
) -> None:
    """A LAN address over http is no secure context: no service worker, but coins still go."""
    args = [
        *browser_type_launch_args["args"],
        "--host-resolver-rules=MAP pleinmunt.school 127.0.0.1",
    ]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    url = demo_server.url.replace("127.0.0.1", "pleinmunt.school")
    server = teacher(demo_server.url)
    tess = children_by_name(server)["Tess W."]["id"]
    before = len(coins_of(server, tess))
    try:
        with tablet(browser) as (_context, page):
            sign_in(page, url, name="Kimberly", group="Groep 6")
            assert page.evaluate("window.isSecureContext") is False
            expect(page.locator("#insecure")).to_contain_text("https")
            _award(page, "Tess W.")
            expect(page.locator("#pending")).to_be_hidden()
            screenshot(page, "tablet-plain-http")
    finally:
        browser.close()
    assert len(coins_of(server, tess)) == before + 1

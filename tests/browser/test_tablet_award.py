"""The tablet at a 1024×768 touch screen: signing in, two-tap coins, several at once, undo."""

import re
import uuid

from playwright.sync_api import Browser, expect

from tests.browser.conftest import DemoServer, screenshot
from tests.browser.tablet_support import (
    assert_gloves_fit,
    card,
    children_by_name,
    coins_of,
    open_tablet,
    reason,
    sign_in,
    tablet,
    teacher,
    type_pin,
)


def test_tablet_sign_in_shows_the_group(browser: Browser, demo_server: DemoServer) -> None:
    with tablet(browser) as (_context, page):
        open_tablet(page, demo_server.url)
        expect(page.get_by_role("heading", name="Wie ben jij?")).to_be_visible()
        screenshot(page, "tablet-signin")
        page.locator(".logger", has_text="Kas").tap()
        expect(page.locator("#pin-title")).to_have_text("PIN voor Kas")
        for digit in "2468":
            page.locator(f".key[data-key='{digit}']").tap()
        screenshot(page, "tablet-pin")
        for digit in "10":
            page.locator(f".key[data-key='{digit}']").tap()
        page.locator(".key.ok").tap()
        expect(card(page, "Sam B.")).to_be_visible()
        expect(page.locator("#signout")).to_contain_text("Kas")
        screenshot(page, "tablet-award")


def test_tablet_wrong_pin_is_said_plainly(browser: Browser, demo_server: DemoServer) -> None:
    with tablet(browser) as (_context, page):
        open_tablet(page, demo_server.url)
        page.locator(".logger", has_text="Kimberly").tap()
        type_pin(page, "000000")
        expect(page.locator("#pin-message")).to_have_text(
            "Die PIN klopt niet. Probeer het nog eens."
        )
        expect(page.locator("#app")).to_be_hidden()
        screenshot(page, "tablet-pin-wrong")


def test_tablet_throttled_pin_locks_the_pad(browser: Browser, demo_server: DemoServer) -> None:
    # A logger of its own, so the other tests can still sign in.
    teacher(demo_server.url).post("/api/v1/loggers", json={"name": "Romany", "pin": "11223344"})
    with tablet(browser) as (_context, page):
        open_tablet(page, demo_server.url)
        page.locator(".logger", has_text="Romany").tap()
        for _attempt in range(5):
            type_pin(page, "999999")
            expect(page.locator("#pin-message")).to_contain_text("klopt niet")
        type_pin(page, "999999")
        expect(page.locator("#pin-message")).to_contain_text("Te vaak een verkeerde PIN. Wacht 1")
        expect(page.locator(".key[data-key='1']")).to_be_disabled()
        screenshot(page, "tablet-pin-throttled")


def test_tablet_award_takes_two_taps(browser: Browser, demo_server: DemoServer) -> None:
    server = teacher(demo_server.url)
    sam = children_by_name(server)["Sam B."]["id"]
    before = len(coins_of(server, sam))
    with tablet(browser) as (_context, page):
        sign_in(page, demo_server.url)
        card(page, "Sam B.").tap()
        reason(page, "Iemand helpen").tap()
        expect(page.locator(".toast")).to_contain_text("Sam B.")
        expect(page.locator("#pending")).to_be_hidden()
        screenshot(page, "tablet-award-toast")
    coins = coins_of(server, sam)
    assert len(coins) == before + 1
    assert coins[0]["reason"] == "helpen"


def test_tablet_award_several_children_at_once(browser: Browser, demo_server: DemoServer) -> None:
    server = teacher(demo_server.url)
    names = ["Noah V.", "Emma J.", "Liam K."]
    ids = [children_by_name(server)[name]["id"] for name in names]
    before = {child: len(coins_of(server, child)) for child in ids}
    with tablet(browser) as (_context, page):
        sign_in(page, demo_server.url)
        for name in names:
            card(page, name).tap()
        expect(page.locator("#selection")).to_have_text("3 gekozen: tik op een reden")
        assert_gloves_fit(page)
        screenshot(page, "tablet-multi-select")
        reason(page, "Samen opruimen").tap()
        expect(page.locator(".toast")).to_contain_text("3 kinderen")
        expect(page.locator("#pending")).to_be_hidden()
    assert {child: len(coins_of(server, child)) for child in ids} == {
        child: count + 1 for child, count in before.items()
    }


def test_tablet_undo_voids_the_coin(browser: Browser, demo_server: DemoServer) -> None:
    server = teacher(demo_server.url)
    julia = children_by_name(server)["Julia S."]["id"]
    with tablet(browser) as (_context, page):
        sign_in(page, demo_server.url)
        card(page, "Julia S.").tap()
        reason(page, "Eerlijk spelen").tap()
        expect(page.locator("#pending")).to_be_hidden()  # sent: the undo must void it
        page.locator(".toast .undo").tap()
        expect(page.locator(".toast")).to_contain_text("Ongedaan gemaakt.")
        expect(page.locator("#pending")).to_be_hidden()
        screenshot(page, "tablet-undo")
    latest = coins_of(server, julia)[0]
    assert latest["reason"] == "eerlijk-spelen"
    assert latest["voided_at"] is not None


def test_tablet_search_finds_a_name(browser: Browser, demo_server: DemoServer) -> None:
    with tablet(browser) as (_context, page):
        sign_in(page, demo_server.url)
        page.locator("#search").fill("omer")  # without the umlaut, as a cold thumb types it
        expect(page.locator(".child")).to_have_count(1)
        expect(card(page, "Ömer Y.")).to_be_visible()


def test_tablet_unseen_row_and_remembered_group(browser: Browser, demo_server: DemoServer) -> None:
    server = teacher(demo_server.url)
    groep6 = {g["name"]: g["id"] for g in server.get("/api/v1/groups").json()}["Groep 6"]
    server.post("/api/v1/children", json={"first_name": "Ruben", "group_id": groep6})
    with tablet(browser) as (_context, page):
        sign_in(page, demo_server.url, group="Groep 6")
        row = page.locator("#unseen")
        expect(row).to_contain_text("Nog niet gezien deze week")
        expect(row.locator(".unseen-child", has_text="Ruben")).to_be_visible()
        screenshot(page, "tablet-unseen")
        row.locator(".unseen-child", has_text="Ruben").tap()
        reason(page, "Iemand laten meedoen").tap()
        expect(row.locator(".unseen-child", has_text="Ruben")).to_be_hidden()
        page.reload()  # the group is remembered on this tablet
        expect(page.locator("#group-button")).to_contain_text("Groep 6")


def test_tablet_shows_cap_and_inactive_children(browser: Browser, demo_server: DemoServer) -> None:
    server = teacher(demo_server.url)
    children = children_by_name(server)
    fleur, daan = children["Fleur B."]["id"], children["Daan M."]["id"]
    view = server.get(f"/api/v1/tablet/groups/{children['Fleur B.']['group_id']}").json()
    left = next(child for child in view["children"] if child["id"] == fleur)["cap_left"]
    for amount in [3] * (left // 3) + ([left % 3] if left % 3 else []):
        body = {"id": str(uuid.uuid4()), "child_id": fleur, "reason": "helpen", "amount": amount}
        assert server.post("/api/v1/coins", json=body).status_code == 201
    server.patch(f"/api/v1/children/{daan}", json={"active": False})
    with tablet(browser) as (_context, page):
        sign_in(page, demo_server.url, group="Groep 6")
        expect(card(page, "Fleur B.")).to_contain_text("vol")
        expect(card(page, "Fleur B.")).to_have_attribute("data-state", "cap")
        expect(card(page, "Daan M.")).to_have_count(0)  # switched off: not on the tablet
        card(page, "Fleur B.").tap(force=True)  # a tap on a full child selects nothing
        expect(card(page, "Fleur B.")).to_have_attribute("aria-pressed", "false")
        screenshot(page, "tablet-cap-inactive")


def test_tablet_switches_to_english(browser: Browser, demo_server: DemoServer) -> None:
    with tablet(browser) as (_context, page):
        sign_in(page, demo_server.url)
        page.get_by_role("link", name="English").tap()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.locator(".tab[data-view='award']")).to_contain_text("Coins")
        expect(page.locator("#selection")).to_have_text("Tap a child, then a reason.")
        expect(reason(page, "Helping someone")).to_be_visible()
        expect(card(page, "Sam B.")).to_contain_text(re.compile(r"\d+ today"))
        screenshot(page, "tablet-english")
        page.get_by_role("link", name="Nederlands").tap()
        expect(page.locator(".tab[data-view='award']")).to_contain_text("Munten")


def test_tablet_upright_keeps_reasons_in_reach(browser: Browser, demo_server: DemoServer) -> None:
    with tablet(browser, portrait=True) as (_context, page):
        sign_in(page, demo_server.url)
        card(page, "Zoë D.").tap()
        bar = page.locator(".reasons-side").bounding_box()
        assert bar is not None
        assert bar["y"] > 700  # at the bottom of the 1024 px high screen
        for button in page.locator(".reason").all():
            box = button.bounding_box()
            assert box is not None
            assert box["height"] >= 56
        assert_gloves_fit(page)
        screenshot(page, "tablet-portrait")

"""Daycare bikes on the tablet: queue, first rider, timer, handover; and the recess tally."""

import uuid
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.conftest import DemoServer, screenshot
from tests.browser.tablet_support import (
    assert_gloves_fit,
    children_by_name,
    coins_of,
    sign_in,
    tablet,
    teacher,
)

PEUTERS = "Peuters Zonnetje"


def _bike(page: Page, name: str) -> Locator:
    return page.locator(".bike", has=page.locator("h3", has_text=name))


def _open_bikes(page: Page, url: str) -> None:
    sign_in(page, url, name="Kimberly", group=PEUTERS)
    page.locator(".tab[data-view='bikes']").tap()
    expect(_bike(page, "Rode fiets")).to_be_visible()


def _queue(page: Page, bike: Locator, name: str) -> None:
    bike.locator(".join").tap()
    page.locator("#sheet .pick-child", has_text=name).tap()
    expect(bike.locator(".queued", has_text=name)).to_be_visible()


def test_bike_queue_start_and_good_handover(browser: Browser, demo_server: DemoServer) -> None:
    server = teacher(demo_server.url)
    names = children_by_name(server)
    lotte, finn = names["Lotte J."]["id"], names["Finn D."]["id"]
    before = {child: len(coins_of(server, child)) for child in (lotte, finn)}
    with tablet(browser) as (_context, page):
        _open_bikes(page, demo_server.url)
        red = _bike(page, "Rode fiets")
        expect(red.locator(".rider")).to_contain_text("Vrij")
        red.locator(".join").tap()
        expect(page.locator("#sheet-title")).to_have_text("Wie wacht op de Rode fiets?")
        screenshot(page, "tablet-bike-pick")
        page.locator("#sheet .pick-child", has_text="Lotte").tap()
        _queue(page, red, "Finn")
        expect(red.locator(".queued .name")).to_have_text(["Lotte", "Finn"])
        red.locator(".start").tap()
        expect(red.locator(".rider .name")).to_have_text("Lotte")
        expect(red.locator(".timer-text")).to_contain_text(":")
        expect(red.locator(".queued .name")).to_have_text(["Finn"])
        assert_gloves_fit(page)
        screenshot(page, "tablet-bike-riding")
        red.locator(".handover.good").tap()
        expect(red.locator(".rider .name")).to_have_text("Finn")
        expect(page.locator(".toast")).to_contain_text("allebei een munt")
        expect(page.locator("#pending")).to_be_hidden()
        screenshot(page, "tablet-bike-handover")
    bike = next(b for b in server.get("/api/v1/bikes").json() if b["name"] == "Rode fiets")
    assert (bike["rider_child_id"], bike["queue"]) == (finn, [])
    for child in (lotte, finn):
        coins = coins_of(server, child)
        assert len(coins) == before[child] + 1
        assert coins[0]["reason"] == "fiets-wisselen"


def test_bike_queue_seen_by_second_tablet(browser: Browser, demo_server: DemoServer) -> None:
    with tablet(browser) as (_first_context, first), tablet(browser) as (_context, second):
        _open_bikes(first, demo_server.url)
        _open_bikes(second, demo_server.url)
        _queue(first, _bike(first, "Blauwe fiets"), "Saar")
        # The other tablet asks the server every few seconds.
        waiting = _bike(second, "Blauwe fiets").locator(".queued", has_text="Saar")
        expect(waiting).to_be_visible(timeout=20_000)
        waiting.locator(".leave").tap()
        expect(_bike(first, "Blauwe fiets").locator(".queued")).to_have_count(0, timeout=20_000)


def test_bike_turn_over_is_plain_to_see(browser: Browser, demo_server: DemoServer) -> None:
    server = teacher(demo_server.url)
    names = children_by_name(server)
    bram, evi = names["Bram T."]["id"], names["Evi L."]["id"]
    blue = next(b for b in server.get("/api/v1/bikes").json() if b["name"] == "Blauwe fiets")
    ride = {"id": str(uuid.uuid4()), "child_id": bram}
    assert server.put(f"/api/v1/bikes/{blue['id']}/rider", json=ride).status_code == 201
    turn = {
        "id": str(uuid.uuid4()),
        "bike_id": blue["id"],
        "from_child_id": bram,
        "to_child_id": evi,
        "went_well": False,
        "at": (datetime.now(UTC) - timedelta(minutes=6)).isoformat(),
    }
    assert server.post("/api/v1/bike-turns", json=turn).status_code == 201
    with tablet(browser) as (_context, page):
        _open_bikes(page, demo_server.url)
        card = _bike(page, "Blauwe fiets")
        expect(card.locator(".rider .name")).to_have_text("Evi")
        expect(card).to_have_attribute("data-over", "true")
        expect(card.locator(".timer-text")).to_have_text("Tijd om te wisselen!")
        screenshot(page, "tablet-bike-turn-over")


def test_recess_tally_counts_without_names(browser: Browser, demo_server: DemoServer) -> None:
    server = teacher(demo_server.url)
    with tablet(browser) as (_context, page):
        sign_in(page, demo_server.url, name="Kimberly")
        page.locator(".tab[data-view='tally']").tap()
        page.locator(".recess-choice", has_text="Ochtendpauze").tap()
        zone = page.locator(".zone[data-zone='voetbal']")
        zone.locator(".plus").tap()
        expect(zone.locator(".zone-count")).to_have_text("1")
        zone.locator(".plus").tap()
        expect(zone.locator(".zone-count")).to_have_text("2")
        zone.locator(".minus").tap()
        expect(zone.locator(".zone-count")).to_have_text("1")
        expect(page.locator("#pending")).to_be_hidden()  # the taps went through the outbox
        assert_gloves_fit(page)
        screenshot(page, "tablet-tally")
    rows = server.get("/api/v1/tallies").json()["tallies"]
    assert [(r["recess"], r["zone"], r["conflicts"]) for r in rows] == [("morning", "voetbal", 1)]

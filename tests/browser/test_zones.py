"""The school's own zones: set on the desk, big buttons on the tablet, a chart per zone."""

import uuid

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DemoServer, screenshot
from tests.browser.tablet_support import assert_gloves_fit, sign_in, tablet, teacher
from tests.browser.teacher_support import desk, flash


def test_zones_are_set_on_the_desk_and_charted(browser: Browser, demo_server: DemoServer) -> None:
    with desk(browser, demo_server.url) as page:
        page.goto(demo_server.url + "/teacher/reasons")
        add = page.locator("form[action='/teacher/zones']")
        add.get_by_label("Naam").fill("Achter de gymzaal")
        add.get_by_label("Icoon").fill("🏃")
        add.get_by_role("button", name="Zone toevoegen").click()
        expect(flash(page)).to_have_text("Zone Achter de gymzaal toegevoegd.")
        sandpit = page.locator("form[data-zone='zandbak']")
        sandpit.get_by_label("Naam").fill("Grote zandbak")
        sandpit.get_by_role("button", name="Opslaan").click()
        expect(flash(page)).to_have_text("Zone Grote zandbak bewaard.")
        expect(page.locator("form[data-zone='achter-de-gymzaal']")).to_be_visible()
        page.locator("#zones-title").scroll_into_view_if_needed()
        screenshot(page, "teacher-zones")

        server = teacher(demo_server.url)
        body = {"id": str(uuid.uuid4()), "zone": "achter-de-gymzaal", "recess": "lunch"}
        assert server.post("/api/v1/tallies", json=body).status_code == 201
        page.goto(demo_server.url + "/teacher/dashboard")
        zones = page.locator("#conflicts-by-zone")
        expect(zones.locator("svg.chart rect")).not_to_have_count(0)
        expect(zones.locator("thead")).to_contain_text("🏃 Achter de gymzaal")
        expect(zones.locator("thead")).to_contain_text("⚽ Voetbalveld")  # the demo's weeks
        expect(zones.locator("tbody tr").last).to_contain_text("1")
        zones.scroll_into_view_if_needed()
        screenshot(page, "teacher-dashboard-zones")


@pytest.mark.parametrize(("portrait", "lang"), [(True, "nl"), (False, "en")])
def test_tablet_offers_the_schools_zones_as_big_buttons(
    browser: Browser, demo_server: DemoServer, portrait: bool, lang: str
) -> None:
    server = teacher(demo_server.url)
    name = f"Schommels {lang}"
    zone = server.post("/api/v1/zones", json={"name": name, "icon": "🪁"}).json()
    assert server.patch("/api/v1/zones/fietsen", json={"active": False}).status_code == 200
    with tablet(browser, portrait=portrait) as (context, page):
        if lang == "en":
            context.add_cookies([{"name": "pleinmunt_lang", "value": "en", "url": demo_server.url}])
        sign_in(page, demo_server.url, name="Kimberly")
        page.locator(".tab[data-view='tally']").tap()
        own = page.locator(f".zone[data-zone='{zone['slug']}']")
        expect(own.locator(".zone-name")).to_have_text(name)
        expect(page.locator(".zone[data-zone='fietsen']")).to_have_count(0)
        expect(page.locator(".zone[data-zone='voetbal'] .zone-name")).to_have_text("Voetbalveld")
        own.locator(".plus").tap()
        expect(own.locator(".zone-count")).to_have_text("1")
        expect(page.locator("#pending")).to_be_hidden()
        assert_gloves_fit(page)
        screenshot(page, f"tablet-zones-{'portrait' if portrait else 'landscape'}-{lang}")
    counted = server.get("/api/v1/tallies").json()["tallies"]
    assert [row["conflicts"] for row in counted if row["zone"] == zone["slug"]] == [1]

"""Every page of the teacher desk on the demo school at 1280×800, the dashboard on screen and in
print, in Chromium (look at the screenshots in screenshots/teacher-*.png)."""

import re

import httpx
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DemoServer, screenshot
from tests.browser.teacher_support import desk, flash

ANDROID_TABLET = (
    "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Safari/537.36"
)


def test_dashboard_shows_the_demo_weeks(browser: Browser, demo_server: DemoServer) -> None:
    with desk(browser, demo_server.url) as page:
        page.goto(demo_server.url + "/teacher/dashboard")
        expect(page.get_by_role("heading", name="Werkt het?")).to_be_visible()
        expect(page.locator("svg.chart")).to_have_count(7)  # conflicts per zone among them
        groups = page.locator("section[aria-labelledby='fig-groups']")
        expect(groups.locator("svg rect")).not_to_have_count(0)
        expect(groups.locator("tbody tr")).to_have_count(12)  # twelve weeks of numbers
        calm = page.locator("section[aria-labelledby='fig-calm']")
        expect(calm.locator("polyline")).to_have_count(1)
        expect(calm.locator("thead")).to_contain_text("Middagpauze")
        loggers = page.locator("section[aria-labelledby='fig-loggers']")
        expect(loggers.locator("tbody")).to_contain_text("Kas")
        expect(loggers.locator("tbody")).to_contain_text("Kimberly")
        screenshot(page, "teacher-dashboard")


def test_dashboard_prints_without_the_desk_around_it(
    browser: Browser, demo_server: DemoServer
) -> None:
    with desk(browser, demo_server.url) as page:
        page.goto(demo_server.url + "/teacher/dashboard")
        page.emulate_media(media="print")
        expect(page.locator(".desk-bar")).to_be_hidden()
        expect(page.get_by_role("button", name="Afdrukken")).to_be_hidden()
        expect(page.locator("svg.chart").first).to_be_visible()
        expect(page.locator("table.numbers").first).to_be_visible()
        screenshot(page, "teacher-dashboard-print")
        pdf = page.pdf(format="A4", print_background=True)
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        assert 1 < pages <= 6


def test_dashboard_in_english(browser: Browser, demo_server: DemoServer) -> None:
    with desk(browser, demo_server.url) as page:
        page.goto(demo_server.url + "/teacher/dashboard?lang=en")
        expect(
            page.get_by_role("heading", name="Is the schoolyard getting calmer?")
        ).to_be_visible()
        expect(page.locator("section[aria-labelledby='fig-calm'] thead")).to_contain_text(
            "Lunch recess"
        )
        screenshot(page, "teacher-dashboard-en")


def test_interns_page_lists_their_tablets(browser: Browser, demo_server: DemoServer) -> None:
    with desk(browser, demo_server.url) as page:
        tablet = httpx.post(  # Kas signs in on a tablet of her own
            demo_server.url + "/api/v1/session/pin",
            json={"logger_id": 1, "pin": "246810"},
            headers={"User-Agent": ANDROID_TABLET},
        )
        assert tablet.status_code == 204
        page.goto(demo_server.url + "/teacher/loggers")
        expect(page.locator("tr[data-logger='Kas']")).to_contain_text("Chrome · Android")
        expect(page.locator("tr[data-logger='Kas']")).to_contain_text("laatst gezien")
        form = page.locator("form[action='/teacher/loggers']")
        form.get_by_label("Naam").fill("Romy")
        form.get_by_label("Pincode").fill("24681357")
        form.get_by_role("button", name="Stagiair toevoegen").click()
        expect(flash(page)).to_have_text("Romy kan nu aanmelden op de tablet.")
        screenshot(page, "teacher-loggers")


def test_reasons_and_bikes_page(browser: Browser, demo_server: DemoServer) -> None:
    with desk(browser, demo_server.url) as page:
        page.goto(demo_server.url + "/teacher/reasons")
        row = page.locator("form[data-reason='helpen']")
        row.locator("input[name='label_en']").fill("Helping out")
        row.get_by_role("button", name="Opslaan").click()
        expect(flash(page)).to_have_text("De reden ‘Iemand helpen’ is opgeslagen.")
        expect(page.locator("form[data-reason='helpen'] input[name='label_en']")).to_have_value(
            "Helping out"
        )
        expect(page.locator("input[value='Rode fiets']")).to_be_visible()
        screenshot(page, "teacher-reasons")


def test_audit_page_shows_the_changes(browser: Browser, demo_server: DemoServer) -> None:
    with desk(browser, demo_server.url) as page:
        page.goto(demo_server.url + "/teacher/roster")
        page.locator("form[action='/teacher/groups'] input[name='name']").fill("Groep 3")
        page.get_by_role("button", name="Groep toevoegen").click()
        expect(flash(page)).to_have_text("De groep ‘Groep 3’ is toegevoegd.")
        page.goto(demo_server.url + "/teacher/audit")
        expect(page.locator("#audit-table tbody tr").first).to_contain_text(
            "Juf maakte groep Groep 3"
        )
        screenshot(page, "teacher-audit")
        page.get_by_label("Wat").select_option("group")
        page.get_by_role("button", name="Filteren").click()
        expect(page.locator("#audit-table tbody tr")).to_have_count(1)
        screenshot(page, "teacher-audit-filtered")


def test_year_end_page_and_erase_confirmation(browser: Browser, demo_server: DemoServer) -> None:
    with desk(browser, demo_server.url) as page:
        page.goto(demo_server.url + "/teacher/roster")
        row = page.locator("tr", has=page.get_by_role("cell", name="Tess W.", exact=True))
        row.get_by_role("button", name="Deactiveren").click()
        expect(flash(page)).to_contain_text("Tess is gedeactiveerd")
        page.goto(demo_server.url + "/teacher/year-end")
        expect(page.locator("#purge-plan")).to_contain_text("Wordt gewist: 1 kind met samen")
        names = page.locator("#purge-names")
        expect(names.locator("h3")).to_have_count(1)
        expect(names.locator("h3")).to_contain_text("Groep 6")
        expect(names.locator("li")).to_have_text(["Tess W."])
        with page.expect_download() as archive:
            page.locator("#archive-again").click()
        assert archive.value.suggested_filename == "pleinmunt-archief.xlsx"
        screenshot(page, "teacher-year-end")
        page.get_by_label("Typ WISSEN om te bevestigen").fill("WISSEN")
        page.get_by_role("button", name="Vertrokken kinderen definitief wissen").click()
        expect(flash(page)).to_contain_text("Gewist: 1 kind en ")
        expect(page.locator("#purge-plan")).to_contain_text("niets te wissen")
        page.goto(demo_server.url + "/teacher/roster")
        row = page.locator("tr", has=page.get_by_role("cell", name="Levi H.", exact=True))
        row.get_by_role("link", name="Wissen…").click()
        expect(page.get_by_role("heading", name="Kind wissen")).to_be_visible()
        screenshot(page, "teacher-erase")


def test_intern_sees_a_plain_refusal(browser: Browser, demo_server: DemoServer) -> None:
    with desk(browser, demo_server.url, sign_in=False) as page:
        page.request.post(
            demo_server.url + "/api/v1/session/pin", data={"logger_id": 2, "pin": "135790"}
        )
        response = page.goto(demo_server.url + "/teacher/roster")
        assert response is not None
        assert response.status == 403
        expect(page.get_by_text("meld je aan als leerkracht")).to_be_visible()
        expect(page.locator(".desk-nav")).to_have_count(0)
        screenshot(page, "teacher-intern-refused")

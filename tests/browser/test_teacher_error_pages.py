"""No JSON page reaches a teacher: the draw check reads as a desk page, and a form's address
opened as a page (405) or an address that does not exist (404) shows a desk page with a way
back, in Dutch and in English."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, expect

from app.domain.weeks import week_of
from tests.browser.conftest import DemoServer, screenshot
from tests.browser.teacher_support import desk

CHECK = {
    "nl": ("controleer de trekking", "Controle van de trekking", "De trekking klopt", "lootje"),
    "en": ("verify the draw", "Draw check", "The draw checks out", "ticket"),
}


def _weeks_ago(weeks: int) -> str:
    return week_of(datetime.now(UTC) - timedelta(weeks=weeks), ZoneInfo("Europe/Amsterdam"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_draw_check_is_a_readable_page(
    browser: Browser, demo_server: DemoServer, lang: str
) -> None:
    link, title, verdict, ticket = CHECK[lang]
    week = _weeks_ago(2)  # the demo drew every week before last week
    with desk(browser, demo_server.url) as page:
        page.goto(f"{demo_server.url}/teacher/weeks?board=schoolplein&week={week}&lang={lang}")
        page.get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.locator("#verdict")).to_contain_text(verdict)
        expect(page.locator("#check-candidates tbody tr.winner-row")).to_have_count(1)
        expect(page.locator("main")).to_contain_text(ticket)
        assert page.url.split("?")[0].endswith(f"/teacher/weeks/schoolplein/{week}/check")
        assert '"matches"' not in page.content()
        screenshot(page, f"teacher-draw-check-{lang}")
        back = "Terug naar de week" if lang == "nl" else "Back to the week"
        page.get_by_role("link", name=back).click()
        expect(page.locator("#week-heading")).to_contain_text(f"{int(week[-2:])}")


PAGES = {
    "nl": (
        "Deze pagina kun je niet zo openen",
        "Deze pagina bestaat niet",
        "Terug naar de lerarenkamer",
    ),
    "en": (
        "This page cannot be opened like this",
        "This page does not exist",
        "Back to the teacher desk",
    ),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_form_address_reloaded_shows_a_desk_page(
    browser: Browser, demo_server: DemoServer, lang: str
) -> None:
    wrong_method, _missing, home = PAGES[lang]
    with desk(browser, demo_server.url) as page:
        answer = page.goto(f"{demo_server.url}/teacher/winners/1/reward?lang={lang}")
        assert answer is not None
        assert answer.status == 405
        expect(page.get_by_role("heading", level=1)).to_have_text(wrong_method)
        assert "{" not in page.locator("main").inner_text()
        screenshot(page, f"teacher-405-{lang}")
        page.get_by_role("link", name=home).click()
        expect(page.locator("#week-heading")).to_be_visible()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_unknown_address_shows_a_desk_page(
    browser: Browser, demo_server: DemoServer, lang: str
) -> None:
    _wrong, missing, home = PAGES[lang]
    with desk(browser, demo_server.url) as page:
        answer = page.goto(f"{demo_server.url}/teacher/children/987654/erase?lang={lang}")
        assert answer is not None
        assert answer.status == 404
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.locator(".flash--error")).to_be_visible()
        answer = page.goto(f"{demo_server.url}/teacher/no-such-page?lang={lang}")
        assert answer is not None
        assert answer.status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text(missing)
        screenshot(page, f"teacher-404-{lang}")
        expect(page.get_by_role("link", name=home)).to_have_attribute("href", "/teacher")

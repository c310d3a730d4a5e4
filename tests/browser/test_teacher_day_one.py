"""Day one of a new school on the desk: the setup checklist ticking itself off step by step,
and the printable cards (intern cards eight to an A4 page, the screen card), in Dutch and
English."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import screenshot
from tests.browser.teacher_support import DEMO_TEACHER, LAPTOP, desk
from tests.browser.test_accessibility import violations
from tests.edex_files import YEAR_ONE, YEAR_ONE_GROUPS, edex_file
from tests.servers import LiveServer

STEPS = ("import", "interns", "board", "screen", "cards")


@pytest.fixture(scope="module")
def new_school(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A school with one teacher and nothing else."""
    server = LiveServer(tmp_path_factory.mktemp("day-one"))
    server.command(
        "create-teacher", DEMO_TEACHER[0], "--password-stdin", input_text=DEMO_TEACHER[1]
    )
    server.start(timeout=90)
    yield server
    server.stop()


def _done_steps(page: Page, url: str, lang: str = "nl") -> list[str]:
    page.goto(f"{url}/teacher/weeks?lang={lang}")
    steps = page.locator(".checklist-step")
    if steps.count() == 0:
        return list(STEPS) if page.locator(".checklist").count() == 0 else []
    return [
        str(step.get_attribute("data-step"))
        for step in steps.all()
        if step.get_attribute("data-done") == "true"
    ]


def _add_interns(page: Page, url: str, names: list[str]) -> None:
    page.goto(url + "/teacher/loggers")
    for number, name in enumerate(names):
        form = page.locator("form[action='/teacher/loggers']")
        form.locator("input[name='name']").fill(name)
        form.locator("input[name='pin']").fill(f"{246810 + number * 1111}")
        form.locator("button[type='submit']").click()
        expect(page.locator(".flash--ok")).to_be_visible()


def test_checklist_ticks_itself_off(browser: Browser, new_school: LiveServer) -> None:
    url = new_school.url
    with desk(browser, url) as page:
        assert _done_steps(page, url) == []
        expect(page.locator(".checklist")).to_contain_text("0 van de 5 stappen gedaan.")
        screenshot(page, "desk-checklist-start-nl")
        page.goto(f"{url}/teacher/weeks?lang=en")
        expect(page.locator(".checklist h2")).to_have_text("Setting up the school")
        screenshot(page, "desk-checklist-start-en")
        page.goto(f"{url}/teacher/weeks?lang=nl")

        page.get_by_role("link", name="Klassenlijst importeren").click()
        page.locator("input[type=file]").set_input_files(
            {
                "name": "EDEX.XML",
                "mimeType": "text/xml",
                "buffer": edex_file(YEAR_ONE_GROUPS, YEAR_ONE),
            }
        )
        page.locator("form[action='/teacher/roster/import'] button[type=submit]").click()
        page.get_by_role("button", name=re.compile("^Importeren")).click()
        expect(page.locator(".flash--ok")).to_be_visible()
        assert _done_steps(page, url) == ["import"]

        page.get_by_role("link", name="Stagiairs toevoegen").click()
        _add_interns(page, url, ["Kas"])
        assert _done_steps(page, url) == ["import", "interns"]

        page.get_by_role("link", name="Een bord maken").click()
        form = page.locator("form[action='/teacher/boards']")
        form.get_by_label("Titel").fill("Schoolplein")
        form.locator("input[name='slug']").fill("plein")
        form.get_by_label("Groep 5").check()
        form.get_by_role("button", name="Bord maken").click()
        expect(page.locator(".flash--ok")).to_be_visible()
        assert _done_steps(page, url) == ["import", "interns", "board"]
        screenshot(page, "desk-checklist-three-nl")

        page.get_by_role("link", name="Een scherm koppelen").click()
        page.get_by_role("button", name="Nieuwe kiosklink").click()
        expect(page.locator("figure.qr svg")).to_be_visible()
        assert _done_steps(page, url) == ["import", "interns", "board", "screen"]

        page.get_by_role("link", name="De kaarten printen").click()
        page.get_by_role("button", name="Kaarten printen").click()
        expect(page.locator(".flash--ok")).to_have_text("De kaarten zijn geprint.")
        page.goto(url + "/teacher/weeks")
        expect(page.get_by_role("heading", name="Weekoverzicht", level=1)).to_be_visible()
        expect(page.locator(".checklist")).to_have_count(0)  # done: the list is gone
        screenshot(page, "desk-checklist-done-nl")


def _as_paper(page: Page) -> None:
    """Print media on a page as wide as A4 at 96 dpi, so a screenshot shows the paper."""
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})


def _as_screen(page: Page) -> None:
    page.emulate_media(media="screen")
    page.set_viewport_size(LAPTOP)


def _pdf_pages(page: Page) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))


def test_intern_cards_print_eight_to_an_a4_page(browser: Browser, new_school: LiveServer) -> None:
    url = new_school.url
    with desk(browser, url) as page:
        _add_interns(page, url, [f"Stagiair {n}" for n in range(2, 10)])  # with Kas: nine
        for lang in ("nl", "en"):
            page.goto(f"{url}/teacher/cards?lang={lang}")
            expect(page.locator(".print-card")).to_have_count(9)
            expect(page.locator(".print-card svg").first).to_be_visible()
            screenshot(page, f"desk-cards-{lang}")
            _as_paper(page)
            expect(page.locator(".desk-bar")).to_be_hidden()
            expect(page.locator("h1")).to_be_hidden()
            screenshot(page, f"desk-cards-print-{lang}")
            assert _pdf_pages(page) == 2  # eight cards fill the first page
            _as_screen(page)
        card = page.locator(".print-card", has_text="Kas")
        expect(card).to_contain_text("PIN:")
        expect(card).to_contain_text(f"{url}/tablet")


def test_screen_card_prints_the_kiosk_links_qr(browser: Browser, new_school: LiveServer) -> None:
    url = new_school.url
    with desk(browser, url, bypass_csp=True) as page:
        for lang in ("nl", "en"):
            page.goto(f"{url}/teacher/boards/plein?lang={lang}")
            page.locator("form[action$='/kiosk-links'] button[type=submit]").click()
            expect(page.locator("figure.qr svg")).to_be_visible()
            expect(page.locator(".print-card--screen")).to_be_hidden()
            assert violations(page) == []  # the kiosk link page answers a POST: not in the list
            # The server runs on 127.0.0.1: the page says the link will not work elsewhere.
            expect(page.locator(".flash--warn").nth(1)).to_contain_text("127.0.0.1")
            screenshot(page, f"desk-kiosk-link-{lang}")
            _as_paper(page)
            card = page.locator(".print-card--screen")
            expect(card).to_be_visible()
            expect(card).to_contain_text("Schoolplein")
            expect(page.locator("figure.qr")).to_be_hidden()
            screenshot(page, f"desk-screen-card-print-{lang}")
            assert _pdf_pages(page) == 1
            _as_screen(page)


def test_avatar_is_picked_on_the_child_forms(browser: Browser, new_school: LiveServer) -> None:
    url = new_school.url
    hedgehog = "1f994.svg"
    with desk(browser, url) as page:
        page.goto(url + "/teacher/roster")
        page.get_by_role("link", name="Avatar kiezen: Zoë").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Avatar van Zoë D.")
        page.get_by_role("radio", name="egel").check()
        page.get_by_role("radio", name="paars").check()
        screenshot(page, "desk-avatar-picker-nl")
        page.get_by_role("button", name="Avatar bewaren").click()
        expect(page.locator(".flash--ok")).to_have_text("De avatar van Zoë is bewaard.")
        row = page.locator("tr", has=page.get_by_role("cell", name="Zoë D.", exact=True))
        expect(row.locator(".avatar--purple img")).to_have_attribute(
            "src", f"/static/emoji/{hedgehog}"
        )

        page.goto(url + "/teacher/roster?lang=en")
        form = page.locator("form[action='/teacher/children']")
        form.get_by_label("First name").fill("Mo")
        form.get_by_text("Choose an avatar").click()
        form.get_by_role("radio", name="owl").check()
        form.get_by_role("radio", name="teal").check()
        screenshot(page, "desk-avatar-add-en")
        form.get_by_role("button", name="Add child").click()
        expect(page.locator(".flash--ok")).to_be_visible()
        row = page.locator("tr", has=page.get_by_role("cell", name="Mo", exact=True))
        expect(row.locator(".avatar--teal img")).to_be_visible()
        page.get_by_role("link", name="Choose an avatar: Mo").click()
        expect(page.get_by_role("radio", name="owl")).to_be_checked()
        screenshot(page, "desk-avatar-picker-en")

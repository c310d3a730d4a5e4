"""The class list from the school administration on the desk: EDEX.XML imported in August,
and again a year later (the jaarovergang), in Chromium, in Dutch and English."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import screenshot
from tests.browser.teacher_support import DEMO_TEACHER, desk, flash
from tests.edex_files import YEAR_ONE, YEAR_ONE_GROUPS, YEAR_TWO, YEAR_TWO_GROUPS, edex_file
from tests.servers import LiveServer


@pytest.fixture(scope="module")
def school_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """An empty school with one teacher: no demo children to muddle the lists."""
    server = LiveServer(tmp_path_factory.mktemp("edex"))
    server.command(
        "create-teacher", DEMO_TEACHER[0], "--password-stdin", input_text=DEMO_TEACHER[1]
    )
    server.start(timeout=90)
    yield server
    server.stop()


def upload(page: Page, url: str, raw: bytes, *, lang: str = "nl") -> None:
    page.goto(f"{url}/teacher/roster/import?lang={lang}")
    page.locator("input[type=file]").set_input_files(
        {"name": "EDEX.XML", "mimeType": "text/xml", "buffer": raw}
    )
    page.locator("form[action='/teacher/roster/import'] button[type=submit]").click()


def test_edex_imported_twice_across_a_school_year(
    browser: Browser, school_server: LiveServer
) -> None:
    url = school_server.url
    with desk(browser, url) as page:
        page.goto(url + "/teacher/roster/import")
        screenshot(page, "teacher-import-edex-upload")
        upload(page, url, edex_file(YEAR_ONE_GROUPS, YEAR_ONE))
        expect(page.locator("#adds tbody tr")).to_have_count(5)
        expect(page.locator("#adds")).to_contain_text("Zoë D.")
        expect(page.locator("#adds")).not_to_contain_text("Dijk")
        page.get_by_role("button", name="Importeren: 5 toevoegen, 0 verplaatsen").click()
        expect(flash(page)).to_have_text(
            "Import klaar: toegevoegd 5, verplaatst 0, overgeslagen 0."
        )

        upload(page, url, edex_file(YEAR_TWO_GROUPS, YEAR_TWO))
        expect(page.locator("#moves tbody tr")).to_have_count(4)
        expect(page.locator("#moves")).to_contain_text("Groep 5 → Groep 6")
        missing = page.locator("#missing")
        expect(missing).to_contain_text("Niet meer in het bestand")
        expect(missing.get_by_label("Fleur S.")).to_be_checked()
        screenshot(page, "teacher-import-edex-preview")
        page.get_by_role("button", name="Importeren: 1 toevoegen, 4 verplaatsen").click()
        expect(flash(page)).to_have_text(
            "Import klaar: toegevoegd 1, verplaatst 4, overgeslagen 0, op inactief gezet 1."
        )

        upload(page, url, edex_file(YEAR_TWO_GROUPS, YEAR_TWO), lang="en")
        expect(page.locator("#missing")).to_have_count(0)  # Fleur is inactive already
        expect(page.get_by_text("Nothing to import.")).to_be_visible()
        screenshot(page, "teacher-import-edex-again-en")


def test_edex_preview_in_english_offers_the_leavers(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    server = LiveServer(tmp_path_factory.mktemp("edex-en"))
    server.command(
        "create-teacher", DEMO_TEACHER[0], "--password-stdin", input_text=DEMO_TEACHER[1]
    )
    server.start(timeout=90)
    try:
        with desk(browser, server.url) as page:
            upload(page, server.url, edex_file(YEAR_ONE_GROUPS, YEAR_ONE), lang="en")
            page.get_by_role("button", name="Import: add 5, move 0").click()
            upload(page, server.url, edex_file(YEAR_TWO_GROUPS, YEAR_TWO), lang="en")
            expect(page.locator("#missing")).to_contain_text("No longer in the file")
            expect(page.locator("#missing")).to_contain_text("Groep 8")
            page.locator("#missing").get_by_label("Fleur S.").uncheck()
            page.get_by_role("button", name="Import: add 1, move 4").click()
            expect(flash(page)).to_have_text("Import done: added 1, moved 4, skipped 0.")
            page.goto(server.url + "/teacher/roster/import?lang=en")
            screenshot(page, "teacher-import-edex-upload-en")
    finally:
        server.stop()

"""A fresh install: /teacher offers to make the first teacher with the setup code `serve`
printed on its console; a wrong code is refused; once a teacher exists it is a sign-in page."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import screenshot
from tests.browser.teacher_support import desk
from tests.browser.test_accessibility import violations
from tests.servers import LiveServer

PASSWORD = "paarse-fiets-op-het-schoolplein"


@pytest.fixture(scope="module")
def fresh_install(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path_factory.mktemp("fresh"))
    server.start(timeout=90)
    yield server
    server.stop()


def _printed_code(server: LiveServer) -> str:
    codes = re.findall(r"^ {4}([A-Z2-9]{5}-[A-Z2-9]{5})$", server.log(), flags=re.M)
    assert codes, server.log()
    return codes[-1]


def _set_up(page: Page, code: str, labels: tuple[str, str, str, str]) -> None:
    page.get_by_label(labels[0]).fill(code)
    page.get_by_label(labels[1]).fill("juf.anja")
    page.get_by_label(labels[2]).fill(PASSWORD)
    page.get_by_role("button", name=labels[3]).click()


NL = ("Inrichtcode", "Gebruikersnaam", "Wachtwoord", "Account maken en aanmelden")
EN = ("Setup code", "Username", "Password", "Make the account and sign in")


def test_serve_prints_the_setup_code_and_the_warning(fresh_install: LiveServer) -> None:
    log = fresh_install.log()
    assert f"No teacher yet. Open {fresh_install.url}/teacher" in log
    assert "Warning: only this computer can open it." in log
    assert log.rindex("Uvicorn running on") < log.rindex("Pleinmunt is ready at")


def test_setup_page_passes_the_accessibility_engine(
    browser: Browser, fresh_install: LiveServer
) -> None:
    context = browser.new_context(bypass_csp=True)  # the engine is a script the CSP refuses
    try:
        page = context.new_page()
        for lang in ("nl", "en"):
            page.goto(f"{fresh_install.url}/teacher?lang={lang}")
            assert violations(page) == []
    finally:
        context.close()


def test_wrong_code_is_refused(browser: Browser, fresh_install: LiveServer) -> None:
    with desk(browser, fresh_install.url, sign_in=False) as page:
        page.goto(fresh_install.url + "/teacher?lang=en")
        expect(page.get_by_role("heading", level=1)).to_have_text("Set up Pleinmunt")
        screenshot(page, "desk-first-teacher-en")
        _set_up(page, "AAAAA-AAAAA", EN)
        expect(page.locator(".flash--error")).to_have_text(
            "That setup code is not right. Use the code Pleinmunt showed last in its window."
        )
        page.goto(fresh_install.url + "/teacher?lang=nl")
        _set_up(page, "AAAAA-AAAAA", NL)
        expect(page.locator(".flash--error")).to_have_text(
            "Die inrichtcode klopt niet. Gebruik de code die Pleinmunt het laatst in zijn "
            "venster liet zien."
        )
        expect(page.get_by_label("Gebruikersnaam")).to_have_value("juf.anja")
        screenshot(page, "desk-first-teacher-wrong-code-nl")


def test_first_teacher_with_the_code_then_a_normal_sign_in(
    browser: Browser, fresh_install: LiveServer
) -> None:
    url = fresh_install.url
    with desk(browser, url, sign_in=False) as page:
        page.goto(url + "/teacher")
        expect(page.get_by_role("heading", level=1)).to_have_text("Pleinmunt inrichten")
        screenshot(page, "desk-first-teacher-nl")
        _set_up(page, _printed_code(fresh_install), NL)
        expect(page.locator(".flash--ok")).to_have_text(
            "Welkom! Je account is gemaakt en je bent aangemeld."
        )
        expect(page.locator(".checklist")).to_contain_text("0 van de 5 stappen gedaan.")
        screenshot(page, "desk-first-teacher-done-nl")
    with desk(browser, url, sign_in=False) as other:
        other.goto(url + "/teacher")
        expect(other.get_by_role("heading", level=1)).to_have_text("Aanmelden bij de lerarenkamer")
        expect(other.get_by_label("Inrichtcode")).to_have_count(0)
        other.get_by_label("Gebruikersnaam").fill("juf.anja")
        other.get_by_label("Wachtwoord").fill(PASSWORD)
        other.get_by_role("button", name="Aanmelden").click()
        expect(other.locator(".flash--ok")).to_have_text("Welkom! Je bent aangemeld.")

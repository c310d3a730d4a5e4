"""Refusals in the reader's language, once: the desk's wrong password and duplicate intern, and
the tablet's refused bike queue, in Dutch and in English (never the API's English in Dutch)."""

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DemoServer, screenshot
from tests.browser.tablet_support import children_by_name, sign_in, tablet, teacher
from tests.browser.teacher_support import desk, flash, sign_in_as_teacher

WRONG_PASSWORD_EN = "That username and password do not match."
DUPLICATE_INTERN_EN = "a logger named 'Kas' already exists"


def _wrong_password(page: Page, url: str, labels: tuple[str, str, str]) -> None:
    page.goto(url + "/teacher")
    page.get_by_label(labels[0]).fill("juf")
    page.get_by_label(labels[1]).fill("niet-het-wachtwoord")
    page.get_by_role("button", name=labels[2]).click()


def test_wrong_password_in_dutch_shows_only_dutch(
    browser: Browser, demo_server: DemoServer
) -> None:
    with desk(browser, demo_server.url, sign_in=False) as page:
        _wrong_password(page, demo_server.url, ("Gebruikersnaam", "Wachtwoord", "Aanmelden"))
        box = page.locator(".flash--error")
        expect(box).to_have_text("Gebruikersnaam en wachtwoord horen niet bij elkaar.")
        assert WRONG_PASSWORD_EN not in page.content()
        screenshot(page, "desk-wrong-password-nl")


def test_wrong_password_in_english_says_it_once(browser: Browser, demo_server: DemoServer) -> None:
    with desk(browser, demo_server.url, sign_in=False) as page:
        page.goto(demo_server.url + "/teacher?lang=en")
        _wrong_password(page, demo_server.url, ("Username", "Password", "Sign in"))
        expect(page.locator(".flash--error")).to_have_text(WRONG_PASSWORD_EN)
        assert page.content().count(WRONG_PASSWORD_EN) == 1
        screenshot(page, "desk-wrong-password-en")


def _add_kas_again(page: Page, url: str, lang: str) -> None:
    page.goto(f"{url}/teacher/loggers?lang={lang}")
    form = page.locator("form[action='/teacher/loggers']")
    form.locator("input[name='name']").fill("Kas")
    form.locator("input[name='pin']").fill("97531864")
    form.locator("button[type='submit']").click()


def test_duplicate_intern_in_dutch_shows_only_dutch(
    browser: Browser, demo_server: DemoServer
) -> None:
    with desk(browser, demo_server.url) as page:
        _add_kas_again(page, demo_server.url, "nl")
        expect(flash(page)).to_have_text("Er is al een stagiair met de naam ‘Kas’.")
        assert DUPLICATE_INTERN_EN not in page.content()
        assert "already exists" not in page.content()
        screenshot(page, "desk-duplicate-intern-nl")


def test_duplicate_intern_in_english_says_it_once(
    browser: Browser, demo_server: DemoServer
) -> None:
    with desk(browser, demo_server.url, sign_in=False) as page:
        sign_in_as_teacher(page, demo_server.url)
        _add_kas_again(page, demo_server.url, "en")
        expect(flash(page)).to_have_text("There is already an intern named ‘Kas’.")
        assert page.locator(".flash--error").count() == 1
        assert DUPLICATE_INTERN_EN not in page.content()
        screenshot(page, "desk-duplicate-intern-en")


def _refused_bike(browser: Browser, url: str, lang: str) -> str:
    """A toddler put on a bike's queue after a teacher set them inactive (the tablet's roster
    is older): the server refuses with a code, and the tablet says why in its language."""
    server = teacher(url)
    lotte = children_by_name(server)["Lotte J."]["id"]
    with tablet(browser) as (_context, page):
        if lang == "en":
            page.goto(url + "/tablet?lang=en")
        sign_in(page, url, name="Kimberly", group="Peuters Zonnetje")
        page.locator(".tab[data-view='bikes']").tap()
        bike = page.locator(".bike", has=page.locator("h3", has_text="Rode fiets"))
        expect(bike).to_be_visible()
        server.patch(f"/api/v1/children/{lotte}", json={"active": False})
        try:
            bike.locator(".join").tap()
            page.locator("#sheet .pick-child", has_text="Lotte").tap()
            toast = page.locator(".toast.error")
            expect(toast).to_be_visible()
            screenshot(page, f"tablet-refused-queue-{lang}")
            return toast.locator(".toast-text").inner_text()
        finally:
            server.patch(f"/api/v1/children/{lotte}", json={"active": True})


def test_tablet_refusal_in_dutch_is_dutch(browser: Browser, demo_server: DemoServer) -> None:
    shown = _refused_bike(browser, demo_server.url, "nl")
    # Through the outbox the refusal may come long after the tap, so it names whom it was for.
    assert shown.strip() == "Fietswijziging voor Lotte niet bewaard: dit kind staat op niet actief."
    assert "not active" not in shown


def test_tablet_refusal_in_english_is_english(browser: Browser, demo_server: DemoServer) -> None:
    shown = _refused_bike(browser, demo_server.url, "en")
    assert shown.strip() == "Bike change for Lotte not saved: this child is not active."
    assert "child " not in shown.lower().replace("this child", "")  # not the API's "child 12"

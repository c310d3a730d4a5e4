"""Bad form input is named next to its field, in the page's language (not the browser's
generic "match the format"), and a board's short name follows its title until edited."""

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DemoServer, screenshot
from tests.browser.teacher_support import desk

PIN = {
    "nl": "Een pincode is 6 tot 8 cijfers, zonder spaties, bijvoorbeeld 246810.",
    "en": "A PIN is 6 to 8 digits, without spaces, for example 246810.",
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_short_pin_is_explained_next_to_the_field(
    browser: Browser, demo_server: DemoServer, lang: str
) -> None:
    with desk(browser, demo_server.url) as page:
        page.goto(f"{demo_server.url}/teacher/loggers?lang={lang}")
        form = page.locator("form[action='/teacher/loggers']")
        form.locator("input[name='name']").fill("Romy")
        pin = form.locator("input[name='pin']")
        pin.fill("123")
        form.locator("button[type='submit']").click()
        message = form.locator(".field-message")
        expect(message).to_have_text(PIN[lang])
        expect(pin).to_have_attribute("aria-invalid", "true")
        assert page.url.split("?")[0].endswith("/teacher/loggers")  # nothing was sent
        screenshot(page, f"teacher-pin-message-{lang}")
        pin.fill("12345678")
        expect(message).to_be_hidden()


def test_board_short_name_follows_the_title_until_edited(
    browser: Browser, demo_server: DemoServer
) -> None:
    with desk(browser, demo_server.url) as page:
        page.goto(f"{demo_server.url}/teacher/boards")
        form = page.locator("form[action='/teacher/boards']")
        slug = form.locator("input[name='slug']")
        form.locator("input[name='title']").fill("Groep 6b – Speelplaats Één")
        expect(slug).to_have_value("groep-6b-speelplaats-een")
        slug.fill("Plein!")
        form.locator("button[type='submit']").click()
        expect(form.locator("input[name='slug'] + .field-message")).to_contain_text(
            "kleine letters"
        )
        screenshot(page, "teacher-board-slug-message-nl")
        slug.fill("")
        form.locator("input[name='title']").fill("Middenbouw")
        expect(slug).to_have_value("middenbouw")

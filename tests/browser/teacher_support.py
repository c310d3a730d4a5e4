"""Helpers for the teacher desk's browser tests: a laptop-sized browser, signed in as the demo
teacher."""

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Page, expect

# A loaded machine (two cores, other suites running) may need more than Playwright's 5 s.
expect.set_options(timeout=15_000)

LAPTOP = {"width": 1280, "height": 800}
DEMO_TEACHER = ("juf", "speel-eerlijk-demo")


@contextmanager
def desk(
    browser: Browser, url: str, *, sign_in: bool = True, bypass_csp: bool = False
) -> Iterator[Page]:
    """A fresh laptop browser (its own cookies), signed in at the desk unless told not to;
    ``bypass_csp`` lets a test inject the accessibility engine."""
    context = browser.new_context(
        viewport=LAPTOP, accept_downloads=True, locale="nl-NL", bypass_csp=bypass_csp
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        if sign_in:
            sign_in_as_teacher(page, url)
        yield page
    finally:
        context.close()


def sign_in_as_teacher(page: Page, url: str) -> None:
    page.goto(url + "/teacher")
    page.get_by_label("Gebruikersnaam").fill(DEMO_TEACHER[0])
    page.get_by_label("Wachtwoord").fill(DEMO_TEACHER[1])
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.locator(".flash--ok")).to_have_text("Welkom! Je bent aangemeld.")


def flash(page: Page):  # type: ignore[no-untyped-def]
    return page.locator(".flash-text").first

"""Helpers for the tablet's browser tests: a tablet-sized context, signing in, the server's view."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

# A loaded machine (two cores, other suites running) may need more than Playwright's 5 s to
# show what a tablet does; waiting longer only costs time when something is really wrong.
expect.set_options(timeout=15_000)

LANDSCAPE = {"width": 1024, "height": 768}
PORTRAIT = {"width": 768, "height": 1024}
PINS = {"Kas": "246810", "Kimberly": "135790"}


@contextmanager
def tablet(browser: Browser, *, portrait: bool = False) -> Iterator[tuple[BrowserContext, Page]]:
    """A fresh tablet: its own cookies, storage and service worker."""
    context = browser.new_context(
        viewport=PORTRAIT if portrait else LANDSCAPE, has_touch=True, is_mobile=False
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    # A script error stops the tablet quietly (a timer never set, a button that does nothing):
    # every tablet test fails on one instead of on its later symptom.
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield context, page
    finally:
        context.close()
    assert errors == [], f"script errors on the tablet: {errors}"


def open_tablet(page: Page, url: str) -> None:
    page.goto(url + "/tablet")
    expect(page.locator("html")).to_have_attribute("data-ready", "true")


def type_pin(page: Page, pin: str) -> None:
    for digit in pin:
        page.locator(f".key[data-key='{digit}']").tap()
    page.locator(".key.ok").tap()


def sign_in(page: Page, url: str, name: str = "Kas", group: str | None = None) -> None:
    open_tablet(page, url)
    page.locator(".logger", has_text=name).tap()
    type_pin(page, PINS[name])
    expect(page.locator(".child").first).to_be_visible()
    if group:
        choose_group(page, group)


def choose_group(page: Page, group: str) -> None:
    page.locator("#group-button").tap()
    page.locator(".group-choice", has_text=group).tap()
    expect(page.locator("#group-button")).to_contain_text(group)


def card(page: Page, name: str) -> Locator:
    """A child's card in the grid, by the name it shows ("Sam B.")."""
    return page.locator(".child").filter(
        has=page.locator(".name", has_text=re.compile(f"^{re.escape(name)}$"))
    )


def reason(page: Page, label: str) -> Locator:
    return page.locator(".reason", has_text=label)


def teacher(url: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=20)
    response = client.post(
        "/api/v1/session", json={"username": "juf", "password": "speel-eerlijk-demo"}
    )
    assert response.status_code == 204, response.text
    return client


def children_by_name(client: httpx.Client) -> dict[str, dict[str, Any]]:
    return {
        f"{child['first_name']} {child['last_initial']}.": child
        for child in client.get("/api/v1/children").json()
    }


def groups_by_name(client: httpx.Client) -> dict[str, int]:
    return {group["name"]: group["id"] for group in client.get("/api/v1/groups").json()}


def coins_of(client: httpx.Client, child_id: int) -> list[dict[str, Any]]:
    response = client.get("/api/v1/coins", params={"child_id": child_id, "limit": 10_000})
    assert response.status_code == 200, response.text
    return response.json()


def coins_logged_by(client: httpx.Client, logged_by: str) -> list[dict[str, Any]]:
    coins = client.get("/api/v1/coins", params={"limit": 10_000}).json()
    return [coin for coin in coins if coin["logged_by"] == logged_by]


def assert_gloves_fit(page: Page) -> None:
    """Every visible button and link is at least 56 × 56 px: big enough for a gloved finger."""
    small = page.evaluate(
        """() => [...document.querySelectorAll('button, a, input')]
            .filter((node) => node.offsetParent !== null)
            .map((node) => [node.textContent.trim() || node.getAttribute('aria-label'),
                            node.getBoundingClientRect()])
            .filter(([, box]) => box.width < 56 || box.height < 56)
            .map(([name, box]) => `${name}: ${Math.round(box.width)}x${Math.round(box.height)}`)"""
    )
    assert small == []

"""The winner's certificate in Chromium: the print view is one A4 page (look at the PNG)."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from app.domain.weeks import week_of
from tests.browser.conftest import DemoServer, screenshot

# A4 at the CSS resolution of 96 pixels per inch.
A4_PIXELS = {"width": 794, "height": 1123}


def _last_week() -> str:
    return week_of(datetime.now(UTC) - timedelta(weeks=1), ZoneInfo("Europe/Amsterdam"))


def _print_certificate(page: Page, demo: DemoServer) -> int:
    """Sign in as the demo teacher, draw last week's winner on the schoolyard board."""
    api = page.request
    signed_in = api.post(
        f"{demo.url}/api/v1/session", data={"username": "juf", "password": "speel-eerlijk-demo"}
    )
    assert signed_in.status == 204
    url = f"{demo.url}/api/v1/boards/schoolplein/weeks/{_last_week()}/winner"
    response = api.post(url)
    if response.status == 409:  # drawn by an earlier test in this module
        response = api.get(url)
    assert response.ok, response.text()
    draw_id = int(response.json()["id"])
    api.patch(f"{demo.url}/api/v1/winners/{draw_id}", data={"reward": "Mag het spel kiezen"})
    return draw_id


def test_certificate_print_view_is_one_a4_page(page: Page, demo_server: DemoServer) -> None:
    draw_id = _print_certificate(page, demo_server)
    page.set_viewport_size(A4_PIXELS)
    page.emulate_media(media="print")
    page.goto(f"{demo_server.url}/teacher/winners/{draw_id}/certificate")
    week_number = int(_last_week().split("-W")[1])
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Munt-winnaar van week {week_number}"
    )
    expect(page.get_by_text("Mag het spel kiezen")).to_be_visible()
    expect(page.get_by_text("bord Schoolplein", exact=False)).to_be_visible()
    expect(page.locator(".toolbar")).to_be_hidden()
    sheet = page.locator(".sheet").bounding_box()
    assert sheet is not None
    assert abs(sheet["width"] - A4_PIXELS["width"]) <= 2
    assert sheet["height"] <= A4_PIXELS["height"] + 1
    screenshot(page, "certificate-print-a4")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1  # one sheet of paper


def test_certificate_screen_view_prints_with_the_button(
    page: Page, demo_server: DemoServer
) -> None:
    draw_id = _print_certificate(page, demo_server)
    page.goto(f"{demo_server.url}/teacher/winners/{draw_id}/certificate?lang=en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Coin winner of week")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("() => window.printed") == 1
    screenshot(page, "certificate-screen-en")

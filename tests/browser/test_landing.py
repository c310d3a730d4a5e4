"""The landing page says which of the three surfaces you want, in Dutch or English."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import DemoServer, screenshot


def test_landing_links_the_three_surfaces(page: Page, demo_server: DemoServer) -> None:
    page.goto(demo_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pleinmunt")
    expect(page.locator("a[href='/tablet']")).to_be_visible()
    expect(page.locator("a[href='/teacher']")).to_be_visible()
    screenshot(page, "landing-nl")


def test_landing_draws_emoji_from_shipped_pictures(page: Page, demo_server: DemoServer) -> None:
    page.goto(demo_server.url + "/")
    pictures = page.locator("img.emoji")
    expect(pictures).to_have_count(4)
    loaded = pictures.evaluate_all("nodes => nodes.map(node => node.complete && node.naturalWidth)")
    assert all(width and width > 0 for width in loaded)
    expect(page.get_by_text("Twemoji (CC-BY 4.0)")).to_be_visible()


def test_landing_switches_to_english(page: Page, demo_server: DemoServer) -> None:
    page.goto(demo_server.url + "/")
    page.get_by_text("English").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pleinmunt")
    expect(page).to_have_title("Welcome to Pleinmunt")
    expect(page.get_by_text("Choose what you need below")).to_be_visible()
    page.goto(demo_server.url + "/")  # the choice sticks
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_api_docs_load_without_outside_requests(page: Page, demo_server: DemoServer) -> None:
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith(demo_server.url) else None
        ),
    )
    page.goto(demo_server.url + "/docs")
    expect(page.get_by_text("/api/v1/coins").first).to_be_visible(timeout=10_000)
    screenshot(page, "api-docs")
    assert outside == []

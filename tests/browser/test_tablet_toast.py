"""One calm toast on a busy recess: quick coins share it, and it never covers a child or the bar."""

import uuid
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserType, Page, expect

from tests.browser.conftest import DemoServer, screenshot
from tests.browser.tablet_support import (
    assert_gloves_fit,
    card,
    children_by_name,
    coins_logged_by,
    sign_in,
    tablet,
    teacher,
)

TEXTS = {
    "nl": {"coins": "10 munten", "undo": "Ongedaan maken", "cap": "Morgen weer!"},
    "en": {"coins": "10 coins", "undo": "Undo", "cap": "More tomorrow!"},
}


FIFTEEN = [
    "Ada",
    "Bo",
    "Cas",
    "Dex",
    "Eva",
    "Fay",
    "Gijs",
    "Hugo",
    "Ivy",
    "Jip",
    "Kai",
    "Lev",
    "Mo",
    "Nina",
    "Otis",
]


@pytest.fixture(scope="module")
def big_group(demo_server: DemoServer) -> str:
    """A class of fifteen, as many as an iPad shows at once."""
    server = teacher(demo_server.url)
    group = server.post("/api/v1/groups", json={"name": "Groep 7", "kind": "class"}).json()
    for name in FIFTEEN:
        body = {"first_name": name, "group_id": group["id"]}
        assert server.post("/api/v1/children", json=body).status_code == 201
    return "Groep 7"


def _overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def _visible_cards(page: Page) -> list[dict[str, float]]:
    """Each child card's box as far as it shows: clipped to the grid's scrolling area."""
    boxes: list[dict[str, float]] = page.evaluate(
        """() => {
            const area = document.querySelector('.children-side').getBoundingClientRect();
            return [...document.querySelectorAll('.child')].map((node) => {
                const box = node.getBoundingClientRect();
                const top = Math.max(box.top, area.top), bottom = Math.min(box.bottom, area.bottom);
                return {x: box.left, y: top, width: box.width, height: bottom - top};
            }).filter((box) => box.height > 0);
        }"""
    )
    return boxes


def _quick_coins(page: Page, count: int) -> None:
    """One child, one reason, again and again, as fast as a thumb goes."""
    for index in range(count):
        child = page.locator(".child:not([data-state])").nth(index)
        child.tap()
        expect(child).to_have_attribute("aria-pressed", "true")
        page.locator(".reason").first.tap()


def _english(page: Page, url: str) -> None:
    page.context.add_cookies([{"name": "pleinmunt_lang", "value": "en", "url": url}])


@pytest.mark.parametrize(
    ("portrait", "lang"), [(True, "nl"), (False, "nl"), (True, "en"), (False, "en")]
)
def test_quick_coins_share_one_toast_beside_the_grid(
    browser: Browser, demo_server: DemoServer, big_group: str, portrait: bool, lang: str
) -> None:
    with tablet(browser, portrait=portrait) as (_context, page):
        if lang == "en":
            _english(page, demo_server.url)
        sign_in(page, demo_server.url, name="Kas", group=big_group)
        expect(card(page, FIFTEEN[0])).to_be_visible()
        _quick_coins(page, 10)
        toast = page.locator(".toast")
        expect(toast).to_have_count(1)
        expect(toast).to_contain_text(TEXTS[lang]["coins"])
        expect(toast.locator(".undo")).to_have_text(TEXTS[lang]["undo"])
        box = toast.bounding_box()
        bar = page.locator("header.bar").bounding_box()
        assert box is not None
        assert bar is not None
        assert not _overlaps(box, bar)
        cards = _visible_cards(page)
        assert len(cards) >= 6  # the grid still shows children, and none under the toast
        assert [card for card in cards if _overlaps(box, card)] == []
        assert_gloves_fit(page)
        screenshot(page, f"tablet-toast-{'portrait' if portrait else 'landscape'}-{lang}")


def test_undo_of_a_merged_toast_takes_back_every_coin(
    browser: Browser, demo_server: DemoServer
) -> None:
    server = teacher(demo_server.url)
    with tablet(browser) as (_context, page):
        sign_in(page, demo_server.url, name="Kimberly", group="Groep 6")
        expect(card(page, "Noor K.")).to_be_visible()
        before = {coin["id"] for coin in coins_logged_by(server, "logger:2")}
        _quick_coins(page, 4)
        expect(page.locator(".toast")).to_contain_text("4 munten")
        expect(page.locator("#pending")).to_be_hidden()
        page.locator(".toast .undo").tap()
        expect(page.locator(".toast")).to_contain_text("Ongedaan gemaakt.")
        expect(page.locator("#pending")).to_be_hidden()
    new = [coin for coin in coins_logged_by(server, "logger:2") if coin["id"] not in before]
    assert len(new) == 4
    assert all(coin["voided_at"] is not None for coin in new)


def _fill_to_cap(server: Any, child: dict[str, Any]) -> None:
    view = server.get(f"/api/v1/tablet/groups/{child['group_id']}").json()
    left = next(row for row in view["children"] if row["id"] == child["id"])["cap_left"]
    for amount in [3] * (left // 3) + ([left % 3] if left % 3 else []):
        body = {
            "id": str(uuid.uuid4()),
            "child_id": child["id"],
            "reason": "helpen",
            "amount": amount,
        }
        assert server.post("/api/v1/coins", json=body).status_code == 201


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_tapping_a_child_at_the_cap_says_so_kindly(
    browser: Browser, demo_server: DemoServer, lang: str
) -> None:
    server = teacher(demo_server.url)
    _fill_to_cap(server, children_by_name(server)["Fleur B."])
    with tablet(browser, portrait=lang == "nl") as (_context, page):
        if lang == "en":
            _english(page, demo_server.url)
        sign_in(page, demo_server.url, group="Groep 6")
        card(page, "Fleur B.").tap()
        note = page.locator(".toast.info")
        expect(note).to_contain_text("Fleur")
        expect(note).to_contain_text(TEXTS[lang]["cap"])
        expect(card(page, "Fleur B.")).to_have_attribute("aria-pressed", "false")
        screenshot(page, f"tablet-cap-message-{lang}")


def test_plain_http_warning_is_one_line_that_goes_away(
    browser_type: BrowserType, browser_type_launch_args: dict[str, Any], demo_server: DemoServer
) -> None:
    args = [
        *browser_type_launch_args["args"],
        "--host-resolver-rules=MAP pleinmunt.school 127.0.0.1",
    ]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    url = demo_server.url.replace("127.0.0.1", "pleinmunt.school")
    try:
        with tablet(browser, portrait=True) as (_context, page):
            sign_in(page, url, name="Kimberly", group="Groep 6")
            warning = page.locator("#insecure")
            expect(warning).to_contain_text("https")
            box = warning.bounding_box()
            assert box is not None
            assert box["height"] <= 64  # one line (its close button is 56 px high)
            screenshot(page, "tablet-insecure-line")
            warning.locator(".dismiss").tap()
            expect(warning).to_be_hidden()
            page.reload()  # dismissed on this tablet stays dismissed
            expect(page.locator(".child").first).to_be_visible()
            expect(warning).to_be_hidden()
    finally:
        browser.close()

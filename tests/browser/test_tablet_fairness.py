"""The intern's fairness glance: their own coins today, and a long "not seen yet" list first."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import screenshot
from tests.browser.tablet_support import (
    card,
    choose_group,
    open_tablet,
    tablet,
    teacher,
    type_pin,
)
from tests.servers import LiveServer

NAMES = ["Aaron", "Bo", "Cas", "Daan", "Eva", "Fenna", "Gijs", "Hugo", "Ilse"]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    live = LiveServer(tmp_path)
    live.command("demo", "--base-url", live.url)
    live.start()
    yield live.url
    live.stop()


def _new_group(desk: httpx.Client) -> dict[str, int]:
    """Groep 8 with nine children; only Aaron got a coin this week (from another intern), and
    Romy, an intern new today."""
    group = desk.post("/api/v1/groups", json={"name": "Groep 8", "kind": "class"}).json()["id"]
    children = {
        name: desk.post(
            "/api/v1/children", json={"first_name": name, "last_initial": "V", "group_id": group}
        ).json()["id"]
        for name in NAMES
    }
    kas = httpx.Client(base_url=str(desk.base_url))
    assert (
        kas.post("/api/v1/session/pin", json={"logger_id": 1, "pin": "246810"}).status_code == 204
    )
    coin = {"id": str(uuid.uuid4()), "child_id": children["Aaron"], "reason": "helpen"}
    assert kas.post("/api/v1/coins", json=coin).status_code == 201
    romy = {"name": "Romy", "pin": "97531864"}
    assert desk.post("/api/v1/loggers", json=romy).status_code == 201
    return children


@pytest.mark.parametrize(("portrait", "lang"), [(True, "nl"), (False, "en")])
def test_intern_sees_own_day_and_the_unseen_first(
    browser: Browser, server: str, portrait: bool, lang: str
) -> None:
    _new_group(teacher(server))
    texts = {
        "nl": (
            "Vandaag nog geen munten van jou.",
            "Vandaag gaf jij 3 munten aan 2 kinderen.",
            "8 kinderen nog niet gezien deze week: zij staan nu vooraan.",
            "Iemand helpen",
        ),
        "en": (
            "No coins from you yet today.",
            "Today you gave 3 coins to 2 children.",
            "8 children not seen yet this week: they come first now.",
            "Helping someone",
        ),
    }[lang]
    with tablet(browser, portrait=portrait) as (context, page):
        if lang == "en":
            context.add_cookies([{"name": "pleinmunt_lang", "value": "en", "url": server}])
        open_tablet(page, server)
        page.locator(".logger", has_text="Romy").tap()
        type_pin(page, "97531864")
        choose_group(page, "Groep 8")
        expect(page.locator("#mine")).to_have_text(texts[0])  # Kas's coin is not hers
        expect(page.locator("#unseen-title")).to_have_text(texts[2])
        names = page.locator("#grid .child .name")
        expect(names).to_have_text([f"{name} V." for name in [*NAMES[1:], "Aaron"]])
        expect(page.locator("#grid .child[data-unseen='true']")).to_have_count(8)
        screenshot(page, f"tablet-fairness-unseen-first-{lang}")

        page.context.set_offline(True)  # coins still in the outbox count as hers
        for name in ("Bo V.", "Cas V.", "Bo V."):
            card(page, name).tap()
            page.locator(".reason").first.tap()
        expect(page.locator("#mine")).to_have_text(texts[1])
        expect(page.locator("#unseen-title")).to_contain_text("6")
        expect(names).to_have_text([f"{name} V." for name in [*NAMES[1:], "Aaron"]])  # stays put
        expect(page.locator("#grid .child[data-unseen='true']")).to_have_count(6)
        screenshot(page, f"tablet-fairness-mine-{lang}")
        page.context.set_offline(False)
        expect(page.locator("#pending")).to_be_hidden(timeout=60_000)
        expect(page.locator("#mine")).to_have_text(texts[1])

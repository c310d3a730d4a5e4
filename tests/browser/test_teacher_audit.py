"""The audit log reads as sentences in the teacher's language, children by name (the stored
entries keep ids only), with its filters in words, in Dutch and in English."""

import uuid

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DemoServer, screenshot
from tests.browser.tablet_support import children_by_name, teacher
from tests.browser.teacher_support import desk

SAID = {
    "nl": ("Juf maakte de munt van Sam B. voor eerlijk spelen ongedaan", "Munten"),
    "en": ("Juf undid Sam B.'s coin for playing fair", "Coins"),
}


@pytest.fixture(scope="module")
def voided_coin(demo_server: DemoServer) -> None:
    client = teacher(demo_server.url)
    sam = children_by_name(client)["Sam B."]["id"]
    coin = {"id": str(uuid.uuid4()), "child_id": sam, "reason": "eerlijk-spelen"}
    assert client.post("/api/v1/coins", json=coin).status_code == 201
    assert client.post(f"/api/v1/coins/{coin['id']}/void").status_code == 200


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_audit_log_reads_as_sentences(
    browser: Browser, demo_server: DemoServer, voided_coin: None, lang: str
) -> None:
    sentence, area = SAID[lang]
    with desk(browser, demo_server.url) as page:
        page.goto(f"{demo_server.url}/teacher/audit?lang={lang}")
        page.locator("select[name='action']").select_option(label=area)
        page.locator("form.filters button[type='submit']").click()
        expect(page.locator("#audit-table td.says").first).to_have_text(sentence)
        table = page.locator("#audit-table").inner_text()
        assert "child:" not in table
        assert "coin:" not in table
        screenshot(page, f"teacher-audit-{lang}")

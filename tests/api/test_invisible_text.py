"""Stored text refuses control and invisible characters (Unicode Cc, Cf but U+200D), one type
for every field: a 422 with code ``invisible_character``, and nothing stored."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.support.school import School, created

INVISIBLE = ["\u200b", "\u202e", "\u2066", "\u0007", "\u00ad", "\ufeff"]


def _requests(school: School, bad: str) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        ("POST", "/api/v1/reasons", {"slug": "delen", "label_nl": "Delen", "label_en": "Sharing",
                                     "icon": f"🤝{bad}"}),
        ("POST", "/api/v1/reasons", {"slug": "delen", "label_nl": f"De{bad}len",
                                     "label_en": "Sharing", "icon": "🤝"}),
        ("POST", f"/api/v1/boards/{school.board}/kiosk-links", {"label": f"Hal{bad}"}),
        ("POST", "/api/v1/children", {"first_name": f"Sam{bad}",
                                      "group_id": school.groups["Groep 5"]}),
        ("POST", "/api/v1/groups", {"name": f"Groep{bad} 7"}),
        ("POST", "/api/v1/loggers", {"name": f"Mo{bad}", "pin": "518273"}),
        ("PATCH", f"/api/v1/loggers/{school.logger_id}", {"name": f"{bad}Kas"}),
        ("PATCH", f"/api/v1/boards/{school.board}", {"title": f"Plein{bad}"}),
        ("POST", "/api/v1/bikes", {"name": f"Fiets{bad}", "group_id": school.groups["Peuters"]}),
    ]  # fmt: skip


@pytest.mark.parametrize("bad", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_stored_text_refuses_invisible_characters(
    teacher: TestClient, school: School, bad: str
) -> None:
    for method, path, body in _requests(school, bad):
        response = teacher.request(method, path, json=body)
        assert response.status_code == 422, (path, body, response.text)
        assert response.json()["code"] == "invisible_character", (path, response.text)
    assert "delen" not in {reason["slug"] for reason in teacher.get("/api/v1/reasons").json()}
    links = teacher.get(f"/api/v1/boards/{school.board}/kiosk-links").json()
    assert all(link["label"] == "" for link in links)


def test_emoji_joined_with_zero_width_joiner_are_kept(teacher: TestClient) -> None:
    icon = "👩\u200d🏫"
    body = {"slug": "juf-helpen", "label_nl": "Juf helpen", "label_en": "Help", "icon": icon}
    assert created(teacher.post("/api/v1/reasons", json=body))["icon"] == icon

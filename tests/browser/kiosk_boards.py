"""Boards of real size for the kiosk's browser tests and its bench: 16, 56 or 120 children.

Everything goes through the HTTP API of a running `pleinmunt serve`, as a school would set it
up: a teacher, classes of up to 30, a board over them and a kiosk link. Names are long on
purpose (Jan-Willem, Maximiliaan, Anne-Sophie): the wall must show each one whole.
"""

from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.servers import LiveServer

TEACHER = ("meester", "bord-test-wachtwoord")
LONG_NAMES = (
    "Jan-Willem", "Maximiliaan", "Anne-Sophie", "Ömer", "Zoë", "Noah", "Fatima-Zahra",
    "Sem", "Lieke", "Mohammed", "Evi", "Christiaan", "Marie-Louise", "Daan", "Yasmina",
    "Bram", "Jayden", "Sophie", "Wilhelmina", "Luuk",
)  # fmt: skip
ANIMALS = ("fox", "cat", "owl", "frog", "bear", "lion", "panda", "koala", "rabbit", "tiger")
COLOURS = ("red", "orange", "yellow", "green", "blue", "purple")


@dataclass
class BigBoard:
    slug: str
    kiosk_path: str
    link_id: int
    group_ids: list[int]
    children: list[dict[str, Any]] = field(default_factory=list)


def teacher_client(server: LiveServer) -> httpx.Client:
    """A signed-in teacher (created, or given this password again)."""
    server.command("create-teacher", TEACHER[0], "--password-stdin", input_text=TEACHER[1])
    client = httpx.Client(base_url=server.url, timeout=30)
    signed_in = client.post(
        "/api/v1/session", json={"username": TEACHER[0], "password": TEACHER[1]}
    )
    assert signed_in.status_code == 204, signed_in.text
    return client


def make_board(
    client: httpx.Client, slug: str, count: int, *, display_mode: str | None = None
) -> BigBoard:
    """A board of ``count`` children in classes of at most 30, with a kiosk link."""
    classes = -(-count // 30)
    group_ids = []
    for number in range(classes):
        group = client.post("/api/v1/groups", json={"name": f"Groep {number + 5} {slug}"[:40]})
        assert group.status_code == 201, group.text
        group_ids.append(group.json()["id"])
    children = []
    for index in range(count):
        body = {
            "first_name": LONG_NAMES[index % len(LONG_NAMES)],
            "last_initial": chr(ord("A") + index // len(LONG_NAMES) % 26),
            "group_id": group_ids[index % classes],
            "avatar": f"{ANIMALS[index % len(ANIMALS)]}:{COLOURS[index % len(COLOURS)]}",
        }
        child = client.post("/api/v1/children", json=body)
        if child.status_code == 422:  # an avatar this build does not know: let it choose
            child = client.post("/api/v1/children", json={**body, "avatar": None})
        assert child.status_code == 201, child.text
        children.append(child.json())
    board: dict[str, Any] = {"slug": slug, "title": f"Plein {count}", "group_ids": group_ids}
    if display_mode:
        board["display_mode"] = display_mode
    made = client.post("/api/v1/boards", json=board)
    assert made.status_code == 201, made.text
    link = client.post(f"/api/v1/boards/{slug}/kiosk-links", json={"label": "wand"})
    assert link.status_code == 201, link.text
    url = link.json()["url"]
    path = url[url.index("/kiosk/") :]
    return BigBoard(slug, path, link.json()["id"], group_ids, children)

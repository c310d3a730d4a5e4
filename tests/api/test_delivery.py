"""Delivery: text compressed on the wire, static files revalidated cheaply."""

import gzip
import re

import pytest
from fastapi.testclient import TestClient

from tests.support.school import School

GZIP = {"Accept-Encoding": "gzip"}


def _raw(client: TestClient, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and the body as it crossed the wire (httpx would decode gzip)."""
    with client.stream("GET", path, headers=headers) as response:
        body = b"".join(response.iter_raw())
        return response.status_code, dict(response.headers), body


@pytest.mark.parametrize(
    "path", ["/tablet", "/static/tablet/app.js", "/kiosk-assets/kiosk.js", "/openapi.json"]
)
def test_text_responses_are_gzipped_for_clients_that_ask(client: TestClient, path: str) -> None:
    status, headers, wire = _raw(client, path, **GZIP)
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    plain = gzip.decompress(wire)
    assert len(wire) < len(plain) * 0.6
    assert "accept-encoding" in headers["vary"].lower()


def test_clients_that_do_not_ask_get_plain_text(client: TestClient) -> None:
    status, headers, wire = _raw(client, "/static/tablet/app.js", **{"Accept-Encoding": ""})
    assert status == 200
    assert "content-encoding" not in headers
    assert b"import" in wire


def test_api_json_is_gzipped(teacher: TestClient, school: School) -> None:
    for number in range(10):
        body = {"first_name": f"Kind{number}", "group_id": school.groups["Groep 5"]}
        assert teacher.post("/api/v1/children", json=body).status_code == 201
    status, headers, wire = _raw(teacher, "/api/v1/children", **GZIP)
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(wire).startswith(b"[")


def test_desk_pages_are_not_compressed(teacher: TestClient, school: School) -> None:
    # They carry the CSRF token beside echoed text (BREACH): see app/web/compression.py.
    status, headers, wire = _raw(teacher, "/teacher", **GZIP)
    assert status == 200
    assert "content-encoding" not in headers
    assert b"<html" in wire


def test_security_headers_survive_compression(client: TestClient) -> None:
    _, headers, _ = _raw(client, "/tablet", **GZIP)
    assert headers["content-encoding"] == "gzip"
    assert "content-security-policy" in headers


@pytest.mark.parametrize("path", ["/static/landing.css", "/kiosk-assets/kiosk.js"])
def test_static_files_revalidate_with_their_etag(client: TestClient, path: str) -> None:
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["cache-control"] == "no-cache"
    etag = first.headers["etag"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_the_tablet_announces_every_module_its_script_imports(client: TestClient) -> None:
    """All modules fetched at once (modulepreload), not discovered import by import."""
    page = client.get("/tablet").text
    announced = set(re.findall(r'<link rel="modulepreload" href="([^"]+)">', page))
    imported, todo = set(), ["/static/tablet/app.js"]
    while todo:
        source = client.get(todo.pop()).text
        for name in re.findall(r'from "\./([\w-]+\.js)"', source):
            path = f"/static/tablet/{name}"
            if path not in imported:
                imported.add(path)
                todo.append(path)
    assert imported
    assert announced == imported

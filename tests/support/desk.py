"""Driving the teacher desk's forms over HTTP, as a browser would: read the page, post the form
with its token, follow the redirect and read the message."""

import re
from typing import Any

from fastapi.testclient import TestClient

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_FLASH = re.compile(r'<p class="flash-text">(.*?)</p>', re.S)


def token(client: TestClient, path: str = "/teacher/roster") -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    found = _TOKEN.search(response.text)
    assert found, "the page has no form token"
    return found.group(1)


def post_form(
    client: TestClient,
    path: str,
    data: dict[str, Any] | None = None,
    *,
    page: str = "/teacher/roster",
    files: dict[str, Any] | None = None,
) -> Any:
    """Post a desk form from ``page`` (its token, its ``back``); the redirect is not followed."""
    body = {"csrf_token": token(client, page), "back": page, **(data or {})}
    return client.post(path, data=body, files=files, follow_redirects=False)


def submit(client: TestClient, path: str, data: dict[str, Any] | None = None, **kw: Any) -> str:
    """Post a form, follow its redirect, and return the message the page shows."""
    response = post_form(client, path, data, **kw)
    assert response.status_code == 303, (response.status_code, response.text[:500])
    shown = client.get(response.headers["location"])
    assert shown.status_code == 200, shown.text[:500]
    return flash_text(shown.text)


def flash_text(html: str) -> str:
    found = _FLASH.search(html)
    return found.group(1).strip() if found else ""

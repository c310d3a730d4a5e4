"""Security headers on every response: pages, API, errors, static files."""

import pytest
from fastapi.testclient import TestClient

from tests.api.winners_support import drawn, give_coins, this_week
from tests.support.school import School

PATHS = [
    "/",
    "/healthz",
    "/docs",
    "/screen-setup",
    "/openapi.json",
    "/tablet",
    "/teacher",
    "/static/landing.css",
    "/api/v1/groups",  # 401
    "/api/v1/nothing",  # 404
]


def _csp(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    policy = response.headers["content-security-policy"]
    return dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in policy.split(";")) if part
    )


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    csp = _csp(response)
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp["script-src"]
    assert "unsafe-eval" not in csp["script-src"]
    assert response.headers["x-content-type-options"] == "nosniff"
    # Referrers stay inside the school's server; the kiosk (below) sends none at all.
    assert response.headers["referrer-policy"] == "same-origin"
    assert "strict-transport-security" not in response.headers  # plain http: no HSTS


def test_kiosk_page_sends_no_referrer(client: TestClient, school: School) -> None:
    response = client.get("/kiosk/plein", params={"token": school.kiosk_token})
    assert response.status_code == 200
    assert response.headers["referrer-policy"] == "no-referrer"


def test_https_responses_ask_for_hsts(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app, base_url="https://pleinmunt.example") as client:
        response = client.get("/healthz")
    assert response.headers["strict-transport-security"].startswith("max-age=")


def test_errors_carry_the_headers_too(client: TestClient) -> None:
    response = client.post(
        "/api/v1/coins", content=b"x" * 70_000, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "object-src 'none'" in response.headers["content-security-policy"]


def test_responses_with_childrens_data_are_not_stored(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    give_coins(logger, school.children["Zoë"], 2)
    winner = drawn(teacher, this_week())
    paths = [
        "/api/v1/children",
        f"/api/v1/boards/{school.board}/standings",
        "/teacher/weeks",
        "/teacher/roster",
        "/api/v1/winners.csv",
        "/api/v1/winners.xlsx",
        f"/teacher/winners/{winner['id']}/certificate",
        "/teacher/audit",
        "/teacher/audit.csv",
    ]
    for path in paths:
        response = teacher.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert response.headers["cache-control"] == "no-store", path
    kiosk = teacher.get(
        f"/api/v1/boards/{school.board}/standings", params={"token": school.kiosk_token}
    )
    assert kiosk.headers["cache-control"] == "no-store"
    assert (
        logger.get(f"/api/v1/tablet/groups/{school.groups['Groep 5']}").headers["cache-control"]
        == "no-store"
    )


def test_static_files_stay_revalidated(client: TestClient) -> None:
    assert client.get("/static/landing.css").headers["cache-control"] == "no-cache"

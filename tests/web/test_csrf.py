"""CSRF: a desk form without a valid token is refused with 403 before anything else is looked
at, and nothing changes."""

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from app.main import create_app
from app.web.csrf import require_csrf
from tests.conftest import make_settings
from tests.support.desk import token
from tests.support.school import School


def _group_names(client: TestClient) -> list[str]:
    return [group["name"] for group in client.get("/api/v1/groups").json()]


def test_form_post_without_token_is_refused(teacher: TestClient) -> None:
    response = teacher.post("/teacher/groups", data={"name": "Groep 7"}, follow_redirects=False)
    assert response.status_code == 403
    assert "Formulier geweigerd" in response.text
    assert "Groep 7" not in _group_names(teacher)


def test_form_post_with_a_wrong_token_is_refused(teacher: TestClient) -> None:
    data = {"csrf_token": "0" * 64, "name": "Groep 7"}
    response = teacher.post("/teacher/groups", data=data, follow_redirects=False)
    assert response.status_code == 403
    assert "Groep 7" not in _group_names(teacher)


def test_token_of_another_browser_is_refused(teacher: TestClient, client: TestClient) -> None:
    someone_else = token(client, "/teacher")  # an anonymous visitor's own form token
    data = {"csrf_token": someone_else, "name": "Groep 7"}
    response = teacher.post("/teacher/groups", data=data, follow_redirects=False)
    assert response.status_code == 403
    assert "Groep 7" not in _group_names(teacher)


def test_token_from_before_sign_in_no_longer_counts(teacher: TestClient) -> None:
    # The teacher fixture signed in over the API; a token bound to the old anonymous cookie
    # is not this session's token.
    teacher.cookies.set("pleinmunt_csrf", "an-old-anonymous-cookie", path="/teacher")
    response = teacher.post(
        "/teacher/groups", data={"csrf_token": "x", "name": "Groep 7"}, follow_redirects=False
    )
    assert response.status_code == 403


def test_json_post_to_a_desk_route_is_refused(teacher: TestClient) -> None:
    response = teacher.post("/teacher/groups", json={"name": "Groep 7"})
    assert response.status_code == 403
    assert "Groep 7" not in _group_names(teacher)


def test_refusal_comes_before_the_role_check(client: TestClient, school: School) -> None:
    # Anonymous and without a token: 403 (the token), not a redirect to sign in (the role).
    response = client.post("/teacher/groups", data={"name": "x"}, follow_redirects=False)
    assert response.status_code == 403


def test_refusal_comes_before_reading_the_fields(teacher: TestClient) -> None:
    # A missing required field would be a 303 back with a message; without a token it is 403.
    response = teacher.post("/teacher/children", data={}, follow_redirects=False)
    assert response.status_code == 403


def test_token_lets_the_form_through(teacher: TestClient) -> None:
    data = {"csrf_token": token(teacher), "name": "Groep 7", "kind": "class"}
    response = teacher.post("/teacher/groups", data=data, follow_redirects=False)
    assert response.status_code == 303
    assert "Groep 7" in _group_names(teacher)


def _routes(routes: Iterable[Any]) -> Iterator[Any]:
    """Every route as the app runs it (FastAPI keeps included routers as a unit of their own)."""
    for route in routes:
        if hasattr(route, "effective_route_contexts"):
            yield from route.effective_route_contexts()
        else:
            yield route


def test_every_desk_post_checks_the_token_first(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}"))
    posts = [
        route
        for route in _routes(app.routes)
        if str(getattr(route, "path", "")).startswith("/teacher")
        and "POST" in (getattr(route, "methods", None) or ())
    ]
    assert len(posts) > 20
    for route in posts:
        first = route.dependant.dependencies[0]
        assert first.call is require_csrf, route.path
    app.state.engine.dispose()

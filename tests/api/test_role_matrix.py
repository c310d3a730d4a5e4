"""Every route × {anonymous, kiosk link, logger, teacher}, generated from the app's own routes.

Each route must appear in ``ALLOWED`` below, so a new route cannot slip in unprotected: the
test fails until someone decides who may call it. A role that may call a route gets anything
but 401/403 (and never a 5xx); a role that may not gets 401 (API, anonymous), 303 to the
sign-in page (teacher desk, anonymous) or 403.
"""

import hashlib
import hmac
import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount
from starlette.websockets import WebSocketDisconnect

from app.domain.weeks import week_of
from app.models.types import utcnow
from app.services.auth import token_hash
from tests.support.school import LOGGER_PIN, TEACHER, School, coin_body

ANY, KIOSK, LOGGER, TEACHER_ONLY = "any", "kiosk", "logger", "teacher"
ROLES = ("anonymous", "kiosk", "logger", "teacher")
# Who may call each route: ANY (everyone), KIOSK (the board's kiosk link, and teachers),
# LOGGER (interns and teachers), TEACHER_ONLY.
ALLOWED: dict[tuple[str, str], str] = {
    ("GET", "/"): ANY,
    ("GET", "/healthz"): ANY,
    ("GET", "/docs"): ANY,
    ("GET", "/screen-setup"): ANY,
    ("GET", "/openapi.json"): ANY,
    ("GET", "/tablet"): ANY,
    ("GET", "/tablet/sw.js"): ANY,
    ("GET", "/tablet/manifest.webmanifest"): ANY,
    ("POST", "/api/v1/session"): ANY,
    ("POST", "/api/v1/session/pin"): ANY,
    ("DELETE", "/api/v1/session"): ANY,
    ("GET", "/kiosk/{slug}"): KIOSK,
    ("WS", "/ws/boards/{slug}"): KIOSK,
    ("GET", "/api/v1/boards/{slug}/standings"): KIOSK,
    ("POST", "/api/v1/coins"): LOGGER,
    ("POST", "/api/v1/coins/{coin_id}/void"): LOGGER,
    ("GET", "/api/v1/groups"): LOGGER,
    ("GET", "/api/v1/children"): LOGGER,
    ("GET", "/api/v1/children/{child_id}"): LOGGER,
    ("GET", "/api/v1/reasons"): LOGGER,
    ("GET", "/api/v1/bikes"): LOGGER,
    ("POST", "/api/v1/bike-turns"): LOGGER,
    ("POST", "/api/v1/bikes/{bike_id}/queue"): LOGGER,
    ("DELETE", "/api/v1/bikes/{bike_id}/queue/{child_id}"): LOGGER,
    ("PUT", "/api/v1/bikes/{bike_id}/rider"): LOGGER,
    ("GET", "/api/v1/tablet/me"): LOGGER,
    ("GET", "/api/v1/tablet/groups/{group_id}"): LOGGER,
    ("GET", "/api/v1/tallies"): LOGGER,
    ("POST", "/api/v1/tallies"): LOGGER,
    ("GET", "/api/v1/zones"): LOGGER,
    ("GET", "/teacher"): ANY,  # the sign-in page when signed out (an intern gets 403)
    ("POST", "/teacher/sign-in"): ANY,
    ("POST", "/teacher/setup"): ANY,  # the first teacher: guarded by serve's code, then closed
    ("POST", "/teacher/sign-out"): ANY,
    ("GET", "/teacher/weeks/go"): ANY,  # the week picker's redirect: no data behind it
}
# Exceptions to "an allowed role is not refused", decided on purpose.
REFUSED_ON_PURPOSE = {
    # An intern's tablet session is not a way into the desk: it says so instead of a sign-in.
    ("logger", "GET", "/teacher"): 403,
    ("kiosk", "GET", "/teacher"): 403,  # nor is a wall display's link
}
# Everything else under /api/v1 and /teacher is for teachers only; listed by prefix so the
# table stays readable, but every route is still enumerated and checked one by one.
TEACHER_PREFIXES = ("/api/v1/", "/teacher/")
SKIPPED_MOUNTS = {"/static", "/kiosk-assets"}


def _routes(app: FastAPI) -> list[tuple[str, str]]:
    found = []
    for route in iter_route_contexts(app.routes):
        if isinstance(route.route, Mount):
            assert route.path in SKIPPED_MOUNTS, f"unknown mount {route.path}: decide its access"
            continue
        methods = sorted(set(route.methods or {"WS"}) - {"HEAD"})
        found += [(method, route.path) for method in methods]
    return found


def _allowed(method: str, path: str) -> str:
    if (method, path) in ALLOWED:
        return ALLOWED[(method, path)]
    assert path.startswith(TEACHER_PREFIXES), f"{method} {path} is in no access rule: add one"
    return TEACHER_ONLY


@pytest.fixture
def database_url(tmp_path: Path, sqlite_template: Path) -> str:
    """Roles do not depend on the engine: this module runs on SQLite only."""
    target = tmp_path / "db" / "pleinmunt.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(sqlite_template, target)
    return f"sqlite:///{target}"


class Caller:
    def __init__(
        self, app: FastAPI, role: str, school: School, lifespan_client: TestClient | None = None
    ) -> None:
        self.role, self.school = role, school
        # Sockets go through the client that runs the app's lifespan: the hub lives on its loop.
        self.lifespan_client = lifespan_client
        # Not entered: the app's lifespan (hub, writer) already runs for the teacher fixture.
        self.client = TestClient(app, follow_redirects=False)
        self.secret = app.state.settings.resolved_secret_key.encode()
        if role == "teacher":
            self.client.post(
                "/api/v1/session", json={"username": TEACHER[0], "password": TEACHER[1]}
            )
        elif role == "logger":
            self.client.post(
                "/api/v1/session/pin", json={"logger_id": school.logger_id, "pin": LOGGER_PIN}
            )
        self.params = {"token": school.kiosk_token} if role == "kiosk" else {}

    def csrf(self) -> str:
        """A valid desk form token for this browser (teacher desk CSRF, app/web/csrf.py)."""
        session = self.client.cookies.get("pleinmunt_session")
        if session:
            value = f"csrf:session:{token_hash(session)}"
        else:
            self.client.cookies.set("pleinmunt_csrf", "matrix", path="/teacher")
            value = "csrf:anonymous:matrix"
        return hmac.new(self.secret, value.encode(), hashlib.sha256).hexdigest()

    def call(self, method: str, path: str) -> int:
        if method == "WS":
            return self._socket(path)
        if path.startswith("/teacher") and method == "POST":
            form = {"csrf_token": self.csrf()}
            if path == "/teacher/sign-in":
                form |= {"username": TEACHER[0], "password": TEACHER[1]}
            response = self.client.post(path, params=self.params, data=form)
        elif method in ("POST", "PUT", "PATCH"):
            response = self.client.request(method, path, params=self.params, json=_body(path))
        else:
            response = self.client.request(method, path, params=self.params)
        assert response.status_code < 500, (self.role, method, path, response.text[:300])
        return response.status_code

    def _socket(self, path: str) -> int:
        assert self.lifespan_client is not None
        own = dict(self.lifespan_client.cookies)
        self.lifespan_client.cookies.clear()
        self.lifespan_client.cookies.update(dict(self.client.cookies))
        try:
            with self.lifespan_client.websocket_connect(path + _query(self.params)) as socket:
                socket.receive_json()
                return 200
        except WebSocketDisconnect as refused:
            return 403 if refused.code in (1008, 4403, 4401, 4003) else refused.code
        finally:
            self.lifespan_client.cookies.clear()
            self.lifespan_client.cookies.update(own)

    def close(self) -> None:
        self.client.close()


def _query(params: dict[str, str]) -> str:
    return "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""


def _body(path: str) -> dict[str, Any]:
    return {}  # valid JSON; a role that may call the route then gets at most a 422


def _fill(path: str, school: School, extra: dict[str, str]) -> str:
    values = {
        "slug": school.board,
        "week": week_of(utcnow(), __import__("zoneinfo").ZoneInfo("Europe/Amsterdam")),
        "group_id": str(school.groups["Groep 5"]),
        "child_id": str(school.children["Sam"]),
        "logger_id": str(school.logger_id),
        "coin_id": extra["coin_id"],
        "bike_id": extra["bike_id"],
        "link_id": extra["spare_link_id"],
        "draw_id": "1",
    }
    if path.startswith("/api/v1/reasons/") or path.startswith("/teacher/reasons/"):
        values["slug"] = "helpen"
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"no test value for a parameter in {path}"
    return path


def test_every_route_answers_each_role_as_its_rule_says(
    app: FastAPI, teacher: TestClient, school: School
) -> None:
    coin = coin_body(school.children["Sam"])
    intern = Caller(app, "logger", school)  # loggers may undo only their own coins
    assert intern.client.post("/api/v1/coins", json=coin).status_code == 201
    intern.close()
    bike = teacher.post(
        "/api/v1/bikes", json={"name": "Rode fiets", "group_id": school.groups["Peuters"]}
    ).json()
    # A link of its own to revoke: the kiosk caller's link must keep working to the end.
    spare = teacher.post(f"/api/v1/boards/{school.board}/kiosk-links").json()["id"]
    extra = {"coin_id": coin["id"], "bike_id": str(bike["id"]), "spare_link_id": str(spare)}
    problems = []
    for method, pattern in _routes(app):
        rule = _allowed(method, pattern)
        path = _fill(pattern, school, extra)
        for role in ROLES:
            caller = Caller(app, role, school, teacher)  # fresh sign-ins: no sign-out leaks
            try:
                status = caller.call(method, path)
            finally:
                caller.close()
            expected = REFUSED_ON_PURPOSE.get((role, method, pattern)) or _verdict(
                rule, role, method, pattern
            )
            if expected == "allowed" and status in (401, 403):
                problems.append(f"{role} {method} {pattern}: {status}, should be allowed")
            elif expected != "allowed" and status != expected:
                problems.append(f"{role} {method} {pattern}: {status}, expected {expected}")
    assert problems == [], "\n".join(problems)


def _verdict(rule: str, role: str, method: str, pattern: str) -> str | int:
    may = {
        ANY: ROLES,
        KIOSK: ("kiosk", "teacher"),
        LOGGER: ("logger", "teacher"),
        TEACHER_ONLY: ("teacher",),
    }[rule]
    if role in may:
        return "allowed"
    if pattern.startswith("/teacher") and role == "anonymous":
        return 303  # the desk sends a signed-out visitor to its sign-in page
    if role != "anonymous":
        return 403
    if pattern.startswith("/api/") or method == "WS":
        return 401 if method != "WS" else 403
    return 403

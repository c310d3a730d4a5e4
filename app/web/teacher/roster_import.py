"""Importing a class list on the desk: upload, preview (nothing changes), then confirm.

Between preview and confirm the server keeps nothing: the preview page carries the uploaded
file in a hidden field, compressed and signed with the secret key (bound to this session and
valid for an hour). Confirm checks the signature, so what is imported is exactly the file that
was previewed, and it is planned again against the roster as it is then. The file never lands
on disk or in the database; only first names, initials and groups are ever stored.
"""

import base64
import binascii
import hashlib
import hmac
import time
import zlib
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from app.api.deps import SessionDep, TeacherDep
from app.api.http import MAX_ROSTER_BYTES, SESSION_COOKIE
from app.domain.errors import Invalid
from app.services.roster_import import import_roster
from app.web.teacher.desk import Back, DeskRoute, done, page

router = APIRouter(route_class=DeskRoute)
PAYLOAD_SECONDS = 3600


@router.get("/teacher/roster/import")
def upload_page(request: Request, _actor: TeacherDep) -> Response:
    return page(request, "teacher/import.html", {"area": "roster"})


@router.post("/teacher/roster/import")
def preview(
    request: Request,
    session: SessionDep,
    actor: TeacherDep,
    file: Annotated[UploadFile, File()],
) -> Response:
    raw = file.file.read(MAX_ROSTER_BYTES + 1)
    if len(raw) > MAX_ROSTER_BYTES:
        raise Invalid(
            "the file is larger than 8 MiB; export one school at a time", code="file_too_large"
        )
    if not raw.strip():
        raise Invalid(
            "the file is empty; export the class list as CSV with a header row", code="file_empty"
        )
    report = import_roster(session, raw=raw, apply=False, by=actor, secret=_secret(request))
    session.rollback()  # a preview writes nothing; end the transaction before rendering
    context = {
        "area": "roster",
        "report": report,
        "payload": seal(request, raw),
        "filename": (file.filename or "")[:80],
        "here": "/teacher/roster/import",
    }
    return page(request, "teacher/import_preview.html", context)


@router.post("/teacher/roster/import/confirm")
def confirm(
    request: Request,
    session: SessionDep,
    actor: TeacherDep,
    payload: Annotated[str, Form()],
    deactivate: Annotated[list[int] | None, Form()] = None,
    back: Back = "",
) -> Response:
    raw = unseal(request, payload)
    report = import_roster(
        session,
        raw=raw,
        apply=True,
        by=actor,
        secret=_secret(request),
        deactivate=deactivate or (),
    )
    # Leavers are named only when some were switched off: a first import has none to report.
    return done(
        back,
        "teacher.import.done_with_leavers" if report.deactivated else "teacher.import.done",
        to="/teacher/roster",
        added=len(report.add),
        moved=len(report.move),
        skipped=len(report.problems),
        deactivated=report.deactivated,
    )


def _secret(request: Request) -> str:
    secret: str = request.app.state.settings.resolved_secret_key
    return secret


def _mac(request: Request, stamp: str, body: str) -> str:
    key = _secret(request).encode()
    session = hashlib.sha256(request.cookies.get(SESSION_COOKIE, "").encode()).hexdigest()
    message = f"roster-import:{session}:{stamp}:{body}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def seal(request: Request, raw: bytes) -> str:
    body = base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode()
    stamp = str(int(time.time()))
    return f"{stamp}.{body}.{_mac(request, stamp, body)}"


def unseal(request: Request, payload: str) -> bytes:
    stamp, _, rest = payload.partition(".")
    body, _, mac = rest.rpartition(".")
    expired = not stamp.isdigit() or time.time() - int(stamp) > PAYLOAD_SECONDS
    if expired or not hmac.compare_digest(mac.encode(), _mac(request, stamp, body).encode()):
        raise Invalid(
            "this preview has expired or was changed; upload the file again",
            code="preview_expired",
        )
    try:
        return zlib.decompress(base64.urlsafe_b64decode(body.encode()))
    except (binascii.Error, zlib.error, ValueError):
        raise Invalid(
            "this preview cannot be read; upload the file again", code="preview_expired"
        ) from None

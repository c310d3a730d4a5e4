"""The end of the school year on the desk: download the archive, then purge who left."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from app.api.deps import SessionDep, SettingsDep, TeacherDep
from app.api.http import request_language
from app.domain.errors import Conflict, Invalid
from app.i18n import LANGUAGES, gettext_for
from app.services.year_end import archive_xlsx, purge_left_children, purge_plan
from app.web.teacher.desk import Back, DeskRoute, done, page

router = APIRouter(route_class=DeskRoute)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/teacher/year-end")
def year_end_page(request: Request, session: SessionDep, _actor: TeacherDep) -> Response:
    context = {"area": "year_end", "plan": purge_plan(session)}
    return page(request, "teacher/year_end.html", context)


@router.get("/teacher/year-end/archive.xlsx")
def archive(
    request: Request, session: SessionDep, settings: SettingsDep, _actor: TeacherDep
) -> Response:
    body = archive_xlsx(session, gettext=gettext_for(request_language(request)), tz=settings.tz)
    return Response(
        body,
        media_type=XLSX,
        headers={"Content-Disposition": 'attachment; filename="pleinmunt-archief.xlsx"'},
    )


def confirmation_words() -> set[str]:
    """The word to type, in either language (the page shows the one of its language)."""
    return {gettext_for(language)("teacher.year_end.word").casefold() for language in LANGUAGES}


@router.post("/teacher/year-end/purge")
def purge(
    session: SessionDep,
    actor: TeacherDep,
    word: Annotated[str, Form()] = "",
    expected: Annotated[str, Form()] = "",
    back: Back = "",
) -> Response:
    if word.strip().casefold() not in confirmation_words():
        raise Invalid("type the confirmation word exactly as shown to purge", code="purge_confirm")
    plan = purge_plan(session)
    if expected != str(plan.children):
        # Someone deactivated (or reactivated) a child since the page was shown.
        raise Conflict(
            "the children to purge changed since this page was shown; check again",
            code="purge_changed",
        )
    done_plan = purge_left_children(session, by=actor)
    return done(back, "teacher.year_end.purged", children=done_plan.children, coins=done_plan.coins)

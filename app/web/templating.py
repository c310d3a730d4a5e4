"""Jinja2 templates with the translation catalog: templates hold keys, the catalog the prose."""

from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from app.api.http import LANGUAGE_COOKIE, request_language
from app.domain.emoji import emoji_file
from app.i18n import LANGUAGES, gettext_for, plural_for


def _template_dirs() -> list[str]:
    return [str(files("app.web") / "templates"), str(Path(str(files("app.kiosk"))))]


def make_templates() -> Jinja2Templates:
    environment = Environment(
        loader=ChoiceLoader([FileSystemLoader(path) for path in _template_dirs()]),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["emoji"] = emoji_img
    return Jinja2Templates(env=environment)


def emoji_img(text: str, alt: str = "", css_class: str = "emoji") -> Markup:
    """``{{ emoji("🦊") }}``: the shipped Twemoji picture, or the text emoji when none is shipped.

    An empty ``alt`` marks the picture as decoration; pass a word when it carries meaning.
    """
    name = emoji_file(text)
    if name is None:
        return Markup('<span class="{}" aria-hidden="true">{}</span>').format(css_class, text)
    return Markup('<img class="{}" src="/static/emoji/{}" alt="{}" draggable="false">').format(
        css_class, name, escape(alt)
    )


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    language = request_language(request)
    templates: Jinja2Templates = request.app.state.templates
    response = templates.TemplateResponse(
        request,
        template,
        {
            "_": gettext_for(language),
            "_n": plural_for(language),
            "lang": language,
            "other_lang": next(code for code in LANGUAGES if code != language),
            **(context or {}),
        },
        status_code=status_code,
    )
    if request.query_params.get("lang") in LANGUAGES:
        # A chosen language sticks on this device (a tablet, a kiosk, a teacher's laptop).
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, samesite="lax")
    return response

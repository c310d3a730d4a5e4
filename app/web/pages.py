"""Pages that are not a surface of their own: the landing page and the API documentation."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def landing(request: Request) -> HTMLResponse:
    return render(request, "landing.html")


@router.get("/screen-setup", response_class=HTMLResponse)
def screen_setup(request: Request) -> HTMLResponse:
    """How to set up a wall screen (the QR on the desk's board page opens this on a phone)."""
    return render(request, "screen_setup.html")


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI from our own static files: the school's network needs nothing outside."""
    response = render(request, "docs.html")
    # Swagger UI sets inline styles; this page alone allows them (still no inline script).
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )
    return response

"""The application: the JSON API under ``/v1``, the page at ``/``, its script and style, and the API's own docs."""

from __future__ import annotations

from importlib import resources
from typing import Any, Final
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

import fighterlaw as fl
from fighterlaw.serve import _api
from fighterlaw.serve._guard import Guard
from fighterlaw.serve._settings import Settings

__all__ = ["create_app"]

_HERE: Final = resources.files("fighterlaw.serve")
_TEMPLATES: Final = Environment(
    loader=FileSystemLoader(str(_HERE / "templates")), autoescape=select_autoescape(default=True), auto_reload=False
)
_VOCABULARIES: Final = {
    "citizenship": fl.Citizenship,
    "sex": fl.Sex,
    "formation": fl.Formation,
    "grounds": fl.DischargeGrounds,
    "relation": fl.Relation,
    "purpose": fl.Purpose,
}


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service as an ASGI application, bound by ``settings`` (127.0.0.1 and the default limits if none).

    >>> create_app().title
    'fighterlaw'
    """
    chosen = settings or Settings()
    app = FastAPI(
        title="fighterlaw",
        version=fl.__version__,
        description=f"Russian law on foreign nationals in the Russian armed forces, as cited rules. {fl.DISCLAIMER}",
        docs_url=None,  # the interactive docs load their script from elsewhere: the service serves its own page
        redoc_url=None,
    )
    _api.setup(app, chosen)
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")
    app.add_api_route("/", _page, methods=["GET"], include_in_schema=False, response_class=HTMLResponse)
    app.add_api_route("/docs", _docs, methods=["GET"], include_in_schema=False, response_class=HTMLResponse)
    app.add_api_route("/favicon.ico", _no_icon, methods=["GET"], include_in_schema=False)
    app.add_middleware(Guard, settings=chosen)
    return app


def _query(request: Request) -> str:
    """The token as the page's links carry it (``?token=``), if the service asks for one."""
    settings: Settings = request.app.state.settings
    if settings.token is None:
        return ""
    return "?" + urlencode({"token": settings.token})


async def _page(request: Request) -> Response:
    """The page: a form for one person, the answers and the next question, the reasons, the timeline, a file."""
    readings = [(reading.name, reading.title) for reading in fl.RULEBOOK]
    text = _TEMPLATES.get_template("page.html").render(
        query=_query(request),
        readings=readings,
        all=fl.ALL,
        vocabularies={name: [member.value for member in kind] for name, kind in _VOCABULARIES.items()},
        disclaimer=fl.DISCLAIMER,
        version=fl.__version__,
        limits=request.app.state.settings,
    )
    return HTMLResponse(text)


async def _docs(request: Request) -> Response:
    """The API's reference, from the same OpenAPI document as ``/openapi.json``, with nothing loaded from elsewhere."""
    document: dict[str, Any] = request.app.openapi()
    operations = [
        {"method": method.upper(), "path": path, **operation}
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]
    text = _TEMPLATES.get_template("docs.html").render(
        query=_query(request), document=document, operations=operations, disclaimer=fl.DISCLAIMER
    )
    return HTMLResponse(text)


async def _no_icon() -> Response:
    """No icon: the browser asks, and is told there is nothing."""
    return Response(status_code=204)

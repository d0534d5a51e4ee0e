"""A local service and a web page: the library's answers over HTTP, and a form that asks the next question.

Install the ``serve`` extra (``pip install 'fighterlaw[serve]'``) and start it with ``fighterlaw serve``, or
build the application yourself:

>>> from fastapi.testclient import TestClient
>>> from fighterlaw.serve import Settings, create_app
>>> client = TestClient(create_app(Settings()), base_url="http://127.0.0.1:8000")
>>> answer = client.post("/v1/evaluate", json={"records": [{"citizenship": "russian"}], "as_of": "2026-06-01"})
>>> answer.status_code, answer.json()["reports"][0]["results"][3]["verdict"]
(200, 'yes')

It listens on 127.0.0.1 unless told otherwise, and any other address needs a token. Records are never kept,
logged or written to disk; the page loads nothing from elsewhere. ``import fighterlaw`` does not import this
package, nor FastAPI.
"""

from __future__ import annotations

import logging
import sys

from fighterlaw.serve._app import create_app
from fighterlaw.serve._guard import ACCESS_LOG
from fighterlaw.serve._settings import TOKEN_VARIABLE, Settings

__all__ = ["TOKEN_VARIABLE", "Settings", "create_app", "run"]


def run(settings: Settings) -> None:  # pragma: no cover - serves until stopped; the tests start uvicorn themselves
    """Serve on ``settings.host`` and ``settings.port`` until stopped, with the service's own access log."""
    import uvicorn  # noqa: PLC0415 - only when serving

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    ACCESS_LOG.addHandler(handler)
    ACCESS_LOG.setLevel(logging.INFO)
    # uvicorn's own access log writes the query (where a token may be) and the client's address: off.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, access_log=False, server_header=False)

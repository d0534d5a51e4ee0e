"""The service's guard, around every request: host and token, body size and depth, headers, and the access log.

It is plain ASGI, so that it sees each request before anything reads it, and every answer after it is made.
The access log carries the method, the path (never the query, which may hold the token), the status and the
time: never a record, a header or an address.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, Final
from urllib.parse import parse_qs

from fighterlaw.serve._settings import Settings, is_loopback

__all__ = ["ACCESS_LOG", "HEADERS", "Guard", "too_deep"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

_LOG: Final = logging.getLogger("fighterlaw.serve")
ACCESS_LOG: Final = logging.getLogger("fighterlaw.serve.access")
"""The access log: one line per request, ``METHOD PATH STATUS MILLISECONDS``."""

CSP: Final = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""The page loads its script, style and pictures from the service itself, and nothing from elsewhere."""

HEADERS: Final = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
"""Sent with every answer: the strict CSP, and no caching, so no record stays in a browser's cache."""

_STRING: Final = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET: Final = re.compile(rb"[\[\]{}]")
_LOOPBACK_HOSTS: Final = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})


def too_deep(body: bytes, limit: int) -> bool:
    """Whether the JSON text nests arrays and objects deeper than ``limit`` (brackets in strings do not count).

    >>> too_deep(b'{"a": [{"b": "[[[["}]}', 3), too_deep(b'[[[[]]]]', 3)
    (False, True)
    """
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub(b"", body)):
        if match.group() in b"[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


class Guard:
    """Checks each request against the settings before the application sees it, and marks every answer."""

    def __init__(self, app: App, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.token = None if settings.token is None else settings.token.encode()
        self.local = is_loopback(settings.host)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one request, or refuse it with the reason."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        answering = False

        async def marked(message: Message) -> None:
            nonlocal status, answering
            if message["type"] == "http.response.start":
                status = message["status"]
                answering = True
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        try:
            refusal = self._refusal(scope)
            if refusal is not None:
                await _answer(marked, *refusal)
                return
            body = await self._body(scope, receive)
            if isinstance(body, tuple):
                await _answer(marked, *body)
                return
            await self.app(scope, _replay(body, receive), marked)
        except Exception as error:  # said without its message, which could quote a record
            _LOG.error("%s %s failed: %s", scope["method"], scope["path"], type(error).__name__)
            if not answering:
                await _answer(marked, 500, "internal", "the service could not answer this request")
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            ACCESS_LOG.info("%s %s %d %.1fms", scope["method"], scope["path"], status, elapsed)

    def _refusal(self, scope: Scope) -> tuple[int, str, str] | None:
        headers = dict(scope["headers"])
        if self.local:
            host = headers.get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in _LOOPBACK_HOSTS:
                return 421, "host", "this service answers only requests addressed to this machine (127.0.0.1)"
        if self.token is not None and not self._authorised(scope, headers):
            return 401, "token", "expected the service's token: 'Authorization: Bearer <token>' (?token= for the page)"
        return None

    def _authorised(self, scope: Scope, headers: dict[bytes, bytes]) -> bool:
        assert self.token is not None  # noqa: S101 - only asked when a token is set
        given = headers.get(b"authorization", b"")
        offered = given[7:] if given[:7].lower() == b"bearer " else b""
        if not offered and scope["method"] == "GET":
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            offered = query.get("token", [""])[0].encode("latin-1")
        return hmac.compare_digest(offered, self.token)

    async def _body(self, scope: Scope, receive: Receive) -> bytes | tuple[int, str, str]:
        limit = self.settings.max_body_bytes
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length", b"")
        too_large = (413, "max_body_bytes", f"expected a request body of at most {limit:,} bytes")
        if declared.isdigit() and int(declared) > limit:
            return too_large
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return too_large
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        # JSON by any name (application/json, application/problem+json...), as the application would read it.
        if kind.endswith(b"json") and too_deep(body, self.settings.max_depth):
            depth = self.settings.max_depth
            return 422, "max_depth", f"expected arrays and objects nested at most {depth} deep"
        return body


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body read once, handed on whole; after it, the client's own messages (a disconnect)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


async def _answer(send: Send, status: int, code: str, message: str) -> None:
    """A refusal in the service's error shape: ``{"error": ..., "problems": [{"path", "message", "code"}]}``."""
    document = {"error": message, "problems": [{"path": "", "message": message, "code": code}]}
    body = json.dumps(document).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

"""What a service is allowed: where it listens, the token it asks for, and how much one request may hold."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Final

__all__ = ["TOKEN_VARIABLE", "Settings", "is_loopback"]

TOKEN_VARIABLE: Final = "FIGHTERLAW_TOKEN"  # noqa: S105 - the name of a variable, not a token
"""The environment variable a token can be given in, instead of ``--token`` (which other users can see)."""

_LOOPBACK_NAMES: Final = frozenset({"localhost"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` is an address (or the name ``localhost``) that only this machine can reach.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0"), is_loopback("example.org")
    (True, True, False, False)
    """
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class Settings:
    """A service's address, token and limits; every limit is per request.

    Binding an address other machines can reach requires a ``token``. Over a limit, a request gets a clear
    413 or 422 answer that names the limit.

    >>> Settings(host="0.0.0.0")
    Traceback (most recent call last):
    ...
    ValueError: binding 0.0.0.0 lets other machines reach the service: give a token (--token or FIGHTERLAW_TOKEN)
    """

    host: str = "127.0.0.1"
    """The address to listen on; only this machine can reach the default."""
    port: int = 8000
    token: str | None = None
    """Asked of every request when set (``Authorization: Bearer <token>``, or ``?token=`` for the page)."""
    max_body_bytes: int = 8 * 1024 * 1024
    """The largest request body, in bytes (413 over it)."""
    max_records: int = 1000
    """The most records one JSON request may carry (413 over it)."""
    max_upload_records: int = 20_000
    """The most records one uploaded file may carry (413 over it)."""
    max_depth: int = 32
    """The deepest nesting of arrays and objects in a JSON body (422 over it): a family link adds three."""
    time_limit: float = 30.0
    """Seconds one JSON request may take (413 over it); an upload is bounded by its size and its records."""

    def __post_init__(self) -> None:
        if self.token is not None and not self.token.strip():
            msg = "the token is empty: give a token of your own, or none on 127.0.0.1"
            raise ValueError(msg)
        if self.token is None and not is_loopback(self.host):
            msg = (
                f"binding {self.host} lets other machines reach the service: give a token (--token or {TOKEN_VARIABLE})"
            )
            raise ValueError(msg)
        for name in ("max_body_bytes", "max_records", "max_upload_records", "max_depth"):
            if getattr(self, name) < 1:
                msg = f"expected {name} of at least 1; found {getattr(self, name)}"
                raise ValueError(msg)
        if self.time_limit <= 0:
            msg = f"expected a time limit above 0 seconds; found {self.time_limit}"
            raise ValueError(msg)

"""A cookie naming this server process, for a proxy that keeps each browser on one process.

Behind a proxy with several processes, Socket.IO's long-polling fallback needs every request of
a connection to reach the process that opened it. Sticky by client address does not work at a
venue, where every phone shares the Wi-Fi's one public address. So each process, given a name
in ``WORKSHOP_ROUTE``, sets ``workshop_route=<name>`` on any response to a browser that does not
carry it yet, and the proxy routes on the cookie (docs/deployment.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

COOKIE = "workshop_route"
NAME = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


def _cookie_value(header: str) -> str | None:
    for part in header.split(";"):
        name, _eq, value = part.strip().partition("=")
        if name == COOKIE:
            return value
    return None


class RouteCookie:
    """WSGI middleware over the whole app, Socket.IO included."""

    def __init__(self, app: Callable, name: str) -> None:
        if not NAME.match(name):
            raise ValueError("WORKSHOP_ROUTE must be 1 to 32 letters, digits, - or _")
        self.app = app
        self.name = name
        self.header = ("Set-Cookie", f"{COOKIE}={name}; Path=/; HttpOnly; SameSite=Lax")

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        if _cookie_value(environ.get("HTTP_COOKIE", "")) == self.name:
            return self.app(environ, start_response)

        def with_cookie(status: str, headers: list, exc_info: Any = None):
            return start_response(status, [*headers, self.header], exc_info)

        return self.app(environ, with_cookie)

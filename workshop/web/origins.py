"""Which host names the app answers to, and which posts it takes: only its own.

A page on another site cannot make a browser post to the app (forms carry a CSRF token,
API posts need JSON or multipart and the app's own Origin), and cannot reach it through DNS
rebinding (a request for a host name the app does not know is refused, Socket.IO included).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, jsonify, request
from werkzeug.middleware.proxy_fix import ProxyFix

from ..messages import error_body
from .links import interface_addresses
from .routing import RouteCookie

LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
# Never text/plain or a urlencoded form: those are what another site's page can post.
API_CONTENT_TYPES = (
    "application/json",
    "multipart/form-data",
    "application/yaml",
    "application/x-yaml",
    "text/yaml",
)


def host_name(host: str) -> str:
    """``Host`` without its port, lower case; ``[::1]:5000`` gives ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    if host.count(":") == 1:
        return host.split(":", 1)[0]
    return host


def machine_addresses() -> set[str]:
    """Every address of this machine's network interfaces, now."""
    return {str(ip) for _name, ip in interface_addresses()}


def machine_names() -> set[str]:
    name = socket.gethostname().lower()
    names = {name, f"{name}.local"}
    try:
        names.add(socket.getfqdn().lower())
    except OSError:
        pass
    return names


class AllowedHosts:
    """The host names and addresses requests may be addressed to.

    With no setting: localhost, the public URL's host, this machine's names and its current
    addresses (looked up again when a laptop has moved to another network since).
    """

    def __init__(self, setting: str, public_url: str | None) -> None:
        listed = {host_name(part) for part in setting.split(",") if part.strip()}
        self.anything = "*" in listed
        self.names = set(LOCAL_NAMES) | listed
        if public_url:
            self.names.add(host_name(urlsplit(public_url).netloc))
        self.automatic = not listed
        if self.automatic:
            self.names |= machine_names()
        self._addresses = machine_addresses() if self.automatic else set()
        self._looked_at = time.monotonic()
        self._lock = threading.Lock()

    def allows(self, host: str) -> bool:
        name = host_name(host)
        if self.anything or name in self.names or name in self._addresses:
            return True
        if not self.automatic or not _is_address(name):
            return False
        with self._lock:  # a new network address: look again, at most every few seconds
            if time.monotonic() - self._looked_at > 5:
                self._addresses = machine_addresses()
                self._looked_at = time.monotonic()
        return name in self._addresses


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


REFUSED_HOST = (
    "This server does not answer to that address. The organiser can add it to "
    "WORKSHOP_ALLOWED_HOSTS.\nServeren svarer ikke på den adresse. Arrangøren kan tilføje den "
    "i WORKSHOP_ALLOWED_HOSTS.\n"
).encode()


class HostCheck:
    """WSGI middleware: refuse any request (pages, API, Socket.IO) for an unknown host."""

    def __init__(self, app: Callable, allowed: AllowedHosts) -> None:
        self.app = app
        self.allowed = allowed

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        if not self.allowed.allows(host):
            headers = [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(REFUSED_HOST))),
            ]
            start_response("400 Bad Request", headers)
            return [REFUSED_HOST]
        return self.app(environ, start_response)


def same_origin(value: str) -> bool:
    """True if an Origin or Referer header names this very site (scheme, host and port)."""
    parts = urlsplit(value)
    return f"{parts.scheme}://{parts.netloc}".lower() == request.host_url.rstrip("/").lower()


def check_api_post():
    """Before an API post, put or delete: never from another site's page; posts JSON,
    multipart or YAML, and puts (a draft saved whole) JSON."""
    if request.method not in ("POST", "PUT", "DELETE") or not request.path.startswith("/api/"):
        return None
    allowed = {"POST": API_CONTENT_TYPES, "PUT": ("application/json",)}.get(request.method)
    if allowed is not None and request.mimetype not in allowed:
        return jsonify(error=error_body("bad_content_type")), 415
    origin = request.headers.get("Origin")
    referer = request.headers.get("Referer")
    # Browsers send Origin with every post; a script without either is not a browser that
    # someone else's page is steering.
    if (origin is not None and not same_origin(origin)) or (
        origin is None and referer is not None and not same_origin(referer)
    ):
        return jsonify(error=error_body("other_origin")), 403
    return None


def protect(app: Flask) -> None:
    """Wrap the whole app (Socket.IO included) in the host check, behind trusted proxies."""
    allowed = AllowedHosts(app.config["WORKSHOP_ALLOWED_HOSTS"], app.config["WORKSHOP_PUBLIC_URL"])
    app.extensions["workshop.allowed_hosts"] = allowed
    app.wsgi_app = HostCheck(app.wsgi_app, allowed)  # type: ignore[method-assign]
    if app.config["WORKSHOP_ROUTE"]:
        app.wsgi_app = RouteCookie(app.wsgi_app, app.config["WORKSHOP_ROUTE"])  # type: ignore[method-assign]
    proxies = app.config["WORKSHOP_TRUSTED_PROXIES"]
    if proxies > 0:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )
    app.before_request(check_api_post)

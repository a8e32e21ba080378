"""Absolute links to a session: what the QR code holds and what the API hands out.

Phones cannot reach 127.0.0.1, so when the server listens on every interface the links use
the machine's LAN address instead.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import quote, urlsplit

from flask import current_app, request


def interface_addresses() -> list[tuple[str, ipaddress.IPv4Address | ipaddress.IPv6Address]]:
    """Every (interface, address) of this machine, now (a laptop may change network)."""
    import psutil

    found = []
    for name, addresses in psutil.net_if_addrs().items():
        for address in addresses:
            if address.family.name in ("AF_INET", "AF_INET6"):
                found.append((name, ipaddress.ip_address(address.address.split("%", 1)[0])))
    return found


def lan_address() -> str | None:
    """The first private IPv4 address of this machine's interfaces, if it has one."""
    candidates = [
        (not ip.is_private, name, str(ip))
        for name, ip in interface_addresses()
        if ip.version == 4 and not ip.is_loopback and not ip.is_link_local
    ]
    return sorted(candidates)[0][2] if candidates else None


def base_url() -> str:
    config = current_app.config
    if config.get("WORKSHOP_PUBLIC_URL"):
        return config["WORKSHOP_PUBLIC_URL"]
    host = request.host.split(":")[0] if request else ""
    if host in ("127.0.0.1", "localhost", "::1", "[::1]") and config.get("HOST") == "0.0.0.0":
        lan = lan_address()
        if lan:
            return f"{request.scheme}://{lan}:{config['PORT']}"
    return request.host_url.rstrip("/")


def reachable_by_phones(url: str) -> bool:
    """False for an address only this machine can open (127.0.0.1, localhost, ::1)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True  # a name: the organiser's DNS knows where it goes


def join_url(code: str) -> str:
    return f"{base_url()}/j/{code}"


def facilitator_url(code: str, key: str) -> str:
    return f"{base_url()}/c/{code}?key={quote(key)}"


def screen_url(code: str, key: str) -> str:
    return f"{base_url()}/s/{code}?key={quote(key)}"

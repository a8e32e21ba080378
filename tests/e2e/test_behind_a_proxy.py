"""The documented nginx in front of one server process that was not told about it
(no ``WORKSHOP_TRUSTED_PROXIES``): the room reaches everything a phone needs, and nothing
that is for the computer running the tool."""

from __future__ import annotations

import requests

from .test_deployment import nginx  # noqa: F401  (fixture)


def test_the_overview_with_every_key_is_not_open_through_an_untrusted_proxy(
    server_factory,
    nginx,  # noqa: F811
):
    server = server_factory().start()
    created = server.create_session()
    url = nginx(server.port, server.port)  # both upstreams of the documented block: this one
    # Straight to the server from this computer: the organiser's overview.
    here = requests.get(server.url + "/api/sessions", timeout=10)
    assert here.status_code == 200 and created["facilitator_key"] in here.text
    # Through nginx everything arrives from 127.0.0.1, with X-Forwarded-For: not this computer.
    proxied = requests.get(url + "/api/sessions", timeout=10)
    assert proxied.status_code == 403
    assert proxied.json()["error"]["code"] == "overview_here_only"
    page = requests.get(url + "/sessions", timeout=10)
    assert page.status_code == 403 and created["facilitator_key"] not in page.text
    export = requests.get(url + f"/sessions/{created['code']}/export.json", timeout=10)
    assert export.status_code == 403 and created["facilitator_key"] not in export.text
    run_of_show = requests.get(url + "/tools/almene-maal/run-of-show", timeout=10)
    assert run_of_show.status_code == 200 and "data-notes-left-out" in run_of_show.text
    # What the room needs still works through the proxy.
    assert requests.get(url + f"/j/{created['code']}", timeout=10).status_code == 200

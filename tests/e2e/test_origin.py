"""Only our own origin and host names reach the server; junk frames cost one log line."""

from __future__ import annotations

import json
import time

import pytest
import requests
import socketio
import websocket

from .clients import hang_up


@pytest.fixture(scope="module")
def server(module_server_factory):
    """One server for the module: no test here stops or reconfigures it."""
    return module_server_factory().start()


def test_a_socket_from_another_origin_is_refused_and_our_own_is_let_in(server):
    created = server.create_session()
    auth = {"role": "participant", "code": created["code"]}
    # Engine.IO checks the Origin of every request before any transport is chosen; the
    # polling transport lets this test set the header exactly as a browser would.
    stranger = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        stranger.connect(
            server.url, auth=auth, transports=["polling"], headers={"Origin": "http://evil.example"}
        )
    ours = socketio.Client(reconnection=False)
    ours.connect(server.url, auth=auth, transports=["polling"], headers={"Origin": server.url})
    assert ours.connected
    hang_up(ours)  # a polite goodbye would wait for the long-poll's answer


def test_a_dns_rebinding_page_reaches_neither_the_pages_nor_the_socket(server):
    created = server.create_session()
    # The attacker's name resolves to this server, so the browser sends that name as Host
    # and the attacker's own page as Origin: the same origin, as far as the browser knows.
    rebound = {
        "Host": f"evil.example:{server.port}",
        "Origin": f"http://evil.example:{server.port}",
    }
    page = requests.get(f"{server.url}/j/{created['code']}", headers=rebound, timeout=5)
    assert page.status_code == 400 and "WORKSHOP_ALLOWED_HOSTS" in page.text
    rebinder = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        rebinder.connect(
            server.url,
            auth={"role": "participant", "code": created["code"]},
            transports=["polling"],
            headers=rebound,
        )
    for host in ("localhost", "127.0.0.1", f"localhost:{server.port}"):
        assert requests.get(server.url + "/healthz", headers={"Host": host}, timeout=5).ok


def test_another_sites_posts_are_refused(server):
    tool = "id: kapret\ntitle: Kapret\nsteps:\n  - {id: a, kind: info, prompt: Hej}\n"
    # A page elsewhere can post text/plain or a form without asking first; both are refused.
    plain = requests.post(
        server.url + "/api/dialogues",
        data=tool.encode(),
        headers={"Content-Type": "text/plain", "Origin": "http://evil.example"},
        timeout=5,
    )
    assert plain.status_code == 415
    multipart = requests.post(
        server.url + "/api/dialogues",
        files={"file": ("x.yaml", tool)},
        headers={"Origin": "http://evil.example"},
        timeout=5,
    )
    assert multipart.status_code == 403 and multipart.json()["error"]["code"] == "other_origin"
    form = requests.post(
        server.url + "/sessions",
        data={"dialogue": "testmoede"},
        headers={"Origin": "http://evil.example"},
        timeout=5,
        allow_redirects=False,
    )
    assert form.status_code == 400  # no CSRF token
    assert "kapret" not in requests.get(server.url + "/api/dialogues", timeout=5).text
    # The app's own page, and a script (no Origin at all), still get through.
    own = requests.post(
        server.url + "/api/dialogues",
        files={"file": ("x.yaml", tool)},
        headers={"Origin": server.url},
        timeout=5,
    )
    assert own.status_code == 201


def test_a_malformed_frame_is_logged_as_one_line_without_a_traceback(server):
    created = server.create_session()
    socket = websocket.create_connection(
        f"ws://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=websocket", timeout=5
    )
    assert socket.recv().startswith("0")  # Engine.IO open
    socket.send(json_frame("40", {"role": "participant", "code": created["code"]}))
    assert any(socket.recv().startswith("40") for _ in range(3))  # connected (after state)
    for frame in ('42["answer", {"step_id": ', "4x-junk", '42["answer"'):
        socket.send(frame)
    socket.send('421["profile",{"name":"Stadig her"}]')  # still served afterwards
    assert any(socket.recv().startswith("431[") for _ in range(5))  # the ack
    socket.close()
    time.sleep(0.3)
    output = server.output()
    assert output.count("malformed Socket.IO frame from 127.0.0.1") == 3
    assert "Traceback" not in output


def json_frame(prefix: str, payload: dict) -> str:
    return prefix + json.dumps(payload)

"""Only pages of our own origin may open a socket to the server (no cross-site sockets)."""

from __future__ import annotations

import pytest
import socketio


def test_a_socket_from_another_origin_is_refused_and_our_own_is_let_in(server_factory):
    server = server_factory().start()
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
    ours.eio.disconnect(abort=True)  # a long-poll would otherwise wait for the next ping

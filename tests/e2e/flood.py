"""A hostile phone, run as a process of its own: join, then send answer frames as fast as the
socket takes them; when the server cuts it off, connect again and go on.

``python -m tests.e2e.flood URL CODE SECONDS`` prints ``flooding`` once it has joined and
begins, and one JSON line at the end (after SECONDS, or sooner when its input is closed):
frames sent, connections made and how many of them the server closed.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import uuid

import websocket


def flood(url: str, code: str, seconds: float, stop: threading.Event | None = None) -> dict:
    address = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    join = "40" + json.dumps({"role": "participant", "code": code})
    token = None
    sent = connections = cut = refused = 0
    stop = stop or threading.Event()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not stop.is_set():
        try:
            socket = websocket.create_connection(address, timeout=5)
        except (OSError, websocket.WebSocketException):
            refused += 1
            time.sleep(0.05)
            continue
        connections += 1
        try:
            socket.recv()  # Engine.IO open
            socket.send(join if token is None else join[:-1] + f', "token": "{token}"}}')
            while token is None:
                frame = socket.recv()
                if frame.startswith('42["state"'):
                    token = json.loads(frame[2:])[1]["you"]["token"]
                    print("flooding", flush=True)  # the first flood begins now
            frame_of = '42["answer",{"step_id":"hvem-med","answer_id":"%s","value":"x"}]'
            batch = [frame_of % uuid.uuid4().hex[:12] for _ in range(100)]
            while time.monotonic() < deadline and not stop.is_set():
                for frame in batch:
                    socket.send(frame)
                sent += len(batch)
        except (OSError, websocket.WebSocketException):
            cut += 1
        finally:
            socket.close()
    return {"sent": sent, "connections": connections, "cut": cut, "refused": refused}


def stop_when_told(stop: threading.Event) -> None:
    """The test closes this process's input once it has measured what it needs."""
    sys.stdin.read()
    stop.set()


if __name__ == "__main__":
    told = threading.Event()
    threading.Thread(target=stop_when_told, args=(told,), daemon=True).start()
    print(json.dumps(flood(sys.argv[1], sys.argv[2], float(sys.argv[3]), told)), flush=True)

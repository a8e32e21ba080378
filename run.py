"""Start the dialogue tool: ``python run.py``. Settings come from the environment (README)."""

# Monkey-patching must come before every other import, and only for the chosen async mode.
import os

_MODE = os.environ.get("WORKSHOP_ASYNC_MODE", "gevent").strip().lower() or "gevent"
if _MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()
elif _MODE == "eventlet":
    import eventlet

    eventlet.monkey_patch()

import ipaddress  # noqa: E402
import sys  # noqa: E402

from workshop import create_app  # noqa: E402
from workshop.extensions import socketio  # noqa: E402
from workshop.realtime.collector import collect_when_quiet  # noqa: E402
from workshop.web.links import lan_address  # noqa: E402


def public_host(host: str) -> str:
    if host in ("0.0.0.0", "::"):
        return lan_address() or "127.0.0.1"
    return host


def main() -> None:
    app = create_app()
    if _MODE in ("gevent", "eventlet"):
        collect_when_quiet(socketio)  # no full garbage collection in the middle of a burst
    host, port = app.config["HOST"], app.config["PORT"]
    shown = public_host(host)
    base = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}"
    print(f"Dialogue tool running ({app.config['WORKSHOP_ASYNC_MODE']}).", flush=True)
    print(f"  Facilitator, start a session: http://127.0.0.1:{port}/", flush=True)
    print(f"  Participants join at:         {base}/j/<code>", flush=True)
    try:
        public = (
            host not in ("127.0.0.1", "localhost", "::1")
            and not ipaddress.ip_address("127.0.0.1" if host == "localhost" else host).is_loopback
        )
    except ValueError:
        public = True
    if host in ("127.0.0.1", "localhost", "::1"):
        print(
            "  Phones cannot reach 127.0.0.1: start with HOST=0.0.0.0 to let them in.", flush=True
        )
    if public and not app.config.get("WORKSHOP_ORGANISER_PASSCODE"):
        print(
            "WARNING: listening on a public address without WORKSHOP_ORGANISER_PASSCODE:"
            " anyone who reaches this server can start sessions.",
            file=sys.stderr,
            flush=True,
        )
    socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, log_output=False)


if __name__ == "__main__":
    main()

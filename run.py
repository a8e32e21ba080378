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

try:
    import resource  # noqa: E402  (not on Windows)
except ImportError:  # pragma: no cover
    resource = None  # type: ignore[assignment]

from workshop import create_app  # noqa: E402
from workshop.extensions import socketio  # noqa: E402
from workshop.realtime.collector import collect_when_quiet  # noqa: E402
from workshop.realtime.guard import GuardLimits, guard_connections  # noqa: E402
from workshop.realtime.handlers import COOLING  # noqa: E402
from workshop.web.links import lan_address  # noqa: E402
from workshop.web.removal import keep_retention  # noqa: E402


def public_host(host: str) -> str:
    if host in ("0.0.0.0", "::"):
        return lan_address() or "127.0.0.1"
    return host


def raise_open_file_limit() -> tuple[int, int] | None:
    """Every phone holds a socket, and a socket is a file: take all the files the system
    allows this process (the soft limit is often 1,024, on macOS 256). The soft and hard
    limit afterwards, or None where there is no such limit."""
    if resource is None:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard
    if hard == resource.RLIM_INFINITY:  # no process may take "unlimited" open files
        wanted = 10_240 if sys.platform == "darwin" else 1_048_576
    for candidate in (wanted, 10_240):  # macOS refuses more than its own per-process cap
        if candidate <= soft:
            break
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (candidate, hard))
            break
        except (ValueError, OSError):
            continue
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def main() -> None:
    files = raise_open_file_limit()
    app = create_app()
    if _MODE in ("gevent", "eventlet"):
        # No full garbage collection in the middle of a burst (bench/stream.py reports them).
        collect_when_quiet(socketio, report=os.environ.get("WORKSHOP_REPORT_COLLECTIONS") == "1")
    config = app.config
    guard_connections(
        socketio,
        GuardLimits(
            frame_burst=config["WORKSHOP_FRAME_BURST"],
            frame_rate=config["WORKSHOP_FRAME_RATE"],
            join_within=config["WORKSHOP_JOIN_WITHIN"],
            connect_within=config["WORKSHOP_CONNECT_WITHIN"],
            unjoined_per_address=config["WORKSHOP_UNJOINED_PER_ADDRESS"],
        ),
        on_cut=lambda sid: app.extensions["workshop.connections"].cool(sid, COOLING),
    )
    # Meetings past the retention period go when the server starts serving, then daily; an
    # app made for a command or a test deletes nothing on its own.
    socketio.start_background_task(keep_retention, app, socketio.sleep)
    host, port = app.config["HOST"], app.config["PORT"]
    shown = public_host(host)
    base = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}"
    print(f"Dialogue tool running ({app.config['WORKSHOP_ASYNC_MODE']}).", flush=True)
    if files is not None:
        soft = "unlimited" if files[0] == resource.RLIM_INFINITY else f"{files[0]:,}"
        # Each phone takes one open file (two while it has not joined); the rest is the app's.
        print(f"  Open files allowed: {soft} (about as many phones).", flush=True)
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

"""A room arriving at once: every phone opens the join page, its files and its socket together.

    .venv/bin/python bench/arrival.py [--phones 300] [--configs sqlite,postgres,two]

Each phone is a new browser with an empty cache: it asks for the join page (``Accept-Encoding:
gzip, br``), then for every file the page names (scripts, stylesheets, icons, preloads) and
every module those scripts import, over at most six connections of its own, and then joins
over Socket.IO (websocket) until its first ``state`` shows the step the room is on. Every
phone starts at the same moment, all in one asyncio loop.

A row gives: phones in and failed, seconds until the last saw the step, p50/p99 per phone,
requests and KB on the wire per phone, and the server's CPU per phone (user + system time of
the server processes, before and after, over the phones), and the swarm's own CPU (one loop
for every phone may be the slower side on a small machine). Two more passes on the same
server, now warm, each with new phones, take the pages and files alone and the socket joins
alone, so a row also says how much of the CPU per phone is the page and its files and how
much the socket join.

The baseline in the same run: the bare Flask-SocketIO server (``bench/bare_server.py``)
serving a copy of our join page and its files, captured byte for byte from our server with
the same encoding, and its tiny socket join.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import aiohttp
import requests
import socketio

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import run_all  # noqa: E402
import swarm  # noqa: E402

from tests.e2e.server import free_port  # noqa: E402

try:  # brotli is what a server that compresses best sends to a phone that asks for it
    import brotli
except ImportError:  # pragma: no cover  (then only gzip is asked for)
    brotli = None

TIMEOUT = 60.0
# A browser opens at most six connections to one host.
CONNECTIONS_PER_PHONE = 6
ACCEPT_ENCODING = "gzip, br" if brotli else "gzip"
# The files a page names, as a browser finds them.
FILE_LINKS = {"stylesheet", "icon", "shortcut icon", "modulepreload", "preload", "apple-touch-icon"}
# A module's static imports (``import x from "./a.js"``, ``import "./a.js"``,
# ``export {x} from "./a.js"``): a browser fetches them before the module runs.
IMPORTS = re.compile(
    r"""(?:^|[;\n])\s*(?:import|export)\s*(?:[^'";]*?\sfrom\s*)?["']([^"']+)["']""", re.M
)
CSS_IMPORTS = re.compile(r"""@import\s+(?:url\()?["']?([^"')\s;]+)""")


@dataclass
class Visit:
    """What one phone did and how long it took."""

    began: float
    requests: int = 0
    wire_bytes: int = 0
    files_done: float | None = None
    in_at: float | None = None
    error: str | None = None
    paths: list[str] = field(default_factory=list)


class Links(HTMLParser):
    """The files an HTML page names: script sources and linked stylesheets and icons."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.found.append(values["src"])
        elif tag == "link" and values.get("href"):
            rel = (values.get("rel") or "").lower()
            if rel in FILE_LINKS or any(word in FILE_LINKS for word in rel.split()):
                self.found.append(values["href"])


def page_links(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.found


def decoded(body: bytes, encoding: str) -> bytes:
    encoding = encoding.strip().lower()
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body)
    if encoding == "br" and brotli is not None:
        return brotli.decompress(body)
    return body


def references(url: str, content_type: str, text: str) -> list[str]:
    """The files a fetched file makes a browser fetch next (module imports, CSS imports)."""
    if "html" in content_type:
        found = page_links(text)
    elif "javascript" in content_type:
        found = [spec for spec in IMPORTS.findall(text) if spec.startswith((".", "/"))]
    elif "css" in content_type:
        found = CSS_IMPORTS.findall(text)
    else:
        found = []
    return [urljoin(url, spec) for spec in found]


async def fetch(http: aiohttp.ClientSession, url: str, visit: Visit) -> tuple[str, str]:
    """GET one file as a browser does; count its bytes on the wire; its type and text."""
    headers = {"Accept-Encoding": ACCEPT_ENCODING}
    async with http.get(url, headers=headers, allow_redirects=False) as response:
        body = await response.read()
        visit.requests += 1
        head = sum(len(k) + len(v) + 4 for k, v in response.raw_headers) + 17
        visit.wire_bytes += len(body) + head
        if response.status != 200:
            raise RuntimeError(f"{response.status} for {url}")
        kind = response.headers.get("Content-Type", "")
        data = decoded(body, response.headers.get("Content-Encoding", ""))
        return kind, data.decode("utf-8", "replace")


async def load_page(http: aiohttp.ClientSession, url: str, visit: Visit) -> None:
    """The page, then what it names, then what those import, level by level like a browser."""
    seen = {url}
    level = [url]
    while level:
        fetched = await asyncio.gather(*(fetch(http, u, visit) for u in level))
        origin = urlsplit(url)[:2]
        following: list[str] = []
        for u, (kind, text) in zip(level, fetched, strict=True):
            for ref in references(u, kind, text):
                ref = ref.split("#", 1)[0]
                if urlsplit(ref)[:2] == origin and ref not in seen:
                    seen.add(ref)
                    following.append(ref)
        visit.paths.extend(level)
        level = following


def phone_session() -> aiohttp.ClientSession:
    """A browser of its own: its own connections, no shared cache, no decompression for us."""
    connector = aiohttp.TCPConnector(limit=CONNECTIONS_PER_PHONE, force_close=False)
    return aiohttp.ClientSession(connector=connector, auto_decompress=False)


async def arrive(
    base: str, code: str, n: int, began: float, step: str, parts: str, kept: list
) -> Visit:
    """One phone: the page and its files, then its socket (``parts``: "all", "files" or
    "socket", for the passes that tell the two apart)."""
    visit = Visit(began)
    http = phone_session()
    kept.append(http)
    try:
        if parts != "socket":
            await load_page(http, f"{base}/j/{code}", visit)
        visit.files_done = time.perf_counter()
        if parts == "files":
            visit.in_at = visit.files_done
            return visit
        loop = asyncio.get_running_loop()
        seen: asyncio.Future = loop.create_future()

        def on_state(state: dict) -> None:
            if not seen.done() and (state.get("step") or {}).get("id") == step:
                seen.set_result(time.perf_counter())

        sio = socketio.AsyncClient(reconnection=False, http_session=http, handle_sigint=False)
        sio.on("state", on_state)
        kept.append(sio)
        await sio.connect(
            base,
            auth={"role": "participant", "code": code, "name": f"{parts[0]}{n}"},
            transports=["websocket"],
            wait_timeout=TIMEOUT,
        )
        visit.in_at = await asyncio.wait_for(seen, TIMEOUT)
    except Exception as error:  # noqa: BLE001  (a phone that did not get in is counted)
        visit.error = f"{type(error).__name__}: {error}"[:200]
    return visit


def cpu_seconds(pids: list[int]) -> float:
    """User + system time the processes have used so far."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / tick


async def swarm_of(
    urls: list[str], code: str, phones: int, step: str, pids: list[int], parts: str = "all"
) -> dict:
    """Every phone at once; the row's numbers."""
    kept: list = []
    cpu_before, own_before = cpu_seconds(pids), time.process_time()
    began = time.perf_counter()
    visits = await asyncio.gather(
        *(arrive(urls[n % len(urls)], code, n, began, step, parts, kept) for n in range(phones))
    )
    cpu = cpu_seconds(pids) - cpu_before
    # The swarm's own CPU: with one loop for every phone it may be the slower side.
    own = time.process_time() - own_before
    await asyncio.gather(
        *(thing.disconnect() for thing in kept if isinstance(thing, socketio.AsyncClient)),
        return_exceptions=True,
    )
    await asyncio.gather(
        *(thing.close() for thing in kept if isinstance(thing, aiohttp.ClientSession)),
        return_exceptions=True,
    )
    done = [v for v in visits if v.error is None]
    ends = [v.in_at - v.began for v in done]
    files = [v.files_done - v.began for v in done]
    errors = sorted({v.error for v in visits if v.error})
    return {
        "phones": phones,
        "in": len(done),
        "failed": phones - len(done),
        "last_s": max(ends) if ends else None,
        "p50_s": swarm.quantile(ends, 0.5),
        "p99_s": swarm.quantile(ends, 0.99),
        "files_p50_s": swarm.quantile(files, 0.5),
        "cpu_ms_per_phone": cpu * 1000 / phones,
        "swarm_cpu_s": own,
        "requests_per_phone": statistics.mean(v.requests for v in visits) if visits else None,
        "kb_per_phone": statistics.mean(v.wire_bytes for v in visits) / 1024 if visits else None,
        "errors": errors[:3],
    }


async def open_step(url: str, session: dict, step: str) -> None:
    """The facilitator has started and moved the room to ``step`` before the phones come."""
    console = socketio.AsyncClient(reconnection=False, handle_sigint=False)
    await console.connect(
        url,
        auth={"role": "facilitator", "code": session["code"], "key": session["facilitator_key"]},
        transports=["websocket"],
        wait_timeout=20,
    )
    for command in ({"action": "start"}, {"action": "goto", "step": step}):
        ack = await console.call("command", command, timeout=TIMEOUT)
        assert ack.get("ok"), ack
    await console.disconnect()


async def passes(urls, session, phones, step, pids) -> dict:
    """The measured arrival, then (on the same server, now warm) the pages and files alone
    and the socket joins alone, each with new phones, for the split of the CPU."""
    await open_step(urls[0], session, step)
    row = await swarm_of(urls, session["code"], phones, step, pids)
    for parts in ("files", "socket"):
        await asyncio.sleep(1.0)
        alone = await swarm_of(urls, session["code"], phones, step, pids, parts)
        row[f"{parts}_cpu_ms_per_phone"] = alone["cpu_ms_per_phone"]
        row[f"{parts}_p99_s"] = alone["p99_s"]
        row[f"{parts}_failed"] = alone["failed"]
    return row


# The bare server with a copy of our page ---------------------------------------------------


def capture(base: str, code: str, folder: Path) -> Path:
    """Our join page and every file it loads, as our server sends them, written to ``folder``
    with a manifest (path -> the file and its headers) the bare server serves from."""

    async def crawl() -> list[str]:
        visit = Visit(time.perf_counter())
        async with phone_session() as http:
            await load_page(http, f"{base}/j/{code}", visit)
        return visit.paths

    manifest = {}
    for number, url in enumerate(asyncio.run(crawl())):
        response = requests.get(url, headers={"Accept-Encoding": ACCEPT_ENCODING}, stream=True)
        body = response.raw.read(decode_content=False)
        name = f"{number:03d}.bin"
        (folder / name).write_bytes(body)
        parts = urlsplit(url)
        path = parts.path.replace(f"/j/{code}", "/j/000000") + (
            f"?{parts.query}" if parts.query else ""
        )
        keep = ("Content-Type", "Content-Encoding", "Cache-Control", "ETag", "Vary")
        manifest[path] = {
            "file": name,
            "headers": {k: response.headers[k] for k in keep if k in response.headers},
        }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return folder


class BareSite:
    """The bare server serving a captured copy of our page."""

    def __init__(self, site: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        script = ROOT / "bench" / "bare_server.py"
        self.process = subprocess.Popen(
            [sys.executable, str(script), str(self.port), "--site", str(site)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        run_all.wait_for(self.url)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def measure_bare(site: Path, phones: int) -> dict:
    server = BareSite(site)
    try:
        session = {"code": "000000", "facilitator_key": "-"}
        pids = [server.process.pid]
        return asyncio.run(passes([server.url], session, phones, swarm.STEP, pids))
    finally:
        server.stop()


# Our server ------------------------------------------------------------------------------


def measure_ours(config: str, phones: int, site: Path | None, profile: Path | None) -> dict:
    """A fresh server (or two) with a fresh database; captures the page into ``site`` first."""
    join_burst = str(max(phones * 2, 5000))
    with run_all.installation(config, WORKSHOP_JOIN_BURST=join_burst) as servers:
        session = servers[0].create_session(dialogue=run_all.TOOL["id"])
        if site is not None:
            capture(servers[0].url, session["code"], site)
        pids = [server.process.pid for server in servers]
        spies = run_all.profilers(pids, profile)
        urls = [server.url for server in servers]
        row = asyncio.run(passes(urls, session, phones, swarm.STEP, pids))
        run_all.stop_profilers(spies)
        return row


def rows(phones: int = 300, configs: list[str] | None = None, profile: Path | None = None):
    """The bench's rows: bare (with our captured page), then ours per configuration."""
    configs = configs or ["sqlite"]
    out = []
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        for number, config in enumerate(configs):
            spied = profile / f"arrival-{config}-{phones}" if profile else None
            row = measure_ours(config, phones, site if number == 0 else None, spied)
            row.update(label=f"arrival, {run_all.CONFIGURATIONS[config][0]}", config=config)
            out.append(row)
        bare = measure_bare(site, phones)
        bare.update(label="arrival, bare Flask-SocketIO (same page)", config="bare")
    for row in out:
        for key in ("last_s", "p99_s", "cpu_ms_per_phone"):
            if row.get(key) is not None and bare.get(key):
                row[f"{key}_x_bare"] = row[key] / bare[key]
    return [bare, *out]


def fmt(value, digits: int = 0) -> str:
    return run_all.fmt(value, digits)


def print_table(table: list[dict]) -> None:
    heads = (
        f"{'arrival':<44} {'N':>5} {'in':>5} {'fail':>5} {'last s':>7} {'p50 s':>6} "
        f"{'p99 s':>6} {'CPU ms':>7} {'files':>6} {'socket':>7} {'× bare':>7} {'req':>5} {'KB':>6}"
    )
    print(heads)
    print("-" * len(heads))
    for row in table:
        print(
            f"{row['label']:<44} {row['phones']:>5} {row['in']:>5} {row['failed']:>5} "
            f"{fmt(row['last_s'], 2):>7} {fmt(row['p50_s'], 2):>6} {fmt(row['p99_s'], 2):>6} "
            f"{fmt(row['cpu_ms_per_phone'], 1):>7} {fmt(row.get('files_cpu_ms_per_phone'), 1):>6} "
            f"{fmt(row.get('socket_cpu_ms_per_phone'), 1):>7} "
            f"{fmt(row.get('cpu_ms_per_phone_x_bare'), 2):>7} "
            f"{fmt(row['requests_per_phone'], 0):>5} {fmt(row['kb_per_phone'], 0):>6}",
            flush=True,
        )
        for error in row.get("errors") or ():
            print(f"    {error}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--configs", default="sqlite")
    parser.add_argument("--profile", help="write py-spy samples of our servers to this folder")
    parser.add_argument("--json", help="write the rows to this file too")
    args = parser.parse_args()
    configs = [config for config in args.configs.split(",") if config]
    missing = run_all.services_missing(configs)
    if missing:
        print(f"PostgreSQL or Redis is not running: {missing}", file=sys.stderr)
        return 2
    os.chdir(ROOT)
    profile = Path(args.profile) if args.profile else None
    if profile:
        profile.mkdir(parents=True, exist_ok=True)
    table = rows(args.phones, configs, profile)
    print_table(table)
    if args.json:
        Path(args.json).write_text(json.dumps(table, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The committed build of the browser's files (static/build/) is what its script makes from
today's sources, and a page's file changes its name whenever what it holds changes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import brotli

from tests.conftest import service_missing
from workshop.domain.kinds import KINDS
from workshop.web.assets import (
    BEST,
    QUICK,
    Assets,
    join,
    parse_name,
    script_parts,
    sheet_parts,
)

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "static"


def test_the_committed_build_is_fresh(tmp_path):
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "esbuild").is_dir():
        service_missing("Node with esbuild", "make system-deps (npm ci) installs it")
    out = tmp_path / "build"
    subprocess.run([node, "scripts/build_assets.mjs", str(out)], cwd=ROOT, check=True)
    built = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    kept = {
        p.relative_to(STATIC / "build"): p.read_bytes()
        for p in (STATIC / "build").rglob("*")
        if p.is_file()
    }
    assert sorted(built) == sorted(kept), "run: node scripts/build_assets.mjs"
    stale = [str(name) for name in built if built[name] != kept[name]]
    assert stale == [], "run: node scripts/build_assets.mjs"


def copy_of_static(tmp_path: Path) -> Path:
    static = tmp_path / "static"
    shutil.copytree(STATIC / "build", static / "build")
    shutil.copytree(STATIC / "vendor", static / "vendor")
    return static


def test_a_name_changes_when_a_source_changes(tmp_path):
    static = copy_of_static(tmp_path)
    before = Assets(static, list(KINDS))
    script = before.script(["phone"], ["open", "choice"])
    sheet = before.stylesheet(["base", "phone", "results"], ["open", "choice"])
    assert before.find(script) is not None and before.find(sheet) is not None
    for changed in ("build/js/kinds/choice.js", "build/css/kinds/choice.css"):
        path = static / changed
        path.write_bytes(path.read_bytes() + b"\n/* changed */")
    after = Assets(static, list(KINDS))
    assert after.script(["phone"], ["open", "choice"]) != script
    assert after.stylesheet(["base", "phone", "results"], ["choice", "open"]) != sheet
    # The old names are of no file this server would send.
    assert after.find(script) is None and after.find(sheet) is None
    # A kind the name does not hold changes nothing.
    assert after.script(["phone"], ["open"]) == before.script(["phone"], ["open"])


def test_the_kinds_come_in_registry_order_once_whatever_a_page_asks(tmp_path):
    assets = Assets(copy_of_static(tmp_path), list(KINDS))
    first = assets.script(["screen"], ["vote", "open", "vote", "nokind"])
    assert first == assets.script(["screen"], ["open", "vote"])
    wanted, _ = parse_name(first)
    assert wanted.kinds == tuple(kind for kind in KINDS if kind in {"open", "vote"})


def test_the_parts_of_a_script_and_a_stylesheet():
    manifest = {
        "pages": {
            "phone": {"core": True, "socket": True},
            "editor": {"core": True, "socket": False},
            "print": {"core": False, "socket": False},
        }
    }
    assert script_parts(manifest, ["phone"], ["open"]) == [
        "vendor/socket.io/socket.io.min.js",
        "build/js/core.js",
        "build/js/kinds/open.js",
        "build/js/phone.js",
    ]
    assert script_parts(manifest, ["print"], []) == ["build/js/print.js"]
    assert sheet_parts(["phone", "base"], ["open", "info"], {"info"}) == [
        "build/css/base.css",
        "build/css/phone.css",
        "build/css/kinds/info.css",
    ]
    assert sheet_parts(["base", "home"], ["info"], {"info"}) == [
        "build/css/base.css",
        "build/css/home.css",
    ]


def test_pieces_are_joined_on_lines_of_their_own_without_source_map_links():
    joined = join([b"a()\n//# sourceMappingURL=a.js.map\n", b"b()"])
    assert joined == b"a()\nb()\n"


def test_a_file_asked_for_by_name_alone_costs_a_quick_compression_only(tmp_path):
    static = copy_of_static(tmp_path)
    name = Assets(static, list(KINDS)).script(["console"], KINDS)
    stranger = Assets(static, list(KINDS)).find(name)  # another process, no page drawn
    assert stranger is not None and stranger.brotli_quality == QUICK
    own = Assets(static, list(KINDS))
    assert own.script(["console"], KINDS) == name
    assert own.find(name).brotli_quality == BEST
    assert stranger.etag("br") != own.find(name).etag("br")
    assert brotli.decompress(stranger.brotli) == brotli.decompress(own.find(name).brotli)


def test_the_shared_modules_are_in_core_alone():
    """The kinds' registry and the page's words exist once in a page's script: every other
    piece takes them from core (scripts/build_assets.mjs)."""
    built = STATIC / "build" / "js"
    manifest = json.loads((STATIC / "build" / "manifest.json").read_text("utf-8"))
    assert {"kinds/index.js", "i18n.js"} <= set(manifest["core"])
    registry = b"Two step kinds are called"
    assert registry in (built / "core.js").read_bytes()
    for piece in sorted(built.rglob("*.js")):
        if piece.name != "core.js":
            assert registry not in piece.read_bytes(), piece
    uses = (built / "kinds" / "open.js").read_bytes()
    assert b'globalThis.dialogueModules["kinds/index.js"]' in uses


def test_a_made_up_name_costs_no_reading_once_its_bundle_is_known(tmp_path):
    """Names that hold a real page and kinds but a wrong digest are refused from what the
    server remembers: a stranger looping on them makes it read no piece again."""
    static = copy_of_static(tmp_path)
    assets = Assets(static, list(KINDS))
    real = assets.script(["phone"], ["open"])
    stem = real.rpartition("-")[0]
    assert assets.find(f"{stem}-{'0' * 16}.js") is None
    shutil.rmtree(static / "build" / "js")  # a read now would fail
    for digest in ("1" * 16, "abcdef0123456789"):
        assert assets.find(f"{stem}-{digest}.js") is None
    assert assets.find(real) is not None  # kept in memory, not read again

"""The pages' files: one script and one stylesheet per page, holding the code and styles of the
session's kinds only, compressed as the browser asks and cached for good under names that
change with their content (workshop/web/assets.py)."""

from __future__ import annotations

import gzip
import re
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import brotli
import pytest

from workshop.domain.kinds import KINDS

SCRIPT = re.compile(r'<script src="(/assets/[^"]+\.js)" defer></script>')
SHEET = re.compile(r'<link rel="stylesheet" href="(/assets/[^"]+\.css)">')
FOLLOW_UP_TOOL = "almene-maal-opfoelgning"


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def page(client, url: str) -> str:
    response = client.get(path_of(url), follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def files_of(html: str) -> tuple[list[str], list[str]]:
    return SCRIPT.findall(html), SHEET.findall(html)


def piece(client, name: str) -> bytes:
    with client.get(f"/static/build/{name}") as response:
        assert response.status_code == 200
        return response.get_data().strip()


def kinds_of(session) -> set[str]:
    return {step["kind"] for step in session}


@pytest.mark.parametrize(
    ("surface", "own"),
    [("join_url", "phone"), ("facilitator_url", "console"), ("screen_url", "screen")],
)
def test_a_page_loads_one_script_with_its_kinds_before_its_own_code(
    client, new_session, surface, own
):
    created = new_session()
    steps = client.get(
        f"/api/sessions/{created['code']}",
        headers={"Authorization": f"Bearer {created['facilitator_key']}"},
    ).json["state"]["steps"]
    used = [kind for kind in KINDS if kind in {step["kind"] for step in steps}]
    scripts, sheets = files_of(page(client, created[surface]))
    assert len(scripts) == 1 and len(sheets) == 1
    body = client.get(scripts[0]).get_data()
    at = {name: body.find(piece(client, f"js/{name}.js")) for name in ("core", own)}
    for kind in KINDS:
        at[kind] = body.find(piece(client, f"js/kinds/{kind}.js"))
    # The socket client, the shared modules, the session's kinds, then the page itself.
    assert body.startswith(b"/*!\n * Socket.IO")
    assert 0 < at["core"] < min(at[kind] for kind in used)
    assert max(at[kind] for kind in used) < at[own]
    assert [kind for kind in KINDS if at[kind] >= 0] == used


def script_body(client, html: str) -> bytes:
    scripts, _ = files_of(html)
    return client.get(scripts[0]).get_data()


def test_a_meeting_without_a_review_step_gets_no_review_code(client, new_session):
    review_js = piece(client, "js/kinds/review.js")
    review_css = piece(client, "css/kinds/review.css")
    plain = page(client, new_session()["join_url"])
    assert "~" in SCRIPT.findall(plain)[0] and "review" not in SCRIPT.findall(plain)[0]
    assert review_js not in script_body(client, plain)
    assert review_css not in client.get(SHEET.findall(plain)[0]).get_data()
    with_review = page(client, new_session(FOLLOW_UP_TOOL)["join_url"])
    assert review_js in script_body(client, with_review)
    assert review_css in client.get(SHEET.findall(with_review)[0]).get_data()


def test_pages_without_steps_load_neither_kinds_nor_socket(client):
    scripts, sheets = files_of(page(client, "/"))
    assert scripts == [] and len(sheets) == 1
    assert b"kinds" not in client.get(sheets[0]).get_data()
    editor = page(client, "/tools/new")
    body = script_body(client, editor)
    assert not body.startswith(b"/*!\n * Socket.IO")
    # The editor previews any kind: it has them all.
    for kind in KINDS:
        assert piece(client, f"js/kinds/{kind}.js") in body


def test_a_file_goes_compressed_as_asked_and_is_the_same_once_decoded(client, new_session):
    scripts, sheets = files_of(page(client, new_session()["join_url"]))
    for url in scripts + sheets:
        plain = client.get(url, headers={"Accept-Encoding": "identity"})
        assert "Content-Encoding" not in plain.headers
        as_gzip = client.get(url, headers={"Accept-Encoding": "gzip, deflate"})
        as_brotli = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert as_gzip.headers["Content-Encoding"] == "gzip"
        assert as_brotli.headers["Content-Encoding"] == "br"
        assert gzip.decompress(as_gzip.get_data()) == plain.get_data()
        assert brotli.decompress(as_brotli.get_data()) == plain.get_data()
        assert len(as_brotli.get_data()) < len(as_gzip.get_data()) < len(plain.get_data()) / 2
        etags = set()
        for response in (plain, as_gzip, as_brotli):
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            assert response.headers["Vary"] == "Accept-Encoding"
            etags.add(response.headers["ETag"])
        assert len(etags) == 3, "each encoding is a representation of its own"
        again = client.get(
            url, headers={"Accept-Encoding": "br", "If-None-Match": as_brotli.headers["ETag"]}
        )
        assert again.status_code == 304 and again.get_data() == b""


def test_pages_and_json_go_compressed_and_are_never_kept_for_good(client, new_session):
    created = new_session()
    for url in (created["join_url"], "/", "/api/dialogues"):
        response = client.get(path_of(url), headers={"Accept-Encoding": "gzip, br"})
        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == "br"
        assert "Accept-Encoding" in response.headers["Vary"]
        assert "immutable" not in response.headers.get("Cache-Control", "")
    console = client.get(path_of(created["facilitator_url"]), follow_redirects=True)
    assert console.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "name",
    [
        "nothing",
        "phone-0123456789abcdef.js",
        "phone~open-0123456789abcdef.js",
        "phone~nokind-0123456789abcdef.js",
        "phone~open.open-0123456789abcdef.js",
        "phone+phone-0123456789abcdef.js",
        "secret~open-0123456789abcdef.js",
        "base+phone~open-0123456789abcdef.txt",
        "..%2Fmanifest-0123456789abcdef.js",
        "phone~open-0123.js",
    ],
)
def test_a_name_of_no_file_is_not_found(client, name):
    response = client.get(f"/assets/{name}")
    assert response.status_code == 404


def test_a_name_is_made_again_by_a_process_that_never_made_it(make_app, new_session, client):
    scripts, sheets = files_of(page(client, new_session()["join_url"]))
    other = make_app().test_client()  # another process: it has drawn no page yet
    for url in scripts + sheets:
        assert other.get(url).get_data() == client.get(url).get_data()
        # A file of the same name with other content is a name of no file here.
        stale = re.sub(r"-[0-9a-f]{16}\.", "-0000000000000000.", url)
        assert other.get(stale).status_code == 404


def test_the_plain_static_files_are_still_there(client):
    for path in ("/static/js/phone.js", "/static/vendor/socket.io/socket.io.min.js"):
        with client.get(path) as response:
            assert response.status_code == 200
    icon = re.search(r'<link rel="icon" href="data:image/svg\+xml,([^"]+)"', page(client, "/"))
    assert "#" not in icon.group(1), "a # ends the address: the rest would be a fragment"
    svg = ElementTree.fromstring(unquote(icon.group(1)))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.find("{*}rect") is not None
    assert client.get("/favicon.ico").status_code == 301

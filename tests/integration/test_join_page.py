"""The join page a room shares: drawn once for everyone who asks for the same one, and drawn
again as soon as anything it shows changes (language, organisation, practice phone)."""

from __future__ import annotations

import gzip
import re

import brotli

from .helpers import command


def responsible(page: str) -> str:
    return re.search(r"(?:Ansvarlig|Responsible): ([^<]*?)\.\s", page)[1]


def test_every_phone_of_a_room_gets_the_same_page_in_its_own_language(
    app, client, connect, new_session
):
    created = new_session(title="Afdelingsmøde i Vestparken")
    join = f"/j/{created['code']}"
    danish = [client.get(join, headers={"Accept-Language": "da"}) for _ in range(3)]
    assert {page.get_data(as_text=True) for page in danish} == {danish[0].get_data(as_text=True)}
    first = danish[0].get_data(as_text=True)
    assert 'lang="da"' in first and "Deltag" in first
    # The session's language decides, as before, unless the phone's owner chose another.
    client.get("/lang/en")
    english = client.get(join).get_data(as_text=True)
    assert 'lang="en"' in english and ">Join<" in english
    client.get("/lang/da")
    assert client.get(join).get_data(as_text=True) == first

    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    command(console, "details", organisation="Boligselskabet Ærø")
    changed = client.get(join).get_data(as_text=True)
    assert responsible(changed) == "Boligselskabet Ærø"
    assert responsible(first) != "Boligselskabet Ærø"
    # Each kept page is one language, one organisation: three so far, none of them stale.
    assert len(app.extensions["workshop_drawn_pages"]) == 3


def test_a_practice_phone_is_drawn_as_its_own_page(app, client, new_session):
    created = new_session(title="Øvemøde", practice=True)
    join = f"/j/{created['code']}"
    plain = client.get(join).get_data(as_text=True)
    practice = client.get(f"{join}?practice=2").get_data(as_text=True)
    assert "data-practice" not in plain
    assert 'data-practice="2"' in practice


def test_the_kept_page_goes_out_compressed_as_each_phone_asks(client, new_session):
    created = new_session(title="Beboermøde i blok C")
    join = f"/j/{created['code']}"
    plain = client.get(join)
    assert "Content-Encoding" not in plain.headers
    text = plain.get_data()
    for asked, encoding, decode in (
        ("br", "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        ("gzip;q=0.5, br", "br", brotli.decompress),
    ):
        for _ in range(2):  # drawn and compressed once, then from memory: the same bytes
            page = client.get(join, headers={"Accept-Encoding": asked})
            assert page.headers["Content-Encoding"] == encoding
            assert "Accept-Encoding" in page.headers["Vary"]
            assert decode(page.get_data()) == text

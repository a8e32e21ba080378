"""Every page that shows steps loads each kind's module before its own, so that the kinds have
registered themselves (static/js/kinds/index.js) by the time the page draws a step."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from workshop.domain.kinds import KINDS

MODULE = re.compile(r'<script type="module" src="/static/js/([\w/-]+)\.js"')


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


@pytest.mark.parametrize(
    ("surface", "own"),
    [("join_url", "phone"), ("facilitator_url", "console"), ("screen_url", "screen")],
)
def test_the_page_loads_every_kind_before_its_own_module(client, new_session, surface, own):
    page = client.get(path_of(new_session()[surface]), follow_redirects=True)
    assert page.status_code == 200
    modules = MODULE.findall(page.get_data(as_text=True))
    assert own in modules
    before = modules[: modules.index(own)]
    assert sorted(before) == sorted(f"kinds/{name}" for name in KINDS)

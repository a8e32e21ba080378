"""The answer lengths a page gives its scripts are the ones the server holds answers to: a
phone's field stops exactly where the server would refuse, and no script repeats a number."""

from __future__ import annotations

import json
import re
from pathlib import Path

from workshop.domain.kinds import answer_limits

from .helpers import answer, command

LIMITS = re.compile(r'<script type="application/json" id="answer-limits">(.*?)</script>', re.S)


def test_the_phone_page_carries_the_servers_answer_limits(client, new_session):
    code = new_session()["code"]
    page = client.get(f"/j/{code}").get_data(as_text=True)
    given = json.loads(LIMITS.search(page).group(1))
    assert given == answer_limits()
    assert given["open"]["text"] > 0 and given["actions"]["what"] > 0


def test_an_open_answer_of_the_pages_limit_goes_in_and_one_character_more_is_refused(
    client, connect, new_session
):
    created = new_session()
    code = created["code"]
    page = client.get(f"/j/{code}").get_data(as_text=True)
    most = json.loads(LIMITS.search(page).group(1))["open"]["text"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    phone = connect(role="participant", code=code)
    command(console, "goto", step="hvem-med")
    assert answer(phone, "hvem-med", "x" * (most + 1))["error"]["code"] == "too_long"
    assert answer(phone, "hvem-med", "x" * most)["ok"]


def test_no_script_gives_a_field_a_length_of_its_own():
    scripts = Path(__file__).resolve().parents[2] / "static/js"
    literal = re.compile(r"maxLength\s*[:=]\s*\d")
    found = [
        f"{path.name}:{number}"
        for path in sorted(scripts.rglob("*.js"))
        if "vendor" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if literal.search(line)
    ]
    assert found == [], "read the length from answerLimit (static/js/limits.js)"


def test_the_protocol_shows_the_limits_the_pages_carry():
    protocol = (Path(__file__).resolve().parents[2] / "docs/protocol.md").read_text("utf-8")
    shown = re.search(r'id="answer-limits">`.*?```json\n(.*?)\n```', protocol, re.S)
    assert json.loads(shown.group(1)) == answer_limits()

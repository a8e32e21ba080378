"""Starting a follow-up meeting from the pages: the ended meeting's console and the overview
offer it, the overview shows which meeting follows which, the home page marks the tools."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest

from .helpers import answer, command, follow_up

SOON = (date.today() + timedelta(days=14)).isoformat()


def ended_meeting(connect, new_session, points: int = 2, **fields) -> dict:
    """A meeting of the tests' own tool with ``points`` confirmed action points, ended."""
    created = new_session(**fields)
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    phone = connect(role="participant", code=created["code"], name="Mette")
    command(console, "goto", step="handlepunkter")
    for number in range(points):
        answer_id = f"plan-{number:04d}"
        value = {"what": f"Punkt {number}", "who": "Mette", "when": SOON}
        assert answer(phone, "handlepunkter", value, answer_id)["ok"]
        command(console, "confirm_action", answer_id=answer_id)
    command(console, "end")
    return created


def console_page(client, created: dict) -> str:
    client.get(created["facilitator_url"])  # the key moves into the console's cookie
    page = client.get(f"/c/{created['code']}")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def follow_up_forms(page: str) -> dict[str, str]:
    """The follow-up forms on a page, by the code of the meeting they follow up."""
    found = re.findall(
        r'<form class="follow-up-form"[^>]*data-code="(\d{6})"(.*?)</form>', page, re.S
    )
    return dict(found)


def selected_tool(form: str) -> str:
    return re.search(r'<option value="([^"]+)" selected>', form)[1]


def title_value(form: str) -> str:
    return html.unescape(re.search(r'name="title"[^>]*value="([^"]*)"', form)[1])


def test_the_console_offers_the_follow_up_once_the_meeting_has_ended(client, connect, new_session):
    created = new_session(title="Kredsmøde i marts")
    running = console_page(client, created)
    assert follow_up_forms(running) == {}

    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    phone = connect(role="participant", code=created["code"])
    command(console, "goto", step="handlepunkter")
    for number in range(3):
        value = {"what": f"Punkt {number}", "who": "Bo", "when": SOON}
        assert answer(phone, "handlepunkter", value, f"plan-{number:04d}")["ok"]
        command(console, "confirm_action", answer_id=f"plan-{number:04d}")
    assert answer(phone, "handlepunkter", {"what": "Ikke med", "who": "Bo", "when": SOON})["ok"]
    command(console, "end")

    page = console_page(client, created)
    form = follow_up_forms(page)[created["code"]]
    assert "Start et opfølgningsmøde" in page
    assert "3 handlepunkter fra handleplanen følger med" in form
    assert selected_tool(form) == "almene-maal-opfoelgning"
    assert title_value(form) == "Opfølgning: Kredsmøde i marts"
    # The console never holds its key: the request carries its cookie instead.
    assert "data-key" not in form and created["facilitator_key"] not in page
    assert 'name="passcode"' not in form  # no organiser passcode on this server


def test_a_rehearsal_is_never_followed_up(client, connect, new_session):
    created = new_session(practice=True)
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    command(console, "end")
    assert follow_up_forms(console_page(client, created)) == {}
    overview = client.get("/sessions").get_data(as_text=True)
    assert created["code"] in overview and follow_up_forms(overview) == {}


def test_the_overview_offers_the_follow_up_of_each_ended_meeting_with_its_key(
    client, connect, new_session
):
    ended = ended_meeting(connect, new_session, points=1, title="Afdelingsmøde")
    english = ended_meeting(connect, new_session, points=0, title="Board meeting", language="en")
    running = new_session(title="Kører stadig")

    page = client.get("/sessions").get_data(as_text=True)
    forms = follow_up_forms(page)
    assert set(forms) == {ended["code"], english["code"]}
    assert running["code"] not in forms
    assert f'data-key="{ended["facilitator_key"]}"' in forms[ended["code"]]
    assert "1 handlepunkt fra handleplanen følger med" in forms[ended["code"]]
    # A meeting held in English gets the English tool and title by default.
    assert selected_tool(forms[english["code"]]) == "follow-up"
    assert title_value(forms[english["code"]]) == "Follow-up: Board meeting"
    assert "bekræftede ingen handlepunkter" in forms[english["code"]]
    assert '<script src="/assets/follow-up-' in page


def test_the_overview_shows_which_meeting_a_follow_up_follows(client, connect, new_session):
    earlier = ended_meeting(connect, new_session, title="Kredsmøde <marts>")
    created = follow_up(client, earlier, title="Opfølgning: Kredsmøde")

    page = client.get("/sessions").get_data(as_text=True)
    line = re.search(rf'data-follows-up="{earlier["code"]}">(.*?)</p>', page, re.S)[1]
    assert "Opfølgning på" in line and f'href="#meeting-{earlier["code"]}"' in line
    assert "Kredsmøde &lt;marts&gt;" in line  # the title is text, never markup
    back = re.search(rf'data-followed-by="{created["code"]}">(.*?)</p>', page, re.S)[1]
    assert "Fulgt op af" in back and f'href="#meeting-{created["code"]}"' in back
    # The follow-up's own console says what it follows up.
    assert "Opfølgning på" in console_page(client, created)

    # Deleted, the earlier meeting leaves its title in the follow-up's own copy, unlinked.
    auth = {"Authorization": f"Bearer {earlier['facilitator_key']}"}
    assert client.delete(f"/api/sessions/{earlier['code']}", headers=auth).status_code == 204
    page = client.get("/sessions").get_data(as_text=True)
    line = re.search(rf'data-follows-up="{earlier["code"]}">(.*?)</p>', page, re.S)[1]
    assert "Kredsmøde &lt;marts&gt;" in line and "href" not in line


def test_the_console_starts_the_follow_up_with_its_key_cookie(client, connect, new_session):
    earlier = ended_meeting(connect, new_session)
    body = {"dialogue": "almene-maal-opfoelgning", "follow_up_of": earlier["code"]}
    without = client.post("/api/sessions", json=body)
    assert without.status_code == 404 and without.json["error"]["code"] == "unknown_session"

    client.get(earlier["facilitator_url"])  # the console's cookie, as the page sets it
    created = client.post("/api/sessions?lang=en", json=body)
    assert created.status_code == 201, created.json
    listed = {entry["code"]: entry for entry in client.get("/api/sessions").json}
    assert listed[created.json["code"]]["follow_up_of"] == earlier["code"]
    # An error comes in the language the page asks for.
    again = client.post("/api/sessions?lang=en", json={**body, "dialogue": "nothing"})
    assert again.json["error"]["message"] == "There is no dialogue tool with that name."


def test_the_suggested_title_fits_the_title_limit(client, connect, new_session):
    long_title = "Bestyrelsesmøde " + "x" * 284
    earlier = ended_meeting(connect, new_session, points=0, title=long_title)
    form = follow_up_forms(console_page(client, earlier))[earlier["code"]]
    title = title_value(form)
    assert len(title) == 300 and title.startswith("Opfølgning: Bestyrelsesmøde x")
    assert title.endswith("…")


def test_with_an_organiser_passcode_the_follow_up_form_asks_for_it(make_app):
    app = make_app(WORKSHOP_ORGANISER_PASSCODE="blåbær")
    client = app.test_client()
    given = {"X-Organiser-Passcode": "blåbær".encode().decode("latin-1")}
    created = client.post("/api/sessions", json={"dialogue": "almene-maal"}, headers=given).json
    from .helpers import open_socket

    console = open_socket(
        app,
        auth={"role": "facilitator", "code": created["code"], "key": created["facilitator_key"]},
    )
    command(console, "end")
    console.disconnect()
    form = follow_up_forms(console_page(client, created))[created["code"]]
    assert 'name="passcode"' in form
    body = {"dialogue": "almene-maal-opfoelgning", "follow_up_of": created["code"]}
    refused = client.post("/api/sessions", json=body)
    assert refused.status_code == 401 and refused.json["error"]["code"] == "passcode_required"
    assert client.post("/api/sessions", json=body, headers=given).status_code == 201


@pytest.mark.parametrize(
    ("language", "badge"), [("da", "Til opfølgningsmøder"), ("en", "For a follow-up meeting")]
)
def test_the_home_page_marks_the_tools_meant_for_follow_ups(client, language, badge):
    page = client.get(f"/?lang={language}").get_data(as_text=True)
    tools = re.findall(r'<label class="tool">(.*?)</label>', page, re.S)
    marked = {
        re.search(r'name="dialogue" value="([^"]+)"', tool)[1]
        for tool in tools
        if "data-follow-up-tool" in tool
    }
    assert marked == {"almene-maal-opfoelgning", "follow-up"}
    assert badge in page


def test_a_plan_too_long_to_follow_up_is_said_before_anyone_presses_the_button(
    client, connect, new_session
):
    from workshop.domain.follow_up import MAX_POINTS

    ended = new_session(title="Stort møde")
    console = connect(role="facilitator", code=ended["code"], key=ended["facilitator_key"])
    command(console, "goto", step="handlepunkter")
    for number in range(MAX_POINTS + 1):
        if number % 5 == 0:  # a phone proposes at most five points
            phone = connect(role="participant", code=ended["code"], name=f"Deltager {number}")
        value = {"what": f"Punkt {number}", "who": "Mette", "when": SOON}
        assert answer(phone, "handlepunkter", value, f"plan-{number:04d}")["ok"]
        command(console, "confirm_action", answer_id=f"plan-{number:04d}")
    command(console, "end")
    form = follow_up_forms(client.get("/sessions").get_data(as_text=True))[ended["code"]]
    assert f"Handleplanen har {MAX_POINTS + 1} punkter" in form
    assert "data-too-many" in form

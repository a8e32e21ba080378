"""The run of show ("Drejebog"): every step of a tool with its time and notes, and a realistic
total for the meeting: the time boxes and, for every other step, what its kind usually takes."""

from __future__ import annotations

import html
import re

import pytest

from workshop.dialogues import builtin_dialogue, builtin_dialogues

STEP_TIME = re.compile(r'<span class="run-time" data-minutes="(\d+)">([^<]*)</span>')
TOTAL = re.compile(r'<span data-total-minutes="(\d+)">([^<]*)</span>')


def run_of_show(client, tool_id: str) -> str:
    page = client.get(f"/tools/{tool_id}/run-of-show")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_a_tools_run_of_show_lists_every_step_with_its_time_and_notes(client):
    tool = builtin_dialogue("almene-maal")
    text = run_of_show(client, "almene-maal")
    assert "Drejebog" in text
    for step in tool.steps:
        assert html.escape(step.prompt, quote=False) in text
        if step.settings.notes:
            assert html.escape(step.settings.notes, quote=False) in text
        for option in step.fields.get("options", ()):
            assert f"<li>{html.escape(option.label, quote=False)}</li>" in text
        for statement in step.fields.get("statements", ()):
            assert f"<li>{html.escape(statement.text, quote=False)}</li>" in text
    assert 'href="/tools/almene-maal/run-of-show"' in client.get("/").get_data(as_text=True)
    assert client.get("/tools/findes-ikke/run-of-show").status_code == 404


def test_almene_maal_takes_about_fifty_minutes_not_the_fifteen_of_its_time_boxes(client):
    """Ten steps, four with a time box (15 minutes): the other six take time too."""
    tool = builtin_dialogue("almene-maal")
    text = run_of_show(client, "almene-maal")
    times = STEP_TIME.findall(text)
    assert len(times) == len(tool.steps) == 10
    for step, (minutes, said) in zip(tool.steps, times, strict=True):
        if step.settings.time_box:
            assert said == f"{step.settings.time_box} minutter (tidsramme)"
        else:
            assert said == f"ca. {minutes} minutter" and int(minutes) >= 2
    assert TOTAL.findall(text) == [("50", "ca. 50 minutter")]


@pytest.mark.parametrize("tool_id", [tool.id for tool in builtin_dialogues()])
def test_every_built_in_tools_total_adds_up_its_steps_to_the_nearest_five(client, tool_id):
    tool = builtin_dialogue(tool_id)
    text = run_of_show(client, tool_id)
    steps = sum(int(minutes) for minutes, _ in STEP_TIME.findall(text))
    boxes = sum(step.settings.time_box or 0 for step in tool.steps)
    [(total, said)] = TOTAL.findall(text)
    assert abs(int(total) - steps) <= 2.5 and int(total) % 5 == 0
    assert int(total) >= boxes + 2 * sum(not step.settings.time_box for step in tool.steps)
    about = "ca. {} minutter" if tool.language == "da" else "about {} minutes"
    assert said == about.format(total)

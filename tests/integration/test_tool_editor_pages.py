"""The tool editor's pages and the ways to them: a blank tool or a copy of any tool, a draft to
edit again, and the home page's and the overview's links to each, in the reader's language."""

from __future__ import annotations

import html

from workshop.dialogues import builtin_dialogues

GREEN = {
    "id": "groen-gaard",
    "title": "Grøn gård",
    "language": "da",
    "steps": [{"id": "velkommen", "kind": "info", "prompt": "Velkommen"}],
}


def page(client, path: str, status: int = 200) -> str:
    answer = client.get(path, headers={"Accept-Language": "da"})
    assert answer.status_code == status, answer.get_data(as_text=True)[:300]
    return answer.get_data(as_text=True)


def test_the_editor_opens_on_a_blank_tool_a_copy_or_a_draft_and_refuses_what_is_not_there(
    client,
):
    blank = page(client, "/tools/new")
    assert "Skriv et dialogredskab" in blank
    # One script with every kind's piece, for the preview, and the editor's own; one sheet.
    assert '<script src="/assets/editor~info.' in blank
    assert 'href="/assets/base+home+phone+results+screen+editor~' in blank
    assert "data-draft-id" not in blank and "data-from" not in blank

    copy = page(client, "/tools/new?from=almene-maal")
    assert 'data-from="almene-maal"' in copy
    missing = page(client, "/tools/new?from=findes-ikke", 404)
    assert "Der findes intet dialogredskab med det navn." in missing

    made = client.post("/api/tool-drafts", json={"from": "blank"})
    assert made.status_code == 201
    draft = made.json["id"]
    assert f'data-draft-id="{draft}"' in page(client, f"/tools/{draft}/edit")
    assert "intet udkast" in page(client, "/tools/Ikke%20et%20id/edit", 404)


def test_the_home_page_offers_a_new_tool_a_copy_of_every_tool_and_editing_one_kept_here(
    client,
):
    home = page(client, "/")
    assert 'href="/tools/new"' in home and "Nyt dialogredskab" in home
    for tool in builtin_dialogues():
        assert f'href="/tools/new?from={tool.id}"' in home
        assert f"?edit={tool.id}" not in home
    # The uploaded tool is edited itself, and a copy of it too.
    assert 'href="/tools/new?edit=testmoede" data-edit-tool>Rediger</a>' in home
    assert 'href="/tools/new?from=testmoede"' in home

    draft = client.post("/api/tool-drafts", json={"from": "blank"}).json["id"]
    saved = client.put(f"/api/tool-drafts/{draft}", json={"document": GREEN})
    assert saved.status_code == 200 and saved.json["tool_id"] == "groen-gaard"
    home = page(client, "/")
    assert 'href="/tools/new?edit=groen-gaard" data-edit-tool>Rediger</a>' in home


def test_the_editor_opens_on_an_uploaded_tool_itself_but_never_on_a_built_in(client):
    assert 'data-edit="testmoede"' in page(client, "/tools/new?edit=testmoede")
    built_in = page(client, "/tools/new?edit=almene-maal", 409)
    assert "Et indbygget dialogredskab ændres aldrig." in built_in
    assert "Der findes intet dialogredskab med det navn." in page(
        client, "/tools/new?edit=findes-ikke", 404
    )


def test_the_overview_lists_the_tools_written_here_with_what_is_left_to_fix(client):
    assert "Ingen endnu" in page(client, "/sessions")
    ready = client.post("/api/tool-drafts", json={"from": "blank"}).json["id"]
    client.put(f"/api/tool-drafts/{ready}", json={"document": GREEN})
    unfinished = client.post("/api/tool-drafts", json={"from": "blank"}).json["id"]
    client.put(f"/api/tool-drafts/{unfinished}", json={"document": {**GREEN, "steps": []}})
    overview = page(client, "/sessions")
    assert 'href="/tools/new"' in overview
    assert f'href="/tools/{ready}/edit">{html.escape("Grøn gård")}</a>' in overview
    assert "klar til brug" in overview
    assert f'href="/tools/{unfinished}/edit">' in overview
    assert "1 problem at rette" in overview

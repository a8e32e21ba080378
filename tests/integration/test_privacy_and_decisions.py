"""What a person is owed: an answer the facilitator marked stays as it was, browsers keep no
export, erasure and removal reach every copy, a table of one names nobody, and retention
deletes what it promised to."""

from __future__ import annotations


def test_a_highlighted_answer_cannot_be_rewritten_by_its_author(connect, new_session):
    """Low finding: the author could change the words of the card the room sees highlighted."""
    from .helpers import answer, command, wait_for

    created = new_session("testmoede")
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    phone = connect(role="participant", code=created["code"], name="Ib")
    command(console, "goto", step="udcheckning")
    assert answer(phone, "udcheckning", "Mere tid til snak", "shine-00001")["ok"]
    command(console, "highlight", answer_id="shine-00001")
    rewritten = answer(phone, "udcheckning", "Noget helt andet", "shine-00001")
    assert not rewritten["ok"] and rewritten["error"]["code"] == "moderated"
    replaced = answer(phone, "udcheckning", "Noget helt andet", "shine-00002")
    assert replaced["error"]["code"] == "moderated"
    assert answer(phone, "udcheckning", "Mere tid til snak", "shine-00001")["ok"]  # a retry
    summary = wait_for(
        console, "results", lambda r: any(c["highlighted"] for c in r["summary"]["answers"])
    )["summary"]
    assert [card["text"] for card in summary["answers"]] == ["Mere tid til snak"]
    # Taken back, the highlight no longer holds the answer.
    command(console, "unhighlight", answer_id="shine-00001")
    assert answer(phone, "udcheckning", "Noget helt andet", "shine-00001")["ok"]


def test_every_export_is_sent_for_no_cache_to_keep(client, new_session, connect):
    """Low finding: exports were `no-cache` (kept, revalidated) instead of `no-store`."""
    created = new_session("testmoede")
    bearer = {"Authorization": f"Bearer {created['facilitator_key']}"}
    code = created["code"]
    for fmt in ("pdf", "csv", "xlsx", "json"):
        made = client.get(f"/api/sessions/{code}/export.{fmt}", headers=bearer)
        assert made.status_code == 200 and made.headers["Cache-Control"] == "no-store"
        from_overview = client.get(f"/sessions/{code}/export.{fmt}")
        assert from_overview.headers["Cache-Control"] == "no-store"
    for kept in client.get(f"/api/sessions/{code}/exports", headers=bearer).json:
        with client.get(kept["url"], headers=bearer) as sent:
            assert sent.status_code == 200 and sent.headers["Cache-Control"] == "no-store"
            assert "ETag" not in sent.headers and "Last-Modified" not in sent.headers


def test_erasure_reaches_the_kept_export_files_and_a_follow_up_s_copy_of_the_plan(
    app, client, connect, new_session
):
    """Finding 8: the kept CSV and JSON still held the erased person, and so did the copy."""
    import os
    from datetime import date, timedelta

    from .helpers import answer, command, follow_up

    soon = (date.today() + timedelta(days=14)).isoformat()
    earlier = new_session("almene-maal", title="Kredsmøde")
    bearer = {"Authorization": f"Bearer {earlier['facilitator_key']}"}
    console = connect(role="facilitator", code=earlier["code"], key=earlier["facilitator_key"])
    mette = connect(role="participant", code=earlier["code"], name="Mette Sletmig")
    bo = connect(role="participant", code=earlier["code"], name="Bo")
    command(console, "goto", step="handlepunkter")
    point = {"what": "Ryd kælderen op", "who": "Mette Sletmig", "when": soon}
    assert answer(mette, "handlepunkter", point, "mette-plan-01")["ok"]
    assert answer(
        bo, "handlepunkter", {"what": "Nyt skilt", "who": "Bo", "when": soon}, "bo-plan-0001"
    )["ok"]
    command(console, "confirm_action", answer_id="mette-plan-01")
    command(console, "confirm_action", answer_id="bo-plan-0001")
    command(console, "end")
    people = client.get(f"/api/sessions/{earlier['code']}", headers=bearer).json["state"]
    mette_id = {p["name"]: p["id"] for p in people["participants_list"]}["Mette Sletmig"]
    for fmt in ("csv", "json", "pdf", "xlsx"):
        assert (
            client.get(f"/api/sessions/{earlier['code']}/export.{fmt}", headers=bearer).status_code
            == 200
        )
    later = follow_up(client, earlier)
    later_bearer = {"Authorization": f"Bearer {later['facilitator_key']}"}
    assert "Ryd kælderen op" in client.get(
        f"/api/sessions/{later['code']}/export.json", headers=later_bearer
    ).get_data(as_text=True)
    export_dir = app.config["WORKSHOP_EXPORT_DIR"]

    def everything_kept() -> str:
        texts = []
        for name in os.listdir(export_dir):
            if name.endswith((".csv", ".json")):
                with open(os.path.join(export_dir, name), encoding="utf-8-sig") as file:
                    texts.append(file.read())
        return "\n".join(texts)

    assert "Mette Sletmig" in everything_kept()  # the finding, before erasure

    erased = client.post(
        f"/api/sessions/{earlier['code']}/participants/{mette_id}/erase", json={}, headers=bearer
    )
    assert erased.status_code == 204
    assert "Mette Sletmig" not in everything_kept()
    assert "Ryd kælderen op" not in everything_kept()
    # The follow-up's copy keeps Bo's point and loses Mette's.
    copy = client.get(f"/api/sessions/{later['code']}/export.json", headers=later_bearer)
    text = copy.get_data(as_text=True)
    assert "Ryd kælderen op" not in text and "Mette Sletmig" not in text
    assert "Nyt skilt" in text
    again = client.get(f"/api/sessions/{earlier['code']}/export.csv", headers=bearer)
    assert "Mette Sletmig" not in again.get_data(as_text=True)
    assert "Nyt skilt" in again.get_data(as_text=True)


def test_removing_a_participant_does_not_list_their_anonymous_answers(connect, new_session):
    """Finding 4: after a removal, the console's hidden list showed exactly their answers."""
    from .helpers import answer, command, wait_for

    created = new_session("testmoede")
    console = connect(role="facilitator", code=created["code"], key=created["facilitator_key"])
    troll = connect(role="participant", code=created["code"], name="Troels")
    other = connect(role="participant", code=created["code"], name="Åse")
    command(console, "goto", step="hvem-med")
    assert answer(troll, "hvem-med", "Det Troels skrev anonymt", "troels-0001")["ok"]
    assert answer(other, "hvem-med", "Det Åse skrev", "aase-00001")["ok"]
    command(console, "hide_answer", answer_id="aase-00001")  # hidden by hand: listed
    listed = wait_for(console, "presence", lambda p: p.get("participants_changed"))
    ids = {p["name"]: p["id"] for p in listed["participants_changed"]}
    command(console, "remove_participant", participant_id=ids["Troels"])
    summary = wait_for(console, "results", lambda r: r["summary"]["hidden"] == 2)["summary"]
    assert [card["text"] for card in summary["hidden_cards"]] == ["Det Åse skrev"]
    assert summary["answers"] == []


def test_at_a_table_of_one_the_results_per_table_and_the_file_do_not_name_the_person(
    client, connect, new_session
):
    """Finding 4: a table of one turned "table 1 said" into "Anna said"."""
    import json as json_module

    from .helpers import answer, command, last_state

    created = new_session("testmoede")
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    command(console, "tables", names=["Bord 1", "Bord 2"])
    anna = connect(role="participant", code=code, name="Anna", table="t1")
    bo = connect(role="participant", code=code, name="Bo", table="t2")
    cy = connect(role="participant", code=code, name="Cy", table="t2")
    command(console, "goto", step="hvem-med")
    for phone, text in ((anna, "Annas hemmelighed"), (bo, "Bos svar"), (cy, "Cys svar")):
        assert answer(phone, "hvem-med", text)["ok"]
    command(console, "close")
    summary = last_state(console)["results"]["summary"]
    assert summary["count"] == 3  # the whole room counts everyone
    texts = {
        table: [c["text"] for c in part["answers"]] for table, part in summary["by_table"].items()
    }
    assert texts["t1"] == [] and sorted(texts["t2"]) == ["Bos svar", "Cys svar"]
    assert "Annas hemmelighed" not in json_module.dumps(summary.get("without_table"))
    bearer = {"Authorization": f"Bearer {created['facilitator_key']}"}
    document = client.get(f"/api/sessions/{code}/export.json", headers=bearer).json
    anna_id = next(p["id"] for p in document["participants"] if p["name"] == "Anna")
    assert anna_id
    tables = {r["id"]: r["table"] for r in document["respondents"]}
    assert sorted(t for t in tables.values() if t) == ["t2", "t2"]
    assert list(tables.values()).count(None) == 1
    # The file's results per table, the spreadsheets' table column and the report too.
    step = next(s for s in document["steps"] if s["id"] == "hvem-med")
    assert "Annas hemmelighed" not in json_module.dumps(step["summary"]["by_table"])
    csv_text = client.get(f"/api/sessions/{code}/export.csv", headers=bearer).text
    row = next(line for line in csv_text.splitlines() if "Annas hemmelighed" in line)
    assert "Bord 1" not in row
    assert "Bord 2" in next(line for line in csv_text.splitlines() if "Bos svar" in line)


def test_a_meeting_that_never_ended_is_deleted_after_the_retention_period_too(app, connect):
    """Low finding: retention never deleted a meeting that was never ended."""
    from datetime import timedelta

    from workshop.storage.database import now
    from workshop.web.removal import sweep_expired

    from .helpers import answer, command

    store = app.extensions["workshop.store"]
    client = app.test_client()
    left_open = client.post("/api/sessions", json={"dialogue": "testmoede"}).json
    never_started = client.post("/api/sessions", json={"dialogue": "testmoede"}).json
    console = connect(role="facilitator", code=left_open["code"], key=left_open["facilitator_key"])
    command(console, "goto", step="hvem-med")
    phone = connect(role="participant", code=left_open["code"], name="Mette")
    assert answer(phone, "hvem-med", "Noget der skal slettes")["ok"]
    today = now()
    listed = {e["code"]: e for e in client.get("/api/sessions").json}
    assert listed[left_open["code"]]["delete_after"] is not None
    with app.app_context():
        assert sweep_expired(today + timedelta(days=364)) == 0
        assert sweep_expired(today + timedelta(days=366)) == 2
    assert store.session_by_code(left_open["code"]) is None
    assert store.session_by_code(never_started["code"]) is None

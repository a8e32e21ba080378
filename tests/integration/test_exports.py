"""CSV, JSON and the command line: the outcome as data an organisation can keep and reuse."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta

from .helpers import answer, command, last_state


def run_meeting(connect, new_session):
    created = new_session(title="Bestyrelsesmøde; marts")
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    mette = connect(role="participant", code=code, name="Mette")
    ole = connect(role="participant", code=code, name="Ole")
    token = last_state(mette)["you"]["token"]
    command(console, "goto", step="ideer")
    assert answer(mette, "ideer", "Grøn temaaften", "idea-000001")["ok"]
    assert answer(ole, "ideer", '=HYPERLINK("x")', "idea-000002")["ok"]
    assert answer(ole, "ideer", "Temaaften om klima", "idea-000003")["ok"]
    command(console, "hide_answer", answer_id="idea-000002")
    command(console, "merge", answer_id="idea-000003", into="idea-000001")
    command(console, "goto", step="prioriter")
    assert answer(mette, "prioriter", ["idea-000001"])["ok"]
    assert answer(ole, "prioriter", ["idea-000003"])["ok"]
    command(console, "goto", step="handlepunkter")
    when = (date.today() + timedelta(days=14)).isoformat()
    assert answer(
        mette,
        "handlepunkter",
        {"what": "Invitér beboerne", "who": "Mette", "when": when},
        "act-000001",
    )["ok"]
    command(console, "confirm_action", answer_id="act-000001")
    return created, token, when


def test_the_csv_has_one_row_per_answer_and_opens_with_danish_letters_in_excel(
    client, connect, new_session
):
    created, _token, when = run_meeting(connect, new_session)
    response = client.get(
        f"/api/sessions/{created['code']}/export.csv",
        headers={"Authorization": f"Bearer {created['facilitator_key']}"},
    )
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"  # said once
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Trin",
        "Type",
        "Spørgsmål",
        "Deltager",
        "Bord",
        "Svar",
        "Hvad",
        "Hvem",
        "Hvornår",
        "Stemmer",
        "Skjult",
        "Fremhævet",
        "Bekræftet",
        "Lagt sammen med",
        "Tidspunkt",
    ]
    column = {name: rows[0].index(name) for name in rows[0]}
    body = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert len(body) == 6  # three ideas, two votes, one action point
    # Steps and kinds as people read them, as the workbook names them, not internal ids.
    assert {(row["Trin"], row["Type"]) for row in body} == {
        ("7. Fra plan til handling…", "Åbent spørgsmål"),
        ("8. Hvilke skridt skal vi tage…", "Prikafstemning"),
        ("9. Handlepunkter – hvad gør vi…", "Handlepunkter"),
    }
    ideas = [row for row in body if row["Trin"].startswith("7. ")]
    assert [(r["Deltager"], r["Svar"], r["Stemmer"], r["Skjult"]) for r in ideas] == [
        ("anonym", "Grøn temaaften", "2", "nej"),
        ("anonym", '\'=HYPERLINK("x")', "", "ja"),  # never run as a formula
        ("anonym", "Temaaften om klima", "", "nej"),
    ]
    assert [r["Lagt sammen med"] for r in ideas] == ["", "", "Grøn temaaften"]
    votes = [row["Svar"] for row in body if row["Trin"].startswith("8. ")]
    assert votes == ["Grøn temaaften", "Grøn temaaften"]  # the vote on the merged card follows it
    action = next(row for row in body if row["Trin"].startswith("9. "))
    assert action["Deltager"] == "Mette"  # the action step is not anonymous
    assert action["Svar"] == f"Invitér beboerne — Mette — {when}"
    # The action point in columns of its own, and whether the facilitator confirmed it.
    assert (action["Hvad"], action["Hvem"], action["Hvornår"]) == (
        "Invitér beboerne",
        "Mette",
        when,
    )
    assert action["Bekræftet"] == "ja" and column["Bekræftet"] > column["Svar"]


def test_only_what_a_spreadsheet_would_run_is_guarded():
    from workshop.export.spreadsheet import spreadsheet_safe

    for plain in ("-Mere gennemsigtighed", "- mere grønt, tak.", "+Ærø og Fanø", "Grøn"):
        assert spreadsheet_safe(plain) == plain
    for formula in ("=1+1", "@SUM(A1)", "+1 til det", "-2+3", '-HYPERLINK("x")', "+A1"):
        assert spreadsheet_safe(formula) == "'" + formula
    assert spreadsheet_safe("+cmd|' /C calc'!A0").startswith("'")


def test_the_json_holds_the_whole_session_but_no_token(client, connect, new_session):
    created, token, when = run_meeting(connect, new_session)
    response = client.get(
        f"/api/sessions/{created['code']}/export.json",
        headers={"Authorization": f"Bearer {created['facilitator_key']}"},
    )
    assert response.status_code == 200
    raw = response.get_data(as_text=True)
    assert (
        token not in raw
        and created["facilitator_key"] not in raw
        and created["screen_key"] not in raw
    )
    document = json.loads(raw)
    assert document["session"]["title"] == "Bestyrelsesmøde; marts"
    assert document["dialogue"]["id"] == "testmoede" and len(document["steps"]) == 10
    assert sorted(p["name"] for p in document["participants"]) == ["Mette", "Ole"]
    assert len(document["answers"]) == 6
    anonymous = [a for a in document["answers"] if a["step_id"] == "ideer"]
    assert all(a["participant"] is None for a in anonymous)
    assert document["action_plan"] == [
        {"what": "Invitér beboerne", "who": "Mette", "when": when, "answer_id": "act-000001"}
    ]
    ranking = next(s for s in document["steps"] if s["id"] == "prioriter")["summary"]["ranking"]
    assert ranking[0]["answer_id"] == "idea-000001" and ranking[0]["votes"] == 2


def test_exports_are_kept_with_names_that_sort_and_are_listed(client, connect, new_session):
    created, _token, _when = run_meeting(connect, new_session)
    auth = {"Authorization": f"Bearer {created['facilitator_key']}"}
    for fmt in ("pdf", "csv", "json"):
        assert (
            client.get(f"/api/sessions/{created['code']}/export.{fmt}", headers=auth).status_code
            == 200
        )
    listed = client.get(f"/api/sessions/{created['code']}/exports", headers=auth).json
    assert sorted(entry["format"] for entry in listed) == ["csv", "json", "pdf"]
    name = listed[0]["name"]
    assert name.startswith(date.today().isoformat()[:4]) and f"_{created['code']}_" in name
    assert "bestyrelsesmoede-marts" in name
    kept = client.get(listed[0]["url"], headers=auth)
    assert kept.status_code == 200 and kept.data
    kept.close()
    assert (
        client.get(
            f"/api/sessions/{created['code']}/exports/../../etc/passwd", headers=auth
        ).status_code
        == 404
    )
    assert client.get(f"/api/sessions/{created['code']}/exports").status_code == 403


def test_the_command_line_writes_every_format(app, connect, new_session, tmp_path):
    created, _token, _when = run_meeting(connect, new_session)
    runner = app.test_cli_runner()
    for fmt in ("pdf", "csv", "json"):
        result = runner.invoke(args=["export", created["code"], "--format", fmt])
        assert result.exit_code == 0, result.output
        path = result.output.strip()
        assert re.search(rf"_{created['code']}_\d{{8}}-\d{{6}}\.{fmt}$", path), path
        with open(path, "rb") as handle:
            assert handle.read(4)
    missing = runner.invoke(args=["export", "999999"])
    assert missing.exit_code != 0 and "Der findes intet møde" in missing.output


def test_an_export_is_named_for_the_day_the_meeting_met_and_whole_words_of_its_title():
    from datetime import UTC, datetime

    from workshop.export.files import export_name, slug

    met = datetime(2025, 3, 4, 17, 30, tzinfo=UTC)
    exported = datetime(2025, 3, 6, 9, 5, 7, tzinfo=UTC)
    title = "Bestyrelsesmøde i afdeling Solgården om grønne tage og cykelskure"
    name = export_name(met, exported, title, "482913", "pdf")
    assert name == "2025-03-04_bestyrelsesmoede-i-afdeling-solgaarden_482913_20250306-100507.pdf"
    assert slug("Afdelingsbestyrelsesmødeforberedelsesudvalgsformand og flere") == (
        "afdelingsbestyrelsesmoedeforberedelsesud"  # one word longer than the room: cut
    )


def test_the_workbook_has_a_summary_and_a_sheet_per_step_with_real_numbers_and_dates(
    client, connect, new_session
):
    from datetime import datetime

    import openpyxl

    created, _token, when = run_meeting(connect, new_session)
    response = client.get(
        f"/api/sessions/{created['code']}/export.xlsx",
        headers={"Authorization": f"Bearer {created['facilitator_key']}"},
    )
    assert response.status_code == 200
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[:3] == ["Møde", "Sammenfatning", "Handleplan"]
    assert all(len(name) <= 31 for name in book.sheetnames)
    summary = book["Sammenfatning"]
    assert [c.value for c in summary[1]][:5] == ["Trin", "Type", "Spørgsmål", "Har svaret", "Andel"]
    rows = {row[0]: row for row in summary.iter_rows(min_row=2, values_only=True)}
    assert rows[7][3] == 2 and rows[7][4] == 1  # two of two answered the ideas: 100 %
    assert summary.freeze_panes == "A2" and summary.auto_filter.ref

    ideas = book[next(name for name in book.sheetnames if name.startswith("7. "))]
    header = [c.value for c in ideas[1]]
    texts = [row[header.index("Svar")] for row in ideas.iter_rows(min_row=2, values_only=True)]
    assert '=HYPERLINK("x")' in texts  # written as text, as typed
    answers = next(
        ideas.iter_cols(min_col=header.index("Svar") + 1, max_col=header.index("Svar") + 1)
    )
    cell = next(c for c in answers if c.value == '=HYPERLINK("x")')
    assert cell.data_type == "s"  # text, never a formula
    votes = [row[header.index("Stemmer")] for row in ideas.iter_rows(min_row=2, values_only=True)]
    assert 2 in votes  # a number, not "2"
    assert isinstance(ideas.cell(2, header.index("Tidspunkt") + 1).value, datetime)

    plan = book[next(name for name in book.sheetnames if name.startswith("9. "))]
    header = [c.value for c in plan[1]]
    point = next(plan.iter_rows(min_row=2, values_only=True))
    assert point[header.index("Hvad")] == "Invitér beboerne"
    assert point[header.index("Hvem")] == "Mette"
    assert point[header.index("Hvornår")].date().isoformat() == when  # a date
    assert point[header.index("Bekræftet")] == "ja"
    assert plan.auto_filter.ref


def test_the_command_line_writes_a_workbook(app, connect, new_session):
    created, _token, _when = run_meeting(connect, new_session)
    result = app.test_cli_runner().invoke(args=["export", created["code"], "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    with open(result.output.strip(), "rb") as handle:
        assert handle.read(2) == b"PK"  # a zip, as every .xlsx is


def test_the_workbooks_key_results_keep_text_that_looks_like_markup(babel_app):
    from workshop.export.kinds import report_part
    from workshop.export.workbook import _Kit, _plain

    from .pdf_material import TOOL

    summary = {
        "options": [
            {"label": "Små < store & <b>gamle</b>", "count": 2, "percent": 100.0},
        ]
    }
    choice = TOOL.step("maal")  # a single choice
    line = _plain(report_part(choice.kind).key_result(_Kit(), summary))
    assert line.startswith("Små < store & <b>gamle</b>")


def test_the_csv_opens_in_columns_in_the_spreadsheet_of_whoever_asked_for_it(
    client, connect, new_session
):
    """An English meeting's CSV downloaded by a Danish facilitator opens in columns in a
    Danish Excel (which splits on ";"), and an English reader's on ","."""
    created = new_session(title="Board day, spring", language="en")
    code = created["code"]
    console = connect(role="facilitator", code=code, key=created["facilitator_key"])
    phone = connect(role="participant", code=code, name="Ann")
    command(console, "goto", step="ideer")
    assert answer(phone, "ideer", "More green; fewer cars, please", "idea-000001")["ok"]
    auth = {"Authorization": f"Bearer {created['facilitator_key']}"}
    url = f"/api/sessions/{code}/export.csv"

    def columns(response, separator: str) -> list[list[str]]:
        assert response.status_code == 200, response.json
        text = response.data.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text), delimiter=separator))

    asked = [
        ({"Accept-Language": "da-DK,da;q=0.9,en;q=0.8"}, "", ";"),
        ({"Accept-Language": "en-GB,en;q=0.9"}, "", ","),
        ({"Accept-Language": "de-DE"}, "", ","),  # neither language: as in English
        ({"Accept-Language": "en-GB"}, "?lang=da", ";"),  # the app's language chosen
        ({"Accept-Language": "da"}, "?sep=comma", ","),  # an explicit choice wins
        ({"Accept-Language": "en"}, "?sep=semicolon", ";"),
        ({}, "", ","),  # a script that says nothing of its reader: the meeting's language
    ]
    for headers, query, separator in asked:
        response = client.get(url + query, headers={**auth, **headers})
        rows = columns(response, separator)
        assert len(rows) == 2 and all(len(row) == 15 for row in rows), (headers, query)
        assert rows[1][5] == "More green; fewer cars, please"
        # Read with the other separator, the file would fall apart or stay in one column.
        other = ";" if separator == "," else ","
        assert [len(row) for row in columns(response, other)] != [15, 15], (headers, query)
    client.set_cookie("lang", "da")
    assert len(columns(client.get(url, headers=auth), ";")[0]) == 15  # the language switch
    refused = client.get(url + "?sep=tab", headers=auth)
    assert refused.status_code == 400 and refused.json["error"]["code"] == "bad_separator"

"""`flask import` reads a file within bounds of size and values, and refuses a meeting from the
future."""

from __future__ import annotations


def test_import_reads_a_file_within_a_bound_of_size_and_values_and_refuses_the_future(
    make_app, client, new_session, tmp_path
):
    """Low finding: `flask import` read a 60 MB file whole (peak 3.1 GB), and took a
    `created_at` in the future."""
    import json
    import os
    import tracemalloc

    from workshop.services.session_file import MAX_BYTES, MAX_VALUES, read_session_file
    from workshop.services.untrusted_json import BadSessionFile

    runner = make_app().test_cli_runner()
    too_big = tmp_path / "stor.json"
    with open(too_big, "wb") as file:
        file.truncate(MAX_BYTES + 1)  # sparse: nothing is written, and nothing must be read
    refused = runner.invoke(args=["import", str(too_big)])
    assert refused.exit_code == 1 and "more than any session file has" in refused.output

    # Tiny values, many of them, well within the size: refused before any is parsed.
    tiny = b'{"format": "workshop-session/2", "x": [' + b"{}," * (MAX_VALUES + 10) + b"{}]}"
    assert len(tiny) < MAX_BYTES
    tracemalloc.start()
    try:
        read_session_file(tiny)
        raise AssertionError("a file of millions of tiny values was read")
    except BadSessionFile as problem:
        assert "values" in str(problem)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5 * 1024 * 1024, peak  # the bytes are counted, not parsed

    created = new_session("testmoede")
    bearer = {"Authorization": f"Bearer {created['facilitator_key']}"}
    document = client.get(f"/api/sessions/{created['code']}/export.json", headers=bearer).json
    document["session"]["created_at"] = "2099-01-01T00:00:00+00:00"
    future = tmp_path / "fremtid.json"
    future.write_text(json.dumps(document))
    refused = runner.invoke(args=["import", str(future)])
    assert refused.exit_code == 1 and "session.created_at: is in the future" in refused.output
    document["session"]["created_at"] = "2020-01-01T00:00:00+00:00"
    future.write_text(json.dumps(document))
    assert runner.invoke(args=["import", str(future)]).exit_code == 0
    assert os.path.getsize(future) < MAX_BYTES

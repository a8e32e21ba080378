"""Each step kind accepts the values it should, refuses the rest, and sums up what it kept."""

from __future__ import annotations

import pytest

from workshop.domain.answers import Answer
from workshop.domain.errors import InvalidAnswer
from workshop.domain.kinds import summarise, validate_answer
from workshop.domain.tools import parse_dialogue

TOOL = parse_dialogue(
    {
        "id": "test",
        "title": "Test",
        "steps": [
            {"id": "hello", "kind": "info", "prompt": "Hej"},
            {"id": "idea", "kind": "open", "prompt": "Idé?"},
            {
                "id": "goal",
                "kind": "choice",
                "prompt": "Mål?",
                "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
            },
            {
                "id": "many",
                "kind": "choice",
                "prompt": "Flere?",
                "multiple": True,
                "max_choices": 2,
                "options": [
                    {"id": "a", "label": "A"},
                    {"id": "b", "label": "B"},
                    {"id": "c", "label": "C"},
                ],
            },
            {
                "id": "rate",
                "kind": "scale",
                "prompt": "Hvor?",
                "scale": {"min": 1, "max": 5, "min_label": "Slet ikke", "max_label": "I høj grad"},
                "statements": [{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}],
            },
        ],
    }
)
INFO, OPEN, CHOICE, MULTI, SCALE = TOOL.steps


def answers(step, *values):
    return [Answer(f"a{i:08d}", i, step.id, validate_answer(step, v)) for i, v in enumerate(values)]


def test_open_text_is_trimmed_and_keeps_danish_letters():
    assert validate_answer(OPEN, "  Grøn ærlig åbenhed \x00\x07 ") == "Grøn ærlig åbenhed"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        (42, "not_text"),
        (None, "not_text"),
        ("x" * 1001, "too_long"),
    ],
)
def test_open_text_refuses_bad_values(value, code):
    with pytest.raises(InvalidAnswer) as raised:
        validate_answer(OPEN, value)
    assert raised.value.code == code


def test_open_text_of_exactly_1000_characters_is_accepted():
    assert len(validate_answer(OPEN, "æ" * 1000)) == 1000


def test_info_step_takes_no_answer():
    with pytest.raises(InvalidAnswer):
        validate_answer(INFO, "hej")


def test_single_choice_takes_exactly_one_known_option():
    assert validate_answer(CHOICE, ["b"]) == ["b"]
    for value, code in [
        ([], "no_choice"),
        (["a", "b"], "too_many_choices"),
        (["z"], "unknown_option"),
        ([1], "unknown_option"),
        ({"a": 1}, "no_choice"),
    ]:
        with pytest.raises(InvalidAnswer) as raised:
            validate_answer(CHOICE, value)
        assert raised.value.code == code


def test_multiple_choice_respects_the_maximum_and_keeps_the_dialogue_order():
    assert validate_answer(MULTI, ["c", "a"]) == ["a", "c"]
    with pytest.raises(InvalidAnswer) as raised:
        validate_answer(MULTI, ["a", "b", "c"])
    assert raised.value.details["limit"] == 2
    with pytest.raises(InvalidAnswer):
        validate_answer(MULTI, ["a", "a"])


def test_choice_summary_counts_and_percentages_of_respondents():
    summary = summarise(CHOICE, answers(CHOICE, ["a"], ["a"], ["b"], ["a"]))
    assert summary["count"] == 4
    assert [(o["id"], o["count"], o["percent"]) for o in summary["options"]] == [
        ("a", 3, 75.0),
        ("b", 1, 25.0),
    ]


def test_empty_choice_summary_has_zero_percent_not_a_division_error():
    summary = summarise(CHOICE, [])
    assert summary["count"] == 0
    assert all(o["percent"] == 0.0 for o in summary["options"])


def test_scale_ratings_must_be_whole_numbers_in_range_for_known_statements():
    assert validate_answer(SCALE, {"y": 5, "x": 1}) == {"x": 1, "y": 5}
    assert validate_answer(SCALE, {"x": 3}) == {"x": 3}
    for value, code in [
        ({"x": 0}, "rating_out_of_range"),
        ({"x": 6}, "rating_out_of_range"),
        ({"x": 2.5}, "not_a_rating"),
        ({"x": True}, "not_a_rating"),
        ({"q": 3}, "unknown_statement"),
        ({}, "no_rating"),
        ([3], "no_rating"),
    ]:
        with pytest.raises(InvalidAnswer) as raised:
            validate_answer(SCALE, value)
        assert raised.value.code == code


def test_scale_summary_has_distribution_mean_and_count_per_statement():
    summary = summarise(SCALE, answers(SCALE, {"x": 1, "y": 5}, {"x": 3}, {"x": 5, "y": 4}))
    x, y = summary["statements"]
    assert (x["count"], x["mean"]) == (3, 3.0)
    assert [d["count"] for d in x["distribution"]] == [1, 0, 1, 0, 1]
    assert (y["count"], y["mean"]) == (2, 4.5)
    assert y["distribution"][4] == {"value": 5, "count": 1, "percent": 50.0}
    assert summary["scale"]["min_label"] == "Slet ikke"


def test_open_summary_lists_every_answer_in_order():
    summary = summarise(OPEN, answers(OPEN, "Første", "Anden"))
    assert [a["text"] for a in summary["answers"]] == ["Første", "Anden"]
    assert summary["count"] == 2

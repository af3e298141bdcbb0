"""The four YAML slips a new author made, each said as what was meant and how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import ScenarioError, load_scenario_text

MINIMAL = (Path(__file__).resolve().parent.parent / "data" / "good" / "minimal.yaml").read_text(
    encoding="utf-8")
ONE_PROJECT = "  - {id: ship, title: Ship it, kind: delivery, scope: 12, due: 4, value: 10}"


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "s.yaml")
    return [str(p) for p in caught.value.problems]


def test_a_colon_inside_text_says_quote_it() -> None:
    text = MINIMAL.replace("summary: The smallest scenario that loads.",
                           "summary: The rule: smallest scenario that loads.")
    assert problems(text) == [
        "s.yaml:4:10: invalid YAML: the text of 'summary' contains ': ', which YAML reads as "
        "another key; quote the text: summary: \"The rule: smallest scenario that loads.\""]


def test_a_quote_left_open_is_reported_where_it_opens() -> None:
    text = MINIMAL.replace("title: Minimal", 'title: "Minimal')
    assert problems(text) == ["s.yaml:3:8: invalid YAML: the quote that opens here is never closed"]


def test_a_missing_list_dash_is_one_message_not_a_duplicate_key_each() -> None:
    block = ("  - id: ship\n    title: Ship it\n    kind: delivery\n    scope: 12\n    due: 4\n"
             "    value: 10\n")
    text = MINIMAL.replace(ONE_PROJECT, block + block.replace("  - id: ship", "    id: ship2"))
    assert problems(text) == [
        "s.yaml:19:5: 'id' again in the same list item (first at line 13): is the '- ' missing "
        "before line 19? Each item of a list starts with '- '"]


def test_a_share_written_as_points_says_did_you_mean() -> None:
    text = MINIMAL.replace("    - {id: core, name: Core, size: 5}",
                           "    - {id: core, name: Core, size: 5}\n  trust: 35")
    assert problems(text) == ["s.yaml:9:10: organization.trust: expected a number at most 1, "
                              "found number 35 (did you mean 0.35? shares run from 0 to 1)"]

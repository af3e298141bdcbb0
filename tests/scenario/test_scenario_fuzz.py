"""Whatever the bytes, the loader answers with ScenarioError or a Scenario, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import ScenarioError, load_scenario_text
from game.scenario.loader import decode

GOOD_TEXT = (Path(__file__).resolve().parent.parent / "data" / "good" / "full-example.yaml"
             ).read_text(encoding="utf-8")
YAML_BITS = st.sampled_from(
    [":", "- ", "  ", "\n", "{", "}", "[", "]", ",", "&a ", "*a", "!!", "? ", "'", '"', "#",
     "---", "|", ">", "no", "1e9", "null", "id", "rounds", "when", "round", "all", "\t", "%"])


def _load(text: str) -> None:
    try:
        load_scenario_text(text, "fuzz.yaml")
    except ScenarioError as exc:
        assert exc.problems and all(p.line >= 1 and p.column >= 1 for p in exc.problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    _load(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(YAML_BITS, st.text(max_size=5)), max_size=60))
def test_yaml_looking_text(parts: list[str]) -> None:
    _load("".join(parts))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.yaml")
    except ScenarioError:
        return
    _load(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(GOOD_TEXT) - 1), st.integers(0, 40), st.text(max_size=8))
def test_damaged_good_file(start: int, length: int, insert: str) -> None:
    _load(GOOD_TEXT[:start] + insert + GOOD_TEXT[start + length :])


@pytest.mark.parametrize("value", ["0x_", "-0b_", "0o_", "1:_", "1_._", ".e5", "1__", ".inf", "~"])
def test_odd_yaml_numbers_do_not_crash(value: str) -> None:
    _load(f"title: {value}\n")


def test_a_repeated_key_reports_once_and_keeps_the_first(minimal_text: str) -> None:
    text = minimal_text.replace("rounds: 4", "rounds: 4\nrounds: yes")
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "s.yaml")
    assert [p.message for p in caught.value.problems] == [
        "duplicate key 'rounds' (first written at line 5); each key may appear once in a mapping"]

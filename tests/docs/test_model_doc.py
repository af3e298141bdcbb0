"""docs/model.md and the model cannot drift: its coefficient table lists exactly
DEFAULT_PARAMS, with the same defaults."""

from __future__ import annotations

import re
from pathlib import Path

from game.model.params import DEFAULT_PARAMS

DOC = Path(__file__).resolve().parents[2] / "docs" / "model.md"
ROW = re.compile(r"^\|\s*`([a-z_]+)`\s*\|\s*([-0-9.e]+)\s*\|(.+)\|\s*$")


def coefficient_table() -> dict[str, tuple[float, str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## 14. Every coefficient", 1)[1]
    rows: dict[str, tuple[float, str]] = {}
    for line in section.splitlines():
        match = ROW.match(line)
        if match:
            key, default, meaning = match.groups()
            assert key not in rows, f"{key} is listed twice"
            rows[key] = (float(default), meaning.strip())
    return rows


def test_the_table_lists_exactly_the_model_coefficients() -> None:
    listed = coefficient_table()
    assert sorted(listed) == sorted(DEFAULT_PARAMS)


def test_the_table_gives_the_code_defaults_and_a_meaning() -> None:
    for key, (default, meaning) in coefficient_table().items():
        assert default == DEFAULT_PARAMS[key], key
        assert meaning, key


def test_every_coefficient_named_in_the_story_exists() -> None:
    story = DOC.read_text(encoding="utf-8").split("## 14. Every coefficient", 1)[0]
    named = set(re.findall(r"`([a-z]+(?:_[a-z]+)+)`", story))
    not_params = {"leader_share", "round_label", "scoring.weights"}
    assert named - not_params <= set(DEFAULT_PARAMS), named - not_params - set(DEFAULT_PARAMS)


def test_every_coefficient_has_its_place_in_the_story() -> None:
    story = DOC.read_text(encoding="utf-8").split("## 14. Every coefficient", 1)[0]
    assert [key for key in DEFAULT_PARAMS if f"`{key}`" not in story] == []


def test_every_lever_has_a_price_and_a_payoff() -> None:
    from game.rules.decisions import LEADER_ACTIONS
    from game.scenario.types import BUDGET_CATEGORIES

    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Every lever: its price and its payoff", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("lever", "---"):
            rows[cells[0]] = cells[1:]
    levers = ([f"{c} budget" for c in BUDGET_CATEGORIES if c != "reserve"] + ["reserve"]
              + [LEADER_ACTIONS[a].title.lower() for a in LEADER_ACTIONS]
              + ["overtime", "performance reviews", "changing the vision", "event answers"])
    for lever in levers:
        assert lever in rows, lever
        price, payoff = rows[lever]
        assert price and payoff, lever


def test_the_price_table_is_the_one_the_screens_explain_with() -> None:
    from game.rules.prices import PRICES

    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Every lever: its price and its payoff", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("lever", "---"):
            rows[cells[0]] = (cells[1], cells[2])
    assert rows == dict(PRICES)

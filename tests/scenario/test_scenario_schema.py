"""The JSON Schema is valid, documented, and agrees with the loader on every real file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from game.model.params import DEFAULT_PARAMS
from game.scenario import list_scenarios, load_scenario, scenarios_dir
from game.scenario.schema import scenario_schema
from game.scenario.types import BUDGET_CATEGORIES, GAUGES, PROJECT_KINDS

GOOD = Path(__file__).resolve().parent.parent / "data" / "good"


def _shipped_or_fixture() -> list[Any]:
    """Every file in scenarios/; while there are none, the good fixtures stand in (visibly)."""
    shipped = list_scenarios()
    if shipped:
        return [pytest.param(p, id=f"scenarios/{p.name}") for p in shipped]
    return [pytest.param(p, id=f"no-shipped-scenarios-yet:{p.name}") for p in list_scenarios(GOOD)]


def _properties(schema: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            yield f"{path}.{name}", sub
        for key, sub in schema.items():
            yield from _properties(sub, f"{path}/{key}")
    elif isinstance(schema, list):
        for index, sub in enumerate(schema):
            yield from _properties(sub, f"{path}[{index}]")


def test_schema_is_valid_draft_2020_12() -> None:
    schema = scenario_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"] and schema["description"]
    assert "condition" in schema["$defs"]


def test_every_field_has_a_description() -> None:
    missing = [path for path, sub in _properties(scenario_schema()) if not sub.get("description")]
    assert missing == []


def test_enums_and_params_come_from_the_code() -> None:
    schema = scenario_schema()
    props = schema["properties"]
    assert props["budget"]["properties"]["categories"]["items"]["enum"] == list(BUDGET_CATEGORIES)
    assert props["projects"]["items"]["properties"]["kind"]["enum"] == list(PROJECT_KINDS)
    assert set(props["params"]["properties"]) == set(DEFAULT_PARAMS)
    metric = schema["$defs"]["condition"]["oneOf"][2]["properties"]["metric"]
    assert metric["enum"] == list(GAUGES)


def test_shipped_scenarios_are_tested_or_the_folder_is_absent_or_empty() -> None:
    folder = scenarios_dir()
    assert not folder.exists() or folder.is_dir()


@pytest.mark.parametrize("path", _shipped_or_fixture())
def test_scenario_validates_by_loader_and_by_schema(path: Path) -> None:
    scenario = load_scenario(path)
    assert scenario.source == str(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [e.message for e in Draft202012Validator(scenario_schema()).iter_errors(data)]
    assert errors == []


def test_authoring_guide_names_every_field() -> None:
    guide = (Path(__file__).resolve().parent.parent.parent / "docs" / "authoring.md").read_text(
        encoding="utf-8")
    # Model coefficients under `params:` are documented in docs/model.md, not here.
    names = {path.rsplit(".", 1)[-1] for path, _ in _properties(scenario_schema())
             if "params." not in path}
    assert sorted(n for n in names if n not in guide) == []
    assert "# yaml-language-server: $schema=./scenario.schema.json" in guide

"""Every YAML example in docs/authoring.md is extracted and validated.

A complete scenario (it has an `id:`) is checked as it stands. A fragment is merged into
a base scenario that knows the ids the examples use (tests/data/docs/base.yaml): lists of
things with ids replace or join the base's items by id, other lists are appended, other
keys replace. A `...` value is a placeholder and keeps the base's value; a bare `when:`
becomes a debrief lesson.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.scenario.loader import check_text

ROOT = Path(__file__).resolve().parent.parent.parent
GUIDE = ROOT / "docs" / "authoring.md"
BASE = ROOT / "tests" / "data" / "docs" / "base.yaml"
BLOCKS = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def merged(fragment: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    if set(fragment) == {"when"}:
        fragment = {"debrief": [{"when": fragment["when"], "text": "A lesson."}]}
    for key, value in fragment.items():
        if value == "...":
            continue
        old = data.get(key)
        if isinstance(value, list) and isinstance(old, list) and \
                all(isinstance(v, dict) and "id" in v for v in value):
            ids = {v["id"] for v in value}
            data[key] = [o for o in old if o.get("id") not in ids] + value
        elif isinstance(value, list) and isinstance(old, list):
            data[key] = old + value
        elif isinstance(value, dict) and isinstance(old, dict) and key != "budget":
            data[key] = {**old, **value}
        else:
            data[key] = value
    return data


def test_the_guide_has_examples() -> None:
    assert len(BLOCKS) >= 15


@pytest.mark.parametrize("block", BLOCKS, ids=[f"example-{i + 1}" for i in range(len(BLOCKS))])
def test_each_example_validates(block: str) -> None:
    data = yaml.safe_load(block)
    if data is None:  # only a comment (the editor's schema line)
        return
    assert isinstance(data, dict)
    if "id" not in data or "..." in data.values():
        data = merged(data)
    data = {k: v for k, v in data.items() if v != "..."}
    scenario, problems = check_text(yaml.safe_dump(data, sort_keys=False), "example.yaml")
    assert problems == [], "\n".join(map(str, problems)) + "\n" + block
    assert scenario is not None

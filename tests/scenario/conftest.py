"""Shared fixtures for the scenario tests (fixture files live in tests/data/)."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def good_dir() -> Path:
    return DATA / "good"


@pytest.fixture
def bad_dir() -> Path:
    return DATA / "bad"


@pytest.fixture
def minimal_text() -> str:
    return (DATA / "good" / "minimal.yaml").read_text(encoding="utf-8")

"""Test setup: headless SDL before anything imports pygame, and a throwaway data directory."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


@pytest.fixture(autouse=True)
def sail_keel_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps saves and play history in its own folder, never the real home."""
    home = tmp_path_factory.mktemp("sail-keel-home")
    monkeypatch.setenv("SAIL_KEEL_HOME", str(home))
    return home

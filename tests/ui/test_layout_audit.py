"""Every screen of every shipped scenario at every supported size and scale: no overlapping
text, nothing cut without an ellipsis and a way to read it, every control visible and in the
window (see audit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import scenarios_dir
from tests.ui.audit import SIZES, audit

SCENARIOS = sorted(Path(scenarios_dir()).glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
@pytest.mark.parametrize(("size", "scale"), SIZES, ids=[f"{s[0]}x{s[1]}@{k}" for s, k in SIZES])
def test_layout(path: Path, size: tuple[int, int], scale: float) -> None:
    problems = audit(path, size, scale)
    assert problems == [], "\n".join(problems)


def test_the_audit_sees_faults() -> None:
    """A screen with overlapping text, silently clipped text and a control off the window:
    the audit names all three (it is not blind)."""
    import pygame
    import pygame_gui

    from game.ui.app import App
    from game.ui.core import default_core
    from game.ui.screens.base import Screen
    from game.ui.settings import Settings
    from game.ui.widgets import text
    from tests.ui.audit import check

    class Broken(Screen):
        def build(self) -> None:
            self.button("lost", "Lost", pygame.Rect(self.W - 20, 10, 100, 40))

        def draw(self, surface: pygame.Surface) -> None:
            super().draw(surface)
            text.draw(surface, "Morale 70", self.font("h3"), self.col("ink"), (100, 100))
            text.draw(surface, "Delivery 40", self.font("h3"), self.col("ink"), (110, 105))
            text.draw(surface, "A title far too long to fit", self.font("h3"), self.col("ink"),
                      (100, 300), width=60)
            text.RECORD.append((pygame.Rect(100, 400, 50, 20), "Clipped", True))  # type: ignore[union-attr]

    app = App(default_core(), Settings())
    try:
        app.set_root(Broken(app))
        problems = check(app, "broken")
    finally:
        app.close()
        pygame_gui.core.utility.set_default_manager(None)
    assert any("'Morale 70' overlaps 'Delivery 40'" in p for p in problems), problems
    assert any("'Clipped' is cut with no ellipsis" in p for p in problems), problems
    assert any("'lost' is outside the window" in p for p in problems), problems
    assert not any("far too long" in p for p in problems), problems   # ellipsis + hover: fine

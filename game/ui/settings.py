"""Player and facilitator settings for the window."""

from __future__ import annotations

from dataclasses import dataclass, field

SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)
TIMERS = (0, 60, 90, 120, 180, 300)


@dataclass
class Settings:
    size: tuple[int, int] = (1280, 720)
    ui_scale: float = 1.0
    fullscreen: bool = False
    colour_blind: bool = False
    timer: int = 0                     # seconds per leader/manager phase; 0 = off
    hotseat: bool = False
    players: tuple[str, str] = ("Player 1", "Player 2")  # (leader, manager) in hot-seat
    seed: int = 0
    scenario_dirs: list[str] = field(default_factory=list)

    @property
    def palette_name(self) -> str:
        return "colour-blind" if self.colour_blind else "standard"


def clamp_scale(value: float) -> float:
    return max(1.0, min(2.0, round(value * 4) / 4))

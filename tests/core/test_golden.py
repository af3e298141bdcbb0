"""A pinned trajectory of the default scenario: a fixed seed and a fixed script of decisions.

If the model or the default scenario changes on purpose, regenerate the file with
`SAILKEEL_REGOLD=1 python -m pytest tests/core/test_golden.py` and say why in the commit.
"""

import json
import os
from pathlib import Path

from game.rules.decisions import (
    AllocateBudget,
    ChooseOption,
    Continue,
    Decision,
    EndPhase,
    Inspire,
    Schedule,
    SetOvertime,
    SetReviews,
    SetVision,
)
from game.rules.records import Phase
from game.rules.session import GameSession
from game.scenario import load_scenario

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden" / "scaling-new-markets-seed7.json"
TEAMS = ("platform", "growth", "product")


def script(session: GameSession) -> list[Decision]:
    """A plausible player: keeps one vision, alternates leader actions, and shifts teams
    from the EMEA launch to later work once it has shipped."""
    r = session.round
    if session.phase is Phase.LEADER:
        actions = [Inspire("town_hall")] if r % 2 else [Inspire("coaching", TEAMS[r % 3])]
        return [SetVision("europe-first"), *actions, Inspire("recognition"), EndPhase()]
    if session.phase is Phase.MANAGER:
        emea_done = any(p.id == "emea" and p.state.startswith("shipped") for p in session.projects)
        row = ({"payments": 0.4, "apac": 0.3, "auto-localise": 0.15, "partner-market": 0.1}
               if emea_done else {"emea": 0.55, "payments": 0.2, "auto-localise": 0.15})
        return [AllocateBudget({"operations": 40, "innovation": 15, "training": 10, "hiring": 5,
                                "wellbeing": 15, "reserve": 15}),
                Schedule({t: row for t in TEAMS}), SetOvertime(0.1 if r == 4 else 0.0),
                SetReviews(r % 3 == 0), EndPhase()]
    if session.phase is Phase.EVENT:
        return [ChooseOption(r % len(session.pending_event.choices))]
    return [Continue()]


def trajectory() -> dict:
    session = GameSession(load_scenario("scaling-new-markets"), seed=7)
    while not session.over:
        session.apply_all(script(session))
    result = session.result()
    return {
        "rounds": [{"metrics": r.metrics, "drivers": {m: [[k, v] for k, v in d]
                                                     for m, d in r.drivers.items()},
                    "events": [e.choice for e in r.events]} for r in result.history],
        "score": result.score,
    }


def rounded(data):
    """Nine decimals: bit-identical on one machine, robust to a numpy build's last ulp."""
    if isinstance(data, float):
        return round(data, 9)
    if isinstance(data, dict):
        return {k: rounded(v) for k, v in data.items()}
    if isinstance(data, list):
        return [rounded(v) for v in data]
    return data


def test_default_scenario_trajectory_is_pinned() -> None:
    actual = rounded(json.loads(json.dumps(trajectory())))
    if os.environ.get("SAILKEEL_REGOLD"):
        GOLDEN.write_text(json.dumps(actual, indent=1) + "\n", encoding="utf-8")
    expected = rounded(json.loads(GOLDEN.read_text(encoding="utf-8")))
    assert actual == expected

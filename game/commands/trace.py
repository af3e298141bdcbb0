"""`simulate --trace`: each round's hidden gauges, per team and for the organisation, with the
budget by category and the cash, so that an author can tune event thresholds.

The gauges are taken as the round's events judge their `when:` (after the round is played and
earlier choices' effects have landed, before any answer); the budget is the split the round
was played with, and the cash what is left once the round and its answers are done. The game
is played exactly as `simulate` plays it: the same decisions in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.analysis.strategies import Strategy
from game.rules.decisions import EndPhase
from game.rules.records import Phase
from game.rules.session import GameSession

TEAM_KEYS = ("fatigue", "morale", "skill", "creativity", "alignment", "headcount")


@dataclass(frozen=True)
class RoundTrace:
    round: int
    teams: dict[str, dict[str, float]]   # team id -> gauge -> value (headcount in people)
    gauges: dict[str, float]             # the organisation's gauges, as `{metric: ...}` reads them
    available: float                     # the money the round had
    budget: dict[str, float]             # the split it was played with, by category
    cash: float                          # cash at the end of the round


def play_traced(session: GameSession, strategy: Strategy) -> tuple[GameSession, list[RoundTrace]]:
    """Play to the end as `game.analysis.strategies.play` does, tracing each round."""
    judged: list[tuple[dict[str, dict[str, float]], dict[str, float]]] = []
    while not session.over:
        for decision in strategy.decide(session):
            before = session.phase
            session.apply(decision)
            if before is Phase.MANAGER and isinstance(decision, EndPhase):
                judged.append((_teams(session), dict(session.gauges)))
    traces = [RoundTrace(r.round, teams, gauges, r.available_budget, dict(r.budget), r.cash)
              for r, (teams, gauges) in zip(session.history, judged, strict=True)]
    return session, traces


def _teams(session: GameSession) -> dict[str, dict[str, float]]:
    every = session._team_gauges()   # what a `{team: ..., metric: ...}` condition reads
    return {team: {k: values[k] for k in TEAM_KEYS if k in values} for team, values in every.items()}


def trace_json(traces: list[RoundTrace]) -> list[dict[str, Any]]:
    return [{"round": t.round,
             "teams": {team: {k: round(v, 4) for k, v in values.items()}
                       for team, values in t.teams.items()},
             "gauges": {k: round(v, 4) for k, v in t.gauges.items()},
             "budget": {"available": round(t.available, 4),
                        **{c: round(v, 4) for c, v in t.budget.items()}},
             "cash": round(t.cash, 4)} for t in traces]


def print_trace(traces: list[RoundTrace], label: str) -> None:
    print("trace: hidden gauges as each round's events judge them; budget as played; cash after")
    for t in traces:
        split = ", ".join(f"{c} {v:.1f}" for c, v in t.budget.items() if v)
        print(f"{label} {t.round}: cash {t.cash:.1f}; budget {t.available:.1f}"
              + (f" ({split})" if split else " (nothing spent)"))
        org = "  ".join(f"{k} {v:.1f}" for k, v in t.gauges.items())
        print(f"  organisation  {org}")
        width = max((len(team) for team in t.teams), default=0)
        for team, values in t.teams.items():
            cells = "  ".join(f"{k} {v:.0f}" if k == "headcount" else f"{k} {v:.1f}"
                              for k, v in values.items())
            print(f"  {team:<{width}}  {cells}")

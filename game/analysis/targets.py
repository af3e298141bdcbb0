"""The balance targets a shipped scenario must meet against the searched extremes.

Per scenario: the best free game beats the best fixed policy by 3 points and both searched
extremes by 8%; doing nothing scores at most 56 and at least 15 below par; the `balanced`
persona plays within 5 points of par. Across the shipped scenarios, at least one lead over
an extreme reaches 35% (the article's "up to 40%").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.analysis.balance import EXTREMES, BalanceReport

FIXED_GAP = 3.0
EXTREME_RATIO = 1.08
TOP_RATIO = 1.35
# A game starts from a plan that can be kept (game/rules/plans.py), so doing nothing keeps
# a plan that brings the nearest date in: hands-off scores 39-46 in seven scenarios and 56
# in hard-deadline, where the plan is most of the game (it was 45 and 25 below par, and
# 1.10 over the extremes, while games started from an even spread over every project).
HANDS_OFF_MAX = 56.0
HANDS_OFF_BELOW_PAR = 15.0
PERSONA_NEAR_PAR = 5.0


@dataclass(frozen=True)
class Target:
    scenario: str
    what: str
    value: float
    holds: bool

    def describe(self) -> str:
        return f"{self.what}: {self.value:.2f} -> {'holds' if self.holds else 'FAILS'}"


def scenario_targets(report: BalanceReport) -> list[Target]:
    """The per-scenario targets; the report must hold the search's bests and `balanced`."""
    score = report.mean_score
    best, par = score("best-free"), score("best-free")
    sid = report.scenario_id
    targets = [Target(sid, f"best free - best fixed >= {FIXED_GAP:g}", best - score("best-fixed"),
                      best - score("best-fixed") >= FIXED_GAP)]
    for extreme in EXTREMES:
        ratio = report.best_ratio(extreme)
        targets.append(Target(sid, f"best free / best {extreme} >= {EXTREME_RATIO:.2f}", ratio,
                              ratio >= EXTREME_RATIO))
    hands = score("hands-off")
    targets += [
        Target(sid, f"hands-off <= {HANDS_OFF_MAX:g}", hands, hands <= HANDS_OFF_MAX),
        Target(sid, f"par - hands-off >= {HANDS_OFF_BELOW_PAR:g}", par - hands,
               par - hands >= HANDS_OFF_BELOW_PAR),
    ]
    if "balanced" in report.stats:
        gap = abs(par - score("balanced"))
        targets.append(Target(sid, f"|par - balanced| <= {PERSONA_NEAR_PAR:g}", gap, gap <= PERSONA_NEAR_PAR))
    return targets


def shared_targets(reports: Sequence[BalanceReport]) -> list[Target]:
    """Targets over all shipped scenarios together."""
    top = max((r.best_ratio(x) for r in reports for x in EXTREMES), default=0.0)
    return [Target("all", f"some scenario's best free / best extreme >= {TOP_RATIO:.2f}", top,
                   top >= TOP_RATIO)]

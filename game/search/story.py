"""Decision sequences played through `GameSession` itself, one game at a time: the reference
the batched evaluator is tested against (`play_sequence`, `evaluate_by_session`), and
`tells_a_story`, which says whether a scenario uses the story features (flags, follow-ups,
closed choices, effects that land later, team scope, arrivals, dependencies, budgets by
round) that the batch plays with `rowstory.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from game.rules.decisions import (
    AllocateBudget,
    ChooseOption,
    Continue,
    Decision,
    EndPhase,
    Schedule,
    SetOvertime,
    SetReviews,
    SetVision,
)
from game.rules.records import METRIC_NAMES, Phase
from game.scenario.types import After, FlagIs, Scenario, TeamGauge, mentions

BUDGET_TOLERANCE = 1e-6  # how far over the round's money the session lets a budget go (rounding)

if TYPE_CHECKING:
    from game.rules.session import GameSession
    from game.search.batch import BatchResult, DecisionSequence


def tells_a_story(scenario: Scenario) -> bool:
    """Whether the scenario uses a story feature (the batch plays them all, see `rowstory.py`)."""
    choices = [c for e in scenario.events for c in e.choices]
    story_kinds = (FlagIs, After, TeamGauge)
    return (any(mentions(e.when, story_kinds) for e in scenario.events)
            or any(mentions(lesson.when, story_kinds) for lesson in scenario.debrief)
            or any(c.later or c.sets or c.adds or c.require is not None for c in choices)
            or any(t.arrives > 1 or t.flag for t in scenario.organization.teams)
            or any(p.requires or p.arrives > 1 or p.flag for p in scenario.projects)
            or bool(scenario.budget.by_round))


def play_sequence(scenario: Scenario, seq: DecisionSequence, seed: int,
                  session: GameSession | None = None) -> GameSession:
    """One decision sequence played to the end through the session, on one seed.

    A budget that the round cannot afford (that the session would refuse) is scaled down to
    what it has; an answer that is closed when asked becomes the first open one."""
    from game.rules.session import GameSession

    if session is None:
        session = GameSession(scenario, int(seed))
    event_index = {e.id: i for i, e in enumerate(scenario.events)}
    for r in range(scenario.rounds):
        lead, manage = seq.rounds[r]
        moves: list[Decision] = []
        if lead.vision != session.leader.vision:
            moves.append(SetVision(lead.vision))
        total = sum(manage.budget.values())
        cap = session.manager.budget_total
        budget = manage.budget if total <= cap + BUDGET_TOLERANCE else \
            {c: v * cap / total * 0.999999 for c, v in manage.budget.items()}
        session.apply_all([*moves, *lead.actions, EndPhase(), AllocateBudget(budget),
                           Schedule(manage.schedule), SetOvertime(manage.overtime),
                           SetReviews(manage.reviews), EndPhase()])
        while session.phase is Phase.EVENT:
            pending = session.pending_event
            assert pending is not None
            want = seq.answers[r][event_index[pending.event_id]]
            open_ = [i for i, why in enumerate(pending.closed) if not why]
            session.apply(ChooseOption(want if want in open_ else open_[0]))
        session.apply(Continue())
    return session


def evaluate_by_session(scenario: Scenario, sequences: Sequence[DecisionSequence],
                        seeds: Sequence[int]) -> BatchResult:
    """What `evaluate` returns, played game by game through the session (a reference: slow)."""
    from game.search.batch import BatchResult

    shape = (len(sequences), len(seeds))
    per_round = np.zeros(shape + (scenario.rounds,))
    score = np.zeros(shape)
    final = {m: np.zeros(shape) for m in METRIC_NAMES}
    for p, seq in enumerate(sequences):
        for s, seed in enumerate(seeds):
            result = play_sequence(scenario, seq, seed).result()
            per_round[p, s] = [record.score for record in result.history]
            score[p, s] = result.score
            for m in METRIC_NAMES:
                final[m][p, s] = result.final[m]
    raw = per_round.mean(axis=2)
    return BatchResult(seeds=tuple(int(s) for s in seeds), score=score, raw_score=raw,
                       final=final, per_round=per_round)

"""The greedy player: a search for the best decisions it can find, which sets a scenario's par.

Each round it tries a small set of round plans (variants of the balanced player's knobs:
how much to schedule, how much of it on ideas, how bold a vision, how much budget for
people and ideas, whether to challenge), and for each event every choice. It scores each
candidate by playing it out on a fork of the game to the end with the balanced player
(a rollout), and keeps the best. All candidates of one decision are rolled out with the
same dice (a fork seeded alike), which are not the dice the real game will roll, so the
search compares plans fairly without peeking at the future.

Because the balanced player's own plan is always a candidate, the greedy player improves on
it round by round: its mean score is par, a score a person can aim to beat.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.analysis.strategies import Balanced, play
from game.rules.decisions import ChooseOption, Continue, Decision
from game.rules.records import Phase
from game.rules.session import GameSession

# Round plans to try, as changes to the balanced player's knobs ({} is the balanced plan).
CANDIDATES: tuple[dict[str, float | bool], ...] = (
    {},
    {"load": 0.82},
    {"load": 1.0},
    {"innovation_share": 0.12},
    {"innovation_share": 0.38},
    {"max_ambition": 0.5},
    {"max_ambition": 0.95},
    {"people_weight": 1.8},
    {"ideas_weight": 1.8, "people_weight": 0.6},
    {"challenge": False},
)
ROLLOUTS = 1  # dice sets per candidate; more is steadier and slower


@dataclass
class Greedy:
    seed: int = 0
    name: str = "greedy"
    _plan: Balanced = field(default_factory=Balanced)

    def decide(self, session: GameSession) -> list[Decision]:
        if session.phase is Phase.LEADER:
            self._plan = self._best_plan(session)
            return self._plan.decide(session)
        if session.phase is Phase.MANAGER:
            return self._plan.decide(session)
        if session.phase is Phase.EVENT:
            return [ChooseOption(self._best_choice(session))]
        return [Continue()]

    def _dice(self, session: GameSession, k: int) -> int:
        return (self.seed * 1_000_003 + session.round * 101 + len(session.log) * 7 + k) % 2**63

    def _rollout_score(self, session: GameSession, first: list[Decision] | None,
                       plan: Balanced) -> float:
        total = 0.0
        for k in range(ROLLOUTS):
            trial = session.fork(self._dice(session, k))
            if first is not None:
                trial.apply_all(first)
            else:  # the leader and manager phases of this round with `plan`
                while trial.phase in (Phase.LEADER, Phase.MANAGER):
                    trial.apply_all(plan.decide(trial))
            play(trial, Balanced())
            total += trial.result().score
        return total / ROLLOUTS

    def _best_plan(self, session: GameSession) -> Balanced:
        best, best_score = Balanced(), float("-inf")
        for knobs in CANDIDATES:
            plan = Balanced(**knobs)  # type: ignore[arg-type]
            score = self._rollout_score(session, None, plan)
            if score > best_score + 1e-9:
                best, best_score = plan, score
        return best

    def _best_choice(self, session: GameSession) -> int:
        pending = session.pending_event
        assert pending is not None
        open_ = [i for i in range(len(pending.choices))
                 if not (pending.closed and pending.closed[i])]
        scores = {i: self._rollout_score(session, [ChooseOption(i)], Balanced()) for i in open_}
        return max(open_, key=lambda i: scores[i])

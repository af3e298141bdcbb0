"""Many playthroughs of one scenario at once: `evaluate(scenario, sequences, seeds)`.

Every decision sequence is played on every seed (row `p * len(seeds) + s`), all rows stepping
together through the model's own `step`. Each round's drafts become the model's plan through
the session's own conversion (`plans_from_drafts`), events fire on the session's conditions and their
answers go through the model's `apply_effects`, and each row rolls its dice from its own
seed's generator. So a row's numbers are bit for bit what `GameSession` gives for that seed
and those decisions (a test checks it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from game.model import OrgState, RoundPlan, apply_effects, gauges_of, metrics_of, new_game, params_for, step
from game.rules.coach import leader_share
from game.rules.plans import plans_from_drafts
from game.rules.records import METRIC_NAMES, LeaderDraft, ManagerDraft
from game.scenario.types import Scenario
from game.search.conditions import BatchSituation, holds_batch, uses_profile
from game.search.story import tells_a_story
from game.search.streams import RowStreams

Array = np.ndarray


@dataclass(frozen=True)
class DecisionSequence:
    """One player's whole game as the session would hold it round by round.

    `rounds[r]` is the leader's and the manager's draft as the round is played (after every
    decision of its two phases). `answers[r][e]` is the choice taken if the scenario's event
    `e` (in file order) fires after round r + 1.
    """

    rounds: tuple[tuple[LeaderDraft, ManagerDraft], ...]
    answers: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class BatchResult:
    """Scores of P sequences on S seeds: arrays are (P, S) or (P, S, R)."""

    seeds: tuple[int, ...]
    score: Array             # the game's score, rounded as `GameResult.score`
    raw_score: Array         # the same before rounding
    final: dict[str, Array]  # final morale, innovation, delivery
    per_round: Array         # (P, S, R) each round's score

    def mean_score(self) -> Array:
        """(P,) each sequence's mean score over the seeds."""
        return np.asarray(self.raw_score.mean(axis=1))


def _rows(plan: RoundPlan, rows: Array) -> RoundPlan:
    """The plans of P sequences spread onto the batch's rows by sequence index."""
    return RoundPlan(**{f.name: getattr(plan, f.name)[rows] for f in fields(RoundPlan)})


def _select(mask: Array, chosen: OrgState, other: OrgState) -> OrgState:
    """Rows where `mask` from `chosen`, the rest from `other`."""
    changes = {}
    for f in fields(OrgState):
        a, b = getattr(chosen, f.name), getattr(other, f.name)
        if isinstance(a, np.ndarray) and a is not b:
            where = mask.reshape((-1,) + (1,) * (a.ndim - 1))
            changes[f.name] = np.where(where, a, b)
    return other.evolve(**changes)


def composite(scenario: Scenario, metrics: dict[str, Array]) -> Array:
    """The round's score, computed in the session's order so the bits agree."""
    w = scenario.scoring
    weights = {"morale": w.morale, "innovation": w.innovation, "delivery": w.delivery}
    total = sum(weights.values())
    return np.asarray(sum((weights[m] * metrics[m] for m in METRIC_NAMES), np.float64(0.0)) / total)


def evaluate(scenario: Scenario, sequences: Sequence[DecisionSequence], seeds: Sequence[int]
             ) -> BatchResult:
    """Play every sequence on every seed; return scores as (P, S) arrays."""
    n_seq, n_seeds, rounds = len(sequences), len(seeds), scenario.rounds
    for seq in sequences:
        if len(seq.rounds) != rounds or len(seq.answers) != rounds:
            raise ValueError(f"a decision sequence needs {rounds} rounds, not {len(seq.rounds)}")
    if tells_a_story(scenario):  # memory, timing, team scope: played by the session's rules
        from game.search.story import evaluate_by_session

        return evaluate_by_session(scenario, sequences, seeds)
    rows = np.repeat(np.arange(n_seq), n_seeds)
    batch = rows.size
    params = params_for(scenario)
    world, state = new_game(scenario, batch)
    dice = RowStreams([seeds[i % n_seeds] for i in range(batch)] if n_seeds else [])
    events = scenario.events
    fired = np.zeros((batch, len(events)), dtype=bool)
    answers = np.array([seq.answers for seq in sequences], dtype=np.int64).reshape(
        n_seq, rounds, len(events))[rows] if n_seq else np.zeros((0, rounds, len(events)), np.int64)
    wants_profile = any(uses_profile(e.when) for e in events)
    vision_ids = tuple(v.id for v in scenario.visions)
    per_round = np.zeros((batch, rounds))
    start_vision = scenario.organization.vision
    chose = [False] * n_seq  # each sequence has played a vision of its own (see the session)
    for r in range(rounds):
        drafts = [seq.rounds[r] for seq in sequences]
        chose = [c or lead.vision != start_vision for c, (lead, _) in zip(chose, drafts, strict=True)]
        plan = _rows(plans_from_drafts(scenario, world, drafts), rows)
        state, _ = step(state, plan, world, params, dice)  # type: ignore[arg-type]
        if events:
            shares = _profile(scenario, drafts, chose, rows) if wants_profile else None
            state, fired = _events(scenario, state, world, params, plan, r + 1, answers[:, r], fired,
                                   vision_ids, shares)
        per_round[:, r] = composite(scenario, metrics_of(state))
    raw = per_round.mean(axis=1)
    rounded = np.array([round(float(x), 6) for x in raw])
    final = metrics_of(state)
    shape = (n_seq, n_seeds)
    return BatchResult(
        seeds=tuple(int(s) for s in seeds), score=rounded.reshape(shape), raw_score=raw.reshape(shape),
        final={m: final[m].reshape(shape) for m in METRIC_NAMES},
        per_round=per_round.reshape(shape + (rounds,)),
    )


def _profile(scenario: Scenario, drafts: Sequence[tuple[LeaderDraft, ManagerDraft]],
             chose: Sequence[bool], rows: Array) -> Array:
    """(B,) each row's leader share; NaN in a hands-off round, where no profile condition holds."""
    shares = [leader_share(scenario, lead, manage, c)
              for (lead, manage), c in zip(drafts, chose, strict=True)]
    return np.array([np.nan if s is None else s for s in shares], dtype=float)[rows]


def _events(scenario: Scenario, state: OrgState, world: object, params: object, plan: RoundPlan,
            round_no: int, answers: Array, fired: Array, vision_ids: tuple[str, ...],
            shares: Array | None) -> tuple[OrgState, Array]:
    """Fire the round's events where their conditions hold and apply each row's answer."""
    metrics = metrics_of(state)
    gauges = dict(gauges_of(state, world, params))  # type: ignore[arg-type]
    gauges.update(metrics)
    gauges["score"] = composite(scenario, metrics)

    def share() -> Array:
        if shares is None:
            raise ValueError("an event condition asks for the leader share")
        return shares

    situation = BatchSituation(
        round=round_no, batch=state.batch, gauges=gauges, vision=plan.vision, vision_ids=vision_ids,
        projects={p.id: state.status[:, i] for i, p in enumerate(scenario.projects)},
        leader_share=share,
    )
    fires = [~(e.once & fired[:, i]) & holds_batch(e.when, situation) for i, e in enumerate(scenario.events)]
    fired = fired | np.stack(fires, axis=1)
    for i, event in enumerate(scenario.events):
        if not fires[i].any():
            continue
        for c, choice in enumerate(event.choices):
            mask = fires[i] & (answers[:, i] == c)
            if mask.any():
                changed, _ = apply_effects(state, dict(choice.effects), event.title)
                state = _select(mask, changed, state)
    return state, fired

"""Many playthroughs of one scenario at once: `evaluate(scenario, sequences, seeds)`.

Every decision sequence is played on every seed (row `p * len(seeds) + s`), all rows stepping
together through the model's own `step`. Each round's drafts become the model's plan as the
session converts them (`drafts.py`, checked against `plans_from_drafts`; each row's money
as `play_sequence` allocates it in the round it plays), events fire and
are answered by the session's story rules played on every row at once (`rowstory.py`), and
each row rolls its dice from its own seed's generator. So a row's numbers are bit for bit what
`GameSession` gives for that seed and those decisions (`story.play_sequence`; tests check
every shipped scenario and every story fixture).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from functools import partial

import numpy as np

from game.model import OrgState, Params, RoundPlan, available_budget, metrics_of, new_game, params_for, step
from game.rules.profile import leader_share
from game.rules.records import METRIC_NAMES, LeaderDraft, ManagerDraft
from game.scenario.types import Scenario
from game.search.conditions import BatchSituation, uses_profile
from game.search.drafts import sequence_plans
from game.search.rows import rows_of, stitch
from game.search.rowstory import RowStory
from game.search.story import BUDGET_TOLERANCE
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
    available: Array | None = None   # (P, S, R) the money each round had (the session's budget_total)

    def mean_score(self) -> Array:
        """(P,) each sequence's mean score over the seeds."""
        return np.asarray(self.raw_score.mean(axis=1))


def _rows(plan: RoundPlan, rows: Array) -> RoundPlan:
    """The plans of P sequences spread onto the batch's rows by sequence index."""
    return RoundPlan(**{f.name: getattr(plan, f.name)[rows] for f in fields(RoundPlan)})


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
    rows = np.repeat(np.arange(n_seq), n_seeds)
    batch = rows.size
    params = params_for(scenario)
    world, state = new_game(scenario, batch)
    story = RowStory(scenario, world, params, batch, lambda metrics: composite(scenario, metrics))
    state = story.start(state)
    # Each step draws about (3 + slots) doubles a row: draw the whole game's at once.
    dice = RowStreams([seeds[i % n_seeds] for i in range(batch)] if n_seeds else [],
                      ahead=rounds * (4 + world.slot_team.size))
    events = scenario.events
    answers = np.array([seq.answers for seq in sequences], dtype=np.int64).reshape(
        n_seq, rounds, len(events))[rows] if n_seq else np.zeros((0, rounds, len(events)), np.int64)
    plans = sequence_plans(scenario, world.categories, sequences)
    wants_profile = any(uses_profile(e.when) for e in events) or any(
        c.require is not None and uses_profile(c.require) for e in events for c in e.choices)
    vision_ids = tuple(v.id for v in scenario.visions)
    per_round = np.zeros((batch, rounds))
    available = np.zeros((batch, rounds))
    start_vision = scenario.organization.vision
    chose = [False] * n_seq  # each sequence has played a vision of its own (see the session)
    for r in range(rounds):
        round_no = r + 1
        if round_no > 1:
            state = story.arrivals(state, round_no)
        state = story.open_budget(state, round_no)
        cap, _ = available_budget(state, story.world, params)
        available[:, r] = cap
        budget, scaled = _shares(plans.money[rows, r], plans.spent[rows, r], cap)
        plan = plans.round(r, rows, budget)
        workable = story.workable(state, round_no)
        if not workable.all():  # (times 1.0 elsewhere changes nothing)
            plan = replace(plan, schedule=plan.schedule * workable[:, None, :])
        plan = story.cut(plan, round_no)
        state = _step(state, plan, story, params, dice)
        state = story.land_due(state, round_no)
        if events:
            share: Callable[[], Array] = _no_share
            if wants_profile:
                drafts = [seq.rounds[r] for seq in sequences]
                chose = [c or lead.vision != start_vision for c, (lead, _) in zip(chose, drafts, strict=True)]
                before = [seq.rounds[r - 1][0] if r else None for seq in sequences]
                share = _Share(scenario, drafts, chose, rows, scaled, cap, world.categories,
                               round_no, before)
            state = story.events(state, round_no, answers[:, r],
                                 partial(_situation, story, round_no, plan.vision, vision_ids, share))
        per_round[:, r] = composite(scenario, metrics_of(state))
    raw = per_round.mean(axis=1)
    rounded = np.array([round(float(x), 6) for x in raw])
    final = metrics_of(state)
    shape = (n_seq, n_seeds)
    return BatchResult(
        seeds=tuple(int(s) for s in seeds), score=rounded.reshape(shape), raw_score=raw.reshape(shape),
        final={m: final[m].reshape(shape) for m in METRIC_NAMES},
        per_round=per_round.reshape(shape + (rounds,)), available=available.reshape(shape + (rounds,)),
    )


def _shares(money: Array, spent: Array, cap: Array) -> tuple[Array, Array]:
    """(B, C) each category's share of the money the round has, and (B, C) the money
    itself: a budget over what the round can afford is scaled down to it, as
    `game.search.story.play_sequence` does."""
    over = spent > cap + BUDGET_TOLERANCE
    if over.any():
        with np.errstate(divide="ignore", invalid="ignore"):
            cut = money * cap[:, None] / spent[:, None] * 0.999999
        money = np.where(over[:, None], cut, money)
    return money / np.maximum(cap, 1e-9)[:, None], money


def _step(state: OrgState, plan: RoundPlan, story: RowStory, params: Params, dice: RowStreams) -> OrgState:
    """One round for every row; rows whose projects' due rounds or scopes differ step in the
    world that is theirs, each drawing its own dice."""
    groups = story.worlds()
    if len(groups) == 1:
        return step(state, plan, groups[0][1], params, dice)[0]  # type: ignore[arg-type]
    owned = [rows for rows, _ in groups if rows is not None]
    streams = dice.split(owned)
    parts = []
    for rows, (_, world), stream in zip(owned, groups, streams, strict=True):
        part, _ = step(rows_of(state, rows), _rows(plan, rows), world, params, stream)  # type: ignore[arg-type]
        parts.append((rows, part))
    dice.join(streams)
    return stitch(parts, state.batch)


def _situation(story: RowStory, round_no: int, vision: Array, vision_ids: tuple[str, ...],
               share: Callable[[], Array], state: OrgState) -> BatchSituation:
    return story.situation(state, round_no, vision, vision_ids, share)


def _no_share() -> Array:
    raise ValueError("an event condition asks for the leader share")


class _Share:
    """(B,) each row's leader share this round, worked out when a condition first asks."""

    def __init__(self, scenario: Scenario, drafts: Sequence[tuple[LeaderDraft, ManagerDraft]],
                 chose: Sequence[bool], rows: Array, money: Array, cap: Array,
                 categories: tuple[str, ...], round_no: int,
                 before: Sequence[LeaderDraft | None]) -> None:
        self._args = (scenario, drafts, chose, rows, money, cap, categories, round_no, before)
        self._value: Array | None = None

    def __call__(self) -> Array:
        if self._value is None:
            self._value = _profile(*self._args)
        return self._value


def _profile(scenario: Scenario, drafts: Sequence[tuple[LeaderDraft, ManagerDraft]],
             chose: Sequence[bool], rows: Array, money: Array, cap: Array,
             categories: tuple[str, ...], round_no: int,
             before: Sequence[LeaderDraft | None]) -> Array:
    """(B,) each row's leader share; NaN in a hands-off round, where no profile condition
    holds. A row whose budget was scaled down is judged on the money it spent."""
    shares = [leader_share(scenario, lead, manage, c, round_no, last)
              for (lead, manage), c, last in zip(drafts, chose, before, strict=True)]
    result = np.array([np.nan if s is None else s for s in shares], dtype=float)[rows]
    for b in range(rows.size):
        lead, manage = drafts[rows[b]]
        if sum(manage.budget.values()) > cap[b] + BUDGET_TOLERANCE:
            spent = {c: float(money[b, i]) for i, c in enumerate(categories)
                     if c in scenario.budget.categories}
            share = leader_share(scenario, lead, replace(manage, budget=spent, budget_total=float(cap[b])),
                                 chose[rows[b]], round_no, before[rows[b]])
            result[b] = np.nan if share is None else share
    return result

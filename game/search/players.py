"""Search players: the cross-entropy method over decision sequences, on the batched model.

`search(scenario, mode)` keeps a distribution over a whole game's decisions (categorical
for the vision, the set of leader actions, reviews and event answers; Gaussian for the
budget split, each team's load and split, and overtime), samples a population, plays every
candidate on the same few seeds (common random numbers, fresh seeds each generation), and
moves the distribution toward the best tenth. The best few candidates are then played on
more seeds and the best of those is the mode's best. Seeds the search sees start at
`SEARCH_SEEDS`, far from the seeds a report scores on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from game.rules.records import LeaderDraft, ManagerDraft
from game.scenario.types import Scenario
from game.search.batch import DecisionSequence, evaluate
from game.search.genome import Mode, Space, encode

Array = np.ndarray
SEARCH_SEEDS = 1_000_000_000  # the search plays seeds from here on; reports score below it
NARROW = 0.5  # a known game's spread: half the search's opening one
Progress = Callable[[str, int, int, float], None]


@dataclass(frozen=True)
class Budget:
    """How hard the search tries: generations, candidates each, seeds per candidate."""

    generations: int = 36
    population: int = 128
    seeds: int = 6
    finalists: int = 8
    final_seeds: int = 48

    @classmethod
    def scaled(cls, effort: float) -> Budget:
        base = cls()
        return cls(max(2, round(base.generations * effort)), max(16, round(base.population * min(effort, 2))),
                   base.seeds, base.finalists, base.final_seeds)


@dataclass(frozen=True)
class Found:
    mode: str
    sequence: DecisionSequence
    search_score: float        # its mean over the finalists' seeds (seen by the search)
    genes: dict[str, Array]    # the sampled decision it came from (a population of one)


class _Distribution:
    """A product distribution over one game's decisions (R rows; R = 1 for a fixed policy)."""

    def __init__(self, space: Space, mode: Mode, rounds: int, rng: np.random.Generator) -> None:
        self.space, self.mode, self.rng = space, mode, rng
        R, T, P = rounds, len(space.teams), len(space.projects)
        C = len(space.categories) + 1  # the last share is left unspent
        self.rounds = R
        default = space.starting_manager()
        split = np.array([default.budget[c] for c in space.categories] + [0.0]) / default.budget_total
        self.budget_mean = np.tile(np.log(split + 0.02), (R, 1))
        self.budget_std = np.full((R, C), 1.0)
        self.load_mean = np.full((R, T), 1.0)
        self.load_std = np.full((R, T), 0.3)
        self.split_mean = np.zeros((R, T, P))
        self.split_std = np.full((R, T, P), 1.0)
        self.overtime_mean = np.zeros(R)
        self.overtime_std = np.full(R, 0.4)
        self.reviews_p = np.full(R, 0.5)
        self.vision_p = np.full((R, max(len(space.visions), 1)), 1.0 / max(len(space.visions), 1))
        self.actions_p = np.full((R, len(space.actions)), 1.0 / len(space.actions))
        self.answers_p = [np.full((space.scenario.rounds, n), 1.0 / n) for n in space.choices]

    def centre_on(self, genes: dict[str, Array], weight: float = 0.6) -> None:
        """Start from a known good game (a population of one, with one row or one per round)."""
        def rows(name: str) -> Array:
            value = genes[name][0]
            return value if value.shape[0] == self.rounds else np.repeat(value[:1], self.rounds, axis=0)

        self.budget_mean, self.load_mean = rows("budget").astype(float), rows("load").astype(float)
        self.split_mean, self.overtime_mean = rows("split").astype(float), rows("overtime").astype(float)
        self.budget_std, self.load_std = self.budget_std * NARROW, self.load_std * NARROW
        self.split_std, self.overtime_std = self.split_std * NARROW, self.overtime_std * NARROW
        self.reviews_p = _clip_p(0.5 * self.reviews_p + 0.5 * rows("reviews"))
        for name in ("vision", "actions"):
            p = getattr(self, f"{name}_p")
            onehot = np.eye(p.shape[1])[rows(name)]
            setattr(self, f"{name}_p", (1 - weight) * p + weight * onehot)
        answers = genes["answers"][0]
        self.answers_p = [(1 - weight) * p + weight * np.eye(p.shape[1])[answers[:, e]]
                          for e, p in enumerate(self.answers_p)]

    # --- sampling ------------------------------------------------------------------------------

    def sample(self, n: int) -> dict[str, Array]:
        rng, R = self.rng, self.rounds
        return {
            "budget": self.budget_mean + self.budget_std * rng.standard_normal((n, *self.budget_mean.shape)),
            "load": self.load_mean + self.load_std * rng.standard_normal((n, *self.load_mean.shape)),
            "split": self.split_mean + self.split_std * rng.standard_normal((n, *self.split_mean.shape)),
            "overtime": self.overtime_mean + self.overtime_std * rng.standard_normal((n, R)),
            "reviews": rng.random((n, R)) < self.reviews_p,
            "vision": _categorical(rng, self.vision_p, n),
            "actions": _categorical(rng, self.actions_p, n),
            "answers": np.stack([_categorical(rng, p, n) for p in self.answers_p], axis=2)
            if self.answers_p else np.zeros((n, self.space.scenario.rounds, 0), dtype=np.int64),
        }

    def sample_focused(self, n: int) -> dict[str, Array]:
        """Candidates that each change one round only, the rest played as the distribution's
        most likely game: a search over a whole game in small, separable steps."""
        genes, base = self.sample(n), self.mode_sample()
        focus = self.rng.integers(0, self.rounds, n)
        for name, values in genes.items():
            if values.ndim < 2 or values.shape[1] != self.rounds:
                continue
            keep = np.arange(self.rounds)[None, :] != focus[:, None]
            shape = keep.shape + (1,) * (values.ndim - 2)
            genes[name] = np.where(keep.reshape(shape), base[name].astype(values.dtype), values)
        return genes

    def mode_sample(self) -> dict[str, Array]:
        """The distribution's most likely game, as a population of one."""
        return {
            "budget": self.budget_mean[None], "load": self.load_mean[None], "split": self.split_mean[None],
            "overtime": self.overtime_mean[None], "reviews": (self.reviews_p >= 0.5)[None],
            "vision": self.vision_p.argmax(axis=1)[None], "actions": self.actions_p.argmax(axis=1)[None],
            "answers": np.stack([p.argmax(axis=1) for p in self.answers_p], axis=1)[None]
            if self.answers_p else np.zeros((1, self.space.scenario.rounds, 0), dtype=np.int64),
        }

    # --- learning ------------------------------------------------------------------------------

    def update(self, elite: dict[str, Array], keep: float = 0.3, narrow: bool = True) -> None:
        def blend(old: Array, new: Array) -> Array:
            return keep * old + (1.0 - keep) * new

        for name in ("budget", "load", "split", "overtime"):
            values = elite[name]
            setattr(self, f"{name}_mean", blend(getattr(self, f"{name}_mean"), values.mean(axis=0)))
            if not narrow:
                continue
            floor = 0.05 if name != "split" else 0.1
            spread = blend(getattr(self, f"{name}_std"), values.std(axis=0))
            setattr(self, f"{name}_std", np.maximum(spread, floor))
        self.reviews_p = _clip_p(blend(self.reviews_p, elite["reviews"].mean(axis=0)))
        self.vision_p = _frequencies(elite["vision"], self.vision_p, keep)
        self.actions_p = _frequencies(elite["actions"], self.actions_p, keep)
        self.answers_p = [_frequencies(elite["answers"][:, :, e], p, keep)
                          for e, p in enumerate(self.answers_p)]

    # --- decoding --------------------------------------------------------------------------------

    def decode(self, genes: dict[str, Array]) -> list[DecisionSequence]:
        space, mode, scenario = self.space, self.mode, self.space.scenario
        # A fixed policy's one round is played every round.
        genes = {k: v if k == "answers" or v.shape[1] >= self.rounds
                 else np.repeat(v[:, :1], self.rounds, axis=1) for k, v in genes.items()}
        n = genes["budget"].shape[0]
        budget = _softmax(genes["budget"])[..., :-1]
        banned = mode.forbidden
        for c, category in enumerate(space.categories):
            if f"budget:{category}" in banned:
                budget[..., c] = 0.0  # that money is left unspent
        splits = _softmax(genes["split"])
        sequences = []
        start_leader, start_manager = space.starting_leader(), space.starting_manager()
        for i in range(n):
            drafts: list[tuple[LeaderDraft, ManagerDraft]] = []
            answers = tuple(tuple(0 if "answers" in banned else int(a) for a in row)
                            for row in genes["answers"][i])
            for r in range(scenario.rounds):
                g = 0 if mode.fixed else r
                if len(drafts) > g and mode.fixed:
                    drafts.append(drafts[0])
                    continue
                leader = start_leader
                if mode.lead:
                    v = int(genes["vision"][i, 0 if "vision" in banned else g])
                    vision = space.visions[v] if space.visions else None
                    leader = space.leader(vision, int(genes["actions"][i, g]), banned)
                manager = start_manager
                if mode.manage:
                    overtime = 0.0 if "overtime" in banned else float(genes["overtime"][i, g])
                    reviews = False if "reviews" in banned else bool(genes["reviews"][i, g])
                    manager = space.manager(list(budget[i, g]), list(genes["load"][i, g]),
                                            [list(s) for s in splits[i, g]], overtime, reviews,
                                            round_no=g + 1)
                drafts.append((leader, manager))
            if mode.fixed:
                answers = tuple(answers[0] for _ in answers)
            sequences.append(DecisionSequence(tuple(drafts), answers))
        return sequences


def _categorical(rng: np.random.Generator, p: Array, n: int) -> Array:
    """(n, R) draws, one per row of the (R, K) probabilities."""
    cumulative = np.cumsum(p, axis=1)
    u = rng.random((n, p.shape[0], 1)) * cumulative[:, -1][None, :, None]
    return (u > cumulative[None]).sum(axis=2)


def _frequencies(chosen: Array, old: Array, keep: float) -> Array:
    counts = np.zeros_like(old)
    for r in range(old.shape[0]):
        counts[r] = np.bincount(chosen[:, r], minlength=old.shape[1])
    new = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    mixed = keep * old + (1.0 - keep) * new
    mixed = np.maximum(mixed, 0.01 / old.shape[1])
    return mixed / mixed.sum(axis=1, keepdims=True)


def _clip_p(p: Array) -> Array:
    return np.clip(p, 0.02, 0.98)


def _softmax(x: Array) -> Array:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def search(scenario: Scenario, mode_name: str, budget: Budget | None = None, seed: int = 0,
           progress: Progress | None = None, start: Found | None = None,
           openings: Sequence[DecisionSequence] = (), forbidden: frozenset[str] = frozenset()
           ) -> Found:
    """The best decision sequence the cross-entropy method finds for one mode.

    `start` (a game found before, say the best fixed policy for the free search) and
    `openings` (known games, say a scripted persona's) are candidates from the outset: the
    distribution begins at the best of them and they stay among the finalists, so the search
    can only improve on them. `forbidden` levers (genome.LEVERS) are never used: a start
    or opening is played with them taken away.
    """
    budget = budget or Budget()
    mode = Mode.named(mode_name, forbidden)
    space = Space.of(scenario)
    rng = np.random.default_rng([seed, sum(map(ord, scenario.id)), sum(map(ord, mode_name))])
    dist = _Distribution(space, mode, 1 if mode.fixed else scenario.rounds, rng)
    n_elite = max(2, budget.population // 10)
    pool: list[tuple[float, dict[str, Array]]] = []
    next_seed = SEARCH_SEEDS + seed * 10_000_000
    known = ([start.genes] if start is not None else []) + \
        ([encode(space, seq) for seq in openings] if not mode.fixed else [])
    if known:
        seeds = list(range(next_seed, next_seed + budget.final_seeds))
        next_seed += budget.final_seeds
        scores = evaluate(scenario, [dist.decode(genes)[0] for genes in known], seeds).mean_score()
        dist.centre_on(known[int(np.argmax(scores))])
        pool += [(float(score), genes) for score, genes in zip(scores, known, strict=True)]
    # A game searched round by round: after the first half, candidates change one round each.
    focused_from = budget.generations // 2 if not mode.fixed else budget.generations
    for generation in range(budget.generations):
        focused = generation >= focused_from
        genes = dist.sample_focused(budget.population) if focused else dist.sample(budget.population)
        sequences = dist.decode(genes)
        seeds = list(range(next_seed, next_seed + budget.seeds))
        next_seed += budget.seeds
        scores = evaluate(scenario, sequences, seeds).mean_score()
        order = np.argsort(-scores, kind="stable")
        elite = {k: v[order[:n_elite]] for k, v in genes.items()}
        dist.update(elite, narrow=not focused)
        pool += [(float(scores[i]), {k: v[i:i + 1] for k, v in genes.items()}) for i in order[:2]]
        if progress:
            progress(mode_name, generation + 1, budget.generations, float(scores[order[0]]))
    pool.sort(key=lambda item: -item[0])
    candidates = [genes for _, genes in pool[:budget.finalists]] + [dist.mode_sample()]
    finalists = [dist.decode(genes)[0] for genes in candidates]
    if start is not None and not mode.fixed and not forbidden:
        candidates.append(start.genes)
        finalists.append(start.sequence)
    for seq in openings if not forbidden else ():  # exactly as played, not as its genes decode
        candidates.append(encode(space, seq))
        finalists.append(seq)
    seeds = list(range(next_seed, next_seed + budget.final_seeds))
    final = evaluate(scenario, finalists, seeds).mean_score()
    best = int(np.argmax(final))
    return Found(mode_name, finalists[best], float(final[best]), candidates[best])

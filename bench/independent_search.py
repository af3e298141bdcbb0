"""Is each shipped scenario's `par` really the best score a player can reach? A second opinion.

Par is the mean score of the best free game the project's own search finds (a cross-entropy
method, game/search/players.py, polished by game/search/climb.py). This benchmark looks for
better games with a search that shares none of that code: a genetic algorithm over whole
decision sequences (tournament selection, crossover that swaps whole rounds, mutations of one
decision in one round or across all rounds), then a hill-climb from its best game. Both play
candidates with the project's batched evaluator (`game.search.batch.evaluate`) on common seeds
from 2 000 000 000 on, far from the seeds reports score on. The best game is then played on
seeds 5000..5199, which no search saw, and the script prints, per scenario: par, that held-out
mean (with its standard error), the difference, and the wall time. It prints figures; it
asserts nothing.

Genes are plain numbers per round: the vision, the set of leader actions (an index into
`Space.actions`), money per budget category as a share of the round's scheduled budget (the
total may exceed 1: a round the session cannot afford is scaled down to what it has, as
`play_sequence` does, so a round with an event's grant can spend it), each team's load and
its split over the projects, overtime, reviews, and the answer to every event in every round.
The population starts from the hands-off game, the balanced persona's game and random games.

Run (one process; about `--seconds` per scenario):

    python bench/independent_search.py                       # every shipped scenario, 360 s each
    python bench/independent_search.py first-voyage --seconds 60 --seed 1 --show --save best.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields

import numpy as np

from game.analysis.searched import hands_off, recorded
from game.rules.decisions import MAX_TEAM_LOAD
from game.scenario.loader import list_scenarios, load_scenario
from game.scenario.types import Scenario
from game.search.batch import DecisionSequence, evaluate
from game.search.genome import Space
from game.search.policy import from_sequence
from game.search.story import play_sequence

Array = np.ndarray
SEARCH_SEEDS = 2_000_000_000     # the GA's and the climb's seeds start here (one block per --seed)
SEED_BLOCK = 50_000_000
HELD_OUT = tuple(range(5000, 5200))  # the seeds the best game is finally scored on
REPORT_SEEDS = tuple(range(200))     # the seeds `balance` (and so par) scores on: also unseen here
MAX_SPEND = 1.5      # money per round, as a share of its scheduled budget (over what it has: scaled down)
GA_SHARE = 0.7       # of the time budget, for the GA; the rest for the climb
POPULATION = 96
GA_SEEDS = 16        # seeds per candidate per generation (common to the generation)
ELITE = 4
TOURNAMENT = 3
CROSSOVER = 0.7
VALIDATION_SEEDS = 64   # the GA's hall of fame is judged on these to pick the climb's start
HALL = 12
NEIGHBOURS = 32      # the climb's candidates per step
CLIMB_SEEDS = 12     # seeds per candidate per climb step
CHECK_SEEDS = 192    # the climb keeps a move only when it wins on these,
RENEW_CHECK = 100    # drawn afresh every this many steps (so it does not fit one set of seeds)
SHORTLIST = 3


@dataclass
class Game:
    """One player's whole game as numbers, one row per round (R rounds, C categories,
    T teams, P projects, E events)."""

    vision: Array     # (R,) index into the vision options
    actions: Array    # (R,) index into Space.actions
    budget: Array     # (R, C) money per category, as a share of the round's scheduled budget
    load: Array       # (R, T) 0..MAX_TEAM_LOAD
    split: Array      # (R, T, P) each team's shares over the projects, summing to 1
    overtime: Array   # (R,) 0..1
    reviews: Array    # (R,) bool
    answers: Array    # (R, E) choice index

    def copy(self) -> Game:
        return Game(**{f.name: getattr(self, f.name).copy() for f in fields(self)})

    def key(self) -> bytes:
        return b"".join(np.round(getattr(self, f.name).astype(float), 6).tobytes() for f in fields(self))


class Genes:
    """A scenario's choices for the GA: random games, decoding, encoding, mutation."""

    def __init__(self, scenario: Scenario, rng: np.random.Generator) -> None:
        self.scenario, self.rng = scenario, rng
        self.space = space = Space.of(scenario)
        self.rounds = scenario.rounds
        options: list[str | None] = list(space.visions)
        if scenario.organization.vision is None or not options:
            options.append(None)  # a player may also leave (or set) no vision
        self.visions = tuple(options)
        self.sets = [frozenset((a.action, a.team) for a in s) for s in space.actions]
        index = {s: i for i, s in enumerate(self.sets)}
        # Action sets one action away (added, removed or swapped): small leader moves.
        self.near = [[index[o] for o in self.sets if len(o ^ s) <= 2 and o != s] for s in self.sets]
        self.choices = np.array(space.choices, dtype=np.int64)

    # --- building -----------------------------------------------------------------------

    def random(self) -> Game:
        rng, R = self.rng, self.rounds
        C, T, P = len(self.space.categories), len(self.space.teams), len(self.space.projects)
        spend = rng.uniform(0.6, 1.2, (R, 1))
        return Game(
            vision=np.repeat(rng.integers(0, len(self.visions)), R) if rng.random() < 0.7
            else rng.integers(0, len(self.visions), R),
            actions=rng.integers(0, len(self.sets), R),
            budget=rng.dirichlet(np.ones(C), R) * spend,
            load=rng.uniform(0.5, 1.3, (R, T)),
            split=rng.dirichlet(np.ones(P), (R, T)),
            overtime=np.where(rng.random(R) < 0.6, 0.0, rng.uniform(0, 1, R)),
            reviews=rng.random(R) < 0.3,
            answers=(rng.random((R, len(self.choices))) * self.choices).astype(np.int64),
        )

    def encode(self, sequence: DecisionSequence) -> Game:
        """A played game (a persona's, say) as genes: the same drafts when decoded."""
        space = self.space
        rounds = sequence.rounds
        index = {s: i for i, s in enumerate(self.sets)}
        budget, load, split = [], [], []
        for r, (_, manage) in enumerate(rounds):
            per_round = max(space.round_budgets[r], 1e-9)
            budget.append([manage.budget.get(c, 0.0) / per_round for c in space.categories])
            rows = np.array([[manage.schedule.get(t, {}).get(p, 0.0) for p in space.projects]
                             for t in space.teams])
            load.append(rows.sum(axis=1))
            split.append(rows / np.maximum(rows.sum(axis=1, keepdims=True), 1e-9))
        return Game(
            vision=np.array([self.visions.index(lead.vision) if lead.vision in self.visions else 0
                             for lead, _ in rounds]),
            actions=np.array([index.get(frozenset((a.action, a.team) for a in lead.actions), 0)
                              for lead, _ in rounds]),
            budget=np.array(budget), load=np.array(load), split=np.array(split),
            overtime=np.array([m.overtime for _, m in rounds], dtype=float),
            reviews=np.array([m.reviews for _, m in rounds], dtype=bool),
            answers=np.array(sequence.answers, dtype=np.int64).reshape(self.rounds, len(self.choices)),
        )

    def decode(self, game: Game) -> DecisionSequence:
        space = self.space
        drafts = []
        for r in range(self.rounds):
            leader = space.leader(self.visions[int(game.vision[r])], int(game.actions[r]))
            manager = space.manager([float(x) for x in game.budget[r]], [float(x) for x in game.load[r]],
                                    [[float(x) for x in row] for row in game.split[r]],
                                    float(game.overtime[r]), bool(game.reviews[r]), round_no=r + 1)
            drafts.append((leader, manager))
        return DecisionSequence(tuple(drafts), tuple(tuple(int(a) for a in row) for row in game.answers))

    # --- variation ----------------------------------------------------------------------

    def crossover(self, a: Game, b: Game) -> Game:
        """Whole rounds from either parent (uniform), or a's first rounds and b's last."""
        rng = self.rng
        if rng.random() < 0.5:
            take_b = rng.random(self.rounds) < 0.5
        else:
            take_b = np.arange(self.rounds) >= rng.integers(1, self.rounds)
        child = a.copy()
        for f in fields(Game):
            values = getattr(child, f.name)
            values[take_b] = getattr(b, f.name)[take_b]
        return child

    def mutate(self, game: Game, scale: float = 1.0) -> Game:
        """One change: one kind of decision, in one round or (sometimes) from a round on."""
        rng, R = self.rng, self.rounds
        child = game.copy()
        r = int(rng.integers(0, R))
        rows = np.arange(r, R) if rng.random() < 0.25 else np.array([r])
        kind = rng.choice(list(self._mutations))
        self._mutations[kind](child, rows, scale)
        return child

    @property
    def _mutations(self) -> dict[str, Callable[[Game, Array, float], None]]:
        table: dict[str, Callable[[Game, Array, float], None]] = {
            "money-move": self._money_move, "money-total": self._money_total, "load": self._load,
            "split": self._split, "overtime": self._overtime, "reviews": self._reviews,
            "vision": self._vision, "actions": self._actions, "copy-round": self._copy_round,
        }
        if len(self.choices):
            table["answer"] = self._answer
        return table

    def _money_move(self, g: Game, rows: Array, scale: float) -> None:
        C = g.budget.shape[1]
        i, j = self.rng.choice(C, 2, replace=False)
        amount = self.rng.uniform(0, 0.15 * scale)
        moved = np.minimum(g.budget[rows, i], amount)
        g.budget[rows, i] -= moved
        g.budget[rows, j] += moved

    def _money_total(self, g: Game, rows: Array, scale: float) -> None:
        g.budget[rows] *= np.exp(self.rng.normal(0, 0.1 * scale))
        total = g.budget[rows].sum(axis=1, keepdims=True)
        g.budget[rows] *= np.minimum(1.0, MAX_SPEND / np.maximum(total, 1e-9))

    def _load(self, g: Game, rows: Array, scale: float) -> None:
        t = self.rng.integers(0, g.load.shape[1])
        g.load[rows, t] = np.clip(g.load[rows, t] + self.rng.normal(0, 0.1 * scale), 0.0, MAX_TEAM_LOAD)

    def _split(self, g: Game, rows: Array, scale: float) -> None:
        t = self.rng.integers(0, g.split.shape[1])
        if g.split.shape[2] < 2:
            return
        i, j = self.rng.choice(g.split.shape[2], 2, replace=False)
        moved = np.minimum(g.split[rows, t, i], self.rng.uniform(0, 0.25 * scale))
        g.split[rows, t, i] -= moved
        g.split[rows, t, j] += moved

    def _overtime(self, g: Game, rows: Array, scale: float) -> None:
        if self.rng.random() < 0.3:
            g.overtime[rows] = 0.0
        else:
            g.overtime[rows] = np.clip(g.overtime[rows] + self.rng.normal(0, 0.2 * scale), 0.0, 1.0)

    def _reviews(self, g: Game, rows: Array, scale: float) -> None:
        g.reviews[rows] = not bool(g.reviews[rows[0]])

    def _vision(self, g: Game, rows: Array, scale: float) -> None:
        g.vision[rows] = self.rng.integers(0, len(self.visions))

    def _actions(self, g: Game, rows: Array, scale: float) -> None:
        for r in rows:
            near = self.near[int(g.actions[r])]
            g.actions[r] = self.rng.choice(near) if near and self.rng.random() < 0.7 \
                else self.rng.integers(0, len(self.sets))

    def _answer(self, g: Game, rows: Array, scale: float) -> None:
        e = int(self.rng.integers(0, len(self.choices)))
        if self.rng.random() < 0.5:
            rows = np.arange(self.rounds)  # the same answer whenever the event fires
        g.answers[rows, e] = self.rng.integers(0, self.choices[e])

    def _copy_round(self, g: Game, rows: Array, scale: float) -> None:
        r = int(rows[0])
        source = r - 1 if r > 0 else 1
        if source >= self.rounds:
            return
        for f in fields(Game):
            values = getattr(g, f.name)
            values[rows] = values[source]


class Scorer:
    """The batched evaluator on fresh blocks of search seeds; counts the games it plays."""

    def __init__(self, scenario: Scenario, genes: Genes, seed: int) -> None:
        self.scenario, self.genes = scenario, genes
        self.next = SEARCH_SEEDS + seed * SEED_BLOCK
        self.games = 0

    def fresh(self, n: int) -> list[int]:
        seeds = list(range(self.next, self.next + n))
        self.next += n
        return seeds

    def score(self, games: Sequence[Game], seeds: Sequence[int]) -> Array:
        self.games += len(games) * len(seeds)
        sequences = [self.genes.decode(g) for g in games]
        return evaluate(self.scenario, sequences, seeds).mean_score()


def genetic(genes: Genes, scorer: Scorer, openings: Sequence[Game], deadline: float
            ) -> tuple[Game, int]:
    """The GA until `deadline`: its best game (judged on validation seeds) and its generations."""
    rng = genes.rng
    population = list(openings)
    while len(population) < POPULATION // 2:
        population.append(genes.mutate(openings[len(population) % len(openings)], 2.0))
    while len(population) < POPULATION:
        population.append(genes.random())
    hall: dict[bytes, tuple[float, Game]] = {}
    generation = 0
    while True:
        scores = scorer.score(population, scorer.fresh(GA_SEEDS))
        generation += 1
        order = np.argsort(-scores, kind="stable")
        for i in order[:2]:
            key = population[i].key()
            old = hall.get(key)
            hall[key] = (float(scores[i]) if old is None else max(old[0], float(scores[i])), population[i])
        if time.perf_counter() >= deadline:
            break
        children = [population[i] for i in order[:ELITE]]
        while len(children) < POPULATION:
            a = population[_tournament(rng, scores)]
            child = genes.crossover(a, population[_tournament(rng, scores)]) \
                if rng.random() < CROSSOVER else a.copy()
            for _ in range(1 + rng.poisson(0.7)):
                child = genes.mutate(child)
            children.append(child)
        population = children
    finalists = [g for _, g in sorted(hall.values(), key=lambda item: -item[0])[:HALL]]
    finalists += [population[i] for i in order[:ELITE]]
    checked = scorer.score(finalists, scorer.fresh(VALIDATION_SEEDS))
    return finalists[int(np.argmax(checked))], generation


def _tournament(rng: np.random.Generator, scores: Array) -> int:
    entrants = rng.integers(0, scores.size, TOURNAMENT)
    return int(entrants[np.argmax(scores[entrants])])


def hill_climb(genes: Genes, scorer: Scorer, start: Game, deadline: float) -> tuple[Game, int, int]:
    """From `start`, keep any single change that wins on fresh seeds and then on the check
    seeds. Returns the game, the steps taken and the moves kept."""
    current, current_score, check = start, 0.0, [0]
    scale, steps, kept = 1.0, 0, 0
    while time.perf_counter() < deadline:
        if steps % RENEW_CHECK == 0:
            check = scorer.fresh(CHECK_SEEDS)
            current_score = float(scorer.score([current], check)[0])
        steps += 1
        neighbours = [genes.mutate(current, scale) for _ in range(NEIGHBOURS)]
        scores = scorer.score([current, *neighbours], scorer.fresh(CLIMB_SEEDS))
        order = np.argsort(-scores[1:], kind="stable")[:SHORTLIST]
        better = [int(i) for i in order if scores[1 + i] > scores[0]]
        if better:
            checked = scorer.score([neighbours[i] for i in better], check)
            best = int(np.argmax(checked))
            if checked[best] > current_score:
                current, current_score = neighbours[better[best]], float(checked[best])
                kept += 1
                scale = min(1.0, scale * 1.25)
                continue
        scale = max(0.25, scale * 0.85)
    return current, steps, kept


@dataclass(frozen=True)
class Outcome:
    scenario: str
    par: float | None
    best: float          # the best game's mean on HELD_OUT
    stderr: float        # its standard error there
    before_climb: float  # the GA's best on HELD_OUT
    balanced: float      # the balanced persona's game on HELD_OUT
    hands_off: float
    on_report_seeds: float   # the best game's mean on REPORT_SEEDS, where par was measured
    seconds: float
    games: int
    generations: int
    climb: tuple[int, int]   # steps, moves kept
    session_gap: float       # largest |batch - session| score of the best game on a few held-out seeds
    sequence: DecisionSequence
    available: Array         # (R,) the best game's money each round, mean over HELD_OUT
    spent: Array             # (R,) the share of it the best game spends, mean over HELD_OUT

    @property
    def difference(self) -> float | None:
        return None if self.par is None else self.best - self.par


def run(name: str, seconds: float, seed: int, verify: int) -> Outcome:
    began = time.perf_counter()
    scenario = load_scenario(name)
    rng = np.random.default_rng([seed, sum(map(ord, scenario.id))])
    genes = Genes(scenario, rng)
    scorer = Scorer(scenario, genes, seed)
    idle, persona = hands_off(scenario), recorded(scenario, "balanced", SEARCH_SEEDS - 1)
    openings = [genes.encode(idle), genes.encode(persona)]
    ga_best, generations = genetic(genes, scorer, openings, began + GA_SHARE * seconds)
    best, steps, kept = hill_climb(genes, scorer, ga_best, began + seconds)
    sequence = genes.decode(best)
    held = evaluate(scenario, [sequence, genes.decode(ga_best), persona, idle], HELD_OUT)
    gap = 0.0
    for s in HELD_OUT[:verify]:  # the batch's score is the session's (a spot check)
        played = play_sequence(scenario, sequence, s).result().score
        gap = max(gap, abs(played - float(held.score[0, HELD_OUT.index(s)])))
    means = held.mean_score()
    on_report = float(evaluate(scenario, [sequence], REPORT_SEEDS).mean_score()[0])
    cap = held.available[0] if held.available is not None else np.ones((len(HELD_OUT), scenario.rounds))
    drafted = np.array([sum(manage.budget.values()) for _, manage in sequence.rounds])
    spent = (np.minimum(drafted[None, :], cap) / np.maximum(cap, 1e-9)).mean(axis=0)
    stderr = float(held.raw_score[0].std(ddof=1) / np.sqrt(len(HELD_OUT)))
    return Outcome(scenario.id, scenario.par, float(means[0]), stderr, float(means[1]), float(means[2]),
                   float(means[3]), on_report, time.perf_counter() - began, scorer.games, generations,
                   (steps, kept), gap, sequence, cap.mean(axis=0), spent)


def describe(scenario: Scenario, o: Outcome) -> list[str]:
    """The best game round by round: vision, actions, money (each category's share of what is
    spent; the share of the round's money spent and that money, means over the held-out
    seeds), each team's load, overtime, reviews, answers."""
    space = Space.of(scenario)
    events = [e.id for e in scenario.events]
    lines = []
    for r, (lead, manage) in enumerate(o.sequence.rounds):
        total = max(sum(manage.budget.values()), 1e-9)
        money = " ".join(f"{c[:4]}={manage.budget.get(c, 0.0) / total:.2f}" for c in space.categories)
        acts = ",".join(a.action + (f"@{a.team}" if a.team else "") for a in lead.actions) or "-"
        loads = " ".join(f"{t}={sum(manage.schedule[t].values()):.2f}" for t in space.teams)
        answers = " ".join(f"{e}:{a}" for e, a in zip(events, o.sequence.answers[r], strict=True))
        lines.append(f"  r{r + 1}: vision={lead.vision} actions={acts} | {money} "
                     f"(spends {o.spent[r]:.0%} of {o.available[r]:.0f}) | "
                     f"load {loads} | ot={manage.overtime:.2f} rev={int(manage.reviews)} | {answers}")
    return lines


def _number(value: float | None, width: int, signed: bool = False) -> str:
    if value is None:
        return f"{'-':>{width}}"
    return f"{value:>+{width}.2f}" if signed else f"{value:>{width}.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("scenarios", nargs="*", help="scenario ids or files (default: every shipped one)")
    parser.add_argument("--seconds", type=float, default=360.0, help="time budget per scenario (default 360)")
    parser.add_argument("--seed", type=int, default=0, help="the search's seed (default 0)")
    parser.add_argument("--show", action="store_true", help="print each best game round by round")
    parser.add_argument("--verify", type=int, default=3,
                        help="held-out seeds the best game is also played on through the session (default 3)")
    parser.add_argument("--save", metavar="FILE.jsonl",
                        help="write each best game as a policy line (`python -m game evaluate` reads them)")
    args = parser.parse_args(argv)
    names = args.scenarios or [p.stem for p in list_scenarios()]
    header = (f"{'scenario':<22}{'par':>7}{'best':>8}{'±se':>6}{'diff':>8}{'GA only':>9}{'balanced':>9}"
              f"{'hands-off':>10}{'@0..199':>9}{'seconds':>9}{'games':>10}{'gens':>6}{'climb':>9}{'|b-s|':>8}")
    outcomes = []
    for name in names:
        outcome = run(name, args.seconds, args.seed, args.verify)
        outcomes.append(outcome)
        print(_row(outcome), flush=True)
        if args.show:
            print("\n".join(describe(load_scenario(name), outcome)), flush=True)
        if args.save:
            line = from_sequence(load_scenario(name), outcome.sequence, f"independent-{outcome.scenario}")
            with open(args.save, "a", encoding="utf-8") as out:
                out.write(json.dumps(line) + "\n")
    print(f"\nbest, GA only, balanced, hands-off: means on seeds {HELD_OUT[0]}..{HELD_OUT[-1]}; "
          f"diff = best - par; @0..199: best on the report's seeds (par's); climb: moves kept/steps; "
          f"|b-s|: batch vs session on {args.verify} seeds. Search seed {args.seed}, "
          f"{args.seconds:.0f} s per scenario.")
    print(header)
    for outcome in outcomes:
        print(_row(outcome))
    return 0


def _row(o: Outcome) -> str:
    climb = f"{o.climb[1]}/{o.climb[0]}"
    return (f"{o.scenario:<22}{_number(o.par, 7)}{o.best:>8.2f}{o.stderr:>6.2f}"
            f"{_number(o.difference, 8, True)}"
            f"{o.before_climb:>9.2f}{o.balanced:>9.2f}{o.hands_off:>10.2f}{o.on_report_seeds:>9.2f}"
            f"{o.seconds:>9.1f}{o.games:>10}{o.generations:>6}{climb:>9}{o.session_gap:>8.1e}")


if __name__ == "__main__":
    sys.exit(main())

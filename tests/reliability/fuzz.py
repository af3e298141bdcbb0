"""A structure-aware fuzzer: mutants of the shipped scenarios, judged like a hostile user would.

Each mutant is a shipped scenario with one to three mutations (a key deleted, a value of
another type, a number at a valid or invalid extreme, `params:` at or past their ranges, a
list grown, a reference broken, a text edited). The oracle runs `validate` on it (load and
lint); an accepted mutant is then played by a scripted player, printed as `--json`, saved,
loaded and replayed. Anything but a clean refusal or a finite game is a failure:

- "traceback": an exception other than the one-line refusals (ScenarioError, SaveError);
- "hang": one mutant taking more than HANG_SECONDS;
- "non-finite": NaN or infinity in a metric, a score, or the JSON output;
- "replay": a replayed save that differs from the game played.

    python -m tests.reliability.fuzz --mutants 20000 --seed 1    # the slow run
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from game.analysis.strategies import make_strategy, play
from game.commands.common import finite
from game.commands.simulate import result_json
from game.model.ranges import PARAM_RANGES
from game.persistence import SaveError, load_save, replay_save, save_game
from game.rules.session import GameSession
from game.scenario import ScenarioError, load_scenario, scenarios_dir
from game.scenario.lint import lint

HANG_SECONDS = 10
DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
STRATEGIES = ("balanced", "random", "leader-only", "manager-only")
EXTREMES: list[Any] = [0, -1, 1, 0.5, 1e-300, -0.0, 2**63, -(2**63), 10**400, -(10**400), 1e308,
                       -1e308, 1e9, 1e6, 100, 101, 40, 41, 255, 999_999]
OTHER_TYPES: list[Any] = [None, True, False, "text", "", 0, 1.5, [], {}, [1, 2], {"x": 1},
                          "9" * 400, "no"]
TEXTS: list[str] = ["", " ", "Zoë", "\x00", "\x1b]0;owned\x07\x1b[2J", "x" * 121, "x" * 2001,
                    "x" * 20_000, "\u202e reversed", "line\nbreak", "tab\there", "'quoted'",
                    "{not: yaml}", "\ud7ff", "a" * 65]


class Hang(Exception):
    pass


@dataclass
class Tally:
    mutants: int = 0
    accepted: int = 0
    played: int = 0
    replayed: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[tuple[str, str]]] = field(default_factory=dict)   # kind -> (why, text)
    slowest: float = 0.0
    keep: Path | None = None       # write each failing mutant here as soon as it is found

    def fail(self, kind: str, why: str, text: str) -> None:
        self.failures[kind] += 1
        self.examples.setdefault(kind, [])
        if len(self.examples[kind]) < 5:
            self.examples[kind].append((why, text))
        if self.keep is not None:
            self.keep.mkdir(parents=True, exist_ok=True)
            (self.keep / f"{kind}-{self.failures[kind]}.yaml").write_text(
                f"# {why}\n{text}", encoding="utf-8")


def shipped() -> list[tuple[str, dict[str, Any]]]:
    return [(p.stem, yaml.safe_load(p.read_text(encoding="utf-8")))
            for p in sorted(scenarios_dir().glob("*.yaml"))]


# --- finding places in the data ---------------------------------------------------------------

def paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield prefix, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))


def get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def put(data: Any, path: tuple[Any, ...], value: Any) -> None:
    get(data, path[:-1])[path[-1]] = value


# --- mutations -----------------------------------------------------------------------------------

def delete_key(data: Any, rng: random.Random) -> str:
    keys = [p for p, _ in paths(data) if p and isinstance(p[-1], str)]
    path = rng.choice(keys)
    del get(data, path[:-1])[path[-1]]
    return f"delete {path}"


def change_type(data: Any, rng: random.Random) -> str:
    path = rng.choice([p for p, _ in paths(data) if p])
    value = copy.deepcopy(rng.choice(OTHER_TYPES))
    put(data, path, value)
    return f"type {path} = {str(value)[:20]}"


def extreme_number(data: Any, rng: random.Random) -> str:
    numbers = [p for p, v in paths(data) if p and isinstance(v, int | float) and not isinstance(v, bool)]
    if not numbers:
        return change_type(data, rng)
    path = rng.choice(numbers)
    old = get(data, path)
    scaled = [old * 10, old * 1000, -old, old + 1, old - 1,
              old // 1000 if isinstance(old, int) else old / 1000]   # 10**400 / 1000 overflows
    if isinstance(old, int) and abs(old) < 2**53:
        scaled += [float(old), float(old + 2)]   # 7.0 in a whole-number field (rounds: 7.0)
    value = rng.choice([*EXTREMES, *scaled])
    put(data, path, value)
    return f"number {path} = {value!r:.30}"


def params(data: Any, rng: random.Random) -> str:
    table = data.setdefault("params", {}) if isinstance(data, dict) else {}
    if not isinstance(table, dict):
        data["params"] = table = {}
    for _ in range(rng.randint(1, 6)):
        name = rng.choice(list(PARAM_RANGES))
        r = PARAM_RANGES[name]
        table[name] = rng.choice([r.low, r.high, (r.low + r.high) / 2, r.low - 1e-9, r.high * 2,
                                  -1e6, 1e308, r.high + 1, 0])
    if rng.random() < 0.2:
        table["not_a_param"] = 1
    return f"params {sorted(table)[:3]}"


def weights(data: Any, rng: random.Random) -> str:
    scoring = data.setdefault("scoring", {})
    if not isinstance(scoring, dict):
        return change_type(data, rng)
    scoring["weights"] = {m: rng.choice([0, 1, 1e-300, 1000, 1001, 1e308, -1])
                          for m in ("morale", "innovation", "delivery")}
    return f"weights {scoring['weights']}"


def grow_list(data: Any, rng: random.Random) -> str:
    lists = [p for p, v in paths(data) if p and isinstance(v, list) and v]
    if not lists:
        return change_type(data, rng)
    path = rng.choice(lists)
    items = get(data, path)
    times = rng.choice([2, 5, 13, 50, 200, 2000])
    grown = []
    for n in range(times * len(items)):
        item = copy.deepcopy(items[n % len(items)])
        if isinstance(item, dict) and isinstance(item.get("id"), str) and rng.random() < 0.8:
            item["id"] = f"{item['id']}-{n}"
        if isinstance(item, dict) and isinstance(item.get("label"), str):
            item["label"] = f"{item['label']} {n}"
        grown.append(item)
    put(data, path, grown)
    return f"grow {path} x{times}"


def break_reference(data: Any, rng: random.Random) -> str:
    refs = [p for p, v in paths(data) if p and p[-1] in ("vision", "project", "strategy", "beats")
            and (isinstance(v, str) or v is None)]
    if not refs:
        return change_type(data, rng)
    path = rng.choice(refs)
    put(data, path, rng.choice(["no-such-thing", "", "x" * 300, "UPPER", None]))
    return f"reference {path}"


def edit_text(data: Any, rng: random.Random) -> str:
    texts = [p for p, v in paths(data) if p and isinstance(v, str)]
    path = rng.choice(texts)
    old = get(data, path)
    new = rng.choice(TEXTS)
    value = rng.choice([new, old + new, new + old, old * rng.choice([2, 50, 500])])
    put(data, path, value)
    return f"text {path} ({len(value)} chars)"


def condition_bomb(data: Any, rng: random.Random) -> str:
    condition: Any = {"round": 1}
    for _ in range(rng.randint(2, 12)):
        condition = rng.choice([{"all": [condition, condition]}, {"any": [condition, {"not": condition}]},
                                {"not": condition}])
    events = data.get("debrief") if isinstance(data, dict) else None
    if not isinstance(events, list):
        data["debrief"] = events = []
    events.append({"when": condition, "text": "bomb"})
    return "condition bomb"


MUTATIONS = [delete_key, change_type, extreme_number, extreme_number, params, weights, grow_list,
             break_reference, edit_text, edit_text, condition_bomb]


def mutant(rng: random.Random, sources: list[tuple[str, dict[str, Any]]]) -> tuple[str, str]:
    name, data = rng.choice(sources)
    data = copy.deepcopy(data)
    done = [rng.choice(MUTATIONS)(data, rng) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
    try:
        text = yaml.dump(data, Dumper=DUMPER, sort_keys=False, allow_unicode=rng.random() < 0.5,
                         width=100)
    except (yaml.YAMLError, RecursionError, OverflowError):
        text = json.dumps(data)
    return f"{name}: {'; '.join(done)}", text


# --- the oracle ------------------------------------------------------------------------------------

def _alarm(signum: int, frame: object) -> None:
    raise Hang()


def judge(text: str, folder: Path, seed: int, tally: Tally, what: str = "") -> None:
    """Validate, then play, print, save and replay an accepted mutant; record any failure."""
    path = folder / "mutant.yaml"
    path.write_text(text, encoding="utf-8")
    tally.mutants += 1
    started = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        _judge(path, seed, tally, what, text)
    except Hang:
        tally.fail("hang", f"{what}: over {HANG_SECONDS} s", text)
    except Exception as exc:  # the point of the fuzzer: anything escaping is a finding
        tally.fail("traceback", f"{what}: {type(exc).__name__}: {str(exc)[:200]}", text)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        tally.slowest = max(tally.slowest, time.perf_counter() - started)


def _judge(path: Path, seed: int, tally: Tally, what: str, text: str) -> None:
    try:
        scenario = load_scenario(path)
    except ScenarioError as exc:
        assert exc.problems and all("\n" not in str(p) for p in exc.problems), "a bad problem"
        return
    lint(scenario)
    tally.accepted += 1
    strategy = STRATEGIES[seed % len(STRATEGIES)]
    session = play(GameSession(scenario, seed), make_strategy(strategy, seed))
    result = session.result()
    tally.played += 1
    numbers = [result.score, result.leader_share, *result.final.values()]
    numbers += [v for r in result.history for v in (r.score, *r.metrics.values())]
    if not all(math.isfinite(v) for v in numbers):
        tally.fail("non-finite", f"{what}: {strategy} seed {seed} scores {result.score}", text)
        return
    data = result_json(result)
    if finite(data) != data:
        tally.fail("non-finite", f"{what}: the JSON output holds NaN or infinity", text)
        return
    json.loads(json.dumps(data, allow_nan=False))
    if seed % 4 == 0:  # save and replay one accepted mutant in four: the slow part
        save = path.with_suffix(".json")
        try:
            save_game(save, session, player=strategy)
            again = replay_save(load_save(save), scenario)
        except SaveError as exc:
            tally.fail("traceback", f"{what}: save/replay refused: {exc}", text)
            return
        tally.replayed += 1
        if again.result().score != result.score:
            tally.fail("replay", f"{what}: the replay scored {again.result().score}", text)


def run(mutants: int, seed: int, report_every: int = 0, keep: Path | None = None) -> Tally:
    rng = random.Random(seed)
    sources = shipped()
    tally = Tally(keep=keep)
    with tempfile.TemporaryDirectory(prefix="sail-keel-fuzz-") as folder:
        for n in range(mutants):
            what, text = mutant(rng, sources)
            judge(text, Path(folder), rng.randrange(2**32), tally, f"mutant {n} ({what})")
            if report_every and (n + 1) % report_every == 0:
                print(f"{n + 1} mutants: {tally.accepted} accepted, {tally.replayed} replayed, "
                      f"slowest {tally.slowest:.2f} s, failures {dict(tally.failures)}",
                      file=sys.stderr, flush=True)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save-failures", metavar="DIR", type=Path)
    args = parser.parse_args()
    started = time.perf_counter()
    tally = run(args.mutants, args.seed, report_every=250, keep=args.save_failures)
    print(json.dumps({"mutants": tally.mutants, "accepted": tally.accepted, "played": tally.played,
                      "replayed": tally.replayed, "failures": dict(tally.failures),
                      "slowest_seconds": round(tally.slowest, 2),
                      "seconds": round(time.perf_counter() - started, 1)}, indent=2))
    for kind, examples in tally.examples.items():
        for why, _ in examples:
            print(f"{kind}: {why}", file=sys.stderr)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Fuzz figures for authoring: scenario mutants (with the story keys) and hostile policy files.

Part 1 mutates the shipped scenarios and tests/data/story/branches.yaml (which uses every
story key: `expect:`, `central:`, a team and a project waiting for a flag, a budget cut on
one category, people away) with the reliability fuzzer's mutations plus one that writes
the story keys with odd values. Each mutant goes through `validate` (load and lint); an
accepted one is played by a scripted player and printed as `simulate --json` would, its
expectations are checked for the scripted players, and one in four is saved and replayed.

Part 2 writes hostile policy files (a policy line of a scripted game, then mangled: keys
deleted, values of other types, extreme and non-finite numbers, unknown decisions and
events, deep nesting, long lines, bad bytes) and runs `evaluate` on each.

Both count tracebacks (any exception escaping the one-line refusals); the target is 0.

    python -m bench.fuzz_authoring --mutants 20000 --policies 2000 --seed 1   # from the checkout
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from game.analysis.searched import played
from game.cli import main as cli
from game.scenario import load_scenario
from game.search.policy import from_sequence
from game.story.expect import check_story
from tests.reliability import fuzz

ROOT = Path(__file__).resolve().parent.parent
BRANCHES = ROOT / "tests" / "data" / "story" / "branches.yaml"
ODD: list[Any] = [None, True, 0, -1, 1, 0.5, 1.5, 1e308, "x", "", "best", "best-free", "training",
                  "core", "no-such", {}, [], {"flag": "approved"}, {"flag": ""}, "9" * 300]


def story_keys(data: Any, rng: random.Random) -> str:
    """Write `expect:`, `central:`, `when: {flag}`, `category:` and `away:` with odd values."""
    if not isinstance(data, dict):
        return fuzz.change_type(data, rng)
    projects = [p for p in data.get("projects") or [] if isinstance(p, dict)] \
        if isinstance(data.get("projects"), list) else []
    events = [e for e in data.get("events") or [] if isinstance(e, dict)] \
        if isinstance(data.get("events"), list) else []
    pick = rng.randrange(5)
    if pick == 0:
        entry = rng.choice([
            {"event": rng.choice([e.get("id") for e in events] or ["x"]), "fires": rng.choice(ODD),
             "in": rng.choice(["balanced", "best", "random", *ODD])},
            {"project": rng.choice([p.get("id") for p in projects] or ["x"]),
             "state": rng.choice(["on_time", "abandoned", "never_started", *ODD]),
             "in": rng.choice(["manager-only", "best-fixed", *ODD]), "at_least": rng.choice(ODD)},
            rng.choice(ODD)])
        expect = data.get("expect")
        data["expect"] = (expect if isinstance(expect, list) else []) + [entry] * rng.choice([1, 1, 50])
        return "expect"
    if pick == 1 and projects:
        rng.choice(projects)["central"] = rng.choice([True, True, *ODD])
        return "central"
    if pick == 2:
        owners = projects + [t for t in ((data.get("organization") or {}).get("teams") or [])
                             if isinstance(t, dict)] if isinstance(data.get("organization"), dict) \
            else projects
        if owners:
            rng.choice(owners)["when"] = rng.choice([{"flag": "approved"}, {"flag": "nobody-sets"},
                                                     *ODD])
            return "when flag"
    effect: dict[str, Any] = rng.choice([
        {"budget": rng.choice([-30, -100, -1e9, 50, *ODD]), "category": rng.choice(ODD),
         "in": rng.choice([0, 1, 40, 41, -1]), "for": rng.choice([1, 3, 40, 0])},
        {"away": {"team": rng.choice(["core", "days", "nights", *ODD]),
                  "people": rng.choice([1, 2, 100, 101, 0, *ODD]),
                  "rounds": rng.choice([1, 2, 40, 41, 0, *ODD])}, "in": rng.choice([0, 2, 39])},
        {"away": rng.choice(ODD)}])
    if not events:
        return fuzz.change_type(data, rng)
    choices = rng.choice(events).get("choices")
    if isinstance(choices, list) and choices and isinstance(choices[0], dict):
        choices[rng.randrange(len(choices))]["effects"] = [effect]
    return f"effect {sorted(effect)}"


def _judge_with_expectations(path: Path, seed: int, tally: Any, what: str, text: str) -> None:
    _plain_judge(path, seed, tally, what, text)
    try:
        scenario = load_scenario(path)
    except Exception:   # refused: already judged (a refusal other than ScenarioError fails there)
        return
    later = [e for ev in scenario.events for c in ev.choices for e in c.later]
    used = {"expect": bool(scenario.expect), "central": any(p.central for p in scenario.projects),
            "team when flag": any(t.flag for t in scenario.organization.teams),
            "project when flag": any(p.flag for p in scenario.projects),
            "budget category": any(e.category for e in later),
            "away": any(e.away_rounds for e in later)}
    KEYS_PLAYED.update(k for k, v in used.items() if v)
    if scenario.expect:
        check_story(scenario, 2, effort=None)   # the scripted players' expectations


_plain_judge = fuzz._judge
KEYS_PLAYED: Counter[str] = Counter()   # accepted mutants using each story key


def scenario_mutants(count: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    sources = fuzz.shipped() + [("branches", yaml.safe_load(BRANCHES.read_text(encoding="utf-8")))]
    mutations = [*fuzz.MUTATIONS, story_keys, story_keys, story_keys]
    tally = fuzz.Tally()
    fuzz._judge = _judge_with_expectations   # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory(prefix="sail-keel-authoring-") as folder:
            for n in range(count):
                name, data = rng.choice(sources)
                data = copy.deepcopy(data)
                done = [rng.choice(mutations)(data, rng) for _ in range(rng.choice([1, 1, 2, 3]))]
                try:
                    text = yaml.dump(data, Dumper=fuzz.DUMPER, sort_keys=False, width=100)
                except (yaml.YAMLError, RecursionError, OverflowError):
                    text = json.dumps(data)
                fuzz.judge(text, Path(folder), rng.randrange(2**32), tally,
                           f"mutant {n} ({name}: {'; '.join(done)})")
    finally:
        fuzz._judge = _plain_judge   # type: ignore[assignment]
    return {"mutants": tally.mutants, "accepted": tally.accepted, "played": tally.played,
            "replayed": tally.replayed, "failures": dict(tally.failures),
            "accepted_with_story_keys": dict(KEYS_PLAYED),
            "examples": {k: [why for why, _ in v] for k, v in tally.examples.items()},
            "slowest_seconds": round(tally.slowest, 2)}


# --- hostile policy files ----------------------------------------------------------------------

def _mangle(policy: Any, rng: random.Random) -> Any:
    places = [p for p, _ in fuzz.paths(policy) if p]
    path = rng.choice(places)
    kind = rng.randrange(6)
    if kind == 0 and isinstance(path[-1], str):
        del fuzz.get(policy, path[:-1])[path[-1]]
    elif kind == 1:
        fuzz.put(policy, path, copy.deepcopy(rng.choice([*fuzz.OTHER_TYPES, *fuzz.EXTREMES])))
    elif kind == 2:
        fuzz.put(policy, path, rng.choice([float("nan"), float("inf"), -float("inf"), 10**400]))
    elif kind == 3:
        policy.setdefault("answers", {})[rng.choice(["vendor", "no-such", "", "x" * 70])] = \
            rng.choice([-1, 99, [0] * 50, None, "1", 1.5])
    elif kind == 4:
        rounds = policy.get("rounds")
        if isinstance(rounds, list) and rounds and isinstance(rounds[0], list):
            rounds[0].append(rng.choice([{"type": "Explode"}, {"type": "SetVision", "vision": 5},
                                         {"type": "AllocateBudget", "amounts": {"operations": -1e308}},
                                         {"type": "Schedule", "assignments": {"x": {"y": 2}}},
                                         {"type": "ChooseOption", "index": 0}, {}]))
    else:
        fuzz.put(policy, path, rng.choice(["[" * 5000 + "]" * 5000, {"a": [[[[[]]]]]}, "\x00\x1b["]))
    return policy


def _policy_text(base: dict[str, Any], rng: random.Random) -> bytes:
    policy = copy.deepcopy(base)
    for _ in range(rng.choice([1, 1, 2, 4])):
        policy = _mangle(policy, rng) if isinstance(policy, dict) and policy else {"x": 1}
    line = json.dumps(policy, allow_nan=True)
    raw = rng.randrange(10)
    if raw == 0:
        return b"\xff\xfe" + line.encode("utf-8")
    if raw == 1:
        return ("[" * 100_000).encode()
    if raw == 2:
        return ((line + "\n") * rng.choice([2, 300]) + "{\n").encode("utf-8")
    if raw == 3:
        return line.replace('"name"', '"name": 1, "name"', 1).encode()
    return (line + "\n").encode("utf-8")


def hostile_policies(count: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    targets = []
    for scenario_id in (str(BRANCHES), "the-ward-merger", "first-voyage"):
        scenario = load_scenario(scenario_id)
        bases = [from_sequence(scenario, played(scenario, name, 1)[1], name)
                 for name in ("balanced", "random")]
        targets.append((scenario_id, bases))
    counts: Counter[str] = Counter()
    examples: list[str] = []
    with tempfile.TemporaryDirectory(prefix="sail-keel-policies-") as folder:
        path = Path(folder) / "policies.jsonl"
        for n in range(count):
            scenario_id, bases = rng.choice(targets)
            path.write_bytes(_policy_text(rng.choice(bases), rng))
            out, err = io.StringIO(), io.StringIO()
            try:
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    code = cli(["evaluate", scenario_id, "--policies", str(path), "--seeds", "2",
                                *(["--json"] if n % 2 else [])])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
            except Exception as exc:  # noqa: BLE001 - the figure this counts
                counts["traceback"] += 1
                if len(examples) < 5:
                    examples.append(f"policy {n}: {type(exc).__name__}: {str(exc)[:200]}")
                continue
            counts["refused" if code else "scored"] += 1
            message = err.getvalue().strip()
            if code and ("Traceback" in message or "\n" in message):
                counts["refusal not one line"] += 1
    return {"policy_files": count, **dict(counts), "examples": examples}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=2000)
    parser.add_argument("--policies", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    scenarios = scenario_mutants(args.mutants, args.seed)
    middle = time.perf_counter()
    policies = hostile_policies(args.policies, args.seed)
    print(json.dumps({"scenarios": {**scenarios, "seconds": round(middle - started, 1)},
                      "policies": {**policies, "seconds": round(time.perf_counter() - middle, 1)}},
                     indent=2))
    failed = scenarios["failures"] or policies.get("traceback") or policies.get("refusal not one line")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""The structure-aware fuzzer (tests/reliability/fuzz.py): a fixed-seed sample on every run,
20 000 mutants with `pytest -m slow`, and each failure it ever found kept as a named file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability import fuzz

REGRESSIONS = sorted((Path(__file__).resolve().parents[1] / "data" / "reliability").glob("*.yaml"))
SAMPLE = 400          # about 30 s on a quiet machine
SLOW_RUN = 20_000


def verdict(tally: fuzz.Tally) -> str:
    lines = [f"{kind}: {why}" for kind, examples in tally.examples.items() for why, _ in examples]
    return "\n".join(lines)


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.stem for p in REGRESSIONS])
def test_each_failure_the_fuzzer_found_stays_fixed(path: Path, tmp_path: Path) -> None:
    tally = fuzz.Tally()
    for seed in range(4):   # each scripted player, and one save/replay
        fuzz.judge(path.read_text(encoding="utf-8"), tmp_path, seed, tally, path.name)
    assert not tally.failures, verdict(tally)


def test_a_fixed_sample_of_mutants() -> None:
    tally = fuzz.run(SAMPLE, seed=20_251_128)
    assert tally.mutants == SAMPLE and tally.accepted > 0 and tally.replayed > 0
    assert not tally.failures, verdict(tally)


@pytest.mark.slow
def test_20_000_mutants() -> None:
    tally = fuzz.run(SLOW_RUN, seed=1)
    assert tally.mutants == SLOW_RUN
    assert not tally.failures, verdict(tally)

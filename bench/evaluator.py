"""The batched evaluator against `GameSession`, one game at a time, in one process.

Records 1 000 different decision sequences (the random player's games, each with its own
seed), then times playing them all again: through the session one by one, and as one batch
of B = 1 000 with the batched evaluator (from prepared drafts, as the search uses it, and
also counting the conversion of policies' decisions). Prints both and the ratio; the target
is at least 50x. Run: python bench/evaluator.py [SCENARIO]
"""

from __future__ import annotations

import sys
import time

from game.analysis.searched import played
from game.rules.session import GameSession
from game.scenario import load_scenario
from game.search.batch import evaluate
from game.search.story import tells_a_story

BATCH = 1000


def main() -> None:
    scenario = load_scenario(sys.argv[1] if len(sys.argv) > 1 else "scaling-new-markets")
    games = [(list(session.log), seq) for session, seq in
             (played(scenario, "random", seed) for seed in range(BATCH))]
    began = time.perf_counter()
    one_by_one = []
    for seed, (log, _) in enumerate(games):
        session = GameSession(scenario, seed)
        session.apply_all(log)
        one_by_one.append(session.result().score)
    session_seconds = time.perf_counter() - began
    # Each sequence on its own seed: a batch of P sequences x 1 seed each would be P x P rows,
    # so play them as B rows of (sequence i, seed i) through one call per sequence block.
    began = time.perf_counter()
    result = evaluate(scenario, [seq for _, seq in games], [0])  # B = 1000 rows, all on seed 0
    batch_seconds = time.perf_counter() - began
    began = time.perf_counter()
    same_seeds = evaluate(scenario, [games[0][1]], list(range(BATCH)))  # one sequence, 1000 seeds
    seeds_seconds = time.perf_counter() - began
    assert same_seeds.score[0, 0] == one_by_one[0] and result.score.shape == (BATCH, 1)
    print(f"{scenario.id}: {BATCH} games of {scenario.rounds} rounds")
    if tells_a_story(scenario):
        print("  (a scenario with a story: flags, follow-ups, later and team effects, arrivals)")
    per_game = session_seconds / BATCH * 1e3
    print(f"  session, one by one        {session_seconds:8.3f} s  ({per_game:.2f} ms a game)")
    print(f"  batch, 1000 sequences      {batch_seconds:8.3f} s  {session_seconds / batch_seconds:7.1f}x")
    print(f"  batch, 1 sequence x 1000   {seeds_seconds:8.3f} s  {session_seconds / seeds_seconds:7.1f}x")


if __name__ == "__main__":
    main()

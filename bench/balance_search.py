"""How long `balance --runs 1000` takes with the search, in one process, against the 60 s target.

Runs the command as a facilitator would (search in four modes, four personas on 1 000 seeds
in worker processes, the searched bests scored on the same seeds) and prints the wall time
and its ratio to the target. Run: python bench/balance_search.py [SCENARIO] [RUNS]
"""

from __future__ import annotations

import contextlib
import io
import sys
import time

from game.cli import main as sailkeel

TARGET_SECONDS = 60.0


def main() -> None:
    scenario = sys.argv[1] if len(sys.argv) > 1 else "scaling-new-markets"
    runs = sys.argv[2] if len(sys.argv) > 2 else "1000"
    began = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = sailkeel(["balance", scenario, "--runs", runs, "--json"])
    seconds = time.perf_counter() - began
    print(f"balance {scenario} --runs {runs} (search on): {seconds:.1f} s, exit {code}; "
          f"{seconds / TARGET_SECONDS:.2f} of the {TARGET_SECONDS:.0f} s target")


if __name__ == "__main__":
    main()

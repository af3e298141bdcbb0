"""A fixed-seed sample of bench/fuzz_authoring.py on every run: scenario mutants that write the
story keys (expect, central, when flag, budget category, away) with odd values, and hostile
policy files through evaluate. No traceback, no refusal longer than one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def test_a_sample_of_the_authoring_fuzz_finds_nothing() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "bench.fuzz_authoring", "--mutants", "150",
                           "--policies", "40", "--seed", "5"], cwd=REPO, env=env,
                          capture_output=True, text=True, check=False, timeout=600)
    figures = json.loads(done.stdout)
    assert done.returncode == 0, figures
    assert figures["scenarios"]["mutants"] == 150 and figures["scenarios"]["failures"] == {}
    assert figures["scenarios"]["accepted"] > 0 and figures["scenarios"]["accepted_with_story_keys"]
    assert figures["policies"]["policy_files"] == 40 and "traceback" not in figures["policies"]

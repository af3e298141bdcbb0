"""`play --autoplay X --rounds N` stops on round N's report, its screenshot taken (before, a
demo's screenshots could only be had by playing the whole game)."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.conftest import run_cli


def test_autoplay_stops_after_the_rounds_asked(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    done = run_cli("play", "first-voyage", "--autoplay", "balanced", "--rounds", "1",
                   "--screenshots", str(shots), timeout=120, home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("stopped after round 1, as asked (--rounds); the game is not "
                                   "finished, so it is not saved")
    names = sorted(p.name for p in shots.glob("*.png"))
    assert names[-1].endswith("-report.png") and not any("event" in n for n in names)
    assert not (tmp_path / "home" / "saves").exists() or \
        not list((tmp_path / "home" / "saves").glob("*.json"))


def test_the_last_round_s_report_is_saved_when_it_is_not_the_first(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    done = run_cli("play", "first-voyage", "--autoplay", "balanced", "--rounds", "2",
                   "--screenshots", str(shots), timeout=180, home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in shots.glob("*.png"))
    assert any(n.endswith("-report.png") for n in names)          # round 1's
    assert names[-1].endswith("-report-round-2.png"), names       # and the one asked for


def test_rounds_without_autoplay_or_out_of_range_is_one_line(tmp_path: Path) -> None:
    alone = run_cli("play", "--rounds", "2", timeout=60, home=tmp_path)
    assert alone.returncode == 2 and alone.stderr.strip() == \
        "play: --rounds goes with --autoplay (a person plays to the end)"
    zero = run_cli("play", "--autoplay", "balanced", "--rounds", "0", timeout=60, home=tmp_path)
    assert zero.returncode == 2 and "--rounds must be from 1 to 1000, not 0" in zero.stderr

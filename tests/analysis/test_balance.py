"""The balance tool and the greedy player."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from game.analysis.balance import balance
from game.analysis.strategies import STRATEGIES, make_strategy, play
from game.cli import main
from game.commands.balance import with_par
from game.rules.session import GameSession
from game.scenario import load_scenario
from game.scenario.types import KNOWN_STRATEGIES


def test_greedy_is_a_known_strategy() -> None:
    assert "greedy" in STRATEGIES and "greedy" in KNOWN_STRATEGIES


def test_greedy_plays_at_least_as_well_as_balanced() -> None:
    scenario = load_scenario("first-voyage")
    seeds = range(3)
    greedy = [play(GameSession(scenario, s), make_strategy("greedy", s)).result().score for s in seeds]
    balanced = [play(GameSession(scenario, s), make_strategy("balanced", s)).result().score for s in seeds]
    assert np.mean(greedy) >= np.mean(balanced)


def test_fork_is_independent_and_same_seed_replays_alike() -> None:
    session = GameSession(load_scenario("first-voyage"), 4)
    fork = session.fork(9)
    play(fork, make_strategy("balanced"))
    assert session.round == 1 and not session.history
    assert play(session.fork(9), make_strategy("balanced")).result().score == fork.result().score


def test_workers_do_not_change_the_numbers() -> None:
    scenario = load_scenario("first-voyage")
    names = ["balanced", "manager-only", "leader-only", "random"]
    one = balance(scenario, 4, strategies=names, jobs=1).as_dict()
    two = balance(scenario, 4, strategies=names, jobs=2).as_dict()
    assert one == two


def test_json_plot_and_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    png = tmp_path / "chart.png"
    code = main(["balance", "first-voyage", "--runs", "3", "--greedy-runs", "1", "--jobs", "1",
                 "--no-search", "--json", "--plot", str(png)])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["ok"] is True
    assert set(report["strategies"]) == set(STRATEGIES)
    assert report["strategies"]["greedy"]["runs"] == 1 and report["strategies"]["balanced"]["runs"] == 3
    assert report["par"] == round(report["strategies"]["greedy"]["score"]["mean"], 1)
    assert report["ratios"]["balanced/manager-only"] > 1.1
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_failing_claim_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = Path(load_scenario("first-voyage").source)
    text = source.read_text(encoding="utf-8")
    text = text.replace("beats: leader-only, by: 0.05", "beats: leader-only, by: 3")
    path = tmp_path / "boastful.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["balance", str(path), "--runs", "2", "--jobs", "1", "--search-effort", "0.1"]) == 1
    assert "FAILS" in capsys.readouterr().out


def test_write_par_changes_only_the_par_line(tmp_path: Path) -> None:
    path = tmp_path / "first-voyage.yaml"
    shutil.copy(load_scenario("first-voyage").source, path)
    before = path.read_text(encoding="utf-8")
    assert main(["balance", str(path), "--runs", "2", "--jobs", "1", "--no-search", "--greedy-runs", "1",
                 "--write-par"]) == 0
    after = path.read_text(encoding="utf-8")
    par_lines = [line for line in after.splitlines() if line.startswith("par:")]
    assert len(par_lines) == 1
    assert [x for x in before.splitlines() if not x.startswith("par:")] == \
        [x for x in after.splitlines() if not x.startswith("par:")]
    assert load_scenario(path).par == float(par_lines[0].split()[1])


def test_with_par_adds_a_line_or_keeps_a_comment() -> None:
    assert with_par("id: x\nminutes: 5\nrounds: 2\n", 61.25) == "id: x\nminutes: 5\npar: 61.2\nrounds: 2\n"
    assert with_par("par: null  # set by balance\nid: x\n", 70) == "par: 70.0  # set by balance\nid: x\n"
    assert with_par("id: x", 1) == "id: x\npar: 1.0\n"


def test_the_search_report_shows_the_searched_extremes(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    png = tmp_path / "chart.png"
    code = main(["balance", "first-voyage", "--runs", "20", "--jobs", "1", "--search-effort", "0.25",
                 "--json", "--plot", str(png)])
    report = json.loads(capsys.readouterr().out)
    names = {"balanced", "manager-only", "leader-only", "random", "best-free", "best-fixed",
             "best-manager-only", "best-leader-only", "hands-off"}
    assert set(report["strategies"]) == names
    score = {n: s["score"]["mean"] for n, s in report["strategies"].items()}
    assert report["par"] == round(score["best-free"], 1)
    # claims are checked against the searched extremes, and the ratios are the same numbers
    for claim in report["claims"]:
        mine, theirs = claim["checked"]
        assert claim["margin"] == pytest.approx(score[mine] / score[theirs] - 1, abs=1e-4)
    assert report["best_ratios"]["best-free/best-manager-only"] == pytest.approx(
        score["best-free"] / score["best-manager-only"], abs=1e-4)
    # every searched best is a policy line that `evaluate` replays to the same scores
    policy = report["searched"]["modes"]["best-leader-only"]["policy"]
    path = tmp_path / "best.jsonl"
    path.write_text(json.dumps(policy) + "\n", encoding="utf-8")
    assert main(["evaluate", "first-voyage", "--policies", str(path), "--seeds", "20", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)["policies"][0]["score"]["mean"]
    assert again == pytest.approx(score["best-leader-only"], abs=1e-3)
    assert code in (0, 1) and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

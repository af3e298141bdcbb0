"""`validate` and `schema` on the command line: output, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from game.cli import main
from game.scenario.schema import scenario_schema

REPO = Path(__file__).resolve().parent.parent.parent
DATA = REPO / "tests" / "data"
GOOD, BAD = DATA / "good", DATA / "bad"
BAD_FILES = sorted(BAD.iterdir())


def test_good_files_print_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(GOOD / "full-example.yaml"), str(GOOD / "minimal.yaml")]) == 0
    printed = capsys.readouterr().out.splitlines()
    # Lint advice (`file:line:column: warning: ...`) may follow a good file; it does not fail it.
    assert all(": warning: " in line for line in printed if not line.startswith("ok  "))
    assert [line for line in printed if line.startswith("ok  ")] == [
        f"ok  {GOOD / 'full-example.yaml'}  (Scaling into new markets, 8 rounds)",
        f"ok  {GOOD / 'minimal.yaml'}  (Minimal, 4 rounds)",
    ]


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.name for p in BAD_FILES])
def test_bad_files_exit_1_with_located_lines(path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines and all(line.startswith(f"{path}:") for line in lines)
    line, column = lines[0][len(str(path)) + 1 :].split(":")[:2]
    assert int(line) >= 1 and int(column) >= 1
    assert "Traceback" not in out.out + out.err


def test_one_bad_file_fails_the_run_but_all_are_reported(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(GOOD / "minimal.yaml"), str(BAD / "wrong-type.yaml")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("ok  ") and "wrong-type.yaml:5:9: rounds:" in out


def test_unexpanded_glob_and_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(GOOD / "*.yaml")]) == 0
    assert capsys.readouterr().out.count("ok  ") == 2
    assert main(["validate", "no-such-scenario-id"]) == 1
    assert capsys.readouterr().out.startswith("no-such-scenario-id: no such scenario file or id")


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", "--json", str(GOOD / "minimal.yaml"), str(BAD / "three-errors.yaml")])
    assert code == 1
    good, bad = json.loads(capsys.readouterr().out)
    assert good == {"file": str(GOOD / "minimal.yaml"), "ok": True, "problems": [], "warnings": []}
    assert bad["ok"] is False and len(bad["problems"]) == 3
    assert bad["problems"][0] == {"file": str(BAD / "three-errors.yaml"), "line": 6, "column": 13,
                                  "message": bad["problems"][0]["message"]}


def test_strict_calls_the_lint_hook(monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    import game.commands.validate as validate
    from game.scenario import Problem

    assert main(["validate", "--strict", str(GOOD / "minimal.yaml")]) == 0
    capsys.readouterr()
    monkeypatch.setattr(validate, "lint", lambda s: [Problem(s.source, 1, 1, "a warning")])
    assert main(["validate", "--strict", str(GOOD / "minimal.yaml")]) == 1
    assert capsys.readouterr().out == f"{GOOD / 'minimal.yaml'}:1:1: a warning\n"
    assert main(["validate", str(GOOD / "minimal.yaml")]) == 0  # not strict: warnings do not fail


def test_schema_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    Draft202012Validator.check_schema(printed)
    assert printed == json.loads(json.dumps(scenario_schema()))
    target = tmp_path / "scenario.schema.json"
    assert main(["schema", "--output", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == printed
    assert main(["schema", "--output", str(tmp_path / "no" / "dir.json")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_subprocess_run_has_no_traceback() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    files = [str(p) for p in BAD_FILES] + [str(GOOD / "minimal.yaml")]
    done = subprocess.run([sys.executable, "-m", "game", "validate", *files], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr and done.stderr == ""
    assert f"{BAD / 'python-tag.yaml'}:6:6: YAML tag" in done.stdout
    assert f"ok  {GOOD / 'minimal.yaml'}" in done.stdout


def test_big_missing_and_directory_inputs_exit_1(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"id: big\n" + b"# padding padding padding padding\n" * (5 * 1024 * 32))
    for target in (big, tmp_path / "missing.yaml", tmp_path):
        assert main(["validate", str(target)]) == 1
        out = capsys.readouterr()
        assert out.out.startswith(f"{target}: ") and out.out.count("\n") == 1
        assert out.err == ""

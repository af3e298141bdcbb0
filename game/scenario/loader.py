"""Find, read and check scenario files; the one way the game gets a `Scenario`.

Anything wrong comes back as a `ScenarioError` listing every problem found, each as
`file:line:column: message`; nothing else escapes (no tracebacks for bad files).
"""

from __future__ import annotations

from pathlib import Path

from game.resources import data_folder
from game.safeio import NotAFile, read_regular
from game.scenario.build import build_scenario
from game.scenario.checks import schema_problems
from game.scenario.crossrefs import cross_problems
from game.scenario.limits import limit_problems
from game.scenario.problems import Problem, ScenarioError
from game.scenario.schema import scenario_schema
from game.scenario.types import Scenario
from game.scenario.yamltree import parse_tree

DEFAULT_SCENARIO_ID = "scaling-new-markets"
MAX_BYTES = 1024 * 1024  # checked before reading: parsing big YAML is slow and hungry
SUFFIXES = (".yaml", ".yml")
MAX_ID_CHARS = 64  # game.scenario.limits.MAX_ID: ids name files


def scenarios_dir() -> Path:
    """The shipped scenarios: `game/scenarios/` in an installed wheel, else the checkout's `scenarios/`."""
    return data_folder("scenarios")


def list_scenarios(folder: str | Path | None = None) -> list[Path]:
    """The scenario files in `folder` (default: `scenarios_dir()`), sorted by name."""
    root = Path(folder) if folder is not None else scenarios_dir()
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.suffix in SUFFIXES and p.is_file())


def _looks_like_path(text: str) -> bool:
    return "/" in text or "\\" in text or text.endswith(SUFFIXES) or text.startswith(".")


def resolve_scenario(path_or_id: str | Path) -> Path:
    """The file for a path, or for an id (`scenarios/<id>.yaml`); a bad id is an error."""
    if isinstance(path_or_id, str) and not path_or_id.strip():
        raise ScenarioError([Problem("''", 0, 0, "no scenario given (an id from scenarios/ or a path)")])
    if isinstance(path_or_id, Path) or _looks_like_path(path_or_id):
        return Path(path_or_id)
    if len(path_or_id) > MAX_ID_CHARS:  # no such file; asking the file system would fail
        raise ScenarioError([Problem(path_or_id[:60] + "...", 0, 0, "no such scenario file or id "
                                     f"(an id is at most {MAX_ID_CHARS} characters)")])
    candidate = scenarios_dir() / f"{path_or_id}.yaml"
    try:
        if candidate.is_file() or Path(path_or_id).exists():
            return candidate if candidate.is_file() else Path(path_or_id)
    except (OSError, ValueError):
        pass
    ids = [p.stem for p in list_scenarios()]
    listed = f"available: {', '.join(ids)}" if ids else "no scenarios are installed"
    raise ScenarioError([Problem(str(path_or_id), 0, 0,
                                 f"no such scenario file or id ({listed})")])


def _file_problem(path: Path, message: str) -> ScenarioError:
    return ScenarioError([Problem(str(path), 0, 0, message)])


def read_text(path: Path) -> str:
    """The file's text, after checking it exists, is a regular file, is small and is UTF-8."""
    try:
        data = read_regular(path, MAX_BYTES)
    except NotAFile as exc:
        raise _file_problem(path, str(exc)) from None
    if len(data) > MAX_BYTES:
        try:
            size = f"{path.stat().st_size / MAX_BYTES:.1f} MiB"
        except OSError:
            size = "over 1 MiB"
        raise _file_problem(path, f"the file is {size}; scenario files may be at most 1 MiB")
    return decode(data, str(path))


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (a leading byte order mark is allowed), or a located error."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        hint = _encoding_hint(data, exc.start)
        message = f"expected UTF-8 text, found byte 0x{data[exc.start]:02x}; {hint}"
        raise ScenarioError([Problem(source, line, column, message)]) from None


def _encoding_hint(data: bytes, index: int) -> str:
    """What the bad byte most likely means, and what to do about it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "the file is UTF-16 text: save it as UTF-8"
    if b"\x00" in data[:8192]:
        return "is it a binary file?"
    try:
        char = data[index:index + 1].decode("cp1252")
    except UnicodeDecodeError:
        return "save the file as UTF-8"
    return f"the file looks Windows-1252 encoded ({char!r} there): save it as UTF-8"


def check_text(text: str, source: str) -> tuple[Scenario | None, list[Problem]]:
    """Parse and check scenario text: the Scenario (when there are no problems) and problems."""
    tree, problems = parse_tree(text, source)
    if tree is None:
        return None, sorted(problems)
    if tree.data is None:
        what = "only comments" if text.strip() else "nothing"
        message = f"the file is empty (it holds {what}); expected a scenario mapping"
        return None, [*problems, Problem(source, 1, 1, message + " (id: ..., title: ...)")]
    if not isinstance(tree.data, dict):
        shown = repr(tree.data) if len(repr(tree.data)) <= 60 else repr(tree.data)[:57] + "..."
        found = "a list" if isinstance(tree.data, list) else f"the value {shown}"
        line, column = tree.place(())
        message = f"expected a mapping of scenario keys (id:, title:, ...), found {found}"
        return None, [*problems, Problem(source, line, column, message)]
    over = limit_problems(tree, source)
    if over:  # the slower checks could take long on a file this big
        return None, sorted({*problems, *over})
    problems += schema_problems(tree, source, scenario_schema())
    problems += cross_problems(tree, source)
    if problems:
        return None, sorted(set(problems))
    return build_scenario(tree.data, source, tree.place), []


def load_scenario_text(text: str, source: str) -> Scenario:
    """The Scenario in `text` (`source` names it in messages); ScenarioError if it has problems."""
    scenario, problems = check_text(text, source)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario


def load_scenario(path_or_id: str | Path) -> Scenario:
    """The Scenario in a file, or in `scenarios/<id>.yaml`; ScenarioError if anything's wrong."""
    path = resolve_scenario(path_or_id)
    return load_scenario_text(read_text(path), str(path))

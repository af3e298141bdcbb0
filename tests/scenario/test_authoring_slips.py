"""The slips a person makes writing YAML by hand: one plain line each, at the place to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import ScenarioError, load_scenario

MINIMAL = (Path(__file__).resolve().parent.parent / "data" / "good" / "minimal.yaml").read_text()

# (what the author did, the file's bytes, line, column, words the message must contain)
SLIPS = [
    ("a tab indents a key", MINIMAL.replace("  teams:", "\tteams:"), 7, 1, "a tab character"),
    ("a key without its colon", MINIMAL.replace("rounds: 4", "rounds 4"), 5, 1,
     "no ':' after the key"),
    ("a quote never closed", MINIMAL.replace("title: Minimal", 'title: "Minimal'), 3, 8,
     "the quote that opens here is never closed"),
    ("': ' inside {...}", MINIMAL.replace("title: Ship it", "title: Ship: it"), 13, 27,
     "quote text that holds ': '"),
    ("a '{' never closed", MINIMAL.replace("size: 5}", "size: 5"), 8, 7,
     "the '{' that opens here is never closed"),
    ("a list item out of line", MINIMAL.replace(
        "ambition: 0.3}\n", "ambition: 0.3}\n   - {id: bold, title: Bold, ambition: 0.8}\n"), 12, 4,
     "does not line up with the list or mapping above it, which starts at line 11"),
]


@pytest.mark.parametrize(("what", "text", "line", "column", "words"), SLIPS, ids=[s[0] for s in SLIPS])
def test_a_slip_is_one_plain_line_at_its_place(tmp_path: Path, what: str, text: str, line: int,
                                               column: int, words: str) -> None:
    path = tmp_path / "slip.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    first = caught.value.problems[0]
    assert (first.line, first.column) == (line, column), str(first)
    assert words in first.message
    assert "\n" not in str(caught.value) and "while scanning" not in first.message


def test_a_windows_1252_curly_quote_says_what_the_encoding_is(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.yaml"
    path.write_bytes(MINIMAL.replace("Minimal\n", "\u201cMinimal\u201d\n").encode("cp1252"))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    first = caught.value.problems[0]
    assert (first.line, first.column) == (3, 8)
    assert "Windows-1252" in first.message and "save it as UTF-8" in first.message
    assert "binary" not in first.message


def test_utf16_is_named(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes(MINIMAL.encode("utf-16"))
    with pytest.raises(ScenarioError, match="UTF-16 text: save it as UTF-8"):
        load_scenario(path)


def test_a_byte_order_mark_and_windows_line_ends_load(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode("utf-8"))
    assert load_scenario(path).title == "Minimal"


def test_a_file_of_prose_is_named_briefly(tmp_path: Path) -> None:
    path = tmp_path / "notes.yaml"
    path.write_text("A long paragraph of notes that somebody saved with the wrong name " * 20)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert len(caught.value.problems[0].message) < 160


def test_an_empty_scenario_name_is_not_the_current_folder() -> None:
    with pytest.raises(ScenarioError, match="no scenario given"):
        load_scenario("")

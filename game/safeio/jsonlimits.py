"""JSON from outside (policies, saves, room messages) with limits on nesting and on digits.

`json.loads` recurses once per level, so a line of 100 000 `[` raises RecursionError, and
an integer of 5 000 digits raises ValueError (Python refuses to convert more than 4 300);
neither is a `JSONDecodeError`, so both once escaped as tracebacks. `loads_limited` refuses
them first, with the line and column of the place:

    try:
        data = loads_limited(text)
    except JsonRefused as exc:
        print(f"{source}:{exc}")        # 'policies.jsonl:1:65: nested more than 64 levels deep'

Standard library only, so that any room may use it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

MAX_DEPTH = 64      # a save or a policy nests five or six levels
MAX_DIGITS = 100    # a seed has at most 20 digits; Python refuses integers over 4 300

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_INNERMOST = re.compile(r"\[[^\[\]{}]*\]|\{[^\[\]{}]*\}")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_OPENERS = "[{"
_CLOSERS = "]}"


class JsonRefused(ValueError):
    """Text that is not JSON within the limits; `str()` is 'line:column: reason' (one line)."""

    def __init__(self, reason: str, line: int, column: int) -> None:
        super().__init__(f"{line}:{column}: {reason}")
        self.reason = reason
        self.line = line
        self.column = column


def _place(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _may_be_too_deep(bare: str, max_depth: int) -> bool:
    """False when brackets (strings already removed) surely nest at most `max_depth` levels.

    Each pass removes the innermost pairs in C; a balanced text nested `d` deep holds no
    bracket after `d` passes, so this stops after `max_depth` passes, whatever the length.
    Brackets left over (too deep, or never closed) need the exact count of `_deep_place`."""
    for _ in range(max_depth):
        bare, count = _INNERMOST.subn("", bare)
        if not count:
            break
    return any(c in bare for c in _OPENERS)


def _deep_place(text: str, max_depth: int) -> int | None:
    """The index of the first bracket that opens level `max_depth + 1` (only called on refusal)."""
    depth, in_string, escaped = 0, False, False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in _OPENERS:
            depth += 1
            if depth > max_depth:
                return index
        elif char in _CLOSERS:
            depth -= 1
    return None


def _long_number(text: str, max_digits: int) -> int | None:
    """The index of the first number (outside strings) with more than `max_digits` digits."""
    if not re.search(rf"\d{{{max_digits + 1}}}", text):
        return None
    for match in _NUMBER.finditer(_STRING.sub(lambda m: "x" * len(m.group()), text)):
        if sum(c.isdigit() for c in match.group()) > max_digits:
            return match.start()
    return None


def check_limits(text: str, *, max_depth: int = MAX_DEPTH, max_digits: int = MAX_DIGITS) -> None:
    """JsonRefused if `text` nests deeper than `max_depth` or holds a number that is too long."""
    if text.count("[") + text.count("{") > max_depth and \
            _may_be_too_deep(_STRING.sub("", text), max_depth):
        deep = _deep_place(text, max_depth)
        if deep is not None:
            line, column = _place(text, deep)
            raise JsonRefused(f"nested more than {max_depth} levels deep", line, column)
    index = _long_number(text, max_digits)
    if index is not None:
        line, column = _place(text, index)
        raise JsonRefused(f"a number of more than {max_digits} digits", line, column)


def loads_limited(text: str | bytes, *, max_depth: int = MAX_DEPTH, max_digits: int = MAX_DIGITS,
                  parse_constant: Callable[[str], Any] | None = None,
                  object_pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None) -> Any:
    """`json.loads` within the limits; JsonRefused (with line and column) for anything else.

    A ValueError raised by a hook passes through unchanged (the caller knows its words)."""
    if isinstance(text, bytes | bytearray):
        raw = bytes(text)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            before = raw[: exc.start].decode("utf-8", "replace")
            raise JsonRefused(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                              *_place(before, len(before))) from None
    check_limits(text, max_depth=max_depth, max_digits=max_digits)
    try:
        return json.loads(text, parse_constant=parse_constant, object_pairs_hook=object_pairs_hook)
    except json.JSONDecodeError as exc:
        raise JsonRefused(f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:  # cannot happen within MAX_DEPTH; kept as a last guard
        raise JsonRefused("nested too deeply", 1, 1) from None

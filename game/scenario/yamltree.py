"""Read a scenario file's YAML into plain data, remembering where every key and value sits.

This is stricter than `yaml.safe_load`, and on purpose:
- only plain values (text, numbers, booleans, null, lists, mappings); any YAML tag other
  than `!!str` is refused, so nothing can construct a Python object;
- anchors and aliases are refused (an alias "bomb" expands to billions of values);
- a key written twice is reported instead of the last one silently winning;
- YAML 1.1 booleans (`yes`, `no`, `on`, `off`) are remembered so that a type error on them
  can say "quote it";
- dates stay text, and numbers must be finite.
Events come from the LibYAML-backed parser when present, else the pure-Python one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.reader import ReaderError
from yaml.resolver import Resolver

from game.scenario.problems import Problem

DataPath = tuple[str | int, ...]
Place = tuple[int, int]  # (line, column), both 1-based

MAX_DEPTH = 64
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_YAML12_BOOLEANS = ("true", "false")


@dataclass
class Tree:
    """Plain data from a YAML document, with the place of each value and each key."""

    data: Any = None
    values: dict[DataPath, Place] = field(default_factory=dict)  # where each value starts
    keys: dict[DataPath, Place] = field(default_factory=dict)  # where the key naming it sits
    yaml11_booleans: dict[DataPath, str] = field(default_factory=dict)  # path -> 'no', 'on'...
    numbers: dict[DataPath, str] = field(default_factory=dict)  # path -> the number as written
    split_text: dict[DataPath, str] = field(default_factory=dict)  # text after a ',' in {...}

    def place(self, path: DataPath) -> Place:
        """Where the value at `path` starts, or its nearest enclosing value."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))


def where(path: DataPath) -> str:
    """`projects[2].scope` for the path ('projects', 2, 'scope'); '' for the top level."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _Refused(Exception):
    """Stop composing: the document cannot be turned into plain data."""


def _place(event: yaml.Event) -> Place:
    mark = event.start_mark
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)


def _kind(event: yaml.Event) -> str:
    if isinstance(event, yaml.MappingStartEvent):
        return "a mapping"
    if isinstance(event, yaml.SequenceStartEvent):
        return "a list"
    return "an alias"


class _Composer:
    def __init__(self, text: str, source: str) -> None:
        self.events: Iterator[yaml.Event] = yaml.parse(text, Loader=_Loader)
        self.source = source
        self.text = text
        self.tree = Tree()
        self.problems: list[Problem] = []
        self.refused = False
        self.seen_alias = False

    def problem(self, place: Place, message: str, *, fatal: bool = False) -> None:
        self.problems.append(Problem(self.source, place[0], place[1], message))
        self.refused = self.refused or fatal

    def compose(self) -> Tree | None:
        try:
            self._stream()
        except _Refused:
            pass
        except yaml.MarkedYAMLError as exc:
            place, message = _explain(exc, self.text)
            self.problem(place, f"invalid YAML: {message}", fatal=True)
        except ReaderError as exc:
            char = exc.character
            code = char if isinstance(char, int) else ord(str(char)[:1] or " ")
            what = f"character U+{code:04X}"
            self.problem(self._position(exc.position), f"invalid YAML: {what} is not allowed "
                         f"({exc.reason})", fatal=True)
        except yaml.YAMLError as exc:
            position = getattr(exc, "position", 0)
            self.problem(self._position(position), f"invalid YAML: {_one_line(exc)}", fatal=True)
        return None if self.refused else self.tree

    def _position(self, index: int) -> Place:
        before = self.text[:index]
        return (before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)

    def _stream(self) -> None:
        documents = 0
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.problem(_place(event), "only one YAML document per file; "
                                 "found a second one (remove the '---')", fatal=True)
                    raise _Refused
            elif isinstance(event, yaml.NodeEvent):
                self.tree.data = self._node(event, (), 0)
        if documents == 0:
            self.tree.data = None

    def _next(self) -> yaml.Event:
        return next(self.events)

    def _node(self, event: yaml.Event, path: DataPath, depth: int) -> Any:
        self.tree.values[path] = _place(event)
        if isinstance(event, yaml.AliasEvent):
            if not self.seen_alias:
                self.problem(_place(event), f"YAML aliases (*{event.anchor}) are not allowed; "
                             "write the value out in full", fatal=True)
            self.seen_alias = True
            return None
        if not isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
            self.problem(_place(event), "invalid YAML: expected a value here", fatal=True)
            raise _Refused  # the parser only puts nodes here
        if event.anchor is not None and not self.seen_alias:
            self.seen_alias = True
            self.problem(_place(event), f"YAML anchors (&{event.anchor}) and aliases are "
                         "not allowed; write each value out in full", fatal=True)
        tag = event.tag
        if tag not in (None, "!", _TAG + "str", _TAG + "map", _TAG + "seq"):
            self.problem(_place(event), f"YAML tag '{_short(tag)}' is not allowed; scenario "
                         "files hold plain text, numbers, lists and mappings", fatal=True)
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, path)
        if depth >= MAX_DEPTH:
            self.problem(_place(event), f"nested more than {MAX_DEPTH} levels deep", fatal=True)
            raise _Refused
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(child := self._next(), yaml.SequenceEndEvent):
                items.append(self._node(child, (*path, len(items)), depth + 1))
            return items
        return self._mapping(path, depth, bool(getattr(event, "flow_style", False)))

    def _mapping(self, path: DataPath, depth: int, flow: bool = False) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        dash_missing = False  # said once: the keys repeat because a new list item began
        text_before: tuple[str, str] | None = None  # (key, plain text) of the last pair, in {...}
        while not isinstance(key_event := self._next(), yaml.MappingEndEvent):
            if not isinstance(key_event, yaml.ScalarEvent):
                self.problem(_place(key_event), f"expected a key name, found {_kind(key_event)}"
                             " used as a key", fatal=True)
                raise _Refused
            if key_event.tag not in (None, "!", _TAG + "str") or key_event.anchor:
                self.problem(_place(key_event), "a key name cannot carry a YAML tag or "
                             "anchor", fatal=True)
            key = key_event.value
            if key == "<<" and key_event.implicit[0]:
                self.problem(_place(key_event), "YAML merge keys (<<) are not allowed; "
                             "write the keys out in full", fatal=True)
            value_event = self._next()
            if flow and text_before is not None and _split_off(key_event, value_event):
                self._split_text(path, key_event, text_before)
            text_before = (key, value_event.value) if flow and isinstance(value_event, yaml.ScalarEvent) \
                and value_event.implicit[0] and isinstance(mapping.get(key, ""), str) else None
            if key in mapping:
                first = self.tree.keys[(*path, key)]
                in_list = bool(path) and isinstance(path[-1], int)
                if in_list and key == next(iter(mapping)) and not dash_missing:
                    dash_missing = True
                    line = _place(key_event)[0]
                    self.problem(_place(key_event), f"'{key}' again in the same list item "
                                 f"(first at line {first[0]}): is the '- ' missing before line "
                                 f"{line}? Each item of a list starts with '- '")
                elif not dash_missing:
                    self.problem(_place(key_event), f"duplicate key '{key}' (first written at "
                                 f"line {first[0]}); each key may appear once in a mapping")
                kept, self.tree = self.tree, Tree()  # read the repeat, keep nothing of it
                try:
                    self._node(value_event, (*path, key), depth + 1)
                finally:
                    self.tree = kept
                continue
            self.tree.keys[(*path, key)] = _place(key_event)
            mapping[key] = self._node(value_event, (*path, key), depth + 1)
        return mapping

    def _split_text(self, path: DataPath, key_event: yaml.ScalarEvent, before: tuple[str, str]) -> None:
        """`{description: Big, and late}` reads 'and late' as a key: say so, and how to fix it."""
        key, (name, text) = key_event.value, before
        self.tree.split_text[(*path, key)] = name
        whole = f"{text}, {key}"
        shown = whole if len(whole) <= 50 else whole[:47] + "..."
        part = key if len(key) <= 30 else key[:27] + "..."
        self.problem(_place(key_event), f"'{part}' reads as a key: inside {{...}} the ',' before "
                     f"it ends the text of '{name}'; quote the text: {name}: \"{shown}\"")

    def _scalar(self, event: yaml.ScalarEvent, path: DataPath) -> Any:
        if not event.implicit[0] or event.tag not in (None, "!"):  # quoted, block or !!str
            return event.value
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))
        node = yaml.ScalarNode(tag, event.value)
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            if event.value.lower() not in _YAML12_BOOLEANS:
                self.tree.yaml11_booleans[path] = event.value
            return _CONSTRUCTOR.construct_yaml_bool(node)
        if tag == _TAG + "int":
            return self._number(event, path, _CONSTRUCTOR.construct_yaml_int, node)
        if tag == _TAG + "float":
            number = self._number(event, path, _CONSTRUCTOR.construct_yaml_float, node)
            if isinstance(number, float) and not math.isfinite(number):
                label = f"{where(path)}: " if path else ""
                self.problem(_place(event), f"{label}expected a finite number, found "
                             f"'{event.value}'")
            return number
        return event.value  # text, and dates kept as the text written

    def _number(self, event: yaml.ScalarEvent, path: DataPath,
                construct: Callable[[yaml.ScalarNode], Any], node: yaml.ScalarNode) -> Any:
        try:
            number = construct(node)
        except ValueError:  # YAML 1.1 forms such as 0x_ match the number pattern, yet are not
            return event.value
        self.tree.numbers[path] = event.value
        return number


def _split_off(key: yaml.ScalarEvent, value: yaml.Event) -> bool:
    """A plain key with a space and no value: the tail of text cut off by a ',' in {...}."""
    return bool(key.implicit[0]) and " " in key.value.strip() and \
        isinstance(value, yaml.ScalarEvent) and value.value == "" and bool(value.implicit[0])


def _mark_place(mark: yaml.Mark | None) -> Place:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[Place, str]:
    """Where a YAML syntax error is and what it means, in an author's words.

    The parser's own words name its state ("while scanning a simple key"); the usual slips
    of hand-written files are said plainly, at the place the author has to fix.
    """
    problem, context = str(exc.problem or ""), str(exc.context or "")
    at, started = _mark_place(exc.problem_mark or exc.context_mark), _mark_place(exc.context_mark)
    index = getattr(exc.problem_mark, "index", -1)
    if "cannot start any token" in problem and 0 <= index < len(text) and text[index] == "\t":
        return at, "a tab character; YAML indents with spaces only (replace the tab with spaces)"
    if "expected ':'" in problem and "simple key" in context:
        return started, "expected 'key: value' on this line, but there is no ':' after the key"
    if "end of stream" in problem and "quoted scalar" in context:
        return started, "the quote that opens here is never closed"
    if "flow mapping" in context or "flow sequence" in context:
        opener, closer = ("{", "}") if "mapping" in context else ("[", "]")
        if at[0] != started[0]:
            return started, (f"the '{opener}' that opens here is never closed: a '{closer}' "
                             f"(or a ',') is missing before line {at[0]}")
        return at, (f"expected ',' or '{closer}' here; inside {opener}...{closer} quote text that "
                    "holds ': ' or ', ' (title: \"Quiet: please\")")
    if "mapping values are not allowed" in problem:
        colon = _colon_in_text(text, at)
        if colon:
            return colon
    if "block" in context:
        return at, (f"this line does not line up with the list or mapping above it, which "
                    f"starts at line {started[0]} (check the indentation)")
    return at, " ".join(part for part in (problem, context) if part) or "cannot parse this"


def _colon_in_text(text: str, at: Place) -> tuple[Place, str] | None:
    """A plain value that holds ': ' (YAML reads a second key): where it starts, and the fix."""
    lines = text.splitlines()
    if not 0 < at[0] <= len(lines):
        return None
    line = lines[at[0] - 1]
    body = line.lstrip(" -")
    if ": " not in body:
        return None
    key, value = body.split(": ", 1)
    start = len(line) - len(body) + len(key) + 3
    shown = value.strip()
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    return (at[0], start), (f"the text of '{key.strip()}' contains ': ', which YAML reads as "
                            f"another key; quote the text: {key.strip()}: \"{shown}\"")


def _short(tag: str | None) -> str:
    return "!!" + tag[len(_TAG):] if tag and tag.startswith(_TAG) else str(tag)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def parse_tree(text: str, source: str) -> tuple[Tree | None, list[Problem]]:
    """Compose `text` into a Tree. The Tree is None when the data cannot be trusted at all."""
    composer = _Composer(text, source)
    tree = composer.compose()
    return tree, composer.problems

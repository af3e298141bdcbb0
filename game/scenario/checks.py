"""Validate plain scenario data against the schema, and say each error in an author's words.

Every `jsonschema` error is mapped back to the line and column of the value (or, for an
unknown key, of the key itself) through the `Tree` the YAML reader built.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from game.scenario.problems import Problem
from game.scenario.schema import CONDITION_SHAPES, Schema
from game.scenario.yamltree import DataPath, Tree, where

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "object": "a mapping",
    "array": "a list",
    "boolean": "true or false",
    "null": "null",
}


def _strict_integer(checker: Any, instance: Any) -> bool:
    """Only an int is a whole number: JSON Schema would take 7.0, and `range(7.0)` fails later."""
    return isinstance(instance, int) and not isinstance(instance, bool)


StrictValidator = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _strict_integer))


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'X'?)' when a choice is close to `word`, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def one_of(choices: Sequence[Any]) -> str:
    return ", ".join(str(c) for c in choices)


def describe(value: Any, tree: Tree, path: DataPath) -> str:
    """What the author wrote, in words: "text 'abc'", "boolean 'no'", "a list"..."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        raw = tree.yaml11_booleans.get(path)
        return f"boolean '{raw}'" if raw else f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"number {tree.numbers.get(path, value)}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text '{shown}'" if value else "empty text"
    if isinstance(value, list):
        return f"a list of {len(value)}" if value else "an empty list"
    return "a mapping"


OBJECTIVE_MEASURES = ("project", "metric", "vision")


class SchemaChecker:
    def __init__(self, tree: Tree, source: str, schema: Schema) -> None:
        self.tree = tree
        self.source = source
        self.validator = StrictValidator(schema)
        self.problems: list[Problem] = []
        self.reported: list[DataPath] = []

    def run(self) -> list[Problem]:
        for error in self.validator.iter_errors(self.tree.data):
            self._explain(error)
        self._yaml11_booleans()
        return list(dict.fromkeys(self.problems))  # no repeats, file order kept by caller

    def _add(self, path: DataPath, message: str, *, at_key: bool = False,
             covers: bool = False) -> None:
        place = self.tree.keys.get(path) if at_key else None
        line, column = place or self.tree.place(path)
        if covers:  # the value (and all below it) is already reported as wrong
            self.reported.append(path)
        label = where(path[:-1] if at_key else path)
        text = f"{label}: {message}" if label else message
        self.problems.append(Problem(self.source, line, column, text))

    def _explain(self, error: ValidationError) -> None:
        path: DataPath = tuple(error.absolute_path)
        kind = error.validator
        instance: Any = error.instance
        value: Any = error.validator_value
        schema: Any = error.schema
        found = describe(instance, self.tree, path)
        if kind == "type":
            types = [value] if isinstance(value, str) else list(value)
            expected = " or ".join(_TYPE_WORDS.get(t, t) for t in types)
            quotable = isinstance(instance, bool | int | float) and "string" in types
            hint = " — quote it" if quotable else ""
            if isinstance(instance, float) and instance.is_integer() and "integer" in types:
                hint = f" (write {int(instance)}, without the '.0')"
            self._add(path, f"expected {expected}, found {found}{hint}", covers=True)
        elif kind == "enum":
            close = suggest(instance, map(str, value)) if isinstance(instance, str) else ""
            self._add(path, f"expected one of {one_of(value)}; found {found}{close}", covers=True)
        elif kind == "required" and isinstance(instance, dict):
            missing = [f"'{key}'" for key in value if key not in instance]
            noun = "key" if len(missing) == 1 else "keys"
            self._add(path, f"missing required {noun} {', '.join(missing)}")
        elif kind == "additionalProperties":
            known = list(schema.get("properties", {}))
            for key in instance:
                if (*path, key) in self.tree.split_text:
                    self.reported.append((*path, key))   # said by the reader, with the fix
                elif key not in known:
                    close = suggest(key, known) or f" (expected one of: {one_of(known)})"
                    self._add((*path, key), f"unknown key '{key}'{close}", at_key=True,
                              covers=True)
        elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            bound = {"minimum": "at least", "maximum": "at most",
                     "exclusiveMinimum": "above", "exclusiveMaximum": "below"}[kind]
            hint = ""
            if kind == "maximum" and value == 1 and isinstance(instance, int | float) \
                    and 1 < instance <= 100:
                hint = f" (did you mean {instance / 100:g}? shares run from 0 to 1)"
            self._add(path, f"expected a number {bound} {value}, found {found}{hint}")
        elif kind in ("minItems", "maxItems"):
            bound = "at least" if kind == "minItems" else "at most"
            noun = "item" if value == 1 else "items"
            self._add(path, f"expected {bound} {value} {noun}, found {found}")
        elif kind == "uniqueItems":
            self._repeated_items(path, instance)
        elif kind == "contains":
            self._add(path, f"expected a list that includes 'operations', found {found}")
        elif kind == "pattern":
            self._add(path, "expected an id of lowercase letters, digits and '-' (starting "
                            f"with a letter or digit), found {found}")
        elif kind == "minLength":
            self._add(path, f"expected some text, found {found}")
        elif kind == "minProperties":
            first, second = (list(schema.get("properties", {})) + ["below", "above"])[:2]
            self._add(path, f"expected '{first}', '{second}' or both, found an empty mapping")
        elif kind == "anyOf":
            keys = [k for sub in value for k in sub.get("required", ())]
            if keys == ["below", "above"]:
                self._add(path, "expected 'below', 'above' or both beside 'metric'")
            else:
                self._add(path, "missing " + " or ".join(f"'{k}'" for k in keys))
        elif kind == "oneOf" and len(path) == 2 and path[0] == "objectives":
            self._objective(path, instance)
        elif kind == "oneOf" and len(path) == 2 and path[0] == "expect":
            self._expectation(error, path, instance)
        elif kind == "oneOf":
            self._condition(error, path, instance)
        else:  # a keyword this module does not word yet: still located, still one line
            self._add(path, " ".join(error.message.split()))

    def _objective(self, path: DataPath, instance: Any) -> None:
        if not isinstance(instance, dict):
            return
        measures = [key for key in OBJECTIVE_MEASURES if key in instance]
        if measures:
            both = " and ".join(f"'{m}'" for m in measures)
            self._add(path, f"expected one measure in an objective, found {both}; write one "
                            "objective for each")
        else:
            self._add(path, "expected 'project', 'metric' (with 'above' or 'below') or "
                            "'vision' beside 'text', to track the objective; plain text is "
                            "shown and not scored")

    def _expectation(self, error: ValidationError, path: DataPath, instance: Any) -> None:
        if not isinstance(instance, dict):
            return
        kinds = [key for key in ("event", "project") if key in instance]
        if len(kinds) == 1:
            branch = ("event", "project").index(kinds[0])
            for sub in error.context or ():
                if sub.relative_schema_path and sub.relative_schema_path[0] == branch:
                    self._explain(sub)
            return
        found = "both 'event' and 'project'" if kinds else "neither"
        self._add(path, f"expected 'event' (with 'fires' and 'in') or 'project' (with 'state' "
                        f"and 'in') in an expectation, found {found}")

    def _condition(self, error: ValidationError, path: DataPath, instance: Any) -> None:
        if not isinstance(instance, dict):
            return  # the type error beside it says what was found
        shapes = [key for key in CONDITION_SHAPES if key in instance]
        if len(shapes) == 1:
            branch = CONDITION_SHAPES.index(shapes[0])
            for sub in error.context or ():
                if sub.relative_schema_path and sub.relative_schema_path[0] == branch:
                    self._explain(sub)
            return
        if shapes:
            both = " and ".join(f"'{s}'" for s in shapes)
            self._add(path, f"expected exactly one condition shape, found {both}; combine "
                            "conditions with all: [...] or any: [...]")
            return
        keys = list(instance)
        close = "".join(suggest(k, CONDITION_SHAPES) for k in keys[:1])
        found = f"keys {one_of(keys)}" if keys else "an empty mapping"
        self._add(path, f"expected a condition with one of the keys {one_of(CONDITION_SHAPES)};"
                        f" found {found}{close}")

    def _repeated_items(self, path: DataPath, items: list[Any]) -> None:
        seen: list[Any] = []
        for index, item in enumerate(items):
            if item in seen:
                self._add((*path, index), f"'{item}' is listed more than once")
            seen.append(item)

    def _yaml11_booleans(self) -> None:
        """`once: yes` passes the schema as a boolean; ask for true/false instead."""
        for path, raw in self.tree.yaml11_booleans.items():
            if not any(path[: len(done)] == done for done in self.reported):
                self._add(path, f"expected true or false, found '{raw}' (a YAML 1.1 "
                                "spelling); write true or false")


def schema_problems(tree: Tree, source: str, schema: Schema) -> list[Problem]:
    """Every schema error in the data, located and worded."""
    return SchemaChecker(tree, source, schema).run()

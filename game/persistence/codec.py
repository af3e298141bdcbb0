"""Decisions to and from JSON: `{"type": "SetVision", "vision": "global"}`.

Decoding is strict: an unknown type, a missing or unknown field, or a value of the wrong
type raises `BadValue` with the JSON path of the culprit, so a hand-edited save gets a
one-line reason. Values are kept as they came (an int stays an int), so a decoded decision
equals the one that was encoded and a replay is bit-identical.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from typing import Any

from game.rules.decisions import (
    AllocateBudget,
    CancelInspire,
    ChooseOption,
    Continue,
    Decision,
    EndPhase,
    InjectEvent,
    Inspire,
    Schedule,
    SetOvertime,
    SetReviews,
    SetVision,
)


class BadValue(ValueError):
    """A JSON value that is not what a save needs; the message says where and why."""


Check = Callable[[object, str], object]


def describe(value: object) -> str:
    """How a JSON value reads in a message: its kind, and the value when it is short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        written = repr(value)
        return f"the number {written}" if len(written) <= 40 else "a number too long to show"
    if isinstance(value, str):
        return f"the string {value!r}" if len(value) <= 40 else "a long string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise BadValue(f"{where} must be a string, not {describe(value)}")
    return value


def optional_text(value: object, where: str) -> str | None:
    return None if value is None else text(value, where)


def number(value: object, where: str) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadValue(f"{where} must be a number, not {describe(value)}")
    if isinstance(value, int) and abs(value) > 2**63:  # no float holds it; no game needs it
        raise BadValue(f"{where} is far too large a number")
    if not math.isfinite(value):
        raise BadValue(f"{where} must be a finite number")
    return value


def whole(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValue(f"{where} must be a whole number, not {describe(value)}")
    return value


def flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise BadValue(f"{where} must be true or false, not {describe(value)}")
    return value


def obj(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadValue(f"{where} must be an object, not {describe(value)}")
    return value


def amounts(value: object, where: str) -> dict[str, int | float]:
    return {key: number(v, f"{where}.{key}") for key, v in obj(value, where).items()}


def shares(value: object, where: str) -> dict[str, dict[str, int | float]]:
    return {key: amounts(v, f"{where}.{key}") for key, v in obj(value, where).items()}


# Each decision type and the check for each of its fields, in field order.
DECISION_TYPES: Mapping[str, tuple[type, dict[str, Check]]] = {
    "SetVision": (SetVision, {"vision": optional_text}),
    "Inspire": (Inspire, {"action": text, "team": optional_text}),
    "CancelInspire": (CancelInspire, {"action": text, "team": optional_text}),
    "AllocateBudget": (AllocateBudget, {"amounts": amounts}),
    "Schedule": (Schedule, {"assignments": shares}),
    "SetOvertime": (SetOvertime, {"level": number}),
    "SetReviews": (SetReviews, {"on": flag}),
    "EndPhase": (EndPhase, {"timed_out": flag}),
    "ChooseOption": (ChooseOption, {"index": whole}),
    "Continue": (Continue, {}),
    "InjectEvent": (InjectEvent, {"event": text}),
}


def _plain(value: object) -> object:
    if isinstance(value, Mapping):
        return {str(key): _plain(v) for key, v in value.items()}
    return value


def encode_decision(decision: Decision) -> dict[str, object]:
    """The JSON object for a decision: its type name, then its fields."""
    name = type(decision).__name__
    if DECISION_TYPES.get(name, (None,))[0] is not type(decision):
        raise TypeError(f"cannot save a {name}: not a decision")
    fields = {f.name: _plain(getattr(decision, f.name)) for f in dataclasses.fields(decision)
              if not (f.metadata.get("omit_default") and getattr(decision, f.name) == f.default)}
    return {"type": name, **fields}


def decode_decision(value: object, where: str) -> Decision:
    """The decision a JSON object describes; `BadValue` naming `where` if it is not one."""
    data = obj(value, where)
    if "type" not in data:
        raise BadValue(f"{where} has no \"type\" (one of: {', '.join(DECISION_TYPES)})")
    name = text(data["type"], f"{where}.type")
    if name not in DECISION_TYPES:
        raise BadValue(f"{where}.type: unknown decision type {name!r} "
                       f"(one of: {', '.join(DECISION_TYPES)})")
    cls, checks = DECISION_TYPES[name]
    unknown = sorted(set(data) - set(checks) - {"type"})
    if unknown:
        raise BadValue(f"{where}: unknown field {unknown[0]!r} for {name} "
                       f"(fields: {', '.join(checks) or 'none'})")
    optional = {f.name for f in dataclasses.fields(cls)
                if f.default is not dataclasses.MISSING}
    values: dict[str, object] = {}
    for field, check in checks.items():
        if field not in data:
            if field in optional:
                continue
            raise BadValue(f"{where}: {name} needs the field {field!r}")
        values[field] = check(data[field], f"{where}.{field}")
    decision: Decision = cls(**values)
    return decision

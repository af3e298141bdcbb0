"""The messages between a room and its clients, and the checks every payload passes.

Every message is one JSON object with a "type". Anything a participant sends is checked
here for size, shape and types before the room looks at it; a bad message raises
`Refused` with a one-line reason that goes back to the sender (and to nobody else).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from game.persistence.codec import BadValue, decode_decision
from game.rules.decisions import Decision
from game.safeio.jsonlimits import JsonRefused, loads_limited

MAX_MESSAGE = 64 * 1024          # bytes of one message from a participant
MAX_DECISIONS = 400              # decisions in one round (a busy round has ~30)
MAX_NAME = 40
MAX_ANNOUNCEMENT = 280
MAX_DEPTH = 20                   # arrays and objects nested in one message (ours nest 4 deep)
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"   # no 0/O, 1/I/L
CODE_LENGTH = 6
_CODE = re.compile(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
ROOM_STATES = ("lobby", "running", "paused", "ended")


class Refused(ValueError):
    """A message the room will not take; the text says why, in one line.

    `retry` marks a round the room will take later, so the client keeps it and sends it
    again: "start" once the room runs (it is paused, or not started yet), "soon" after a
    moment (the room's database failed for a moment). None: the round is refused for good.
    """

    def __init__(self, reason: str, retry: str | None = None) -> None:
        super().__init__(reason)
        self.retry = retry


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def loads(raw: str | bytes, what: str = "message") -> Any:
    """JSON nested at most MAX_DEPTH deep, with numbers of sane length and without NaN or
    Infinity; Refused (one line) if not."""
    try:
        return loads_limited(raw, max_depth=MAX_DEPTH, parse_constant=_no_constant)
    except JsonRefused as exc:
        if "nested" in str(exc):
            raise Refused(f"a {what} is nested at most {MAX_DEPTH} deep") from None
        if "digits" in str(exc):
            raise Refused(f"a {what} holds a number that is too long") from None
        raise Refused(f"not a JSON {what}") from None
    except (ValueError, RecursionError):
        raise Refused(f"not a JSON {what}") from None


def parse(raw: str | bytes) -> dict[str, Any]:
    """One message: at most MAX_MESSAGE bytes of JSON holding an object with a known "type"."""
    if len(raw) > MAX_MESSAGE:
        raise Refused(f"message too big ({len(raw)} bytes; at most {MAX_MESSAGE})")
    data = loads(raw)
    if not isinstance(data, dict):
        raise Refused("a message must be a JSON object")
    kind = data.get("type")
    if kind not in CHECKS:
        raise Refused(f"unknown message type {str(kind)[:40]!r}")
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def _fields(data: dict[str, Any], required: tuple[str, ...], optional: tuple[str, ...] = ()) -> None:
    unknown = sorted(set(data) - set(required) - set(optional) - {"type"})
    if unknown:
        raise Refused(f"{data['type']}: unknown field {unknown[0][:40]!r}")
    missing = [key for key in required if key not in data]
    if missing:
        raise Refused(f"{data['type']}: the field {missing[0]!r} is missing")


def _int(value: object, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Refused(f"{where} must be a whole number from {low} to {high}")
    return value


def name(value: object) -> str:
    if not isinstance(value, str):
        raise Refused("a name must be text")
    cleaned = " ".join(value.split())
    if not cleaned or len(cleaned) > MAX_NAME or not cleaned.isprintable():
        raise Refused(f"a name must be 1 to {MAX_NAME} printable characters")
    return cleaned


@dataclass(frozen=True)
class Join:
    code: str
    names: tuple[str, ...]        # one player, or a hot-seat pair (leader, manager)


@dataclass(frozen=True)
class Resume:
    token: str
    since: int                    # the last inbox item the client has seen


@dataclass(frozen=True)
class RoundSubmission:
    round: int
    decisions: tuple[Decision, ...]
    score: float                  # what the client's own game scored; the room replays to check


def join(data: dict[str, Any]) -> Join:
    _fields(data, ("code", "names"))
    code = data["code"]
    if not isinstance(code, str) or not _CODE.fullmatch(code.strip().upper()):
        raise Refused("unknown join code")
    names = data["names"]
    if not isinstance(names, list) or not 1 <= len(names) <= 2:
        raise Refused("names must be a list of one name, or two for a hot-seat pair")
    return Join(code.strip().upper(), tuple(name(n) for n in names))


def resume(data: dict[str, Any]) -> Resume:
    _fields(data, ("token",), ("since",))
    token = data["token"]
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        raise Refused("unknown participant token")
    return Resume(token, _int(data.get("since", 0), "since", 0, 2**31))


def round_submission(data: dict[str, Any], rounds: int) -> RoundSubmission:
    _fields(data, ("round", "decisions", "score"))
    number = _int(data["round"], "round", 1, rounds)
    raw = data["decisions"]
    if not isinstance(raw, list) or len(raw) > MAX_DECISIONS:
        raise Refused(f"decisions must be a list of at most {MAX_DECISIONS}")
    try:
        decisions = tuple(decode_decision(d, f"decisions[{i}]") for i, d in enumerate(raw))
    except BadValue as exc:
        raise Refused(str(exc)[:200]) from None
    score = data["score"]
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 100:
        raise Refused("score must be a number from 0 to 100")
    return RoundSubmission(number, decisions, float(score))


CHECKS = {"join": join, "resume": resume, "round": round_submission}


# --- the facilitator's controls ------------------------------------------------------------

def control(data: object, event_ids: tuple[str, ...]) -> dict[str, Any]:
    """A dashboard control: start, pause, timer, inject, announce, end, or the room's
    moderation (kick, rename, lock); checked. Participants are named by their number."""
    if not isinstance(data, dict):
        raise Refused("a control must be a JSON object")
    action = data.get("action")
    rest = {"type": str(action)[:40], **{k: v for k, v in data.items() if k != "action"}}
    if action in ("start", "pause", "end"):
        _fields(rest, ())
        return {"action": action}
    if action == "lock":
        _fields(rest, ("locked",))
        if not isinstance(data["locked"], bool):
            raise Refused("locked must be true or false")
        return {"action": action, "locked": data["locked"]}
    if action in ("kick", "rename"):
        _fields(rest, ("participant", "names") if action == "rename" else ("participant",))
        moderated: dict[str, Any] = {"action": action,
                                     "participant": _int(data["participant"], "participant", 1, 2**31)}
        if action == "rename":
            names = data["names"]
            if not isinstance(names, list) or not 1 <= len(names) <= 2:
                raise Refused("names must be a list of one name, or two for a hot-seat pair")
            moderated["names"] = tuple(name(n) for n in names)
        return moderated
    if action == "timer":
        _fields(rest, ("seconds",))
        return {"action": action, "seconds": _int(data["seconds"], "seconds", 0, 3600)}
    if action in ("inject", "announce"):
        _fields(rest, ("event",) if action == "inject" else ("text",), ("to",))
        to = data.get("to")
        if to is not None and (not isinstance(to, list) or len(to) > 1000
                               or not all(isinstance(i, int) and not isinstance(i, bool) for i in to)):
            raise Refused("to must be a list of participant numbers (or absent for everyone)")
        result: dict[str, Any] = {"action": action, "to": None if to is None else sorted(set(to))}
        if action == "inject":
            if data["event"] not in event_ids:
                raise Refused(f"this scenario has no event {str(data['event'])[:40]!r}")
            result["event"] = data["event"]
        else:
            text = data["text"]
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_ANNOUNCEMENT:
                raise Refused(f"an announcement must be 1 to {MAX_ANNOUNCEMENT} characters")
            result["text"] = " ".join(text.split())
        return result
    raise Refused(f"unknown control {str(action)[:40]!r}")

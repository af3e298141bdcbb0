"""Decision sequences as JSON lines: the policy file that `sailkeel evaluate` reads.

One line, one policy:

    {"name": "steady", "rounds": [[{"type": "SetVision", "vision": "craft"}, ...], ...],
     "repeat": false, "answers": {"first-feedback": 1, "tired-team": [0, 0, 1, 1, 1]}}

`rounds[r]` lists the leader's and the manager's decisions of round r + 1 in the save
format (docs/saves.md); a round's drafts carry over as in the game (the budget, schedule,
overtime and reviews stay as set; leader actions are per round). Missing rounds change
nothing, or with `"repeat": true` the listed rounds are played again in turn. `answers`
gives the choice index for each event, either one index whenever it fires or one per round.
Unanswered events take their first choice.

The decisions are checked by a real `GameSession` (so a policy is legal exactly when a
player could have made it) and become the drafts `evaluate` plays.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from game.persistence.codec import BadValue, decode_decision, encode_decision, obj
from game.rules.decisions import (
    AllocateBudget,
    CancelInspire,
    ChooseOption,
    Continue,
    Decision,
    EndPhase,
    IllegalDecision,
    Inspire,
    Schedule,
    SetOvertime,
    SetReviews,
    SetVision,
)
from game.rules.records import Phase
from game.rules.session import GameSession
from game.safeio import JsonRefused, loads_limited
from game.scenario.types import Scenario
from game.search.batch import DecisionSequence

LEADER_DECISIONS = (SetVision, Inspire, CancelInspire)
MANAGER_DECISIONS = (AllocateBudget, Schedule, SetOvertime, SetReviews)
MAX_POLICIES = 100_000
MAX_LINE_BYTES = 1_000_000   # a five-round policy is a few kilobytes


class PolicyError(ValueError):
    """A policy line that cannot be played; the message names the line and the reason."""


@dataclass(frozen=True)
class Policy:
    name: str
    rounds: tuple[tuple[Decision, ...], ...]   # one entry per round of the scenario
    answers: tuple[tuple[int, ...], ...]       # [round][event] choice index
    where: str = ""                             # "FILE:LINE" it was read from, for refusals

    def named(self) -> str:
        """'FILE:LINE: name' (or the name alone), as a refusal of its play names it."""
        return f"{self.where}: {self.name}" if self.where and self.where != self.name else self.name


def parse_policy(scenario: Scenario, data: Any, where: str) -> Policy:
    """A policy from its decoded JSON; `PolicyError` naming `where` if it is not one."""
    try:
        return _parse(scenario, data, where)
    except BadValue as exc:
        raise PolicyError(str(exc)) from None


def _parse(scenario: Scenario, data: Any, where: str) -> Policy:
    body = obj(data, where)
    unknown = sorted(set(body) - {"name", "rounds", "repeat", "answers"})
    if unknown:
        raise BadValue(f"{where}: unknown field {unknown[0]!r} (fields: name, rounds, repeat, answers)")
    name = body.get("name", where)
    if not isinstance(name, str):
        raise BadValue(f"{where}.name must be a string")
    listed = body.get("rounds", [])
    if not isinstance(listed, list) or len(listed) > scenario.rounds:
        raise BadValue(f"{where}.rounds must be a list of at most {scenario.rounds} rounds")
    rounds: list[tuple[Decision, ...]] = []
    for r, entry in enumerate(listed):
        if not isinstance(entry, list):
            raise BadValue(f"{where}.rounds[{r}] must be a list of decisions")
        decisions = tuple(decode_decision(d, f"{where}.rounds[{r}][{i}]") for i, d in enumerate(entry))
        for i, d in enumerate(decisions):
            if not isinstance(d, LEADER_DECISIONS + MANAGER_DECISIONS):
                raise BadValue(f"{where}.rounds[{r}][{i}]: {type(d).__name__} has no place in a policy "
                               "(phases end by themselves; events are answered by `answers`)")
        rounds.append(decisions)
    repeat = body.get("repeat", False)
    if not isinstance(repeat, bool):
        raise BadValue(f"{where}.repeat must be true or false")
    while len(rounds) < scenario.rounds:
        rounds.append(rounds[len(rounds) % len(listed)] if repeat and listed else ())
    return Policy(name, tuple(rounds), _answers(scenario, body.get("answers", {}), f"{where}.answers"),
                  where)


def _answers(scenario: Scenario, data: Any, where: str) -> tuple[tuple[int, ...], ...]:
    given = obj(data, where)
    ids = [e.id for e in scenario.events]
    table = [[0] * len(ids) for _ in range(scenario.rounds)]
    for event_id, value in given.items():
        if event_id not in ids:
            raise BadValue(f"{where}: there is no event {event_id!r} (events: {', '.join(ids) or 'none'})")
        e = ids.index(event_id)
        count = len(scenario.events[e].choices)
        per_round = value if isinstance(value, list) else [value] * scenario.rounds
        if len(per_round) != scenario.rounds:
            raise BadValue(f"{where}.{event_id}: one index, or a list of {scenario.rounds}")
        for r, index in enumerate(per_round):
            if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < count:
                raise BadValue(f"{where}.{event_id}: a choice index is 0..{count - 1}, not {index!r}")
            table[r][e] = index
    return tuple(tuple(row) for row in table)


def policy_lines(stream: BinaryIO, source: str) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line of a policy file, read one line at a time."""
    number = 0
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES:
            raise PolicyError(f"{source}:{number}: the line is over {MAX_LINE_BYTES // 1_000_000} MB;"
                              " a policy is one line of a few kilobytes")
        try:
            yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise PolicyError(f"{source}:{number}: not UTF-8 text (byte 0x{raw[exc.start]:02x})") from None


def iter_policies(scenario: Scenario, lines: Iterable[tuple[int, str]],
                  source: str = "policies") -> Iterator[Policy]:
    """Each policy of numbered JSON lines, as it is read (blank lines and # comments skipped)."""
    count = 0
    for number, line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if count >= MAX_POLICIES:
            raise PolicyError(f"{source}: more than {MAX_POLICIES} policies")
        try:
            data = loads_limited(line, parse_constant=_no_constant)
        except JsonRefused as exc:
            reason = exc.reason.replace("not valid JSON: ", "not JSON: ")
            raise PolicyError(f"{source}:{number}:{exc.column}: {reason}") from None
        except ValueError as exc:
            raise PolicyError(f"{source}:{number}: {exc}") from None
        count += 1
        yield parse_policy(scenario, data, f"{source}:{number}")
    if not count:
        raise PolicyError(f"{source}: no policies (one JSON object per line)")


def read_policies(scenario: Scenario, lines: Iterable[str], source: str = "policies") -> list[Policy]:
    """Every policy in a JSON-lines text (blank lines and lines starting with # are skipped)."""
    return list(iter_policies(scenario, enumerate(lines, start=1), source))


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def to_sequence(scenario: Scenario, policy: Policy) -> DecisionSequence:
    """The drafts a player following `policy` holds each round, checked by a real session."""
    session = GameSession(scenario, 0)
    ids = [e.id for e in scenario.events]
    rounds = []
    for r, decisions in enumerate(policy.rounds):
        try:
            session.apply_all(d for d in decisions if isinstance(d, LEADER_DECISIONS))
            session.apply(EndPhase())
            session.apply_all(d for d in decisions if isinstance(d, MANAGER_DECISIONS))
        except IllegalDecision as exc:
            raise PolicyError(f"{policy.named()}: round {r + 1}: {exc}") from None
        rounds.append((session.leader, session.manager))
        session.apply(EndPhase())
        while session.phase is Phase.EVENT:
            pending = session.pending_event
            assert pending is not None
            want = policy.answers[r][ids.index(pending.event_id)]
            open_ = [i for i, why in enumerate(pending.closed) if not why]
            # a choice a condition closes becomes the first open one, as the evaluator plays it
            session.apply(ChooseOption(want if want in open_ or not open_ else open_[0]))
        session.apply(Continue())
    return DecisionSequence(tuple(rounds), policy.answers)


def from_sequence(scenario: Scenario, sequence: DecisionSequence, name: str) -> dict[str, Any]:
    """A policy line (as a dict) that plays `sequence`: the inverse of `to_sequence`.

    Each round's budget is written as the checking game (seed 0) spends it: a round with less
    money than the sequence's amounts has them scaled down, so the line passes its own check."""
    from game.search.story import play_sequence

    spent = [d.amounts for d in play_sequence(scenario, sequence, 0).log
             if isinstance(d, AllocateBudget)]
    rounds = []
    for (leader, manager), budget in zip(sequence.rounds, spent, strict=True):
        decisions: list[Decision] = [SetVision(leader.vision), *leader.actions,
                                     AllocateBudget(budget), Schedule(manager.schedule),
                                     SetOvertime(manager.overtime), SetReviews(manager.reviews)]
        rounds.append([encode_decision(d) for d in decisions])
    answers = {e.id: [row[i] for row in sequence.answers] for i, e in enumerate(scenario.events)}
    return {"name": name, "rounds": rounds, "answers": answers}


def sequences_of(scenario: Scenario, policies: Sequence[Policy]) -> list[DecisionSequence]:
    """Each policy's drafts, checked as `to_sequence` checks them (PolicyError for the first
    policy refused), all at once with the batched model (game/search/policycheck.py)."""
    from game.search.policycheck import check_all

    if not policies:
        return [to_sequence(scenario, p) for p in policies]
    checked = check_all(scenario, [(p.rounds, p.answers) for p in policies])
    for policy, done in zip(policies, checked, strict=True):
        if done.refusal is not None:
            r, message = done.refusal
            raise PolicyError(f"{policy.named()}: round {r + 1}: {message}")
    return [done.sequence for done in checked]

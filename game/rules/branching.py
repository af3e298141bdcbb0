"""Undo within a phase, and "what if": rewind to the start of a round on a new branch.

Both work from the decision log, the game's only truth: a session is replayed from
(scenario, seed, decisions) up to a point. Replays are exact, so the rewound game rolls the
same dice as the original up to the branch point, and a different choice is a fair "what if".

A rewound session carries a `Branch`: the round it left from and the original line's
decisions, so a save can record both lines and a debrief can draw them side by side.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.rules.decisions import ChooseOption, Continue, Decision, EndPhase, IllegalDecision
from game.rules.records import Phase, RoundRecord
from game.rules.session import GameSession, replay

# Decisions that close a step of the game; undo never goes back past one of them.
_BOUNDARIES = (EndPhase, ChooseOption, Continue)


@dataclass(frozen=True)
class Branch:
    from_round: int                    # the round the player went back to
    original: tuple[Decision, ...]     # the decisions of the line they left


def phase_start(log: tuple[Decision, ...]) -> int:
    """The index in `log` where the current phase's decisions begin."""
    for i in range(len(log) - 1, -1, -1):
        if isinstance(log[i], _BOUNDARIES):
            return i + 1
    return 0


def can_undo(session: GameSession) -> bool:
    return session.phase in (Phase.LEADER, Phase.MANAGER) and \
        len(session.log) > phase_start(session.log)


def _rebuilt(session: GameSession, decisions: tuple[Decision, ...]) -> GameSession:
    again = replay(session.scenario, session.seed, decisions)
    again.branch = session.branch
    return again


def undo(session: GameSession) -> GameSession:
    """The session without its last decision of this phase. Raises IllegalDecision if there
    is none (a phase already committed cannot be undone: rewind the round instead)."""
    if not can_undo(session):
        raise IllegalDecision("There is nothing to undo in this phase.")
    return _rebuilt(session, session.log[:-1])


def round_start(log: tuple[Decision, ...], round_no: int) -> int:
    """The index in `log` where round `round_no`'s leader phase begins."""
    if round_no == 1:
        return 0
    seen = 1
    for i, decision in enumerate(log):
        if isinstance(decision, Continue):
            seen += 1
            if seen == round_no:
                return i + 1
    raise IllegalDecision(f"Round {round_no} has not started yet.")


def rewind(session: GameSession, round_no: int) -> GameSession:
    """A new branch of the game, at the start of round `round_no` (a played round or the
    current one). The original line is kept in the new session's `branch`; rewinding a
    branch again keeps the first original line, the one the player really played."""
    if not 1 <= round_no <= session.round:
        raise IllegalDecision(f"Choose a round from 1 to {session.round} to go back to.")
    start = round_start(session.log, round_no)
    again = replay(session.scenario, session.seed, session.log[:start])
    original = session.branch.original if session.branch is not None else session.log
    again.branch = Branch(round_no, tuple(original))
    return again


def original_line(session: GameSession) -> list[RoundRecord]:
    """The rounds of the line this branch left, replayed; empty on a game never rewound."""
    if session.branch is None:
        return []
    return replay(session.scenario, session.seed, session.branch.original).history

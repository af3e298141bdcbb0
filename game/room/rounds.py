"""Replaying a participant's rounds on the room's own copy of their game.

A client sends each round's decisions; the room applies them to its copy of that
participant's `GameSession` (same scenario, same seed), so the results on the dashboard
are the room's, never a number a client claims. The `Continue` between rounds is not
sent: the room applies it before round 2, 3, ... and after the last round.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from game.persistence.codec import encode_decision
from game.room.protocol import Refused
from game.rules.decisions import Continue, Decision, IllegalDecision, InjectEvent
from game.rules.records import METRIC_NAMES, Phase, RoundRecord
from game.rules.session import GameSession, replay

SCORE_TOLERANCE = 1e-6


def play_round(session: GameSession, number: int, decisions: tuple[Decision, ...],
               injectable: Counter[str], claimed: float | None) -> GameSession:
    """The session after round `number` is played with `decisions`; Refused if it cannot be.

    `injectable` counts the events the facilitator sent this participant that their game
    has not used yet; an `InjectEvent` beyond them is refused. The round is played on the
    given session itself (copying it costs more than the round): after a refusal it may be
    part-way through, and the caller rebuilds it with `restore`.
    """
    if len(session.history) != number - 1:
        raise Refused(f"round {number} cannot be played now: the room has {len(session.history)} "
                      f"round(s) of this game")
    if any(isinstance(d, Continue) for d in decisions):
        raise Refused("a round's decisions never include Continue")
    wanted = Counter(d.event for d in decisions if isinstance(d, InjectEvent))
    extra = [e for e, n in wanted.items() if n > injectable[e]]
    if extra:
        raise Refused(f"the event {extra[0]!r} was not sent to you by the facilitator")
    game = session
    try:
        if number > 1:
            game.apply(Continue())
        for decision in decisions:
            game.apply(decision)
    except IllegalDecision as exc:
        raise Refused(f"round {number}: {exc}") from None
    if len(game.history) != number or game.phase is not Phase.REPORT:
        raise Refused(f"round {number} is not complete: it must end with the round played and "
                      "its events answered")
    score = game.history[-1].score
    if claimed is not None and abs(score - claimed) > SCORE_TOLERANCE:
        raise Refused(f"round {number}: the score you report ({claimed:.4f}) is not what these "
                      f"decisions give ({score:.4f}); is your scenario the room's?")
    return game


def restore(session: GameSession, log: tuple[Decision, ...]) -> GameSession:
    """The game as it was before a refused round: replayed from its decision log."""
    return replay(session.scenario, session.seed, log)


def finish(session: GameSession) -> None:
    """Move a game whose last round is recorded to its end, so its result can be read."""
    if session.phase is Phase.REPORT and len(session.history) == session.scenario.rounds:
        session.apply(Continue())


def record_json(record: RoundRecord) -> dict[str, Any]:
    """What the room keeps and shows of one round (its numbers rounded to 6 places)."""
    return {
        "round": record.round,
        **{m: round(record.metrics[m], 6) for m in METRIC_NAMES},
        "score": round(record.score, 6),
        "leader_share": round(record.leader_share, 6),
        "lead": round(record.lead, 6),
        "manage": round(record.manage, 6),
        "vision": record.vision,
        "actions": list(record.actions),
        "budget": {k: round(float(v), 6) for k, v in record.budget.items()},
        "overtime": round(float(record.overtime), 6),
        "reviews": bool(record.reviews),
        "events": [f"{e.title}: {e.choice}" for e in record.events],
        "left": record.left,
        "hired": record.hired,
    }


def encoded(decisions: tuple[Decision, ...]) -> list[dict[str, object]]:
    return [encode_decision(d) for d in decisions]

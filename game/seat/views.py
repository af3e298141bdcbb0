"""The JSON the page renders: the game's state, read from the session, its records and the
model's forecast. Nothing here decides anything; the page computes no outcome of its own."""

from __future__ import annotations

import time
from typing import Any

from game.rules.branching import can_undo
from game.rules.coach import par_words
from game.rules.decisions import LEADER_ACTIONS
from game.rules.events import touched
from game.rules.forecast import forecast, team_fatigue
from game.rules.records import METRIC_NAMES, Phase, RoundRecord
from game.rules.session import GameSession
from game.seat.store import Seat

WAITING = {"lobby": "Waiting for the facilitator to start the room.",
           "paused": "The facilitator paused the room."}
ENDED = "The facilitator ended the game: finish this round and see your debrief."


def view(seat: Seat, room_state: str, timer: int) -> dict[str, Any]:
    """Everything the page shows now: the room, the game, and the phase being played."""
    game = seat.game
    scenario = game.scenario
    data: dict[str, Any] = {
        "names": list(seat.player.names),
        "room": {"state": room_state, "timer": timer, "waiting": WAITING.get(room_state, ""),
                 "ended": ENDED if room_state == "ended" and not game.over else "",
                 "held": seat.held, "recorded": len(seat.player.records)},
        "scenario": {"title": scenario.title, "summary": scenario.summary,
                     "objectives": [o.text for o in scenario.objectives], "rounds": scenario.rounds,
                     "round_label": scenario.round_label, "briefing": scenario.briefing},
        "phase": game.phase.value, "round": game.round,
        "moves": len(game.log),       # decisions so far: a page that lost an answer tells if it arrived
        "metrics": _metrics(game.metrics),
        "history": [{"round": r.round, **_metrics(r.metrics), "score": r.score} for r in game.history],
        "news": list(seat.news),
        "undo": can_undo(game),
    }
    seat.news.clear()
    left = seat.clock.remaining(time.time()) if game.phase in (Phase.LEADER, Phase.MANAGER) else None
    if left is not None:     # the server's clock (seat/clock.py); it stands still while the room waits
        data["time_left"], data["time_running"] = round(left, 1), seat.clock.ends is not None
    if game.phase is Phase.LEADER:
        data["leader"] = leader(game)
    elif game.phase is Phase.MANAGER:
        data["manager"] = manager(game)
    elif game.phase is Phase.EVENT:
        data["event"] = event(game)
    elif game.phase is Phase.REPORT:
        data["report"] = report(game.history[-1], game)
    else:
        data["debrief"] = debrief(game)
    return data


def _metrics(values: dict[str, float]) -> dict[str, float]:
    return {m: values[m] for m in METRIC_NAMES}


def _teams(game: GameSession) -> list[dict[str, Any]]:
    fatigue = team_fatigue(game)
    return [{"id": t.id, "name": t.name, "headcount": t.headcount, "morale": t.morale,
             "skill": t.skill, "capacity": t.capacity, "absent": t.absent(game.round),
             "arrives": t.arrives, "waits_for": t.waits_for,
             "fatigue": None if fatigue is None else fatigue.get(t.id)}
            for t in game.teams]


def leader(game: GameSession) -> dict[str, Any]:
    draft = game.leader
    return {
        "vision": draft.vision,
        "visions": [{"id": v.id, "title": v.title, "ambition": v.ambition,
                     "description": v.description, "fits": v.fits(game.round)}
                    for v in game.scenario.visions],
        "energy": {"left": draft.energy_left, "total": draft.energy_total},
        "actions": [{"id": a.id, "title": a.title, "cost": a.cost, "needs_team": a.needs_team,
                     "blurb": a.blurb} for a in LEADER_ACTIONS.values()],
        "planned": [{"action": a.action, "team": a.team, "title": LEADER_ACTIONS[a.action].title}
                    for a in draft.actions],
        "teams": _teams(game),
    }


def manager(game: GameSession) -> dict[str, Any]:
    """The manager's board. The model's forecast of the plan comes apart (`outlook`), when the
    page asks for it once the plan stops changing: a burst of changes runs the model once."""
    draft = game.manager
    projects = [{"id": p.id, "title": p.title, "kind": p.kind, "due": p.due, "progress": p.progress,
                 "state": p.state, "waiting": p.waiting, "value": p.value} for p in game.projects]
    teams = _teams(game)
    for team in teams:
        team["load"] = draft.team_load.get(team["id"], 0.0)
        team["shares"] = dict(draft.schedule.get(team["id"], {}))
    return {
        "plan": len(game.log),
        "budget": {"total": draft.budget_total, "left": draft.budget_left,
                   "step": max(1.0, round(draft.budget_total / 20)),
                   "lines": [{"id": c, "amount": v} for c, v in draft.budget.items()]},
        "projects": projects, "teams": teams,
        "overtime": draft.overtime, "reviews": draft.reviews,
        "cash": game.cash,
    }


def outlook(game: GameSession) -> dict[str, Any] | None:
    """The model's forecast of the manager's plan as it stands (rules/forecast.py, as the
    window shows it): per open project its chance to ship by its due round, per team the
    change in fatigue and morale next round. `plan` says which plan it is of."""
    if game.phase is not Phase.MANAGER:
        return None
    seen = forecast(game)
    return {"plan": len(game.log),
            "projects": {p.id: {"chance": p.chance, "verdict": p.verdict, "progress": p.progress,
                                "needs": p.needs, "gets": p.gets}
                         for p in seen.projects.values()},
            "teams": {t.id: {"fatigue_change": t.fatigue_change, "morale_change": t.morale_change}
                      for t in seen.teams.values()}}


def event(game: GameSession) -> dict[str, Any]:
    pending = game.pending_event
    assert pending is not None
    choices = pending.event.choices if pending.event is not None else ()   # type: ignore[attr-defined]
    return {"id": pending.event_id, "title": pending.title, "text": pending.text,
            "choices": [{"label": label, "effects": touched(choice, game.scenario), "closed": closed}
                        for label, choice, closed in zip(pending.choices, choices, pending.closed,
                                                         strict=True)]}


def report(record: RoundRecord, game: GameSession) -> dict[str, Any]:
    return {
        "round": record.round, "score": record.score, "coach": record.coach,
        "metrics": [{"name": m, "value": record.metrics[m], "delta": record.deltas[m],
                     "drivers": [{"label": label, "value": value}
                                 for label, value in sorted(record.drivers[m], key=lambda d: -abs(d[1]))
                                 if abs(value) >= 0.05]}
                    for m in METRIC_NAMES],
        "events": [{"title": e.title, "choice": e.choice, "outcome": e.outcome} for e in record.events],
        "projects": [{"title": p.title, "state": p.state, "progress": p.progress, "due": p.due}
                     for p in record.projects],
        "left": record.left, "hired": record.hired, "risk_event": record.risk_event,
        "landed": list(record.landed), "last": record.round >= game.scenario.rounds,
    }


def debrief(game: GameSession) -> dict[str, Any]:
    result = game.result()
    par = result.par
    words = "" if par is None else par_words(result.score, par)[0]
    return {"score": result.score, "par": par, "par_words": words, "profile": result.profile,
            "leader_share": result.leader_share, "lead": result.lead, "manage": result.manage,
            "objectives": [{"text": o.text, "status": o.status, "how": o.how} for o in result.objectives],
            "lessons": list(result.lessons),
            "final": _metrics(result.final)}

"""What a finished game's debrief says, checked against the game's own records.

Each shipped lesson is listed with the claims its words make about the game played (a
vision was set, a project shipped on time, a lever was used ...). A claim is checked
against the round records, never against the lesson's own `when:`, so a condition that
lets a lesson show in the wrong game is caught. Every shipped lesson must be listed here:
a new lesson with no entry fails `test_every_shipped_lesson_has_its_claims`.
"""

from __future__ import annotations

from collections.abc import Callable

from game.rules.decisions import ChooseOption, Continue, Decision, EndPhase
from game.rules.records import GameResult, Phase, RoundRecord
from game.rules.session import GameSession
from game.scenario.types import KEPT_VISION, Scenario

# (scenario id, the start of the lesson's text) -> what the lesson says happened
CLAIMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("comfortable-giant", "The engineer who built instant claims"): (),
    ("comfortable-giant", "Creativity ran dry. Process and reviews"): ("used:reviews",),
    ("comfortable-giant", "Creativity ran dry."): (),
    ("comfortable-giant", "Delivery held up and nothing was new"): (),
    ("comfortable-giant", "The claims app launched. Ideas came from a vision and a challenge"):
        ("on_time:claims-app", "vision", "used:challenge"),
    ("comfortable-giant", "The claims app launched on its date"): ("on_time:claims-app",),
    ("comfortable-giant", "The claims app shipped late"): ("late:claims-app",),
    ("comfortable-giant", "The solvency report was late. Challenging"): ("missed:solvency", "used:challenge"),
    ("comfortable-giant", "The solvency report was late."): ("missed:solvency",),
    ("comfortable-giant", "You managed far more than you led"): (),
    ("comfortable-giant", "You led far more than you managed"): (),
    ("comfortable-giant", "You kept the discipline"): (),
    ("first-voyage", "The website shipped"): ("on_time:website",),
    ("first-voyage", "The website missed its date"): ("missed:website",),
    ("first-voyage", "Innovation fell"): (),
    ("first-voyage", "Morale fell"): (),
    ("first-voyage", "You led far more than you managed"): (),
    ("first-voyage", "You managed far more than you led"): (),
    ("first-voyage", "You both led and managed"): (),
    ("hard-deadline", "Every weekend until it was done"): (),
    ("hard-deadline", "The audit deadline passed"): ("missed:close-breach",),
    ("hard-deadline", "The breach was closed in time"): ("on_time:close-breach",),
    ("hard-deadline", "People finished exhausted. Overtime"): ("used:overtime",),
    ("hard-deadline", "People finished exhausted."): (),
    ("hard-deadline", "Trust fell"): (),
    ("hard-deadline", "You led far more than you managed"): (),
    ("hard-deadline", "You managed far more than you led. You made the date"): ("on_time:close-breach",),
    ("hard-deadline", "You managed far more than you led. A team run on the plan alone missed"):
        ("missed:close-breach",),
    ("hard-deadline", "You planned the crisis"): (),
    ("rocket-in-a-garage", "The demo was late"): ("missed:investor-demo",),
    ("rocket-in-a-garage", "Plenty of ideas and nothing finished"): ("nothing-shipped",),
    ("rocket-in-a-garage", "Plenty of ideas and too little finished"): (),
    ("rocket-in-a-garage", "Passion ran on overdrafts of sleep. Ambition"): ("vision",),
    ("rocket-in-a-garage", "Passion ran on overdrafts of sleep."): (),
    ("rocket-in-a-garage", "The spark dimmed"): (),
    ("rocket-in-a-garage", "The pilot shipped"): ("shipped:pilot",),
    ("rocket-in-a-garage", "You led far more than you managed"): (),
    ("rocket-in-a-garage", "You managed far more than you led"): (),
    ("rocket-in-a-garage", "You kept the dream"): ("vision",),
    ("rocket-in-a-garage", "You both led and managed, but never said"): ("no-vision",),
    ("scaling-new-markets", "The data-residency workaround"): (),
    ("scaling-new-markets", "Ideas need slack"): (),
    ("scaling-new-markets", "An ambitious vision is a promise"): ("vision",),
    ("scaling-new-markets", "Delivery fell behind. Nobody set a direction"): ("no-vision",),
    ("scaling-new-markets", "Ambition beyond capacity"): ("vision",),
    ("scaling-new-markets", "People ended tired"): (),
    ("scaling-new-markets", "Europe launched"): ("on_time:emea", "vision"),
    ("scaling-new-markets", "Europe launched late"): ("late:emea",),
    ("scaling-new-markets", "Europe launched on its date"): ("on_time:emea", "no-vision"),
    ("scaling-new-markets", "You led far more than you managed"): (),
    ("scaling-new-markets", "You managed far more than you led"): (),
    ("scaling-new-markets", "You balanced leading and managing"): (),
    ("the-pivot", "You held on too long"): ("final-vision:best-paper",),
    ("the-pivot", "You changed course when the world did"): ("final-vision:first-on-phones",),
    ("the-pivot", "You chose the boldest vision"): ("final-vision:national-brand",),
    ("the-pivot", "Nobody knew where the Courier was going"): ("no-vision",),
    ("the-pivot", "Digital subscriptions came late"): ("missed:subscriptions",),
    ("the-pivot", "Clarity ended low. Either the vision"): ("vision",),
    ("the-pivot", "You managed far more than you led"): (),
    ("the-pivot", "You led far more than you managed"): (),
    ("the-pivot", "You led the change"): (),
    ("the-ward-merger", "The record went live on time"): ("on_time:records",),
    ("the-ward-merger", "The go-live slipped"): ("late:records",),
    ("the-ward-merger", "The record never went live"): ("overdue:records",),
    ("the-ward-merger", "The cheap contract came back"): (),
    ("the-ward-merger", "You moved the go-live once"): (),
    ("the-ward-merger", "The day ward held the date"): (),
    ("the-ward-merger", "The theatre team was sent straight"): (),
    ("the-ward-merger", "The night ward ended the merger"): (),
    ("the-ward-merger", "The inspection was ready in time"): ("on_time:inspection",),
    ("the-ward-merger", "You managed much more than you led"): (),
    ("the-ward-merger", "You led much more than you managed. A shared vision"): ("vision",),
    ("the-ward-merger", "You led much more than you managed"): (),
    ("turnaround", "Referring the union"): (),
    ("turnaround", "Trust never came back"): (),
    ("turnaround", "Morale stayed low"): (),
    ("turnaround", "The open orders were late"): ("missed:open-orders",),
    ("turnaround", "Fatigue climbed"): (),
    ("turnaround", "The redesign shipped. Even in a turnaround, a little slack and a believable vision"):
        ("shipped:redesign", "vision"),
    ("turnaround", "The redesign shipped"): ("shipped:redesign",),
    ("turnaround", "You managed far more than you led"): (),
    ("turnaround", "You led far more than you managed"): (),
    ("turnaround", "You rebuilt trust"): (),
}


def claims_of(scenario_id: str, text: str) -> tuple[str, ...] | None:
    """The claims of a lesson: the entry with the longest matching start (None: unlisted)."""
    found = [(len(start), said) for (sid, start), said in CLAIMS.items()
             if sid == scenario_id and text.startswith(start)]
    return max(found)[1] if found else None


def _final(result: GameResult) -> dict[str, str]:
    return {p.id: p.state for p in result.history[-1].projects}


def _used(history: list[RoundRecord], lever: str) -> bool:
    if lever == "overtime":
        return any(r.overtime > 0 for r in history)
    if lever == "reviews":
        return any(r.reviews for r in history)
    return any(a.split(":")[0] == lever for r in history for a in r.actions)


def claim_holds(claim: str, result: GameResult) -> bool:
    """Whether the game's records bear a claim out."""
    kind, _, subject = claim.partition(":")
    final = _final(result)
    checks: dict[str, Callable[[], bool]] = {
        "vision": lambda: any(r.vision is not None for r in result.history),
        "no-vision": lambda: all(r.vision is None for r in result.history),
        "final-vision": lambda: result.history[-1].vision == subject,
        "on_time": lambda: final[subject] == "shipped",
        "late": lambda: final[subject] == "shipped late",
        "overdue": lambda: final[subject] == "missed",
        "shipped": lambda: final[subject] in ("shipped", "shipped late"),
        "missed": lambda: final[subject] in ("missed", "shipped late"),
        "used": lambda: _used(result.history, subject),
        "nothing-shipped": lambda: not any(s.startswith("shipped") for s in final.values()),
        "all-delivery-shipped": lambda: all(p.state.startswith("shipped")
                                            for p in result.history[-1].projects
                                            if p.kind == "delivery"),
    }
    return checks[kind]()


def hands_off(result: GameResult) -> bool:
    """Nothing done in any round: the only decisions were ending phases, answering events
    and going on (no vision, no energy spent, the budget and the schedule as offered)."""
    return all(isinstance(d, (EndPhase, ChooseOption, Continue)) for d in result.decisions)


def contradictions(scenario_id: str, result: GameResult) -> list[str]:
    """Every sentence the debrief shows that the records contradict, with why."""
    wrong = []
    for text in result.lessons:
        said = claims_of(scenario_id, text)
        if said is None:
            wrong.append(f"unlisted lesson: {text}")
            continue
        wrong += [f"{claim} is not so: {text}" for claim in said if not claim_holds(claim, result)]
    idle = hands_off(result)
    if idle != (result.profile == "hands-off"):
        wrong.append(f"profile {result.profile!r} for a game that was "
                     f"{'' if idle else 'not '}hands-off")
    return wrong


class HandsOff:
    """Changes nothing: ends each phase as it comes and takes each event's first answer."""

    name = "hands-off"

    def decide(self, session: GameSession) -> list[Decision]:
        if session.phase in (Phase.LEADER, Phase.MANAGER):
            return [EndPhase()]
        if session.phase is Phase.EVENT:
            pending = session.pending_event
            assert pending is not None
            return [ChooseOption(next(i for i, why in enumerate(pending.closed or ("",) * 9)
                                      if not why))]
        return [Continue()]


def objective_errors(scenario: Scenario, result: GameResult) -> list[str]:
    """Each scored objective whose met/missed the records do not bear out."""
    last = result.history[-1]
    final = {p.id: p.state for p in last.projects}
    values = {**last.gauges, **last.metrics}
    wrong = []
    for objective, status in zip(scenario.objectives, result.objectives, strict=True):
        if objective.projects:
            on_time = sum(final[pid] == "shipped" for pid in objective.projects)
            met = on_time >= (objective.at_least or len(objective.projects))
        elif objective.metrics:
            met = all((objective.above is None or values[m] > objective.above)
                      and (objective.below is None or values[m] < objective.below)
                      for m in objective.metrics)
        elif objective.vision == KEPT_VISION:
            visions = [r.vision for r in result.history]
            met = (visions[-1] is not None and visions[-1] != scenario.organization.vision
                   and len({v for v in visions if v is not None}) <= 2
                   and sum(a != b for a, b in zip(visions, visions[1:], strict=False)) <= 1)
        elif objective.vision is not None:
            met = last.vision == objective.vision
        else:
            if status.status:
                wrong.append(f"a plain objective was scored: {objective.text}")
            continue
        if status.status != ("met" if met else "missed"):
            wrong.append(f"{objective.text}: shown {status.status!r}, the records say "
                         f"{'met' if met else 'missed'} ({status.how})")
    return wrong

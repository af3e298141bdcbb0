"""Reasons in workshop language: one table of the model's drivers, each with the words the
report uses for it, a one-line explanation and the lever that moves it.

The model names its drivers once (`game.model.step`, `game.model.metrics`); a name there is
a key here. A driver's value can add or take away, so its wording is chosen by its sign
(and, where the words state a fact, by the round's record): "On-time record improving" only
when it added, "Nothing shipped" when nothing did. `worded` turns a round's model labels
into the words the record keeps; `reason_of` finds a reason from either.

Nothing here recomputes the model: the wording reads the driver's value and the records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.model.metrics import CATCH_UP, JOINING, LEAVING, LIMITS
from game.model.step import INCIDENT, MISFIT, NEGLECT, PRESSURE, UNCLEAR
from game.rules.records import ProjectStatus, RoundRecord

HIDDEN = " (hidden until you listen)"  # marks a driver whose cause the player cannot see
EVENT = "Event: "                      # an event's choice this round
QUIET = 0.05   # points: a driver this small did nothing to speak of (the report shows 0.0)
SHIPPED = ("shipped", "shipped late")


@dataclass(frozen=True)
class Reason:
    """One driver of the model, in the player's words."""

    key: str            # the model's name for it
    up: str             # the words when it added to the metric
    down: str           # the words when it took away
    still: str          # the words when it did nothing this round ("" keeps `up`)
    why: str            # one line: what it is and what feeds it
    lever: str          # the control that moves it, as the screens name it
    role: str           # whose phase that lever is in: "leader", "manager" or "" (no lever)
    tip: str            # what to try next round, an imperative ("" when nothing helps)

    @property
    def cause(self) -> bool:
        """A cause of this round's change (the lag of earlier rounds and the limits are not)."""
        return self.key not in (CATCH_UP, LIMITS)


def _r(key: str, up: str, down: str, still: str, why: str, lever: str, role: str,
       tip: str) -> Reason:
    return Reason(key, up, down, still, why, lever, role, tip)


REASONS: tuple[Reason, ...] = (
    # --- morale -------------------------------------------------------------------------
    _r("Vision", "A vision people believe in", "A vision people believe in", "No lift from a vision",
       "An ambitious vision lifts morale as far as people believe it (a record of shipping) "
       "and understand it (clarity).", "Leader: the vision", "leader",
       "keep one ambitious vision and back it with work that ships on time"),
    _r(MISFIT, MISFIT, MISFIT, "",
       "The world has moved on from this vision: every round it is kept costs morale, "
       "creativity and alignment.", "Leader: change the vision", "leader",
       "change to a vision that fits the world now; it costs clarity once"),
    _r("Cynicism (ambition beyond capacity)", "Cynicism (ambition beyond capacity)",
       "Cynicism (ambition beyond capacity)", "No cynicism",
       "The vision asks for more than the teams can deliver, so people stop believing it.",
       "Leader: a humbler vision; Manager: more capacity", "leader",
       "resource the vision with capacity, or choose a humbler one"),
    _r("Town hall", "Town hall", "Town hall", "No town hall",
       "A town hall lifts everyone's morale and alignment; held every round it wears off.",
       "Leader: town hall", "leader", "hold a town hall, but not every round since it wears off"),
    _r("Coaching", "Coaching a team", "Coaching a team", "No coaching",
       "Coaching lifts the coached team's morale now and its skill in later rounds.",
       "Leader: coaching", "leader", "coach the team with the lowest morale"),
    _r("Recognition", "Recognition", "Recognition", "No recognition",
       "Recognition lifts morale and keeps people; it rings hollow when little was delivered.",
       "Leader: recognition", "leader", "recognise people after a round that delivered"),
    _r("Celebration", "Celebrating a win", "Celebrating a win", "No celebration",
       "Celebrating last round's shipped work lifts morale and trust; with no win it does little.",
       "Leader: celebrate", "leader", "celebrate right after something ships"),
    _r(PRESSURE, PRESSURE, PRESSURE, "No overtime or overload",
       "Overtime and teams loaded past 100% buy capacity now and cost morale, rest and quality.",
       "Manager: overtime and the schedule", "manager",
       "drop overtime and keep every team at or under full load"),
    _r("Fatigue", "Fatigue", "Fatigue", "",
       "Tired people lose heart; fatigue stays hidden unless the leader listens.",
       "Manager: slack in the schedule and the wellbeing budget", "manager",
       "leave slack in the schedule and fund wellbeing"),
    _r("Wellbeing budget", "Wellbeing budget", "Wellbeing budget", "No wellbeing budget",
       "Money for wellbeing lifts morale a little and helps people recover.",
       "Manager: wellbeing budget", "manager", "fund wellbeing"),
    _r("Performance reviews", "Performance reviews", "Performance reviews",
       "No performance reviews",
       "Reviews raise quality, process and skill but wear on morale and creativity.",
       "Manager: performance reviews", "manager",
       "run reviews only when quality slips; each one costs morale and creativity"),
    _r(UNCLEAR, "Vision still sinking in", "Vision still sinking in", "Vision fully clear",
       "Until a vision is fully clear morale drifts down; it clears a little every round "
       "it is kept.",
       "Leader: keep one vision", "leader", "keep the same vision so it grows clearer every round"),
    _r(NEGLECT, NEGLECT, NEGLECT, "Leader gave people attention",
       "A round in which the leader spends no energy on people lets morale drift down.",
       "Leader: any action with energy", "leader",
       "spend leader energy on people; any action stops the drift"),
    _r("Work shipped", "Work shipped", "Work shipped", "Nothing shipped",
       "A project that ships lifts morale and trust.", "Manager: the schedule", "manager",
       "put capacity on the project closest to done so it ships"),
    _r("Missed deadlines", "Deadlines missed", "Deadlines missed", "No deadline missed",
       "A project that misses its due round costs morale, trust and delivery at once.",
       "Manager: the schedule and the reserve", "manager",
       "put capacity on what is due next, and keep a reserve for surprises"),
    _r(INCIDENT, INCIDENT, INCIDENT, "No incident",
       "Something broke in front of customers: it shakes everyone, and no reserve buys that back.",
       "Leader: listening tour", "leader",
       "go on a listening tour: trouble heard early is dealt with before it breaks"),
    _r(LIMITS, "Floored: already near the bottom", "Capped: already near the top", "Within limits",
       "A metric runs from 0 to 100: what would have gone past the end is cut off. Not a cause.",
       "none", "", ""),
    _r(LEAVING, "Unhappiest people left", "People leaving", "Nobody left",
       "Who leaves changes the average mood, and their know-how goes with them.",
       "Leader: recognition; Manager: a lighter load", "leader",
       "recognise people and lighten the load so they stay"),
    _r(JOINING, "People joining", "People joining", "Nobody joined",
       "New people join at the mood of the team they join: hiring never buys morale.",
       "Manager: hiring budget", "manager", "hire only as many as the teams can take in"),
    # --- innovation ---------------------------------------------------------------------
    _r("Creativity", "Creativity rising", "Creativity fading", "Creativity steady",
       "Slack, trust, a believed vision and challenges feed creativity; reviews, heavy "
       "process and fatigue wear it down.",
       "Leader: challenge the status quo; Manager: slack", "leader",
       "challenge the status quo, and leave some slack in the schedule"),
    _r("Idea pipeline", "Idea pipeline filling", "Idea pipeline drying up", "Idea pipeline steady",
       "Ideas ready for innovation work: funding, slack and creative people make them; "
       "innovation work uses them up.",
       "Manager: innovation budget and slack", "manager",
       "fund innovation and leave slack in the schedule"),
    _r("Innovation work shipped", "Innovation work picking up", "Innovation work slowing",
       "Innovation work steady",
       "Innovation keeps its momentum only while teams work on innovation projects.",
       "Manager: schedule a team onto innovation work", "manager",
       "schedule a team onto an innovation project"),
    _r(CATCH_UP, "Earlier rounds' gains still arriving", "Earlier rounds' losses still arriving",
       "No lag from before",
       "Innovation and delivery move part of the way each round: this is the rest of earlier "
       "changes arriving late. Not a cause of this round.",
       "none: it follows what was done before", "", ""),
    _r("Ideas launched", "Ideas launched", "Ideas launched", "No idea launched",
       "An innovation project that ships gives innovation a one-off lift.",
       "Manager: the schedule", "manager", "finish an innovation project so it launches"),
    # --- delivery -----------------------------------------------------------------------
    _r("Progress against plan", "More of the plan done", "Less of the plan done",
       "Pace against plan steady",
       "How much of the work the due dates need was done this round, against last round.",
       "Manager: operations budget and the schedule", "manager",
       "put more capacity on the projects due soonest"),
    _r("Quality", "Quality improving", "Quality slipping", "Quality steady",
       "Quality rises with process, skill and reviews, and slips with pressure and fatigue.",
       "Manager: performance reviews, less pressure", "manager",
       "ease the pressure on the teams, and run reviews now and then"),
    _r("Deadlines kept", "On-time record improving", "On-time record hurt",
       "On-time record steady",
       "The share of due dates met so far: a miss stays on the record, a date kept mends it.",
       "Manager: the schedule", "manager",
       "bring the next due project in on time"),
    _r("Projects shipped", "Projects shipped", "Projects shipped", "No project shipped",
       "A delivery project that ships gives delivery a one-off lift.",
       "Manager: the schedule", "manager", "finish the project closest to done"),
    _r("Risk events", "Risk event struck", "Risk event struck", "No risk event struck",
       "A risk event hit delivery: a reserve absorbs it; process and listening make it rarer.",
       "Manager: reserve; Leader: listening", "manager", "keep a reserve in the budget"),
)
BY_KEY: dict[str, Reason] = {r.key: r for r in REASONS}
# Words that depend on the round, not only on the sign (see `_words`).
CATCH_UP_FIRST = ("Starting position still lifting it", "Starting position still weighing on it")
UNCLEAR_NEW, UNCLEAR_NONE = "New vision not understood yet", "No vision to follow"
UNCLEAR_FADING = "Vision losing its meaning"  # held, but the world has moved on: clarity falls
_UNCLEAR_WHY = BY_KEY[UNCLEAR].why
# The same driver, worded by what the leader did with the vision, each with its own advice.
UNCLEAR_BY_VISION: dict[str, Reason] = {
    "none": _r(UNCLEAR, UNCLEAR_NONE, UNCLEAR_NONE, "", _UNCLEAR_WHY, "Leader: the vision",
               "leader", "choose a vision and keep it"),
    "new": _r(UNCLEAR, UNCLEAR_NEW, UNCLEAR_NEW, "", _UNCLEAR_WHY, "Leader: keep one vision",
              "leader", "keep the new vision so it grows clearer every round"),
    "fading": _r(UNCLEAR, UNCLEAR_FADING, UNCLEAR_FADING, "", _UNCLEAR_WHY,
                 "Leader: change the vision", "leader",
                 "change to a vision that fits the world now; it costs clarity once"),
}
RISK_ABSORBED = "Risk event absorbed by the reserve"
EVENT_REASON = Reason(EVENT, "", "", "", "What your answer to an event did this round.",
                      "Your answer to the event", "", "")
LANDED_REASON = Reason("", "", "", "", "An earlier answer to an event landing this round.",
                       "Your earlier answer to the event", "", "")
_WORDS: dict[str, Reason] = {w: r for r in REASONS for w in (r.key, r.up, r.down, r.still) if w}
_WORDS.update({w: BY_KEY[CATCH_UP] for w in CATCH_UP_FIRST})
_WORDS.update({r.up: r for r in UNCLEAR_BY_VISION.values()})
_WORDS[RISK_ABSORBED] = BY_KEY["Risk events"]
HIDDEN_KEYS = frozenset({"Fatigue"})  # never worded by value: that would tell what is hidden


def reason_of(label: str) -> Reason:
    """The reason behind a label as the record keeps it (worded or not, hidden or not)."""
    label = label.removesuffix(HIDDEN)
    if label in _WORDS:
        return _WORDS[label]
    return EVENT_REASON if label.startswith(EVENT) else LANDED_REASON


def explain(label: str) -> str:
    """One line for a hover or a focus: what the driver is and the lever that moves it."""
    reason = reason_of(label)
    return f"{reason.why} Lever: {reason.lever}."


@dataclass(frozen=True)
class Facts:
    """What the records say happened in a round, for the words that state a fact."""

    round: int
    vision: str            # "none", "new" (set or changed this round) or "held"
    shipped: bool          # a project shipped this round
    delivered: bool        # a delivery project shipped this round
    launched: bool         # an innovation project shipped this round
    missed: bool           # a project missed its due round this round
    misfit: bool           # the vision is out of step with the world this round
    risk_event: bool
    left: int
    hired: int


def _states(projects: Sequence[ProjectStatus]) -> dict[str, str]:
    return {p.id: p.state for p in projects}


def facts_of(record: RoundRecord, previous: RoundRecord | None, start_vision: str | None) -> Facts:
    """The facts of `record`, against the round before it (None in round 1, when the
    organisation's own `start_vision` was the vision before)."""
    before = _states(previous.projects) if previous is not None else {}
    kinds = {p.id: p.kind for p in record.projects}
    shipped = [p for p, s in _states(record.projects).items()
               if s in SHIPPED and before.get(p, "open") not in SHIPPED]
    missed = any(p.state == "missed" and before.get(p.id, "open") == "open"
                 for p in record.projects)
    prior = previous.vision if previous is not None else start_vision
    vision = "none" if record.vision is None else ("held" if record.vision == prior else "new")
    misfit = any(reason_of(label).key == MISFIT and value < -QUIET
                 for label, value in record.drivers.get("morale", ()))
    return Facts(record.round, vision, bool(shipped),
                 any(kinds[p] != "innovation" for p in shipped),
                 any(kinds[p] == "innovation" for p in shipped), missed, misfit,
                 record.risk_event, record.left, record.hired)


def _words(reason: Reason, value: float, facts: Facts) -> str:
    """The words for one driver of the model this round."""
    if reason.key == CATCH_UP and facts.round <= 1 and abs(value) > QUIET:
        return CATCH_UP_FIRST[value < 0]
    if reason.key == UNCLEAR and abs(value) > QUIET:
        if facts.vision == "held" and facts.misfit:
            return UNCLEAR_FADING
        return UNCLEAR_BY_VISION[facts.vision].up if facts.vision != "held" else reason.down
    if reason.key == "Risk events" and abs(value) <= QUIET and facts.risk_event:
        return RISK_ABSORBED
    said = {"Work shipped": facts.shipped, "Projects shipped": facts.delivered,
            "Ideas launched": facts.launched,
            "Missed deadlines": facts.missed, LEAVING: facts.left > 0, JOINING: facts.hired > 0,
            "Risk events": facts.risk_event}
    if abs(value) <= QUIET and reason.key not in HIDDEN_KEYS and not said.get(reason.key, False):
        return reason.still or reason.up
    return reason.down if value < 0 else reason.up


def worded(drivers: dict[str, list[tuple[str, float]]], facts: Facts
           ) -> dict[str, list[tuple[str, float]]]:
    """The drivers with each model label turned into the report's words (labels that are
    not the model's, such as an event's, are kept as they are)."""
    out: dict[str, list[tuple[str, float]]] = {}
    for metric, items in drivers.items():
        rows = []
        for label, value in items:
            key, hidden = label.removesuffix(HIDDEN), label.endswith(HIDDEN)
            reason = BY_KEY.get(key)
            words = _words(reason, value, facts) if reason is not None else key
            rows.append((words + (HIDDEN if hidden else ""), value))
        out[metric] = rows
    return out

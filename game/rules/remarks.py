"""The coach's remark after a round: what the round was, what helped and hurt most, and what
to try next round, addressed to the player whose phase that is.

The remark reads the round's record and the rounds before it (drivers, decisions, scores) and
never recomputes the model. It blames only a driver that took something away this round
and praises only one that added something; the lag of earlier rounds and the 0..100 limits
are not causes, so it names neither. Doing nothing is never praised.
"""

from __future__ import annotations

from game.model.step import UNCLEAR
from game.rules.profile import profile_name
from game.rules.reasons import BY_KEY, Reason, reason_of
from game.rules.records import RoundRecord
from game.scenario.types import Scenario

Named = tuple[str, str, float]  # (metric, driver label, contribution)
ROLES = ("leader", "manager")
SECOND = 0.4  # a second loss this share of the worst is worth advice of its own
# How the coach names what helped, by the model's key (others: the label in lower case).
PRAISE: dict[str, str] = {
    "Vision": "a vision people believe in",
    "Recognition": "recognition for real work",
    "Town hall": "the town hall",
    "Coaching": "coaching",
    "Celebration": "celebrating a win",
    "Work shipped": "shipping work",
    "Projects shipped": "shipping projects",
    "Wellbeing budget": "the wellbeing budget",
    "Progress against plan": "getting more of the plan done",
    "Innovation work shipped": "innovation work picking up",
    "Ideas launched": "launching ideas",
    "Creativity": "rising creativity",
    "Idea pipeline": "a filling idea pipeline",
    "Quality": "better quality",
    "Deadlines kept": "keeping dates",
}
# Openings by profile; the round picks one, and each says something of this round.
OPENINGS: dict[str, tuple[str, ...]] = {
    "hands-off": ("You left everything as it was this {period}: no energy spent, no plan "
                  "changed. The organisation ran on habit.",),
    "leader-heavy": ("You led far more than you managed this {period} ({lead:.0%} leadership).",
                     "A {period} of leading ({lead:.0%}) with little managing behind it.",
                     "Mostly leadership this {period}: {lead:.0%} of what you did."),
    "manager-heavy": ("You managed far more than you led this {period} ({manage:.0%} "
                      "management).",
                      "A {period} of managing ({manage:.0%}) with little leading beside it.",
                      "Mostly management this {period}: {manage:.0%} of what you did."),
    "balanced": ("A balanced {period}: {lead:.0%} leadership, {manage:.0%} management.",
                 "You both led and managed this {period} ({lead:.0%} / {manage:.0%}).",
                 "Leading and managing in step this {period}: {lead:.0%} leadership."),
}


def causes(record: RoundRecord) -> list[Named]:
    """Every driver of the round that is a cause (not the lag of earlier rounds or a limit)."""
    return [(metric, label, value) for metric, drivers in record.drivers.items()
            for label, value in drivers if reason_of(label).cause]


def verdict(record: RoundRecord, threshold: float = 0.5) -> tuple[Named | None, Named | None]:
    """The driver the coach praises and the one it blames: the largest gain and the largest
    loss among causes, each only when it exceeds `threshold` points."""
    found = causes(record)
    best = max(found, key=lambda d: d[2], default=None)
    worst = min(found, key=lambda d: d[2], default=None)
    return (best if best is not None and best[2] > threshold else None,
            worst if worst is not None and worst[2] < -threshold else None)


def _losses(record: RoundRecord) -> list[tuple[Named, Reason]]:
    """The causes that took something away, worst first, each with a lever to pull now (a
    held vision still sinking in is left out: holding it is already the cure)."""
    found = sorted((c for c in causes(record) if c[2] < -0.05), key=lambda c: c[2])
    return [(c, reason_of(c[1])) for c in found
            if reason_of(c[1]).tip and c[1] != BY_KEY[UNCLEAR].down]


def _first(record: RoundRecord) -> Reason | None:
    losses = _losses(record)
    return losses[0][1] if losses else None


def advice(record: RoundRecord, previous: RoundRecord | None) -> tuple[Reason, str] | None:
    """What to try next round and how it is put ("" new, "still" repeated, "more" more of
    what worked): the lever of the worst loss; when last round's advice was that lever
    and another loss at least `SECOND` as large has another lever, that one instead; with
    no loss, the lever behind the best gain, if the player did anything."""
    losses = _losses(record)
    if losses:
        worst = losses[0]
        if previous is None or _first(previous) != worst[1]:
            return worst[1], ""
        other = next((r for c, r in losses[1:] if r.lever != worst[1].lever
                      and c[2] <= SECOND * worst[0][2]), None)
        return (other, "") if other is not None else (worst[1], "still")
    best, _ = verdict(record, threshold=0.05)
    if best is not None and record.activity > 0 and reason_of(best[1]).tip:
        return reason_of(best[1]), "more"
    return None


def _addressed(reason: Reason, how: str, period: str, names: tuple[str, str] | None) -> str:
    """The advice sentence, to the player whose phase the lever is in."""
    verb = {"still": "try this again", "more": "keep it up"}.get(how, "try this")
    if names is not None and reason.role in ROLES:
        name = names[ROLES.index(reason.role)]
        return f"{name}, as {reason.role} next {period}, {verb}: {reason.tip} ({reason.lever})."
    return f"Next {period}, {verb}: {reason.tip} ({reason.lever})."


def _streak(label: str, history: list[RoundRecord]) -> int:
    """How many rounds just before this one the coach blamed `label` most."""
    count = 0
    for record in reversed(history):
        _, worst = verdict(record)
        if worst is None or worst[1] != label:
            break
        count += 1
    return count


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _trend(record: RoundRecord, previous: RoundRecord | None, period: str) -> str:
    if previous is None:
        return ""
    change = record.score - previous.score
    if abs(change) < 0.5:
        return f"The score held at {record.score:.0f}."
    word = "rose" if change > 0 else "fell"
    return f"The score {word} {abs(change):.1f} points on last {period}."


def remark(scenario: Scenario, record: RoundRecord, history: list[RoundRecord],
           names: tuple[str, str] | None = None) -> str:
    """The coach's remark on `record` (`history`: the rounds before it). With `names`
    (leader, manager) in hot-seat, the advice goes to the player whose phase it is in."""
    profile = profile_name(record.leader_share, record.activity)
    period = scenario.round_label.lower()
    previous = history[-1] if history else None
    openings = OPENINGS[profile]
    lines = [openings[record.round % len(openings)].format(
        period=period, lead=record.leader_share, manage=1 - record.leader_share)]
    trend = _trend(record, previous, period)
    if trend:
        lines.append(trend)
    best, worst = verdict(record)
    if best is not None and profile != "hands-off":  # doing nothing is never praised
        why = PRAISE.get(reason_of(best[1]).key, best[1].lower())
        lines.append(f"{best[0].capitalize()} gained most from {why} ({best[2]:+.1f}).")
    tip = advice(record, previous)
    if worst is not None:
        streak = _streak(worst[1], history)
        reason = reason_of(worst[1])
        # Why it costs, the first round it is blamed, unless the advice is about it anyway
        # (an event's own text says why).
        about = tip is not None and tip[0].lever == reason.lever
        why = f" {reason.why}" if not streak and reason.tip and not about else ""
        running = {0: "", 1: "again "}.get(streak, "")
        lasting = f" for the {_ordinal(streak + 1)} {period} running" if streak > 1 else ""
        lines.append(f"{worst[0].capitalize()} {running}lost most to {worst[1].lower()}"
                     f"{lasting} ({worst[2]:+.1f}).{why}")
    if tip is not None:
        lines.append(_addressed(*tip, period=period, names=names))
    if record.repaid > 0.005:
        lines.append(f"Debt took {record.repaid:.0f} of this {period}'s budget to pay it down "
                     f"(cash now {record.cash:+.0f}).")
    if record.revealed:
        lines.append(f"Listening showed fatigue at {record.gauges['fatigue']:.0f}% "
                     f"and risk at {record.gauges['risk']:.0f}%.")
    return " ".join(lines)

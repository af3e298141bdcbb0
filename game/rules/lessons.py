"""Which debrief lessons a game shows: those whose conditions hold, less any that would
contradict a lesson shown before it (the scenario's `priority:`, then its order, decides which stays).

Two lessons contradict when their conditions speak about the same thing from opposite
sides: one gauge or metric read from below by one and from above by the other (innovation
below 60 "ideas dried up" beside innovation above 40 "ideas flowed"), one project in two
different states, or two readings of the leader/manager profile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from game.scenario.types import (
    AllOf,
    Condition,
    GaugeCompare,
    Lesson,
    Not,
    ProfileCompare,
    ProjectState,
    Used,
)

Claim = tuple[str, str, str]  # (kind, subject, side)


def claims(condition: Condition) -> set[Claim]:
    """What a condition asserts about the game, for the parts joined by `all:`."""
    match condition:
        case GaugeCompare(gauge=gauge, below=below, above=above):
            if below is not None and above is None:
                return {("gauge", gauge, "low")}
            if above is not None and below is None:
                return {("gauge", gauge, "high")}
            return set()
        case ProjectState(project=project, state=state):
            return {("project", project, state)}
        case ProfileCompare(leader_share_below=below, leader_share_above=above):
            return {("profile", "leader_share", f"{below}:{above}")}
        case Used(lever=lever):
            return {("used", lever, "yes")}
        case Not(condition=Used(lever=lever)):
            return {("used", lever, "no")}
        case AllOf(conditions=parts):
            return set().union(*(claims(c) for c in parts))
    return set()


def contradict(a: set[Claim], b: set[Claim]) -> bool:
    return any(ka == kb and sa == sb and side_a != side_b
               for ka, sa, side_a in a for kb, sb, side_b in b)


def shown(lessons: Iterable[Lesson], holds: Callable[[Condition], bool]) -> list[str]:
    """The texts of the lessons to show: `holds(condition)` true, none contradicting an
    earlier one shown."""
    kept: list[set[Claim]] = []
    texts: list[str] = []
    for lesson in lessons:
        if not holds(lesson.when):
            continue
        said = claims(lesson.when)
        if any(contradict(said, before) for before in kept):
            continue
        kept.append(said)
        texts.append(lesson.text)
    return texts

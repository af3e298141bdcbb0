"""The scenario's objectives, scored from the round records: met, missed, or still open
(and by how much), and the levers a game used (for the debrief's `used:` lessons).

Read from the records only; the debrief, the manager board and the tests call these and
never look at the model.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.rules.records import ObjectiveStatus, RoundRecord
from game.scenario.types import KEPT_VISION, Objective, Scenario


def levers_used(scenario: Scenario, history: Sequence[RoundRecord]) -> frozenset[str]:
    """Every lever used in at least one round: `vision` for a vision of the player's own
    (not the organisation's), overtime, reviews and each leader action by its id."""
    used: set[str] = set()
    for r in history:
        if r.vision is not None and r.vision != scenario.organization.vision:
            used.add("vision")
        if r.overtime > 0:
            used.add("overtime")
        if r.reviews:
            used.add("reviews")
        used.update(action.split(":")[0] for action in r.actions)
    return frozenset(used)


def _period(scenario: Scenario, round_no: int) -> str:
    return f"{scenario.round_label.lower()} {round_no}"


def _one_project(scenario: Scenario, pid: str, history: Sequence[RoundRecord],
                 over: bool) -> tuple[str, str, float]:
    """(status, how far in words, gap) of one project against its due round."""
    shipped = next((r.round for r in history for p in r.projects
                    if p.id == pid and p.state.startswith("shipped")), None)
    now = next(p for p in history[-1].projects if p.id == pid) if history else None
    due = now.due if now is not None else scenario.project(pid).due
    title = now.title if now is not None else scenario.project(pid).title
    if shipped is not None:
        late = shipped - due
        if late <= 0:
            return "met", f"{title} shipped in {_period(scenario, shipped)}, due " \
                          f"{_period(scenario, due)}", float(-late)
        return "missed", f"{title} shipped {late} {scenario.round_label.lower()}" \
                         f"{'s' * (late != 1)} late ({_period(scenario, shipped)})", float(-late)
    done = now.progress if now is not None else 0.0
    played = history[-1].round if history else 0
    status = "missed" if over or played >= due else "open"
    return status, f"{title} {done:.0%} done, due {_period(scenario, due)}", done - 1.0


def _projects(scenario: Scenario, objective: Objective, history: Sequence[RoundRecord],
              over: bool) -> ObjectiveStatus:
    each = [_one_project(scenario, pid, history, over) for pid in objective.projects]
    need = objective.at_least or len(each)
    met = sum(status == "met" for status, _, _ in each)
    could = met + sum(status == "open" for status, _, _ in each)
    status = "met" if met >= need else "missed" if could < need else "open"
    how = "; ".join(words for _, words, _ in each)
    if len(each) > 1:
        how = f"{met} of {len(each)} on time (needs {need}): {how}"
    gap = each[0][2] if len(each) == 1 else float(met - need)
    return ObjectiveStatus(objective.text, status, how, gap)


def _final_values(record: RoundRecord) -> dict[str, float]:
    return {**record.gauges, **record.metrics, "score": record.score}


def _figure(value: float, limits: Sequence[float]) -> str:
    """A whole number, or as many decimals as it takes to tell it from a limit it is near
    ("morale 55.3 (needs above 55)", never "morale 55 (needs above 55)" for a met one)."""
    for places in (0, 1, 2):
        words = f"{value:.{places}f}"
        if all(float(words) == limit == value or float(words) != limit
               and (float(words) > limit) == (value > limit) for limit in limits):
            return words
    return f"{value:.2f}"


def _metrics(objective: Objective, history: Sequence[RoundRecord], over: bool) -> ObjectiveStatus:
    values = _final_values(history[-1]) if history else {}
    gaps = []
    for name in objective.metrics:
        value = values.get(name)
        if value is None:
            gaps.append(float("-inf"))
            continue
        if objective.above is not None:
            gaps.append(value - objective.above)
        if objective.below is not None:
            gaps.append(objective.below - value)
    gap = min(gaps) if gaps else float("-inf")
    need = " and ".join(f"{word} {limit:g}" for word, limit in (("above", objective.above),
                                                                  ("below", objective.below))
                        if limit is not None)
    limits = [limit for limit in (objective.above, objective.below) if limit is not None]
    shown = ", ".join(f"{name} {_figure(values[name], limits)}" for name in objective.metrics
                      if name in values)
    how = f"{shown or 'not played yet'} (needs {need}{' at the end' if not over else ''})"
    met = gap > 0
    status = ("met" if met else "missed") if over else "open"
    return ObjectiveStatus(objective.text, status, how, None if gaps == [] else round(gap, 6))


def _vision(scenario: Scenario, objective: Objective, history: Sequence[RoundRecord],
            over: bool) -> ObjectiveStatus:
    visions = [r.vision for r in history]
    final = visions[-1] if visions else scenario.organization.vision
    title = next((v.title for v in scenario.visions if v.id == final), None)
    if objective.vision == KEPT_VISION:
        own = [v for v in visions if v is not None and v != scenario.organization.vision]
        changes = sum(1 for a, b in zip(visions, visions[1:], strict=False) if a != b)
        met = bool(own) and final is not None and final == own[-1] and changes <= 1
        how = ("no vision of your own" if not own else
               f"'{title}' held, changed {changes} time{'s' * (changes != 1)}")
    else:
        met = final == objective.vision
        how = f"'{title}' at the end" if title else "no vision at the end"
    status = ("met" if met else "missed") if over else "open"
    return ObjectiveStatus(objective.text, status, how, None)


def objective_status(scenario: Scenario, objective: Objective,
                     history: Sequence[RoundRecord]) -> ObjectiveStatus:
    """One objective as the records stand; `met`/`missed` at the end of the game, `open` for
    what can still go either way while it is played."""
    over = len(history) >= scenario.rounds
    if objective.projects:
        return _projects(scenario, objective, history, over)
    if objective.metrics:
        return _metrics(objective, history, over)
    if objective.vision is not None:
        return _vision(scenario, objective, history, over)
    return ObjectiveStatus(objective.text, "")


def objectives_status(scenario: Scenario, history: Sequence[RoundRecord]
                      ) -> tuple[ObjectiveStatus, ...]:
    return tuple(objective_status(scenario, o, history) for o in scenario.objectives)

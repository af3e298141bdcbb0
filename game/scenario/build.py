"""Turn checked plain data into the typed `Scenario` (frozen dataclasses, tuples for lists).

Only called once the schema and the cross-reference checks found nothing, so the data's
shape is known to be right here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.scenario.types import (
    BUDGET_CATEGORIES,
    After,
    AllOf,
    AnyOf,
    Budget,
    Choice,
    Claim,
    Condition,
    Effect,
    Event,
    Expectation,
    FlagIs,
    GaugeCompare,
    Lesson,
    Not,
    Objective,
    Organization,
    ProfileCompare,
    Project,
    ProjectState,
    RoundAtLeast,
    RoundIs,
    Scenario,
    Scoring,
    Team,
    TeamGauge,
    Used,
    Vision,
    VisionIs,
)

Data = dict[str, Any]


def _pairs(mapping: Data | None) -> tuple[tuple[str, float], ...]:
    return tuple((key, float(value)) for key, value in (mapping or {}).items())


def _limit(data: Data, key: str) -> float | None:
    value = data.get(key)
    return None if value is None else float(value)


def build_after(data: Data) -> After:
    choice = data.get("choice")
    return After(data["event"], None if choice is None else str(choice),
                 int(data.get("rounds", 1)))


def build_condition(data: Data) -> Condition:
    """The typed condition for one checked condition mapping."""
    if "used" in data:
        return Used(data["used"])
    if "flag" in data:
        return FlagIs(data["flag"], _limit(data, "below"), _limit(data, "above"))
    if "after" in data:
        return build_after(data["after"])
    if "metric" in data and "team" in data:
        return TeamGauge(data["team"], data["metric"], _limit(data, "below"),
                         _limit(data, "above"))
    if "round" in data:
        return RoundIs(int(data["round"]))
    if "from_round" in data:
        return RoundAtLeast(int(data["from_round"]))
    if "metric" in data:
        below, above = data.get("below"), data.get("above")
        return GaugeCompare(data["metric"], None if below is None else float(below),
                            None if above is None else float(above))
    if "vision" in data:
        return VisionIs(data["vision"])
    if "project" in data:
        return ProjectState(data["project"], data["state"])
    if "leader_share" in data:
        share = data["leader_share"]
        below, above = share.get("below"), share.get("above")
        return ProfileCompare(None if below is None else float(below),
                              None if above is None else float(above))
    if "all" in data:
        return AllOf(tuple(build_condition(c) for c in data["all"]))
    if "any" in data:
        return AnyOf(tuple(build_condition(c) for c in data["any"]))
    return Not(build_condition(data["not"]))


def title_from_id(item_id: str) -> str:
    """'key-client-churn' -> 'Key client churn'."""
    words = item_id.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def _team(data: Data) -> Team:
    shares = {k: float(data[k]) for k in ("skill", "morale", "creativity", "fatigue") if k in data}
    return Team(id=data["id"], name=data["name"], size=int(data["size"]),
                arrives=int(data.get("arrives", 1)), flag=_flag(data), **shares)


def _flag(data: Data) -> str | None:
    """The flag a team's arrival or a project's work waits for (`when: {flag: x}`)."""
    return data["when"]["flag"] if "when" in data else None


def _organization(data: Data) -> Organization:
    extra: Data = {k: float(data[k]) for k in ("trust", "process", "cash") if k in data}
    if "leader_energy" in data:
        extra["leader_energy"] = int(data["leader_energy"])
    return Organization(teams=tuple(_team(t) for t in data["teams"]),
                        vision=data.get("vision"), **extra)


def _budget(data: Data) -> Budget:
    per_round = data["per_round"]
    by_round = tuple(float(v) for v in per_round) if isinstance(per_round, list) else ()
    reference = sum(by_round) / len(by_round) if by_round else float(per_round)
    return Budget(per_round=reference,
                  categories=tuple(data.get("categories", BUDGET_CATEGORIES)),
                  default=_pairs(data.get("default")), by_round=by_round)


def _vision(data: Data) -> Vision:
    fits = data.get("fits", {})
    until = fits.get("until")
    return Vision(data["id"], data["title"], float(data["ambition"]), data.get("description", ""),
                  fits_from=int(fits.get("from", 1)),
                  fits_until=None if until is None else int(until))


_MODIFIERS = ("team", "project", "in", "for", "category", "away")


def _effect(data: Data) -> Effect:
    amounts = tuple((k, float(v)) for k, v in data.items() if k not in _MODIFIERS)
    away = data.get("away")
    if away is not None:  # people of a team, away for some rounds
        return Effect((("away", float(away["people"])),), team=away["team"],
                      delay=int(data.get("in", 0)), away_rounds=int(away["rounds"]))
    return Effect(amounts, team=data.get("team"), project=data.get("project"),
                  delay=int(data.get("in", 0)), lasts=int(data.get("for", 1)),
                  category=data.get("category"))


def _choice(data: Data, number: int) -> Choice:
    raw = data.get("effects") or {}
    effects = [_effect(e) for e in (raw if isinstance(raw, list) else [raw])]
    now = [e for e in effects if e.now]
    flags = data.get("set") or {}
    require = data.get("require")
    return Choice(
        label=data["label"], outcome=data.get("outcome", ""), id=data.get("id", str(number)),
        effects=tuple(pair for e in now for pair in e.amounts),
        later=tuple(e for e in effects if not e.now),
        sets=tuple((k, float(v)) for k, v in flags.items()),
        adds=_pairs(data.get("add")),
        require=None if require is None else build_condition(require),
        reason=data.get("reason", ""),
    )


def _event(data: Data) -> Event:
    choices = tuple(_choice(c, i + 1) for i, c in enumerate(data["choices"]))
    parts = [build_condition(data["when"])] if "when" in data else []
    if "after" in data:
        parts.append(build_after(data["after"]))
    when = parts[0] if len(parts) == 1 else AllOf(tuple(parts))
    return Event(id=data["id"], title=data.get("title") or title_from_id(data["id"]),
                 text=data["text"], when=when, choices=choices,
                 once=bool(data.get("once", True)))


def _objective(data: str | Data) -> Objective:
    if isinstance(data, str):
        return Objective(data)
    metric, project, least = data.get("metric"), data.get("project"), data.get("at_least")
    return Objective(data["text"],
                     projects=tuple([project] if isinstance(project, str) else project or ()),
                     at_least=None if least is None else int(least),
                     metrics=tuple([metric] if isinstance(metric, str) else metric or ()),
                     above=_limit(data, "above"), below=_limit(data, "below"),
                     vision=data.get("vision"))


def _at(source: str, place: Callable[[tuple[Any, ...]], tuple[int, int]] | None,
        path: tuple[Any, ...]) -> str:
    """'file:line:column' of a node (just the file without a way to place it)."""
    if place is None:
        return source
    line, column = place(path)
    return f"{source}:{line}:{column}"


def _expectation(data: Data, at: str) -> Expectation:
    share: Any = data.get("fires", data.get("at_least", 0.5))
    return Expectation(player=data["in"], event=data.get("event"), project=data.get("project"),
                       state=data.get("state"), share=float(share), at=at)


def build_scenario(data: Data, source: str,
                   place: Callable[[tuple[Any, ...]], tuple[int, int]] | None = None) -> Scenario:
    """The typed Scenario for checked data loaded from `source`."""
    weights = data.get("scoring", {}).get("weights", {})
    par = data.get("par")
    return Scenario(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        rounds=int(data["rounds"]),
        organization=_organization(data["organization"]),
        budget=_budget(data["budget"]),
        visions=tuple(_vision(v) for v in data["visions"]),
        projects=tuple(
            Project(p["id"], p["title"], p["kind"], float(p["scope"]), int(p["due"]),
                    float(p["value"]), p.get("description", ""),
                    requires=tuple(p.get("requires", ())), arrives=int(p.get("arrives", 1)),
                    central=bool(p.get("central", False)), flag=_flag(p))
            for p in data["projects"]
        ),
        events=tuple(_event(e) for e in data.get("events", ())),
        debrief=tuple(Lesson(build_condition(d["when"]), d["text"], int(d.get("priority", 0)))
                      for d in data.get("debrief", ())),
        objectives=tuple(_objective(o) for o in data.get("objectives", ())),
        difficulty=data.get("difficulty", "medium"),
        minutes=int(data.get("minutes", 30)),
        round_label=data.get("round_label", "Round"),
        briefing=data.get("briefing", ""),
        scoring=Scoring(**{k: float(v) for k, v in weights.items()}),
        claims=tuple(Claim(c["strategy"], c["beats"], float(c["by"]))
                     for c in data.get("claims", ())),
        par=None if par is None else float(par),
        params=_pairs(data.get("params")),
        tutorial=tuple((k, str(v)) for k, v in data.get("tutorial", {}).items()),
        expect=tuple(_expectation(e, _at(source, place, ("expect", i)))
                     for i, e in enumerate(data.get("expect", ()))),
        source=source,
    )

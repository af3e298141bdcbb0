"""Turn checked plain data into the typed `Scenario` (frozen dataclasses, tuples for lists).

Only called once the schema and the cross-reference checks found nothing, so the data's
shape is known to be right here.
"""

from __future__ import annotations

from typing import Any

from game.scenario.types import (
    BUDGET_CATEGORIES,
    AllOf,
    AnyOf,
    Budget,
    Choice,
    Claim,
    Condition,
    Event,
    GaugeCompare,
    Lesson,
    Not,
    Organization,
    ProfileCompare,
    Project,
    ProjectState,
    RoundAtLeast,
    RoundIs,
    Scenario,
    Scoring,
    Team,
    Vision,
    VisionIs,
)

Data = dict[str, Any]


def _pairs(mapping: Data | None) -> tuple[tuple[str, float], ...]:
    return tuple((key, float(value)) for key, value in (mapping or {}).items())


def build_condition(data: Data) -> Condition:
    """The typed condition for one checked condition mapping."""
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
    return Team(id=data["id"], name=data["name"], size=int(data["size"]), **shares)


def _organization(data: Data) -> Organization:
    extra: Data = {k: float(data[k]) for k in ("trust", "process", "cash") if k in data}
    if "leader_energy" in data:
        extra["leader_energy"] = int(data["leader_energy"])
    return Organization(teams=tuple(_team(t) for t in data["teams"]),
                        vision=data.get("vision"), **extra)


def _budget(data: Data) -> Budget:
    return Budget(per_round=float(data["per_round"]),
                  categories=tuple(data.get("categories", BUDGET_CATEGORIES)),
                  default=_pairs(data.get("default")))


def _vision(data: Data) -> Vision:
    fits = data.get("fits", {})
    until = fits.get("until")
    return Vision(data["id"], data["title"], float(data["ambition"]), data.get("description", ""),
                  fits_from=int(fits.get("from", 1)),
                  fits_until=None if until is None else int(until))


def _event(data: Data) -> Event:
    choices = tuple(
        Choice(label=c["label"], effects=_pairs(c.get("effects")), outcome=c.get("outcome", ""))
        for c in data["choices"]
    )
    return Event(id=data["id"], title=data.get("title") or title_from_id(data["id"]),
                 text=data["text"], when=build_condition(data["when"]), choices=choices,
                 once=bool(data.get("once", True)))


def build_scenario(data: Data, source: str) -> Scenario:
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
                    float(p["value"]), p.get("description", ""))
            for p in data["projects"]
        ),
        events=tuple(_event(e) for e in data.get("events", ())),
        debrief=tuple(Lesson(build_condition(d["when"]), d["text"])
                      for d in data.get("debrief", ())),
        objectives=tuple(data.get("objectives", ())),
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
        source=source,
    )

"""A scenario with every list at its limit and long texts: the file the limits are timed on."""

from __future__ import annotations

import json

from game.scenario import limits
from game.scenario.schema import MAX_ROUNDS


def words(n: int, seed: int = 0) -> str:
    """`n` characters of wordy text (words of varied length, like prose)."""
    vocabulary = ["ship", "the", "roadmap", "people", "quarterly", "vision", "a", "budget",
                  "keel", "innovation", "and", "delivery", "sail", "trust"]
    out: list[str] = []
    size, i = 0, seed
    while size < n:
        word = vocabulary[i % len(vocabulary)]
        out.append(word)
        size += len(word) + 1
        i += 7
    return " ".join(out)[:n].rstrip() or "x"


def deep_condition(i: int, parts: int) -> dict[str, object]:
    """A condition of `parts` parts; the first one (i == 0) also at the depth limit."""
    leaf: dict[str, object] = {"metric": "morale", "above": 10 + i % 50}
    used = 1
    for level in range(limits.MAX_CONDITION_DEPTH - 1 if i == 0 else 0):
        leaf = {"not": leaf} if level % 2 else {"any": [leaf, {"round": 1 + level}]}
        used += 1 if level % 2 else 2
    flat = [leaf] + [{"metric": "delivery", "below": 90 + k % 10} for k in range(parts - used - 1)]
    return {"all": flat[: limits.LIST_LIMITS["all"]]}


def scenario_at_limits() -> str:
    L = limits.LIST_LIMITS
    rounds = MAX_ROUNDS
    conditions = L["events"] + L["debrief"]   # the file-wide budget, shared evenly
    parts = (limits.MAX_ALL_CONDITION_PARTS - limits.MAX_CONDITION_PARTS) // (conditions - 1) - 1

    def when(k: int) -> dict[str, object]:
        return deep_condition(k, limits.MAX_CONDITION_PARTS if k == 0 else parts)
    data: dict[str, object] = {
        "id": "a" * limits.MAX_ID,
        "title": words(limits.MAX_SHORT_TEXT),
        "summary": words(limits.MAX_SUMMARY),
        "briefing": words(limits.MAX_BRIEFING),
        "minutes": 600,
        "objectives": [words(200, k) for k in range(L["objectives"])],
        "rounds": rounds,
        "round_label": words(40),
        "organization": {"teams": [{"id": f"team-{k}", "name": words(limits.MAX_SHORT_TEXT, k),
                                    "size": 100} for k in range(L["teams"])],
                         "leader_energy": 20, "cash": 1e9},
        "budget": {"per_round": 1e6, "categories": ["operations", "innovation", "training",
                                                     "hiring", "wellbeing", "reserve"]},
        "visions": [{"id": f"vision-{k}", "title": words(limits.MAX_SHORT_TEXT, k),
                     "ambition": k / L["visions"], "description": words(400, k)}
                    for k in range(L["visions"])],
        "projects": [{"id": f"project-{k}", "title": words(limits.MAX_SHORT_TEXT, k),
                      "kind": "delivery" if k % 2 else "innovation", "scope": 1e5 if k == 0 else 50,
                      "due": 1 + k % rounds, "value": 1e5 if k == 1 else 20}
                     for k in range(L["projects"])],
        "events": [{"id": f"event-{k}", "title": words(limits.MAX_SHORT_TEXT, k),
                    "text": words(1000, k), "when": when(k), "once": True,
                    "choices": [{"label": f"{c} " + words(limits.MAX_SHORT_TEXT - 4, c),
                                 "effects": {"morale": 100 - c, "delivery": -100},
                                 "outcome": words(150, c)} for c in range(L["choices"])]}
                   for k in range(L["events"])],
        "debrief": [{"when": when(k + 1), "text": words(300, k)} for k in range(L["debrief"])],
        "scoring": {"weights": {"morale": 1000, "innovation": 0.001, "delivery": 1}},
        "claims": [{"strategy": "balanced", "beats": "manager-only", "by": 0.01 * k}
                   for k in range(L["claims"])],
        "par": 100,
        "params": {"idea_rate": 10, "work_per_person": 0.1},
    }
    return json.dumps(data, indent=1)  # JSON is YAML; compact enough to stay under 1 MiB

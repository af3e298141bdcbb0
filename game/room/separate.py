"""Which decisions set the room's best games apart from the rest.

Pure: it reads the recorded rounds. Each game is described by a few habits (budget shares,
overtime, reviews, leader actions per round, vision changes); the best quarter's mean of
each habit is compared with the rest's, and the habits with the largest gap (relative to
how much the room varied on them) are named.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from typing import Any

TOP_SHARE = 0.25


def habits(records: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """One game's habits, averaged over its rounds."""
    if not records:
        return {}
    result: dict[str, float] = {}
    n = len(records)
    for r in records:
        total = sum(r["budget"].values()) or 1.0
        for category, amount in r["budget"].items():
            key = f"budget to {category}"
            result[key] = result.get(key, 0.0) + amount / total / n
        for action in r["actions"]:
            key = f"{action.split(':')[0].replace('_', ' ')} per round"
            result[key] = result.get(key, 0.0) + 1 / n
    result["overtime"] = statistics.fmean(float(r["overtime"]) for r in records)
    result["rounds with reviews"] = statistics.fmean(1.0 if r["reviews"] else 0.0 for r in records)
    visions = [r["vision"] for r in records]
    result["vision changes"] = float(sum(a != b for a, b in zip(visions, visions[1:], strict=False)))
    return result


def separating_decisions(records: Mapping[int, Sequence[Mapping[str, Any]]],
                         scores: Mapping[int, float], limit: int = 5) -> list[dict[str, Any]]:
    """The habits that most separate the best quarter (by score) from the rest, largest gap first."""
    ranked = sorted(scores, key=lambda pid: -scores[pid])
    if len(ranked) < 2:
        return []
    top = max(1, round(len(ranked) * TOP_SHARE))
    best, rest = ranked[:top], ranked[top:]
    described = {pid: habits(records[pid]) for pid in ranked}
    names = sorted({k for h in described.values() for k in h})
    rows: list[dict[str, Any]] = []
    for key in names:
        values = [described[pid].get(key, 0.0) for pid in ranked]
        spread = max(values) - min(values)
        if spread <= 1e-9:
            continue
        b = statistics.fmean(described[pid].get(key, 0.0) for pid in best)
        r = statistics.fmean(described[pid].get(key, 0.0) for pid in rest)
        share = key.startswith(("budget", "rounds", "overtime"))
        rows.append({"habit": key, "best": round(b, 4), "rest": round(r, 4),
                     "gap": round((b - r) / spread, 4), "percent": share})
    rows.sort(key=lambda row: -abs(row["gap"]))
    return rows[:limit]

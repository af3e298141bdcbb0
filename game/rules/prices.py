"""Each lever's price and payoff, one line each. The screens explain their controls with
it, and docs/model.md ("Every lever: its price and its payoff") shows the same table word
for word (tests/docs/test_model_doc.py checks that)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# lever -> (price, payoff); a name in `code font` is a model coefficient (docs/model.md)
PRICES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "vision (ambition)": (
        'risk grows with ambition; stretch (cynicism and fatigue) when ambition outruns capacity or'
        ' the record of shipping',
        'believed ambition (× credibility, step 1) lifts morale, creativity and ideas'),
    "keeping the vision": (
        'nothing while it fits; a misfit costs clarity, morale, alignment and creativity every '
        'round',
        'clarity, hence alignment, hence capacity'),
    "changing the vision": (
        'clarity, alignment and trust once',
        'ends a misfit; a vision that fits the world'),
    "town hall": (
        '2 energy; wears off when held every round',
        'alignment and morale, organisation-wide'),
    "coach a team": (
        '2 energy; one team a round; wears off when repeated',
        "that team's morale now and skill over the next rounds (capacity and quality)"),
    "recognition": (
        '1 energy; hollow when nothing was delivered; wears off when repeated',
        'morale, and fewer people leave that round'),
    "listening tour": (
        '1 energy; wears off when repeated',
        'trust, a lower risk of a shock that round (trouble heard early), and the hidden fatigue '
        'and risk are shown'),
    "challenge the status quo": (
        '2 energy; a capacity dip, more risk and less process that round',
        'creativity, hence ideas'),
    "celebrate a win": (
        '1 energy; empty unless something shipped last round; wears off when repeated',
        'morale and trust'),
    "operations budget": (
        'money not spent elsewhere',
        'capacity'),
    "innovation budget": (
        'money',
        'more ideas'),
    "training budget": (
        'money now; pays back only over the following rounds, so late training is wasted',
        'skill organisation-wide (capacity and quality)'),
    "hiring budget": (
        "money; newcomers take colleagues' time for two rounds (a late project gets later "
        "first), start unskilled and unaligned, at the "
        "organisation's mood",
        'headcount, hence capacity and ideas'),
    "wellbeing budget": (
        'money',
        'fatigue recovery and morale'),
    "reserve": (
        'money not spent this round',
        "absorbs most of a risk event's shock (delivery points and the money it costs); whatever it"
        ' does not absorb is saved to cash'),
    "leaving money unallocated": (
        'nothing is bought with it',
        'saved to cash, a runway against later debt'),
    "schedule above 100 % (pressure)": (
        'pressure (fatigue, morale and quality in the same round, rework over the next rounds), '
        '`overload_strain` times what '
        'overtime costs for the same work: juggling costs more than staying late',
        'more work done (at `overload_efficiency`), one team at a time'),
    "slack (schedule below 100 %)": (
        'less work done',
        'recovery, creativity and ideas'),
    "overtime": (
        'pressure: fatigue, morale and quality in the same round, and rework over the next '
        'rounds (a burst pays, a habit does not)',
        'capacity (`overtime_capacity` at full overtime), cheaper in pressure than the same work by'
        ' over-allocation'),
    "performance reviews": (
        'morale and creativity',
        "quality (the delivery metric's quality part), process maturity (capacity, lower risk), and"
        ' skill from their feedback'),
    "event answers": (
        'what the chosen effects take (money, morale, …); cash below 0 is a debt that cuts later '
        'budgets',
        'what the chosen effects give, at once'),
})


def plain(text: str) -> str:
    """The text as a player reads it: without the `code font` marks."""
    return text.replace("`", "")


"""The range each model coefficient (`params:` in a scenario) may take, and what it means.

Within these ranges the model stays finite: property tests play games with every
coefficient at either end of its range (tests/core/test_ranges.py), and `validate`
refuses a scenario whose `params:` fall outside them. A coefficient added to
`DEFAULT_PARAMS` needs a row here; a test fails until it has one.

Kinds of range: a *share* or *rate* is 0..1 (a fraction, or a fraction a round); a
*reference share* is a budget share that counts as "enough" and must stay above zero
(it divides); a component *weight* must stay above zero so that the weights of a metric
never all vanish; *points* are on the 0..100 metric scale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Range:
    low: float
    high: float
    meaning: str

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high

    def describe(self) -> str:
        return f"{self.low:g} to {self.high:g}"


def _rate(meaning: str) -> Range:
    return Range(0.0, 1.0, meaning)


def _reference(meaning: str) -> Range:
    return Range(0.01, 1.0, meaning)


def _weight(meaning: str) -> Range:
    return Range(0.01, 1.0, meaning)


def _points(meaning: str) -> Range:
    return Range(0.0, 50.0, meaning)


PARAM_RANGES: Mapping[str, Range] = MappingProxyType({
    # --- capacity -----------------------------------------------------------------------------
    "work_per_person": Range(0.1, 10.0, "work points a fully able person delivers a round"),
    "ops_reference_share": _reference("operations share of the budget that counts as well run"),
    "ops_capacity_gain": _rate("capacity range the operations budget spans"),
    "overtime_capacity": _rate("extra capacity at full overtime"),
    "overload_efficiency": _rate("how much of over-allocated work actually gets done"),
    "overload_strain": Range(0.0, 5.0, "pressure of over-allocated work against the same work "
                                       "done as overtime"),
    "process_capacity": _rate("capacity gained from process maturity 0 -> 1"),
    "alignment_capacity": _rate("capacity lost by a wholly unaligned person"),
    "fatigue_capacity": _rate("capacity lost by a wholly exhausted person"),
    "onboarding_load": Range(0.0, 2.0, "colleagues' work a new hire takes in their first round "
                                       "(half in the second), in persons"),
    "rework_pressure": _rate("share of work done wrong per unit of pressure"),
    "rework_fatigue": _rate("share of work done wrong by a wholly exhausted organisation"),
    "rework_discovery": _rate("share of the hidden errors found and redone a round"),
    # --- vision and leadership --------------------------------------------------------------
    "clarity_gain": _rate("clarity gained per round a vision is kept"),
    "clarity_decay": _rate("clarity lost per round with no vision"),
    "change_clarity_keep": _rate("share of clarity that survives a change of vision"),
    "change_alignment_keep": _rate("share of alignment that survives a change of vision"),
    "change_trust_cost": _rate("trust lost by changing the vision"),
    "misfit_clarity_decay": _rate("clarity lost per round the vision does not fit the world"),
    "misfit_morale": _rate("morale cost of a vision out of step with the world"),
    "misfit_alignment": _rate("alignment lost per round the vision does not fit"),
    "misfit_creativity": _rate("creativity lost per round the vision does not fit"),
    "alignment_from_clarity": _rate("alignment gained a round from a clear vision"),
    "alignment_decay": _rate("alignment lost a round"),
    "vision_morale": _rate("morale lift of an ambitious, clear vision"),
    "cynicism": _rate("morale cost of ambition far beyond capacity"),
    "ambition_pressure": _rate("fatigue from ambition beyond capacity"),
    "town_hall_alignment": _rate("alignment a town hall brings"),
    "town_hall_morale": _rate("morale a town hall brings"),
    "town_hall_habituation": _rate("how much of a repeated town hall is lost"),
    "action_habituation": _rate("how much of any other repeated leader action is lost"),
    "credibility_record": _rate("share of a vision's pull that needs a record of shipping"),
    "record_keep": _rate("share of the shipping record that carries over a round"),
    "coaching_learning": _rate("skill a coached team will gain (delayed)"),
    "coaching_morale": _rate("morale coaching brings to the coached team"),
    "recognition_morale": _rate("morale recognition brings"),
    "recognition_retention": _rate("share of attrition risk recognition removes"),
    "listening_trust": _rate("trust listening brings"),
    "listening_risk": _rate("risk a listening tour catches before it strikes"),
    "challenge_creativity": _rate("creativity challenging the status quo brings"),
    "challenge_process": _rate("process maturity a challenge costs"),
    "challenge_delivery": _rate("capacity dip in the round of a challenge"),
    "challenge_risk": _rate("extra risk in the round of a challenge"),
    "celebrate_morale": _rate("morale a celebration brings"),
    "celebrate_trust": _rate("trust a celebration brings"),
    # --- creativity and ideas ---------------------------------------------------------------
    "creativity_decay": _rate("creativity lost each round with no leadership input"),
    "creativity_from_vision": _rate("creativity gained from an ambitious vision"),
    "creativity_from_trust": _rate("creativity gained from trust"),
    "creativity_from_slack": _rate("creativity gained from unscheduled time"),
    "review_creativity": _rate("creativity lost to a round of performance reviews"),
    "process_creativity": _rate("creativity lost to process maturity above 0.7"),
    "idea_rate": Range(0.0, 10.0, "ideas (work points) a creative person generates a round"),
    "innovation_reference_share": _reference("innovation share of the budget that counts as enough"),
    "idea_decay": _rate("share of the idea pipeline that goes stale a round"),
    # --- people --------------------------------------------------------------------------------
    "training_reference_share": _reference("training share of the budget that counts as enough"),
    "training_learning": _rate("skill a round of full training brings"),
    "review_learning": _rate("skill on its way from a round of performance reviews"),
    "learning_rate": _rate("share of pending learning that becomes skill a round"),
    "hire_cost_share": _reference("budget share one hire costs"),
    "new_hire_skill": _rate("skill a new hire starts with"),
    "wellbeing_reference_share": _reference("wellbeing share of the budget that counts as enough"),
    "wellbeing_recovery": _rate("fatigue the wellbeing budget removes a round"),
    "wellbeing_morale": _rate("morale the wellbeing budget brings"),
    "slack_recovery": _rate("fatigue recovered by a wholly idle round"),
    "base_recovery": _rate("fatigue recovered every round"),
    "runway_repay_share": _rate("most of a round's budget that goes to paying down debt"),
    "pressure_fatigue": _rate("fatigue per unit of pressure (full overtime or its worth in over-allocation)"),
    "pressure_morale": _rate("morale cost per unit of pressure, felt the same round"),
    "fatigue_morale": _rate("morale cost of fatigue above 0.5"),
    "neglect_morale": _rate("morale drift down with no leadership attention"),
    "review_morale": _rate("morale cost of a round of performance reviews"),
    "shipped_morale": _rate("morale from a shipped project"),
    "missed_morale": _rate("morale cost of a missed deadline"),
    "attrition_base": _rate("chance a person leaves in a round"),
    "attrition_morale": Range(0.0, 2.0, "extra leaving probability per point of morale under 0.45"),
    "attrition_fatigue": _rate("extra leaving probability from fatigue"),
    # --- organisation ------------------------------------------------------------------------
    "trust_decay": _rate("trust lost a round"),
    "trust_from_delivery": _rate("trust gained from delivery"),
    "trust_missed": _rate("trust lost per missed deadline"),
    "review_process": _rate("process maturity a round of performance reviews brings"),
    "process_decay": _rate("process maturity lost a round"),
    "risk_base": _rate("chance of a risk event a round"),
    "risk_ambition": _rate("extra risk from an ambitious vision"),
    "risk_process": _rate("risk removed by process maturity"),
    "risk_fatigue": _rate("extra risk from fatigue"),
    "risk_shock": _points("delivery points a risk event costs, unabsorbed"),
    "risk_morale": _rate("morale a risk event costs everyone"),
    "reserve_reference_share": _reference("reserve share of the budget that absorbs a shock"),
    # --- metrics -------------------------------------------------------------------------------
    "metric_rate": _rate("how fast innovation and delivery follow their drivers"),
    "innovation_creativity_weight": _weight("weight of creativity in innovation"),
    "innovation_pipeline_weight": _weight("weight of the idea pipeline in innovation"),
    "innovation_shipped_weight": _weight("weight of shipped ideas in innovation"),
    "delivery_progress_weight": _weight("weight of progress against plan in delivery"),
    "delivery_quality_weight": _weight("weight of quality in delivery"),
    "delivery_deadline_weight": _weight("weight of deadlines kept in delivery"),
    "missed_penalty": _points("delivery points lost when a project misses its date"),
    "shipped_bonus": _points("delivery points per shipped project (scaled by value)"),
    "late_value": _rate("share of value a project missed by the grace or more still earns late"),
    "deadline_grace": Range(0.01, 1.0, "shortfall at the date, as a share of scope, that counts "
                                       "as wholly missed"),
    "review_quality": _rate("quality a round of performance reviews brings"),
    "pressure_quality": _rate("quality target lost per unit of mean pressure"),
    "momentum_keep": _rate("share of last round's innovation output still felt"),
})


def out_of_range(name: str, value: float) -> str | None:
    """Why `value` is not allowed for the coefficient `name`, or None when it is."""
    allowed = PARAM_RANGES.get(name)
    if allowed is None or allowed.holds(value):
        return None
    return (f"{name} must be between {allowed.describe()} ({allowed.meaning}); "
            f"{value:g} would let the model run off its scale")

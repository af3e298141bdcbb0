"""Model coefficients: defaults in code, overridable per scenario (`params:` in YAML).

Every value is a plain float; docs/model.md explains each one in words. Rates are per
round; levels are on a 0..1 scale unless the name says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

DEFAULT_PARAMS: Mapping[str, float] = MappingProxyType(
    {
        # --- capacity: how much work people get done ----------------------------------
        "work_per_person": 1.5,        # work points a fully able person delivers a round
        "ops_reference_share": 0.35,   # operations share of the budget that counts as "well run"
        "ops_capacity_gain": 0.45,     # capacity range the operations budget spans
        "overtime_capacity": 0.5,       # extra capacity at full overtime
        "overload_efficiency": 0.55,   # how much of over-allocated work actually gets done
        "overload_strain": 2.0,        # pressure of over-allocated work against the same work as overtime
        "process_capacity": 0.25,      # capacity gained from process maturity 0 -> 1
        "alignment_capacity": 0.45,    # capacity lost by a wholly unaligned person
        "fatigue_capacity": 0.55,      # capacity lost by a wholly exhausted person
        "onboarding_load": 0.7,        # colleagues' time a newcomer takes: round 1 (half in 2)
        "rework_pressure": 0.2,        # share of work done wrong per unit of pressure
        "rework_fatigue": 0.3,         # share of work done wrong by a wholly exhausted organisation
        "rework_discovery": 0.35,      # share of the hidden errors found (and redone) a round
        # --- vision and leadership ------------------------------------------------------
        "clarity_gain": 0.22,          # clarity gained per round a vision is kept
        "clarity_decay": 0.30,         # clarity lost per round with no vision
        "change_clarity_keep": 0.35,   # share of clarity that survives a change of vision
        "change_alignment_keep": 0.65, # share of alignment that survives a change of vision
        "change_trust_cost": 0.06,     # trust lost by changing the vision
        "misfit_clarity_decay": 0.25,  # clarity lost per round the vision does not fit the world
        "misfit_morale": 0.06,         # morale cost of a vision out of step with the world
        "misfit_alignment": 0.05,      # alignment lost per round the vision does not fit
        "misfit_creativity": 0.05,     # creativity lost per round the vision does not fit
        "alignment_from_clarity": 0.10,
        "alignment_decay": 0.06,
        "vision_morale": 0.035,        # morale lift of an ambitious, clear vision
        "cynicism": 0.10,              # morale cost of ambition far beyond capacity
        "ambition_pressure": 0.10,     # fatigue from ambition beyond capacity
        "town_hall_alignment": 0.12,
        "town_hall_morale": 0.05,
        "town_hall_habituation": 0.9,  # how much of a repeated town hall is lost
        "action_habituation": 0.7,     # how much of any other repeated leader action is lost
        "credibility_record": 0.6,     # share of a vision's pull that needs a record of shipping
        "record_keep": 0.7,            # share of the shipping record that carries over a round
        "coaching_learning": 0.35,     # skill a coached team will gain (delayed)
        "coaching_morale": 0.08,
        "recognition_morale": 0.06,
        "recognition_retention": 0.5,  # share of attrition risk recognition removes
        "listening_trust": 0.15,
        "listening_risk": 0.3,        # risk a listening tour catches before it strikes
        "challenge_creativity": 0.25,
        "challenge_process": 0.05,
        "challenge_delivery": 0.04,    # capacity dip in the round of a challenge
        "challenge_risk": 0.08,
        "celebrate_morale": 0.12,
        "celebrate_trust": 0.06,
        # --- creativity and ideas ---------------------------------------------------------
        "creativity_decay": 0.15,     # creativity lost each round with no leadership input
        "creativity_from_vision": 0.05,
        "creativity_from_trust": 0.03,
        "creativity_from_slack": 0.08,
        "review_creativity": 0.02,    # creativity lost to a round of performance reviews
        "process_creativity": 0.03,    # creativity lost to process maturity above 0.7
        "idea_rate": 0.9,              # ideas (work points) a creative person generates a round
        "innovation_reference_share": 0.2,
        "idea_decay": 0.15,            # share of the idea pipeline that goes stale a round
        # --- people ---------------------------------------------------------------------------
        "training_reference_share": 0.12,
        "training_learning": 0.6,
        "review_learning": 0.03,       # skill on its way from a round of performance reviews (feedback)
        "learning_rate": 0.35,          # share of pending learning that becomes skill a round
        "hire_cost_share": 0.08,       # budget share one hire costs
        "new_hire_skill": 0.3,
        "wellbeing_reference_share": 0.12,
        "wellbeing_recovery": 0.18,
        "wellbeing_morale": 0.06,
        "slack_recovery": 0.18,        # fatigue recovered by a wholly idle round
        "base_recovery": 0.03,
        "pressure_fatigue": 0.18,      # fatigue per unit of pressure (full overtime or its worth)
        "pressure_morale": 0.05,       # morale cost per unit of pressure, felt the same round
        "fatigue_morale": 0.08,        # morale cost of fatigue above 0.5
        "neglect_morale": 0.22,        # morale drift down with no leadership attention
        "review_morale": 0.015,
        "shipped_morale": 0.04,
        "missed_morale": 0.03,
        "attrition_base": 0.008,
        "attrition_morale": 0.35,      # extra leaving probability per point of morale under 0.45
        "attrition_fatigue": 0.12,
        # --- organisation ------------------------------------------------------------------------
        "trust_decay": 0.02,
        "trust_from_delivery": 0.02,
        "trust_missed": 0.04,
        "review_process": 0.07,
        "process_decay": 0.015,
        "risk_base": 0.10,
        "risk_ambition": 0.12,
        "risk_process": 0.12,
        "risk_fatigue": 0.15,
        "risk_shock": 24.0,             # delivery points a risk event costs, unabsorbed
        "risk_morale": 0.0,            # morale a risk event costs everyone (no reserve absorbs it)
        "reserve_reference_share": 0.07,
        "runway_repay_share": 0.5,     # most of a round's budget that goes to paying down debt
        # --- metrics ---------------------------------------------------------------------------
        "metric_rate": 0.6,           # how fast innovation and delivery follow their drivers
        "innovation_creativity_weight": 0.35,
        "innovation_pipeline_weight": 0.2,
        "innovation_shipped_weight": 0.45,
        "delivery_progress_weight": 0.45,
        "delivery_quality_weight": 0.2,
        "delivery_deadline_weight": 0.35,
        "missed_penalty": 18.0,         # delivery points lost when a project misses its date
        "shipped_bonus": 4.0,          # delivery points per shipped project (scaled by value)
        "late_value": 0.5,             # share of value a project missed by the grace or more still earns late
        "deadline_grace": 0.3,         # shortfall at the date (share of scope) that counts as wholly missed
        "review_quality": 0.35,
        "pressure_quality": 0.2,      # quality target lost per unit of mean pressure
        "momentum_keep": 0.5,          # share of last round's innovation output still felt
    }
)


@dataclass(frozen=True)
class Params:
    """Coefficients as attributes, built from the defaults and a scenario's overrides."""

    values: Mapping[str, float]

    def __post_init__(self) -> None:
        # Real attributes, so the model's many look-ups each round are plain and fast.
        for key, value in self.values.items():
            object.__setattr__(self, key, value)

    def __getattr__(self, name: str) -> float:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    @classmethod
    def with_overrides(cls, overrides: Mapping[str, float] | None = None) -> Params:
        merged = dict(DEFAULT_PARAMS)
        for key, value in (overrides or {}).items():
            if key not in merged:
                raise KeyError(f"unknown model parameter {key!r}")
            merged[key] = float(value)
        return cls(MappingProxyType(merged))

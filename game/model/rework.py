"""The model's reference modes: rework, the onboarding of newcomers, and deadlines missed by a
little or by a lot. Small array-in, array-out pieces of a round, batch-first.

- Rework (Abdel-Hamid & Madnick; Sterman's *Business Dynamics*): work done under pressure
  or tired carries errors nobody sees at first. They surface over the next rounds and must
  be done again, so overload buys output now and takes it back later (People Express's
  boom and bust). Errors still hidden when a project ships ship as defects.
- Onboarding (Brooks, *The Mythical Man-Month*): a newcomer takes colleagues' time for two
  rounds, so people added to a late project make it later first.
- Deadlines: a project missed by a little costs a little of what one missed by a lot costs.

Shapes: B playthroughs, N employee slots, P projects.
"""

from __future__ import annotations

import numpy as np

from game.model import kernels as k
from game.model.params import Params

Array = np.ndarray
MOST_ERRORS = np.array(0.6)  # at most this share of a round's work is flawed


def onboarding(active: Array, tenure: Array) -> Array:
    """(B, N) the onboarding each person needs this round: 1 in their first round, 0.5 in
    their second, 0 after (times `onboarding_load` persons of colleagues' time)."""
    return active * np.where(tenure < 1.0, 1.0, np.where(tenure < 2.0, 0.5, 0.0))


def error_share(mean_pressure: Array, mean_fatigue: Array, p: Params) -> Array:
    """(B,) the share of this round's work done wrong: more under pressure, more when tired."""
    errors = p.rework_pressure * mean_pressure + p.rework_fatigue * mean_fatigue
    return np.minimum(np.maximum(errors, k.ZERO), MOST_ERRORS)


def surfaced(progress: Array, flaws: Array, p: Params) -> tuple[Array, Array, Array]:
    """At the start of a round a share `rework_discovery` of the flaws hidden in each
    project's progress (B, P) comes to light and is taken off it, to be done again this
    round or later. Returns the progress left, the flaws still hidden, and those found."""
    found = flaws * p.rework_discovery
    return np.maximum(progress - found, k.ZERO), flaws - found, found


def flawed(flaws: Array, done: Array, errors: Array) -> Array:
    """The hidden flaws after this round's work `done` (B, P), `errors` (B,) of it wrong."""
    return flaws + done * errors[:, None]


def lateness(remaining: Array, scope: Array, missed: Array, p: Params) -> Array:
    """(B, P) how late each project that misses its date this round is, 0..1: its work
    still to do at the date as a share of scope, over `deadline_grace` (1: missed by the
    grace or more; 0 for every project that did not miss this round)."""
    short = remaining / np.maximum(scope, k.TINY) / max(float(p.deadline_grace), 1e-9)
    return np.minimum(short, k.ONE) * missed

"""Model coefficients: defaults in code, overridable per scenario (`params:` in YAML).

docs/model.md explains each one in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

DEFAULT_PARAMS: Mapping[str, float] = MappingProxyType(
    {
        # filled in by the model; every key here may be overridden by a scenario
        "work_per_person": 1.0,
    }
)

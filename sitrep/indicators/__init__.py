"""Indicators stage: Mentions -> dated, reconciled Indicators, by rules kept in YAML.

Public API: `load_rules`, `build_indicators`, `format_indicators`, `IndicatorRules`, `IndicatorResult`.
"""

from __future__ import annotations

from sitrep.indicators.build import IndicatorResult, build_indicators, check_examples
from sitrep.indicators.formats import FORMATS, format_indicators, to_dict
from sitrep.indicators.rules import KINDS, Credibility, IndicatorRules, Rule, load_rules, method_notes

__all__ = [
    "FORMATS",
    "KINDS",
    "Credibility",
    "IndicatorResult",
    "IndicatorRules",
    "Rule",
    "build_indicators",
    "check_examples",
    "format_indicators",
    "load_rules",
    "method_notes",
    "to_dict",
]

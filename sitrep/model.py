"""Frozen data classes that cross stage boundaries.

Data flows one way: sources -> extract -> indicators -> charts/render -> deliver.
Each stage takes these values and returns new ones; none reaches back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

FAMILIES: tuple[str, ...] = ("displacement", "casualties", "aid_trucks", "border")
# How a Mention warning starts when its place was inferred from context, not named by its own sentence:
# the extractor writes it, the indicators stage reads it (such a place tells no incident apart).
CONTEXT_PLACE_NOTE = "place taken from"
QUALIFIERS: tuple[str, ...] = ("exact", "approx", "nearly", "more_than", "at_least", "up_to", "less_than")
VAGUE_AMOUNTS: tuple[str, ...] = (
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "tens of thousands",
    "hundreds of thousands",
    "millions",
)


@dataclass(frozen=True)
class Document:
    """One source article as read: its text plus what is known of where it came from."""

    id: str
    text: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_estimated: bool = False
    language: str = "en"
    path: str | None = None


@dataclass(frozen=True)
class SourceProblem:
    """A source that could not be read, or was read with a doubt (kept for the brief's data notes)."""

    path: str
    message: str
    line: int | None = None
    fatal: bool = False  # True: the source was not read at all


@dataclass(frozen=True)
class Mention:
    """One figure found in one document, with everything needed to cite it."""

    doc: str
    family: str
    indicator: str
    value: int | None
    quote: str
    start: int
    end: int
    value_max: int | None = None
    vague: str | None = None
    qualifier: str = "exact"
    civilian: bool | None = None
    as_of: dt.date | None = None
    period_start: dt.date | None = None
    place: str | None = None
    attributed_to: str | None = None
    unit: str = "people"
    rule: str = ""
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The JSON Lines contract of `sitrep extract` (see README)."""
        return {
            "doc": self.doc,
            "family": self.family,
            "indicator": self.indicator,
            "value": self.value,
            "value_max": self.value_max,
            "vague": self.vague,
            "qualifier": self.qualifier,
            "civilian": self.civilian,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "place": self.place,
            "attributed_to": self.attributed_to,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "unit": self.unit,
            "rule": self.rule,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class Evidence:
    """A claim backing an indicator value: one mention, and every outlet that printed the same sentence."""

    mention: Mention
    outlets: tuple[str, ...]  # doc ids carrying the same (normalised) sentence: wire copy counts once
    originator: str | None  # who the text credits, else the outlet
    tier: int  # credibility tier, 1 = most credible


@dataclass(frozen=True)
class SeriesPoint:
    """One dated value of an indicator, for charts and change-since-last-report."""

    as_of: dt.date
    value: int | None
    value_max: int | None = None
    qualifier: str = "exact"
    vague: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Indicator:
    """A dated figure a situation report stands on, with its sources and how they disagree."""

    id: str
    label: str
    family: str
    kind: str  # running_total | events | rate | stock | target
    unit: str
    hxl: str
    value: int | None
    as_of: dt.date | None
    value_max: int | None = None
    qualifier: str = "exact"
    vague: str | None = None
    period_start: dt.date | None = None
    range: tuple[int, int] | None = None
    disagreement: str | None = None
    confidence: str = "medium"  # high | medium | low
    sources: tuple[Evidence, ...] = ()
    series: tuple[SeriesPoint, ...] = ()
    target_of: str | None = None  # for a target indicator: the rate indicator it sets a target for
    method: str = ""  # which rule chose the headline, in words, for the brief's method section
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chart:
    """A rendered chart: SVG for HTML/PDF, its alt text and its data as a small table."""

    id: str
    title: str
    alt: str
    svg: bytes
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    family: str | None = None  # the overview section it belongs to (None: after the sections)


@dataclass(frozen=True)
class Citation:
    """A numbered footnote: which source, which sentence, which words are the figure."""

    number: int
    doc: str
    quote: str
    highlight: tuple[int, int] | None = None  # offsets of the figure's words inside `quote`


@dataclass(frozen=True)
class Report:
    """Everything the templates need; templates only format, they compute nothing."""

    id: str
    title: str
    as_of: dt.date
    area: str = ""
    number: int | None = None
    period_start: dt.date | None = None
    next_report: dt.date | None = None
    organisation: str = ""
    documents: tuple[Document, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    mentions: tuple[Mention, ...] = ()
    charts: tuple[Chart, ...] = ()
    warnings: tuple[str, ...] = ()
    problems: tuple[SourceProblem, ...] = field(default_factory=tuple)
    language: str = "en"
    logo: str | None = None  # path or data: URI of the organisation's logo
    theme: Mapping[str, str] = field(default_factory=dict)  # colours and fonts from the report config
    # (heading, text) pairs for the brief's method section: vague-amount policy, credibility tiers, ...
    method_notes: tuple[tuple[str, str], ...] = ()

"""Indicators as JSON, CSV, HXL CSV or an aligned terminal table (the `sitrep indicators` output)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.errors import SitrepError
from sitrep.indicators.build import IndicatorResult
from sitrep.indicators.text import day, fmt_value, plain_name
from sitrep.model import Evidence, Indicator, SeriesPoint

FORMATS: tuple[str, ...] = ("table", "json", "csv", "hxl")

# Column -> HXL hashtag for the hxl format (one row per indicator; the indicator's own hashtag is data).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "#indicator+code"),
    ("label", "#indicator+name"),
    ("family", "#indicator+family"),
    ("kind", "#indicator+kind"),
    ("unit", "#indicator+unit"),
    ("value", "#indicator+value+num"),
    ("value_max", "#indicator+value+max+num"),
    ("vague", "#indicator+vague"),
    ("qualifier", "#indicator+qualifier"),
    ("as_of", "#date+reported"),
    ("period_start", "#date+start"),
    ("range_min", "#indicator+range+min+num"),
    ("range_max", "#indicator+range+max+num"),
    ("disagreement", "#description+disagreement"),
    ("confidence", "#meta+confidence"),
    ("target_of", "#indicator+target+code"),
    ("hxl", "#meta+hxl"),
    ("sources", "#meta+source"),
    ("warnings", "#description+warnings"),
)


def _iso(d: Any) -> str | None:
    return d.isoformat() if d else None


def _source(e: Evidence, publishers: Mapping[str, str]) -> dict[str, Any]:
    doc = e.outlets[0] if e.outlets else e.mention.doc
    return {
        "outlet": publishers.get(doc, doc),
        "originator": e.originator,
        "doc": doc,
        "quote": e.mention.quote,
        "tier": e.tier,
        "as_of": _iso(e.mention.as_of),
        "value": e.mention.value,
        "qualifier": e.mention.qualifier,
        "vague": e.mention.vague,
        "also_in": list(e.outlets[1:]),
    }


def _point(p: SeriesPoint) -> dict[str, Any]:
    return {
        "as_of": _iso(p.as_of),
        "value": p.value,
        "value_max": p.value_max,
        "qualifier": p.qualifier,
        "vague": p.vague,
    }


def to_dict(ind: Indicator, publishers: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The JSON object of one indicator (the `sitrep indicators --format json` contract)."""
    pubs = publishers or {}
    return {
        "id": ind.id,
        "label": ind.label,
        "family": ind.family,
        "kind": ind.kind,
        "unit": ind.unit,
        "hxl": ind.hxl,
        "value": ind.value,
        "value_max": ind.value_max,
        "vague": ind.vague,
        "qualifier": ind.qualifier,
        "as_of": _iso(ind.as_of),
        "period_start": _iso(ind.period_start),
        "range": {"min": ind.range[0], "max": ind.range[1]} if ind.range else None,
        "disagreement": ind.disagreement,
        "confidence": ind.confidence,
        "target_of": ind.target_of,
        "method": ind.method,
        "warnings": list(ind.warnings),
        "sources": [_source(e, pubs) for e in ind.sources],
        "series": [_point(p) for p in ind.series],
    }


def _figure(ind: Indicator) -> str:
    if ind.value is None and ind.vague:
        return ind.vague
    from sitrep.indicators.text import QUALIFIER_WORDS, number

    if ind.value is None:
        return ""
    core = number(ind.value) + (f" to {number(ind.value_max)}" if ind.value_max is not None else "")
    return QUALIFIER_WORDS.get(ind.qualifier, "") + core


def _flat(ind: Indicator, pubs: Mapping[str, str]) -> dict[str, Any]:
    srcs = []
    for e in ind.sources:
        doc = e.outlets[0] if e.outlets else e.mention.doc
        outlet = pubs.get(doc, doc)
        who = plain_name(e.originator) if e.originator and e.originator != outlet else ""
        srcs.append(f"{who + ' via ' if who else ''}{outlet} [{', '.join(e.outlets) or doc}]")
    return {
        "id": ind.id,
        "label": ind.label,
        "family": ind.family,
        "kind": ind.kind,
        "unit": ind.unit,
        "value": ind.value,
        "value_max": ind.value_max,
        "vague": ind.vague,
        "qualifier": ind.qualifier,
        "as_of": _iso(ind.as_of),
        "period_start": _iso(ind.period_start),
        "range_min": ind.range[0] if ind.range else None,
        "range_max": ind.range[1] if ind.range else None,
        "disagreement": ind.disagreement,
        "confidence": ind.confidence,
        "target_of": ind.target_of,
        "hxl": ind.hxl,
        "sources": "; ".join(srcs),
        "warnings": " | ".join(ind.warnings),
    }


def _csv(rows: list[dict[str, Any]], hxl: bool) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([c for c, _ in COLUMNS])
    if hxl:
        w.writerow([t for _, t in COLUMNS])
    for r in rows:
        w.writerow(["" if r[c] is None else r[c] for c, _ in COLUMNS])
    return out.getvalue()


def _table(inds: Sequence[Indicator], pubs: Mapping[str, str]) -> str:
    head = ("ID", "FIGURE", "AS OF", "SINCE", "RANGE", "SOURCE")
    rows = []
    for ind in inds:
        e = ind.sources[0] if ind.sources else None
        doc = (e.outlets[0] if e.outlets else e.mention.doc) if e else ""
        src = ""
        if e:
            outlet = pubs.get(doc, doc)
            src = f"{plain_name(e.originator)} via {outlet}" if e.originator and e.originator != outlet else outlet
        rng = f"{ind.range[0]:,}-{ind.range[1]:,}" if ind.range else ""
        rows.append(
            (
                ind.id,
                f"{_figure(ind)} of {ind.unit}" if ind.value is None and ind.vague else f"{_figure(ind)} {ind.unit}",
                day(ind.as_of),
                day(ind.period_start) if ind.period_start else "",
                rng,
                src,
            )
        )
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(head, widths, strict=True)).rstrip()]
    for ind, r in zip(inds, rows, strict=True):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if len(ind.series) > 1:
            steps = " -> ".join(
                f"{fmt_value(p.evidence[0].mention) if p.evidence else p.value} ({day(p.as_of)})" for p in ind.series
            )
            lines.append(f"    series: {steps}")
        if ind.disagreement:
            lines.append(f"    sources differ: {ind.disagreement}")
        lines.extend(f"    warning: {w}" for w in ind.warnings)
    return "\n".join(lines) + "\n"


def format_indicators(result_or_indicators: IndicatorResult | Sequence[Indicator], fmt: str) -> str:
    """Render indicators as `table`, `json`, `csv` or `hxl` (CSV with a HXL hashtag row under the header)."""
    if isinstance(result_or_indicators, IndicatorResult):
        inds: Sequence[Indicator] = result_or_indicators.indicators
        pubs: Mapping[str, str] = result_or_indicators.publishers
    else:
        inds, pubs = tuple(result_or_indicators), {}
    if fmt == "json":
        return json.dumps([to_dict(i, pubs) for i in inds], indent=2, ensure_ascii=False) + "\n"
    if fmt in ("csv", "hxl"):
        return _csv([_flat(i, pubs) for i in inds], hxl=fmt == "hxl")
    if fmt == "table":
        return _table(inds, pubs)
    raise SitrepError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")

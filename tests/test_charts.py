"""Charts: deterministic SVG bytes, text kept as text, alt text and data tables, only where there is data."""

from __future__ import annotations

from dataclasses import replace

from sitrep.charts import make_charts
from tests.test_render import sample_report


def test_one_chart_per_family_with_data() -> None:
    report = sample_report()
    charts = make_charts(report.indicators, report.theme)
    assert [c.id for c in charts] == ["displacement", "casualties", "aid_trucks", "border"]
    assert make_charts([i for i in report.indicators if i.family != "border"], report.theme)[-1].id == "aid_trucks"
    assert make_charts([], report.theme) == []


def test_svg_is_deterministic_and_keeps_text() -> None:
    report = sample_report()
    first = make_charts(report.indicators, report.theme)
    second = make_charts(report.indicators, report.theme)
    assert [c.svg for c in first] == [c.svg for c in second]
    svg = first[0].svg.decode()
    assert svg.startswith("<?xml") and "<dc:date>" not in svg
    assert "People displaced" in svg and "<text" in svg  # svg.fonttype none: words stay words
    assert "#1f3864" in svg  # theme primary colour


def test_alt_text_and_table() -> None:
    report = sample_report()
    casualties = next(c for c in make_charts(report.indicators, report.theme) if c.id == "casualties")
    assert "Civilians killed" in casualties.alt and "more than 400 on 27 February 2020" in casualties.alt
    assert "dozens" in casualties.alt  # a vague figure is described, not drawn
    assert casualties.columns == ("Date", "Civilians killed", "Fighters and soldiers killed")
    assert ("23 Feb 2020", "–", "dozens") in casualties.rows
    assert ("27 Feb 2020", "more than 400", "up to 16") in casualties.rows


def test_theme_changes_colours() -> None:
    report = sample_report()
    charts = make_charts(report.indicators, {"primary": "#005a9c"})
    assert b"#005a9c" in charts[0].svg


def test_undated_or_valueless_indicators_are_not_charted() -> None:
    report = sample_report()
    inds = [replace(i, series=(), as_of=None) if i.family == "border" else i for i in report.indicators]
    assert "border" not in [c.id for c in make_charts(inds, {})]

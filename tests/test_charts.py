"""Charts: deterministic SVG bytes, text kept as text, alt text and data tables, only where there is data."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sitrep.charts import load_chart_specs, make_charts
from sitrep.errors import ConfigError
from sitrep.indicators import load_rules
from sitrep.yamlio import Loaded, load_yaml
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


def test_civilian_and_military_casualties_have_their_own_panels() -> None:
    report = sample_report()
    casualties = next(c for c in make_charts(report.indicators, report.theme) if c.id == "casualties")
    svg = casualties.svg.decode()
    assert svg.count('<g id="axes_') == 2  # one set of axes each: 16 soldiers are not flattened by 400 civilians
    assert casualties.family == "casualties"
    assert "2 panels" in casualties.alt


def _report_file(tmp_path: Path, charts: str) -> Loaded:
    p = tmp_path / "report.yaml"
    p.write_text(f"id: r\ntitle: T\nas_of: 2020-02-28\nsources: s\n{charts}", encoding="utf-8")
    return load_yaml(p)


def test_builtin_chart_list_names_only_builtin_indicators() -> None:
    known = {r.id for r in load_rules().rules}
    for spec in load_chart_specs():
        assert {i for panel in spec.panels for i in panel} <= known, spec.id


def test_report_charts_replace_the_builtin_list(tmp_path: Path) -> None:
    report = sample_report()
    loaded = _report_file(
        tmp_path, "charts:\n  - id: toll\n    family: casualties\n    title: Deaths\n    panels: [[civilians_killed]]\n"
    )
    specs = load_chart_specs(loaded, {i.id for i in report.indicators})
    charts = make_charts(report.indicators, report.theme, specs)
    assert [(c.id, c.title, c.family) for c in charts] == [("toll", "Deaths", "casualties")]
    assert make_charts(report.indicators, report.theme, load_chart_specs(_report_file(tmp_path, "charts: []\n"))) == []


def test_misspelt_chart_indicator_is_an_error_with_its_line(tmp_path: Path) -> None:
    loaded = _report_file(tmp_path, "charts:\n  - id: toll\n    panels:\n      - [civilians_killed, civilian_killed]\n")
    with pytest.raises(ConfigError) as err:
        load_chart_specs(loaded, {"civilians_killed"})
    msg = str(err.value)
    assert "report.yaml:8: charts[0].panels[0][1]" in msg and "'civilian_killed'" in msg
    bad = _report_file(tmp_path, "charts:\n  - id: toll\n    panel: [[civilians_killed]]\n")
    with pytest.raises(ConfigError, match=r"charts\[0\]\.panel.*unknown key"):
        load_chart_specs(bad, {"civilians_killed"})


def test_a_report_may_disable_a_charted_indicator(tmp_path: Path) -> None:
    loaded = _report_file(tmp_path, "disable: [children_displaced]\n")
    known = {r.id for r in load_rules(loaded).rules}
    assert "children_displaced" not in known
    assert load_chart_specs(loaded, known)  # the built-in list still loads


def test_close_dates_are_not_labelled_on_top_of_each_other() -> None:
    import datetime as dt

    report = sample_report()
    ind = next(i for i in report.indicators if i.id == "people_displaced")
    pt = ind.series[0]
    days = [dt.date(2024, 2, 13), dt.date(2024, 2, 15), dt.date(2024, 7, 13)]
    series = tuple(replace(pt, as_of=d, value=v) for d, v in zip(days, (100, 200, 300), strict=True))
    chart = make_charts([replace(ind, series=series, as_of=days[-1], value=300)], report.theme)[0]
    svg = chart.svg.decode()
    assert ">13 Feb<" in svg and ">13 Jul<" in svg and ">15 Feb<" not in svg  # two days apart on a 5-month axis
    assert any(r[0] == "15 Feb 2024" and r[1].endswith("200") for r in chart.rows)  # still in the data table

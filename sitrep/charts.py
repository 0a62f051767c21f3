"""Indicators -> charts: SVG (text kept as text), alt text and the data as a small table.

matplotlib's Figure API only (never pyplot: no global state, safe in a library), Agg/SVG
backends, `svg.fonttype: none` so chart words stay extractable from the PDF, a fixed
`svg.hashsalt` and no date in the metadata so the same indicators give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sitrep.model import FAMILIES, Chart, Indicator, SeriesPoint
from sitrep.render.context import DEFAULT_THEME, FALLBACK_FONTS, theme_values
from sitrep.render.fmt import Phrases, amount, load_phrases
from sitrep.resources import config_dir
from sitrep.yamlio import KeyPath, Loaded, load_yaml, pydantic_problems, validation_error


@dataclass(frozen=True)
class ChartSpec:
    """One chart of the brief (config/charts.yaml): indicator ids in panels, each panel with its own scale."""

    id: str
    panels: tuple[tuple[str, ...], ...]
    family: str | None = None
    title: str | None = None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _ChartModel(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_-]+$")
    family: Literal["displacement", "casualties", "aid_trucks", "border"] | None = None
    title: str | None = None
    panels: list[list[str]] = Field(min_length=1)


class _ChartsFile(_Strict):
    charts: list[_ChartModel]


class _ReportCharts(BaseModel):
    model_config = ConfigDict(extra="ignore")
    charts: list[_ChartModel] | None = None


def load_chart_specs(report: Loaded | None = None, known: Collection[str] | None = None) -> tuple[ChartSpec, ...]:
    """config/charts.yaml, or the report's own `charts:` list instead. The report's ids are checked against
    `known` indicator ids, so a misspelt id is an error with its line, not a chart that never appears (the
    built-in list may name rules a report disables)."""
    builtin = load_yaml(config_dir() / "charts.yaml")
    loaded, models, key = builtin, None, "charts"
    try:
        if report is not None:
            models = _ReportCharts.model_validate(report.data or {}).charts
            loaded = report
        if models is None:
            loaded = builtin
            models = _ChartsFile.model_validate(builtin.data or {}).charts
    except ValidationError as exc:
        raise validation_error(loaded, pydantic_problems(exc)) from None
    problems: list[tuple[KeyPath, str]] = []
    seen: set[str] = set()
    specs = []
    for i, m in enumerate(models):
        if m.id in seen:
            problems.append(((key, i, "id"), f"a second chart with id {m.id!r}; chart ids must differ"))
        seen.add(m.id)
        for j, panel in enumerate(m.panels):
            for k, ind_id in enumerate(panel):
                if known is not None and loaded is not builtin and ind_id not in known:
                    problems.append(
                        ((key, i, "panels", j, k), f"no indicator rule {ind_id!r}; known: {', '.join(sorted(known))}")
                    )
        family = m.family or (m.id if m.id in FAMILIES else None)
        specs.append(ChartSpec(m.id, tuple(tuple(p) for p in m.panels), family, m.title))
    if problems:
        raise validation_error(loaded, problems)
    return tuple(specs)


WIDTH_IN, HEIGHT_IN = 6.4, 2.5


@dataclass(frozen=True)
class _Series:
    label: str
    points: tuple[SeriesPoint, ...]  # dated, sorted
    vague: tuple[SeriesPoint, ...]  # dated points without a number (shown in the table only)
    target: bool


def _points(ind: Indicator) -> tuple[tuple[SeriesPoint, ...], tuple[SeriesPoint, ...]]:
    pts = list(ind.series)
    if not pts and ind.as_of is not None and (ind.value is not None or ind.vague):
        pts = [SeriesPoint(ind.as_of, ind.value, ind.value_max, ind.qualifier, ind.vague, ind.sources)]
    dated = sorted((p for p in pts if p.as_of is not None), key=lambda p: p.as_of)
    # One point per date. A running total's series may hold several counts on one day, lowest first
    # ("two killed, taking the month's losses to 19"): the day's figure is the last one.
    by_day: dict[dt.date, SeriesPoint] = {}
    for p in dated:
        by_day[p.as_of] = p
    unique = list(by_day.values())
    return tuple(p for p in unique if p.value is not None), tuple(p for p in unique if p.value is None)


def _compact(n: float) -> str:
    """Axis and bar labels: 1.2M, 350k, 50."""
    if abs(n) >= 1_000_000:
        return f"{n / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"
    if abs(n) >= 10_000:
        return f"{n / 1_000:.0f}k"
    return f"{n:,.0f}"


def _palette(theme: Mapping[str, str]) -> list[str]:
    t = theme_values(theme)
    return [str(t["primary"]), str(t["accent"]), str(t["secondary"]), str(t["muted"])]


def _fonts(theme: Mapping[str, str]) -> list[str]:
    stack = str(theme_values(theme)["font"])
    names = [f.strip().strip("\"'") for f in stack.split(",")]
    return [n for n in names if n and n not in ("sans-serif", "serif")] or ["DejaVu Sans"]


def _svg(fig: object) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})  # type: ignore[attr-defined]
    return buf.getvalue()


def _draw(panels: list[list[_Series]], colours: list[str], muted: str, p: Phrases) -> tuple[object, tuple[str, ...]]:
    """One figure, one axes per panel side by side (each its own scale). Returns (figure, kind per panel)."""
    from matplotlib.figure import Figure

    rows = max(len(s) for s in panels) if len(panels) > 1 else 1  # legend lines above each panel
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN + 0.14 * (rows - 1)))
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    kinds = []
    offset = 0
    for ax, series in zip(axes, panels, strict=True):
        kinds.append(
            _draw_axes(
                ax,
                series,
                colours[offset:] + colours[:offset],
                muted,
                p,
                ncol=1 if rows > 1 else 4,
                width=1 / len(panels),
            )
        )
        offset = (offset + len(series)) % len(colours)
    legend_in = 0.28 + 0.14 * (rows - 1)
    fig.subplots_adjust(
        left=0.08 if len(panels) == 1 else 0.07,
        right=0.99,
        top=1 - legend_in / fig.get_figheight(),
        bottom=0.3 / fig.get_figheight(),
        wspace=0.22,
    )
    return fig, tuple(kinds)


def _spaced(ticks: list[int], gap: float) -> list[int]:
    """Indices of the ticks to label: the first and the last always, others at least `gap` from their neighbours."""
    keep = [0]
    for i in range(1, len(ticks) - 1):
        if ticks[i] - ticks[keep[-1]] >= gap and ticks[-1] - ticks[i] >= gap:
            keep.append(i)
    if len(ticks) > 1:
        if ticks[-1] - ticks[keep[-1]] < gap and len(keep) > 1:
            keep.pop()
        keep.append(len(ticks) - 1)
    return keep


def _draw_axes(
    ax: Any, series: list[_Series], colours: list[str], muted: str, p: Phrases, ncol: int, width: float = 1.0
) -> str:
    """Lines for trends over two or more dates, grouped bars otherwise; returns which."""
    from matplotlib.ticker import FuncFormatter

    dates = sorted({pt.as_of for s in series for pt in s.points})
    kind = "line" if len(dates) >= 2 and all(len(s.points) >= 2 or s.target for s in series) else "bar"
    top = max(pt.value for s in series for pt in s.points if pt.value is not None)
    if kind == "line":
        x0 = dates[0]
        for i, s in enumerate(series):
            xs = [(pt.as_of - x0).days for pt in s.points]
            ys = [pt.value for pt in s.points]
            style = {"linestyle": "--", "color": muted} if s.target else {"color": colours[i % len(colours)]}
            ax.plot(xs, ys, marker="o", linewidth=2, markersize=4, label=s.label, **style)
            for x, y in zip(xs, ys, strict=True):
                ax.annotate(_compact(y), (x, y), textcoords="offset points", xytext=(0, 5), ha="center", fontsize=7)
        ticks = [(d - x0).days for d in dates]
        span = max(ticks[-1], 1)
        shown = _spaced(ticks, span * 0.1 / width)  # labels closer than a tenth of the figure would overprint
        ax.set_xticks([ticks[i] for i in shown], [p.date(dates[i], short=True).rsplit(" ", 1)[0] for i in shown])
        ax.set_xlim(-0.05 * span, span * 1.05)
    else:
        n = len(series)
        width = (0.8 if len(dates) > 2 else 0.5) / n
        for i, s in enumerate(series):
            xs = [dates.index(pt.as_of) + (i - (n - 1) / 2) * width for pt in s.points]
            ys = [pt.value for pt in s.points]
            colour = muted if s.target else colours[i % len(colours)]
            bars = ax.bar(xs, ys, width=width * 0.92, color=colour, label=s.label, hatch="//" if s.target else None)
            if s.target:
                for bar in bars:
                    bar.set_edgecolor("white")
            ax.bar_label(bars, labels=[_compact(y) for y in ys], fontsize=7, padding=2)
        ax.set_xticks(range(len(dates)), [p.date(d, short=True) for d in dates])
        pad = 0.6 if len(dates) > 2 else 1.0  # few dates: keep bars slim, not slabs
        ax.set_xlim(-pad, len(dates) - 1 + pad)
    ax.set_ylim(0, top * 1.22)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _compact(v)))
    ax.tick_params(labelsize=7.5, length=2)
    ax.grid(axis="y", color="#d9d9d9", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=ncol, frameon=False, fontsize=7.5, borderaxespad=0.2)
    return kind


def _table(series: list[_Series], p: Phrases) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    columns = (str(p.get("chart.date")), *(s.label for s in series))
    by_date: dict[dt.date, dict[int, SeriesPoint]] = {}
    for i, s in enumerate(series):
        for pt in (*s.points, *s.vague):
            by_date.setdefault(pt.as_of, {})[i] = pt
    empty = str(p.get("charts.no_value"))
    rows = []
    for d in sorted(by_date):
        cells = [p.date(d, short=True)]
        for i in range(len(series)):
            pt = by_date[d].get(i)
            cells.append(amount(p, pt.value, pt.value_max, pt.qualifier, pt.vague) if pt else empty)
        rows.append(tuple(cells))
    return columns, tuple(rows)


def _alt(kinds: tuple[str, ...], series: list[_Series], p: Phrases) -> str:
    points = []
    for s in series:
        for pt in (*s.points, *s.vague):
            value = amount(p, pt.value, pt.value_max, pt.qualifier, pt.vague)
            points.append(p.text("charts.point", label=s.label, value=value, date=p.date(pt.as_of)))
    what = ", ".join(s.label for s in series)
    kind = p.get(f"charts.{kinds[0]}") if len(set(kinds)) == 1 else p.text("charts.panels", n=len(kinds))
    return p.text("charts.alt", kind=kind, what=what, points="; ".join(points) + ".")


def make_charts(
    indicators: Sequence[Indicator], theme: Mapping[str, str], specs: Sequence[ChartSpec] | None = None
) -> list[Chart]:
    """The charts `specs` name (default config/charts.yaml) that have dated figures to draw."""
    from matplotlib import rc_context

    p = load_phrases()
    by_id = {i.id: i for i in indicators}
    colours = _palette(theme)
    muted = str(theme_values(theme)["muted"])
    rc = {
        "svg.fonttype": "none",
        "svg.hashsalt": "sitrep",
        "font.family": "sans-serif",
        "font.sans-serif": [*_fonts(theme), "DejaVu Sans"],
        "axes.edgecolor": "#888888",
        "text.color": str(theme_values(theme)["text"]),
        "hatch.color": "white",
    }
    charts: list[Chart] = []
    with rc_context(rc):
        for spec in load_chart_specs() if specs is None else specs:
            panels: list[list[_Series]] = []
            for ids in spec.panels:
                panel = []
                for ind_id in ids:
                    ind = by_id.get(ind_id)
                    if ind is None:
                        continue
                    pts, vague = _points(ind)
                    if pts or vague:
                        panel.append(_Series(ind.label, pts, vague, bool(ind.target_of)))
                panels.append(panel)
            series = [s for panel in panels for s in panel]
            drawn = [[s for s in panel if s.points] for panel in panels]
            drawn = [panel for panel in drawn if panel]
            if not drawn:
                continue  # nothing to draw: the figures stay in the text and the data notes
            fig, kinds = _draw(drawn, colours, muted, p)
            columns, rows = _table(series, p)
            title = spec.title or str(p.get(f"charts.{spec.id}", spec.id))
            charts.append(
                Chart(
                    id=spec.id,
                    title=title,
                    alt=_alt(kinds, series, p),
                    svg=_svg(fig),
                    columns=columns,
                    rows=rows,
                    family=spec.family,
                )
            )
    return charts


__all__ = ["DEFAULT_THEME", "FALLBACK_FONTS", "ChartSpec", "load_chart_specs", "make_charts"]

"""Indicators -> charts: SVG (text kept as text), alt text and the data as a small table.

matplotlib's Figure API only (never pyplot: no global state, safe in a library), Agg/SVG
backends, `svg.fonttype: none` so chart words stay extractable from the PDF, a fixed
`svg.hashsalt` and no date in the metadata so the same indicators give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitrep.model import Chart, Indicator, SeriesPoint
from sitrep.render.context import DEFAULT_THEME, FALLBACK_FONTS, theme_values
from sitrep.render.fmt import Phrases, amount, load_phrases

# Which indicators each chart draws, in legend order. Ids not listed stay out of the charts
# (people_killed "since 2011" would flatten a chart of this offensive) but are still in the text.
CHART_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("displacement", ("people_displaced", "idps", "children_displaced", "returnees")),
    ("casualties", ("civilians_killed", "civilians_injured", "military_killed", "military_injured")),
    ("aid_trucks", ("aid_trucks_per_day", "aid_trucks_per_day_target", "aid_trucks", "aid_convoys")),
    ("border", ("refugees_hosted", "border_crossings")),
)
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


def _draw(series: list[_Series], colours: list[str], muted: str, p: Phrases) -> tuple[object, str]:
    """One figure: lines for trends over two or more dates, grouped bars otherwise. Returns (figure, kind)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN))
    ax = fig.add_subplot()
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
        step = max(1, len(ticks) // 7)
        ax.set_xticks(ticks[::step], [p.date(d, short=True).rsplit(" ", 1)[0] for d in dates][::step])
        span = max(ticks[-1], 1)
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
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=4, frameon=False, fontsize=7.5, borderaxespad=0.2)
    fig.subplots_adjust(left=0.08, right=0.99, top=0.86, bottom=0.12)
    return fig, kind


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


def _alt(family: str, kind: str, series: list[_Series], p: Phrases) -> str:
    points = []
    for s in series:
        for pt in (*s.points, *s.vague):
            value = amount(p, pt.value, pt.value_max, pt.qualifier, pt.vague)
            points.append(p.text("charts.point", label=s.label, value=value, date=p.date(pt.as_of)))
    what = ", ".join(s.label for s in series)
    return p.text("charts.alt", kind=p.get(f"charts.{kind}"), what=what, points="; ".join(points) + ".")


def make_charts(indicators: Sequence[Indicator], theme: Mapping[str, str]) -> list[Chart]:
    """One chart per family that has dated figures: displacement, casualties, aid trucks, refugees."""
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
        for family, ids in CHART_GROUPS:
            series = []
            for ind_id in ids:
                ind = by_id.get(ind_id)
                if ind is None:
                    continue
                pts, vague = _points(ind)
                if pts or vague:
                    series.append(_Series(ind.label, pts, vague, bool(ind.target_of)))
            if not any(s.points for s in series):
                continue  # nothing to draw: the figures stay in the text and the data notes
            series = [s for s in series if s.points or s.vague]
            drawn = [s for s in series if s.points]
            fig, kind = _draw(drawn, colours, muted, p)
            columns, rows = _table(series, p)
            charts.append(
                Chart(
                    id=family,
                    title=str(p.get(f"charts.{family}")),
                    alt=_alt(family, kind, series, p),
                    svg=_svg(fig),
                    columns=columns,
                    rows=rows,
                )
            )
    return charts


__all__ = ["DEFAULT_THEME", "FALLBACK_FONTS", "make_charts"]

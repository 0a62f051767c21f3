"""Report -> template context: every number, sentence, footnote and highlight is decided here.

Templates only format. Footnotes are numbered in reading order (highlights, key figures,
overview), one per distinct source sentence; a figure cited again reuses its number.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from sitrep.errors import RenderError
from sitrep.model import FAMILIES, Chart, Citation, Document, Evidence, Indicator, Report, SeriesPoint
from sitrep.render.fmt import Phrases, amount, capitalise, signed

log = logging.getLogger(__name__)

DEFAULT_THEME: dict[str, str] = {
    "primary": "#1f3864",  # headings, masthead band, first chart series
    "accent": "#e56a54",  # key-figure values, second chart series
    "secondary": "#4f81bd",  # third chart series
    "muted": "#7f7f7f",  # targets, gridlines, small print
    "text": "#222222",
    "background": "#ffffff",
    "highlight": "#fff2a8",  # the figure's words in the evidence appendix
    "font": "",  # body font, put before the DejaVu fallback
    "heading_font": "",
}
FALLBACK_FONTS = '"DejaVu Sans", Verdana, sans-serif'
_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|rgba?\([0-9., %]+\))$")
_FONT = re.compile(r"^[A-Za-z0-9 ,\"'_-]*$")
_LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".gif": "image/gif",
}
_DATA_URI = re.compile(r"^data:image/(png|jpeg|gif|svg\+xml);base64,[A-Za-z0-9+/=\s]+$")
_LINKABLE = re.compile(r"^https?://[^\s<>\"']+$")
# Kinds of indicator where "up from X" makes sense (an event count does not accumulate).
CUMULATIVE_KINDS = ("running_total", "stock", "rate")


@dataclass(frozen=True)
class Ref:
    """One place a figure appears: its words and its footnote number (first: carries the footnote)."""

    text: str
    n: int
    first: bool


Part = str | Ref
Sentence = tuple[Part, ...]


@dataclass(frozen=True)
class Note:
    """A numbered footnote: where the figure comes from and the sentence it came from, split for highlighting."""

    citation: Citation
    figure: str  # "People displaced: nearly 1 million, as of 25 Feb 2020"
    source_no: int | None  # number in the Sources list
    source: str  # "The New Arab, “Title”, 25 Feb 2020"
    outlet: str  # "The New Arab, 25 Feb 2020"
    before: str
    hit: str
    after: str
    also: str  # "also carried by [2] ..., [4] ..." or ""
    credited: str  # originator phrase or ""
    tier: str


@dataclass(frozen=True)
class KeyFigure:
    label: str
    since: str
    qualifier: str
    value: Ref | None
    plain: str  # the value when it has no footnote (no source sentence)
    as_of: str
    change: Sentence
    target: Sentence
    source: str


@dataclass(frozen=True)
class ChartView:
    id: str
    title: str
    alt: str
    src: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class FamilyView:
    id: str
    title: str
    paragraphs: tuple[Sentence, ...]
    charts: tuple[ChartView, ...]


@dataclass(frozen=True)
class SourceView:
    number: int
    id: str
    publisher: str
    title: str
    date: str
    url: str
    link: bool  # url is http(s) and may become a hyperlink


def theme_values(theme: Mapping[str, str]) -> dict[str, Markup]:
    """Theme colours and fonts, checked (they go into CSS), with defaults for what is not set."""
    out: dict[str, Markup] = {}
    unknown = sorted(set(theme) - set(DEFAULT_THEME) - {"logo"})
    if unknown:
        raise RenderError(f"theme: unknown key(s) {', '.join(unknown)}; known keys: {', '.join(DEFAULT_THEME)}.")
    for key, default in DEFAULT_THEME.items():
        value = str(theme.get(key) or default).strip()
        if key.endswith("font"):
            if not _FONT.match(value):
                raise RenderError(f"theme.{key}: {value!r} is not a font list (letters, spaces, commas, quotes).")
            value = f"{value}, {FALLBACK_FONTS}" if value else FALLBACK_FONTS
        elif not _COLOUR.match(value):
            raise RenderError(f"theme.{key}: {value!r} is not a colour; use #rrggbb, rgb(...) or a CSS colour name.")
        out[key] = Markup(value)  # checked above: no markup or CSS escape can pass
    if not theme.get("heading_font"):
        out["heading_font"] = out["font"]
    return out


def logo_uri(logo: str | None) -> str | None:
    """The logo as a data: URI, so the HTML stands alone and the PDF fetches nothing."""
    if not logo:
        return None
    if logo.startswith("data:"):
        if not _DATA_URI.match(logo):
            raise RenderError("logo: a data: URI must be a base64 PNG, JPEG, GIF or SVG image.")
        return logo
    path = Path(logo)
    kind = _LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise RenderError(f"logo: {logo}: use a .png, .jpg, .svg or .gif file.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RenderError(f"logo: cannot read {logo}: {exc.strerror}; check the path in the report file.") from None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def quote_highlight(quote: str, start: int, end: int, doc: Document | None) -> tuple[str, tuple[int, int] | None]:
    """The quote to show and the figure's words inside it, from the mention's offsets in the document.

    Finds the occurrence of the quote that contains [start, end); falls back to a whitespace-tolerant
    match, then to searching the figure's words inside the quote.
    """
    if doc is None or not (0 <= start < end <= len(doc.text)):
        return quote, None
    text = doc.text
    pos = text.find(quote)
    while pos != -1 and quote:
        if pos <= start and end <= pos + len(quote):
            return quote, (start - pos, end - pos)
        pos = text.find(quote, pos + 1)
    words = quote.split()
    if words:
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
        for m in pattern.finditer(text, max(0, start - len(quote) * 2), min(len(text), end + len(quote) * 2)):
            if m.start() <= start and end <= m.end():
                shown = m.group(0)
                return shown, (start - m.start(), end - m.start())
    figure = text[start:end]
    i = quote.lower().find(figure.lower())
    if i != -1:
        return quote, (i, i + len(figure))
    log.warning("figure words %r not found in quote %r (doc %s)", figure, quote, doc.id)
    return quote, None


def _pick_evidence(ind_value: int | None, sources: Sequence[Evidence]) -> Evidence | None:
    """The evidence to cite for a value: one that states it, most credible first (stable order)."""
    if not sources:
        return None
    stating = [e for e in sources if e.mention.value == ind_value] or list(sources)
    return min(stating, key=lambda e: e.tier)


class _Builder:
    """Holds the numbering state while the context is built in reading order."""

    def __init__(self, report: Report, phrases: Phrases) -> None:
        self.report = report
        self.p = phrases
        self.docs: dict[str, tuple[int, Document]] = {d.id: (i, d) for i, d in enumerate(report.documents, 1)}
        self.notes: list[Note] = []
        self._numbers: dict[tuple[str, int, int, str], int] = {}
        by_target = {i.target_of: i for i in report.indicators if i.target_of}
        self.targets: dict[str, Indicator] = {k: v for k, v in by_target.items() if k}
        self.ids = {i.id for i in report.indicators}

    # -- sources and footnotes -------------------------------------------------
    def source_label(self, doc_id: str, short: bool = True) -> str:
        if doc_id not in self.docs:
            return doc_id
        _, d = self.docs[doc_id]
        publisher = d.publisher or self.p.get("sources.unknown_publisher")
        title = d.title or self.p.get("sources.untitled")
        date = self.p.date(d.published, short=short) if d.published else self.p.get("sources.undated")
        return f"{publisher}, “{title}”, {date}"

    def outlet_label(self, doc_id: str) -> str:
        if doc_id not in self.docs:
            return doc_id
        _, d = self.docs[doc_id]
        publisher = d.publisher or self.p.get("sources.unknown_publisher")
        date = self.p.date(d.published, short=True) if d.published else self.p.get("sources.undated")
        return f"{publisher}, {date}"

    def ref(self, ev: Evidence | None, text: str, figure: str) -> Ref | None:
        if ev is None:
            return None
        m = ev.mention
        key = (m.doc, m.start, m.end, m.quote)
        if key in self._numbers:
            return Ref(text, self._numbers[key], False)
        n = len(self.notes) + 1
        self._numbers[key] = n
        doc = self.docs.get(m.doc, (None, None))[1]
        quote, hl = quote_highlight(m.quote, m.start, m.end, doc)
        before, hit, after = (quote[: hl[0]], quote[hl[0] : hl[1]], quote[hl[1] :]) if hl else (quote, "", "")
        others = [o for o in ev.outlets if o != m.doc]
        also = ""
        if others:
            labels = ", ".join(f"[{self.docs[o][0]}]" if o in self.docs else o for o in others)
            also = self.p.text("evidence.also", outlets=labels)
        publisher = doc.publisher if doc else None
        credited = ""
        if ev.originator and ev.originator != publisher:
            credited = self.p.text("evidence.credited", originator=mid_sentence(ev.originator))
        self.notes.append(
            Note(
                citation=Citation(n, m.doc, quote, hl),
                figure=figure,
                source_no=self.docs[m.doc][0] if m.doc in self.docs else None,
                source=self.source_label(m.doc),
                outlet=self.outlet_label(m.doc),
                before=before,
                hit=hit,
                after=after,
                also=also,
                credited=credited,
                tier=self.p.text("evidence.tier", tier=ev.tier),
            )
        )
        return Ref(text, n, True)

    # -- figures ---------------------------------------------------------------
    def amount(self, ind: Indicator | SeriesPoint, in_sentence: bool = False) -> str:
        text = amount(self.p, ind.value, ind.value_max, ind.qualifier, ind.vague)
        if ind.value is None and in_sentence and ind.vague:
            return f"{ind.vague} of"
        return text

    def figure_label(self, ind: Indicator, point: Indicator | SeriesPoint) -> str:
        date = self.p.date(point.as_of, short=True) if point.as_of else self.p.get("key_figures.undated")
        return f"{ind.label}: {self.amount(point)}, {self.p.text('key_figures.as_of', date=date)}"

    def headline_ref(self, ind: Indicator, in_sentence: bool = False, text: str | None = None) -> Part:
        shown = text if text is not None else self.amount(ind, in_sentence)
        ev = _pick_evidence(ind.value, ind.sources) or _pick_evidence(ind.value, self._point_evidence(ind))
        return self.ref(ev, shown, self.figure_label(ind, ind)) or shown

    @staticmethod
    def _point_evidence(ind: Indicator) -> tuple[Evidence, ...]:
        for pt in ind.series:
            if pt.as_of == ind.as_of and pt.value == ind.value:
                return pt.evidence
        return ()

    def previous_points(self, ind: Indicator) -> list[SeriesPoint]:
        """Earlier dated points with a value and a source sentence, latest first."""
        if ind.as_of is None:
            return []
        pts = [p for p in ind.series if p.as_of < ind.as_of and p.value is not None and p.evidence]
        return sorted(pts, key=lambda p: p.as_of, reverse=True)

    def since(self, d: dt.date | None) -> str:
        if d is None:
            return ""
        # A period start on the 1st usually comes from "since December": say the month, not a day.
        when = f"{self.p.month(d)} {d.year}" if d.day == 1 else self.p.date(d)
        return self.p.text("since", date=when)

    def sentence(self, ind: Indicator) -> Sentence:
        """The indicator's sentence from the phrase book, figures as footnoted refs."""
        sentences = self.p.get("sentences")
        target = self.targets.get(ind.id)
        key = ind.id
        if target is not None and target.value is not None and f"{ind.id}_with_target" in sentences:
            key = f"{ind.id}_with_target"
        template = str(sentences.get(key, sentences["default"]))
        ev = _pick_evidence(ind.value, ind.sources)
        place = ev.mention.place if ev and ev.mention.place else None
        parts: list[Part] = []
        for i, chunk in enumerate(re.split(r"\{(\w+)\}", template)):
            if i % 2 == 0:
                parts.append(chunk)
            elif chunk == "value":
                parts.append(self.headline_ref(ind))
                if ind.value is None and ind.vague:
                    parts.append(" of")  # "hundreds of people"
            elif chunk == "target" and target is not None:
                parts.append(self.headline_ref(target))
            elif chunk == "since":
                parts.append(self.since(ind.period_start))
            elif chunk == "place":
                parts.append(self.p.text("place", place=place) if place else "")
            elif chunk == "date":
                parts.append(self.p.date(ind.as_of) if ind.as_of else "")
            elif chunk == "label":
                parts.append(ind.label)
            else:
                raise RenderError(f"phrases.yaml: sentence {key!r} uses unknown placeholder {{{chunk}}}.")
        if ind.kind == "events" and ind.as_of and not ind.period_start and "{date}" not in template and parts:
            last = parts[-1]
            if isinstance(last, str) and last.endswith("."):
                parts[-1] = last[:-1] + self.p.text("on_date", date=self.p.date(ind.as_of)) + "."
        return _tidy(parts)

    def attributed(self, sentence: Sentence, ind: Indicator) -> Sentence:
        """The sentence with ", according to <originator>" before its full stop, when the source credits someone."""
        ev = _pick_evidence(ind.value, ind.sources)
        if ev is None or not ev.originator or not sentence or not isinstance(sentence[-1], str):
            return sentence
        last = sentence[-1]
        if not last.endswith("."):
            return sentence
        tail = self.p.text("according_to", originator=mid_sentence(ev.originator).rstrip(". "))
        return (*sentence[:-1], last[:-1] + tail + ".")

    def earlier(self, ind: Indicator, limit: int = 2) -> list[Sentence]:
        out: list[Sentence] = []
        for pt in self.previous_points(ind)[:limit]:
            ev = _pick_evidence(pt.value, pt.evidence)
            ref = self.ref(ev, self.amount(pt), self.figure_label(ind, pt))
            template = str(self.p.get("earlier"))
            before, _, after = template.partition("{value}")
            out.append(_tidy([before, ref or self.amount(pt), after.replace("{date}", self.p.date(pt.as_of))]))
        return out

    def key_figure(self, ind: Indicator) -> KeyFigure:
        number_text = amount(self.p, ind.value, ind.value_max, "exact", ind.vague)
        qualifier = str(self.p.get(f"qualifiers.{ind.qualifier}", "")) if ind.value is not None else ""
        value = self.headline_ref(ind, text=number_text)
        date = self.p.date(ind.as_of, short=True) if ind.as_of else None
        change: Sentence = ()
        prev = self.previous_points(ind)
        if prev and ind.kind in CUMULATIVE_KINDS and ind.value is not None:
            pt = prev[0]
            ev = _pick_evidence(pt.value, pt.evidence)
            ref = self.ref(ev, self.amount(pt), self.figure_label(ind, pt)) or self.amount(pt)
            assert pt.value is not None
            delta = ind.value - pt.value
            key = "change_up" if delta > 0 else "change_down" if delta < 0 else "change_same"
            before, _, after = str(self.p.get(f"key_figures.{key}")).partition("{value}")
            if key == "change_same":
                change = (self.p.text("key_figures.change_same", date=self.p.date(pt.as_of, short=True)),)
            else:
                tail = after.replace("{date}", self.p.date(pt.as_of, short=True))
                change = _tidy([before, ref, f"{tail} ({signed(delta)})"])
        target: Sentence = ()
        tgt = self.targets.get(ind.id)
        if tgt is not None and (tgt.value is not None or tgt.vague):
            before, _, after = str(self.p.get("key_figures.target")).partition("{value}")
            target = _tidy([before, self.headline_ref(tgt), after])
        ev = _pick_evidence(ind.value, ind.sources)
        publisher = ""
        if ev is not None and ev.mention.doc in self.docs:
            publisher = self.docs[ev.mention.doc][1].publisher or ""
            # Credit the originator the text names (the UN), and the outlet that printed it.
            if ev.originator and ev.originator.casefold() != publisher.casefold():
                publisher = self.p.text("key_figures.via", originator=mid_sentence(ev.originator), outlet=publisher)
        return KeyFigure(
            label=ind.label,
            since=self.since(ind.period_start).strip(),
            qualifier=qualifier,
            value=value if isinstance(value, Ref) else None,
            plain=number_text,
            as_of=self.p.text("key_figures.as_of", date=date) if date else self.p.get("key_figures.undated"),
            change=change,
            target=target,
            source=self.p.text("key_figures.source", source=publisher) if publisher else "",
        )


def _tidy(parts: Sequence[Part]) -> Sentence:
    """Join adjacent strings, drop empty ones, capitalise the first letter of the sentence."""
    out: list[Part] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += part
                continue
        out.append(part)
    if out:
        first = out[0]
        out[0] = capitalise(first) if isinstance(first, str) else Ref(capitalise(first.text), first.n, first.first)
    return tuple(out)


def _has_data(ind: Indicator) -> bool:
    return ind.value is not None or ind.vague is not None


def _choose(indicators: Sequence[Indicator], limit: int, dated_only: bool = False) -> list[Indicator]:
    """Up to `limit` headline indicators: the first of each family, then the rest in config order.

    Dated figures come first; an undated one only fills a slot left over (never in highlights)."""
    eligible = [i for i in indicators if _has_data(i) and not i.target_of and (i.as_of or not dated_only)]
    eligible.sort(key=lambda i: i.as_of is None)
    chosen: list[Indicator] = []
    for fam in FAMILIES:
        first = next((i for i in eligible if i.family == fam), None)
        if first is not None:
            chosen.append(first)
    for ind in eligible:
        if len(chosen) >= limit:
            break
        if ind not in chosen:
            chosen.append(ind)
    chosen = chosen[:limit]
    order = {i.id: n for n, i in enumerate(indicators)}
    fam_rank = {f: n for n, f in enumerate(FAMILIES)}
    return sorted(chosen, key=lambda i: (fam_rank.get(i.family, len(FAMILIES)), order[i.id]))


def chart_view(chart: Chart) -> ChartView:
    src = "data:image/svg+xml;base64," + base64.b64encode(chart.svg).decode("ascii")
    return ChartView(chart.id, chart.title, chart.alt, src, chart.columns, chart.rows)


def chart_family(chart: Chart) -> str | None:
    if chart.family in FAMILIES:
        return chart.family
    for fam in FAMILIES:
        if chart.id == fam or chart.id.startswith(fam + "-"):
            return fam
    return None


def build_context(report: Report, phrases: Phrases) -> dict[str, Any]:
    """Everything the templates show, in reading order; templates only lay it out."""
    b = _Builder(report, phrases)
    p = phrases

    highlights = [b.sentence(i) for i in _choose(report.indicators, 6, dated_only=True)]
    key_figures = [b.key_figure(i) for i in _choose(report.indicators, 6)]

    families: list[FamilyView] = []
    charts_by_family: dict[str | None, list[ChartView]] = {}
    for chart in report.charts:
        charts_by_family.setdefault(chart_family(chart), []).append(chart_view(chart))
    for fam in FAMILIES:
        inds = [i for i in report.indicators if i.family == fam and _has_data(i)]
        inds = [i for i in inds if not (i.target_of and i.target_of in b.ids and _has_data_id(report, i.target_of))]
        paragraphs: list[Sentence] = []
        for ind in inds:
            para: list[Part] = list(b.attributed(b.sentence(ind), ind))
            for s in b.earlier(ind):
                para += [" ", *s]
            paragraphs.append(_tidy(para))
        charts = tuple(charts_by_family.get(fam, ()))
        if paragraphs or charts:
            families.append(FamilyView(fam, str(p.get(f"families.{fam}", fam)), tuple(paragraphs), charts))

    sources = []
    for number, d in enumerate(report.documents, 1):
        url = d.url or ""
        sources.append(
            SourceView(
                number=number,
                id=d.id,
                publisher=d.publisher or p.get("sources.unknown_publisher"),
                title=d.title or p.get("sources.untitled"),
                date=p.date(d.published) if d.published else p.get("sources.undated"),
                url=url,
                link=bool(_LINKABLE.match(url)),
            )
        )

    # The indicators stage words its warnings with the indicator's label already, and repeats them in
    # report.warnings: each note is shown once, and never with the label twice.
    notes: list[str] = []
    for ind in report.indicators:
        if ind.disagreement:
            notes.append(p.text("notes.disagreement", label=ind.label, text=ind.disagreement))
        for w in ind.warnings:
            notes.append(w if w.startswith(f"{ind.label}:") else p.text("notes.warning", label=ind.label, text=w))
    notes.extend(report.warnings)
    notes = list(dict.fromkeys(notes))
    for prob in report.problems:
        where = f"{prob.path}:{prob.line}" if prob.line else prob.path
        key = "notes.not_read" if prob.fatal else "notes.read_with_doubt"
        notes.append(p.text(key, path=where, message=prob.message))
    for number, d in enumerate(report.documents, 1):
        label = (
            f"[{number}] {d.publisher or p.get('sources.unknown_publisher')}, “{d.title or p.get('sources.untitled')}”"
        )
        if d.published is None:
            notes.append(p.text("notes.undated", source=label))
        elif d.published_estimated:
            notes.append(p.text("notes.estimated", source=label))

    rules: dict[str, list[str]] = {}
    for ind in report.indicators:
        if _has_data(ind):
            rules.setdefault(ind.method or p.get("method.no_rule"), []).append(ind.label)
    method = list(rules.items())
    notes = list(dict.fromkeys(notes))  # the same note from two places is said once

    as_of = p.date(report.as_of)
    masthead = {
        "organisation": report.organisation,
        "logo": logo_uri(report.logo),
        "title": report.title,
        "area": report.area,
        "number": p.text("masthead.report_no", number=report.number) if report.number is not None else "",
        "as_of": p.text("masthead.as_of", date=as_of),
        "period": p.text("masthead.period", start=p.date(report.period_start), end=as_of)
        if report.period_start
        else "",
        "next_report": p.text("masthead.next_report", date=p.date(report.next_report)) if report.next_report else "",
    }
    subject = " – ".join(x for x in (masthead["number"], masthead["as_of"]) if x)
    return {
        "lang": report.language or "en",
        "meta": {
            "title": report.title,
            "author": report.organisation,
            "subject": f"{report.area}: {subject}" if report.area else subject,
            "created": report.as_of.isoformat(),
        },
        "theme": theme_values(report.theme),
        "masthead": masthead,
        "highlights": highlights,
        "key_figures": key_figures,
        "families": families,
        "other_charts": charts_by_family.get(None, []),
        "data_notes": notes,
        "caveat": p.get("notes.caveat"),
        "sources": sources,
        "notes": b.notes,
        "method": method,
        "method_notes": list(report.method_notes),
        "t": p.get,
        "report": report,
    }


def _has_data_id(report: Report, ind_id: str) -> bool:
    return any(i.id == ind_id and _has_data(i) for i in report.indicators)


def mid_sentence(name: str) -> str:
    """A source as quoted at a sentence start ("The U.N. says") reads "the U.N." inside our sentences."""
    return "the" + name[3:] if name.startswith("The ") else name

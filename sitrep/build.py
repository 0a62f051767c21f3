"""The orchestrator: gather everything (sources, mentions, indicators, charts), then write.

Nothing is written until the HTML and the PDF both exist in memory, and files are written
atomically, so a failed run never leaves a half-written brief behind.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import mimetypes
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.config import ReportSettings, load_report
from sitrep.model import Document, Mention, Report, SourceProblem

if TYPE_CHECKING:  # the later stages import their own dependencies only when a build runs
    from sitrep.charts import ChartSpec
    from sitrep.extract import Lexicon
    from sitrep.indicators import IndicatorResult

log = logging.getLogger(__name__)

FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class Gathered:
    """What the stages before rendering produce for one report."""

    settings: ReportSettings
    documents: tuple[Document, ...]
    problems: tuple[SourceProblem, ...]
    mentions: tuple[Mention, ...]
    indicators: IndicatorResult
    method_notes: tuple[tuple[str, str], ...] = ()
    chart_specs: tuple[ChartSpec, ...] | None = None  # None: config/charts.yaml


def gather(settings: ReportSettings, *, workers: int = 1, cache: bool = True) -> Gathered:
    """Read sources, extract mentions and compute indicators as of the report date.

    With `cache`, an article read before under the same rules and code is not read again (sitrep.store)."""
    from sitrep.charts import load_chart_specs
    from sitrep.indicators import build_indicators, load_rules, method_notes
    from sitrep.sources import read_sources

    rules = load_rules(settings.loaded)  # validate the whole report file before reading any article
    chart_specs = load_chart_specs(settings.loaded, {r.id for r in rules.rules})
    extra = [settings.rules] if settings.rules else []
    lexicon = None
    if extra or not cache:  # a user's rules folder is checked before any article is read
        from sitrep.extract import load_lexicon

        lexicon = load_lexicon(extra)
    source_set = read_sources(settings.sources)
    problems = list(source_set.problems)
    documents: list[Document] = []
    for doc in source_set.documents:
        if doc.published and doc.published > settings.as_of:
            problems.append(
                SourceProblem(doc.path or doc.id, f"published {doc.published}, after the report date; not used")
            )
            continue
        documents.append(doc)
    documents.sort(key=lambda d: (d.published or dt.date.max, d.id))
    found = _mentions(documents, extra, lexicon, workers, cache)
    mentions = [m for per_doc in found for m in per_doc]
    result = build_indicators(mentions, documents, rules, settings.as_of)
    for warning in result.warnings:  # doubts the brief's data notes show; --strict fails on them
        log.warning("%s", warning)
    return Gathered(
        settings, tuple(documents), tuple(problems), tuple(mentions), result, method_notes(rules), chart_specs
    )


def _mentions(
    documents: list[Document], extra: list[Path], lexicon: Lexicon | None, workers: int, cache: bool
) -> list[list[Mention]]:
    """Each document's mentions, in document order: from the cache where it has them, else read."""
    store = None
    if cache:
        from sitrep.store import MentionCache, rules_fingerprint

        store = MentionCache(rules_fingerprint(extra))
    found: list[list[Mention] | None] = [store.get(d) if store else None for d in documents]
    todo = [i for i, f in enumerate(found) if f is None]
    if todo:
        from sitrep.extract import extract_all, load_lexicon

        lex = lexicon or load_lexicon(extra)
        for i, (doc, ms) in zip(todo, extract_all([documents[i] for i in todo], lex, workers=workers), strict=True):
            found[i] = ms
            if store:
                store.put(doc, ms)
    if store:
        store.close()
        if store.hits:
            log.info("%d of %d articles' figures taken from the extraction cache", store.hits, len(documents))
    return [f or [] for f in found]


def make_report(g: Gathered) -> Report:
    """Assemble the Report the templates format (charts included)."""
    from sitrep.charts import make_charts

    s = g.settings
    indicators = tuple(g.indicators.indicators)
    charts = tuple(make_charts(indicators, s.theme, g.chart_specs))
    return Report(
        id=s.id,
        title=s.title,
        as_of=s.as_of,
        area=s.area,
        number=s.number,
        period_start=s.period_start,
        next_report=s.next_report,
        organisation=s.organisation,
        documents=g.documents,
        indicators=indicators,
        mentions=g.mentions,
        charts=charts,
        warnings=tuple(g.indicators.warnings),
        problems=g.problems,
        language=s.language,
        logo=_data_uri(s.logo) if s.logo else None,
        theme=dict(s.theme),
        method_notes=g.method_notes,
    )


def build_report(
    config_path: str | Path,
    *,
    sources: str | Path | None = None,
    as_of: dt.date | None = None,
    workers: int = 1,
    cache: bool = True,
) -> Report:
    """The Report for a report file, without writing anything (tests and golden files use this)."""
    settings = load_report(config_path, sources=sources, as_of=as_of)
    return make_report(gather(settings, workers=workers, cache=cache))


def write_brief(
    report: Report, settings: ReportSettings, formats: Sequence[str] = FORMATS, *, cache: bool = True
) -> list[Path]:
    """Render every requested format in memory, then write them all atomically; returns the paths written.

    `cache`: reuse the templates compiled by an earlier run (sitrep.store)."""
    from sitrep.render import check_pdf_backend, render_html, render_pdf

    if "pdf" in formats:
        check_pdf_backend()
    html = render_html(report, settings.templates, cache=cache)
    payloads: dict[str, bytes] = {}
    if "html" in formats:
        payloads["html"] = html.encode("utf-8")
    if "pdf" in formats:
        payloads["pdf"] = render_pdf(html, report, settings.templates)
    settings.out.mkdir(parents=True, exist_ok=True)
    written = []
    for ext, data in payloads.items():
        target = settings.out / f"{settings.output_stem}.{ext}"
        _atomic_write(target, data)
        written.append(target)
    return written


def _atomic_write(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a brief is meant to be shared
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _data_uri(path: Path) -> str:
    """Embed the logo: the PDF renderer may only fetch data: URIs and template files."""
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"

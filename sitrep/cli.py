"""Command line: thin click commands over the library (build, extract, indicators, check).

Heavy libraries (pandas, matplotlib, WeasyPrint) are imported only by the commands that need
them, so `sitrep --help` and `sitrep extract` start fast.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import json
import logging
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from sitrep import __version__
from sitrep.errors import SitrepError

log = logging.getLogger("sitrep")


class _CountingHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Prints warnings to stderr and counts them, so --strict can fail a run that had any."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.warnings = 0
        self.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.warnings += 1
        super().emit(record)


def _setup_logging(verbose: int, quiet: bool) -> _CountingHandler:
    handler = _CountingHandler()
    root = logging.getLogger("sitrep")
    for h in list(root.handlers):
        if isinstance(h, _CountingHandler):
            root.removeHandler(h)
    root.addHandler(handler)
    root.propagate = False
    root.setLevel(
        logging.ERROR if quiet else logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING
    )
    return handler


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date YYYY-MM-DD, got {value!r}") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="sitrep")
@click.option("-v", "--verbose", count=True, help="More progress output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.pass_context
def main(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Turn crisis reporting into a humanitarian situation report.

    \b
    Typical use:
      sitrep build examples/idlib-2020/report.yaml          # HTML + PDF brief
      sitrep extract ARTICLES/ --format table              # every figure found
      sitrep indicators examples/idlib-2020/report.yaml    # dated indicators
      sitrep check examples/idlib-2020/report.yaml         # validate a report file
    """
    ctx.obj = _setup_logging(verbose, quiet)


_sources_opt = click.option(
    "--sources",
    type=click.Path(path_type=Path),
    help="Folder (or file) of articles; replaces the report file's `sources`.",
)
_as_of_opt = click.option(
    "--as-of", "as_of", callback=_date, metavar="YYYY-MM-DD", help="Report date; replaces the file's `as_of`."
)
_cache_opt = click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Reuse what earlier runs kept: figures of articles read under the same rules, compiled templates "
    "(see SITREP_CACHE_DIR).",
)
_workers_opt = click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes.")


def _strict_check(ctx: click.Context, strict: bool) -> None:
    handler: _CountingHandler = ctx.obj
    if strict and handler.warnings:
        raise SitrepError(f"--strict: {handler.warnings} warning(s) above; fix them or run without --strict.")


@main.command()
@click.argument("config", type=click.Path(path_type=Path))
@_sources_opt
@_as_of_opt
@click.option("--out", type=click.Path(path_type=Path), help="Output folder; replaces the file's `out`.")
@click.option(
    "--format",
    "formats",
    type=click.Choice(["html", "pdf"]),
    multiple=True,
    help="Formats to write (repeatable); default both.",
)
@_workers_opt
@click.option("--strict", is_flag=True, help="Fail (and write nothing) if any warning was raised.")
@_cache_opt
@click.pass_context
def build(
    ctx: click.Context,
    config: Path,
    sources: Path | None,
    as_of: dt.date | None,
    out: Path | None,
    formats: tuple[str, ...],
    workers: int,
    strict: bool,
    cache: bool,
) -> None:
    """Build the brief (HTML and PDF) for a report file.

    Writes OUT/<report-id>-<as_of>.html and .pdf. Nothing is written if any step fails.
    """
    from sitrep.build import FORMATS, gather, make_report, write_brief
    from sitrep.config import load_report

    t0 = time.perf_counter()
    settings = load_report(config, sources=sources, as_of=as_of, out=out)
    fmts = formats or FORMATS
    if "pdf" in fmts:
        from sitrep.render import check_pdf_backend

        check_pdf_backend()  # fail before any work when Pango is missing
    g = gather(settings, workers=workers, cache=cache)
    report = make_report(g)
    _strict_check(ctx, strict)
    paths = write_brief(report, settings, fmts, cache=cache)
    undated = sum(1 for d in report.documents if d.published is None)
    click.echo(
        f"{len(report.documents)} sources ({undated} undated), {len(report.mentions)} figures, "
        f"{len(report.indicators)} indicators, {len(report.warnings)} data warnings "
        f"in {time.perf_counter() - t0:.1f} s",
        err=True,
    )
    for p in paths:
        click.echo(str(p))


MENTION_COLUMNS = (
    "doc",
    "family",
    "indicator",
    "value",
    "value_max",
    "vague",
    "qualifier",
    "civilian",
    "as_of",
    "period_start",
    "place",
    "attributed_to",
    "quote",
    "start",
    "end",
    "unit",
    "rule",
    "warnings",
)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON object per figure (the scoring contract); csv; table: for reading.",
)
@click.option(
    "--rules",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    multiple=True,
    help="Folder of extraction rule files overriding the built-ins by id (repeatable).",
)
@_workers_opt
def extract(paths: tuple[Path, ...], fmt: str, rules: tuple[Path, ...], workers: int) -> None:
    """Print every figure mention found in articles (files or folders of .txt/.md).

    A folder's manifest.yaml gives titles, publishers and dates for files without front matter.
    """
    from sitrep.extract import extract_all, load_lexicon
    from sitrep.sources import read_sources

    lexicon = load_lexicon(list(rules))
    source_set = read_sources(list(paths))
    rows = (m.to_json() for _d, ms in extract_all(source_set.documents, lexicon, workers=workers) for m in ms)
    out = sys.stdout
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=MENTION_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            row["warnings"] = "; ".join(row.get("warnings") or [])
            writer.writerow(row)
    else:
        _table(out, rows)


def _table(out: Any, rows: Iterable[dict[str, Any]]) -> None:
    """Aligned columns for a terminal; the quote is cut to keep one line per figure."""
    cols = ("doc", "indicator", "amount", "qualifier", "as_of", "place", "attributed_to", "quote")
    table = []
    for r in rows:
        if r["value"] is None:
            amount = str(r.get("vague") or "")
        else:
            amount = f"{r['value']:,}" + (f"–{r['value_max']:,}" if r.get("value_max") else "")
        quote = " ".join(str(r.get("quote") or "").split())
        table.append(
            {
                "doc": str(r["doc"])[:24],
                "indicator": r["indicator"],
                "amount": amount,
                "qualifier": r["qualifier"],
                "as_of": r["as_of"] or "",
                "place": (r["place"] or "")[:24],
                "attributed_to": (r["attributed_to"] or "")[:28],
                "quote": quote[:60] + ("…" if len(quote) > 60 else ""),
            }
        )
    widths = {c: max([len(c)] + [len(str(t[c])) for t in table]) for c in cols}
    out.write("  ".join(c.ljust(widths[c]) for c in cols).rstrip() + "\n")
    for t in table:
        out.write("  ".join(str(t[c]).ljust(widths[c]) for c in cols).rstrip() + "\n")
    out.write(f"({len(table)} figures)\n")


@main.command()
@click.argument("config", type=click.Path(path_type=Path))
@_sources_opt
@_as_of_opt
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "hxl"]),
    default="table",
    show_default=True,
    help="hxl: CSV with a HXL hashtag row (loads in HDX tools).",
)
@_workers_opt
@_cache_opt
def indicators(config: Path, sources: Path | None, as_of: dt.date | None, fmt: str, workers: int, cache: bool) -> None:
    """Print the dated indicators a report file computes (headline, sources, disagreement, series)."""
    from sitrep.build import gather
    from sitrep.config import load_report
    from sitrep.indicators import format_indicators

    settings = load_report(config, sources=sources, as_of=as_of)
    g = gather(settings, workers=workers, cache=cache)
    click.echo(format_indicators(g.indicators, fmt), nl=False)


@main.command()
@click.argument("config", type=click.Path(path_type=Path))
@_sources_opt
@_as_of_opt
def check(config: Path, sources: Path | None, as_of: dt.date | None) -> None:
    """Validate a report file, its rules and its sources without building anything.

    Prints the effective indicator rules and where each came from (built-in file or the report file), the
    extraction rules a `rules:` folder adds or replaces (and runs their examples), and the charts.
    """
    from sitrep.charts import load_chart_specs
    from sitrep.config import load_report
    from sitrep.extract import check_rule_examples, load_lexicon
    from sitrep.indicators import check_examples, load_rules
    from sitrep.resources import config_dir
    from sitrep.sources import read_sources

    settings = load_report(config, sources=sources, as_of=as_of)
    rules = load_rules(settings.loaded)
    specs = load_chart_specs(settings.loaded, {r.id for r in rules.rules})
    lexicon = load_lexicon([settings.rules] if settings.rules else [])
    source_set = read_sources(settings.sources)
    click.echo(f"report     {settings.id}: {settings.title} (as of {settings.as_of})")
    click.echo(f"sources    {len(source_set.documents)} read, {len(source_set.problems)} problem(s)")
    for p in source_set.problems:
        click.echo(f"  - {p.path}{':' + str(p.line) if p.line else ''}: {p.message}")
    click.echo(f"indicators {len(rules.rules)} rule(s), effective after the report's overrides:")
    for r in rules.rules:
        click.echo(f"  - {r.id:<28} {r.kind:<14} {rules.origins.get(r.id, '')}")
    problems = check_examples(rules)
    for msg in problems:
        click.echo(f"  ! {msg}")
    builtin = str(config_dir())
    own = sorted(rid for rid, where in lexicon.rule_sources.items() if not where.startswith(builtin))
    click.echo(
        f"extraction {len(lexicon.rule_sources)} rule(s)"
        + (f", {len(own)} from {settings.rules}:" if settings.rules else " (built-in)")
    )
    for rid in own:
        click.echo(f"  - {rid:<28} {lexicon.rule_sources[rid]}")
    extract_problems = check_rule_examples(lexicon, own)  # the built-ins' examples are run by the test suite
    for msg in extract_problems:
        click.echo(f"  ! {msg}")
    click.echo(
        f"charts     {len(specs)}: " + "; ".join(f"{s.id} {' | '.join(', '.join(p) for p in s.panels)}" for s in specs)
    )
    click.echo(f"output     {settings.out / settings.output_stem}.html/.pdf")
    if problems or extract_problems:
        raise SitrepError(f"{len(problems) + len(extract_problems)} rule example(s) fail; see above.")


def run() -> None:
    """The `sitrep` command: `main` with the cycle collector tuned for a short batch run.

    A build allocates millions of short-lived objects (rule regexes, the WeasyPrint layout) and holds few
    cycles; CPython's default threshold (700) then runs full collections over the whole heap many times.
    A 200,000 first threshold (mypy sets the same) cut a build by ~0.2 s for ~3 MB more peak memory.
    When the command is done, gc.freeze() spares the interpreter's exit-time collection over that heap
    (~0.15 s): every file is closed by then, and the memory goes back to the system with the process.
    Set here, not in `main`, so programs that import sitrep keep their own settings."""
    gc.set_threshold(200_000, 30, 30)
    try:
        main()
    finally:
        gc.freeze()

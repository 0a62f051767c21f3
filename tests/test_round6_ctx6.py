"""Round 6 (ctx6): a report title's own "(as of <day>)" dates its running totals; date words read by the scanner."""

from __future__ import annotations

import datetime as dt

from sitrep.extract import extract, load_lexicon
from sitrep.model import Document

PUB = dt.date(2024, 3, 15)


def _figures(text: str, title: str | None = None) -> dict[int | None, dict]:
    doc = Document(id="t", text=text, published=PUB, title=title)
    return {m.value: m.to_json() for m in extract(doc, load_lexicon())}


def test_title_as_of_dates_running_totals() -> None:
    text = "Key figures\n\nSince 1 January, some 48,000 people have returned from Pakistan."
    got = _figures(text, title="Afghanistan: Returns - Flash Update No. 3 (as of 13 March 2024)")
    assert got[48000]["as_of"] == "2024-03-13"
    # a title without "as of" (nor a span before its date) leaves the figure at publication
    plain = _figures(text, title="Afghanistan: Returns, a report published on 13 March 2024")
    assert plain[48000]["as_of"] == "2024-03-15"


def test_named_day_and_deadline() -> None:
    lex = load_lexicon()
    pts = lex.dates.points("On Christmas Eve, and before a 6 July deadline,", PUB)
    days = [(h.kind, h.date) for h in pts]
    assert ("day", dt.date(2023, 12, 24)) in days
    assert all(d != dt.date(2024, 7, 6) for k, d in days if k == "day")


def test_previous_year_counts_from_the_year_named() -> None:
    lex = load_lexicon()
    text = "In 2021 the toll rose, on the previous year, and last year it fell."
    hits = [h for h in lex.dates.periods(text, PUB, lex.dates.points(text, PUB)) if h.rule == "period.in_year"]
    starts = sorted(h.date.year for h in hits if h.date is not None and text[h.start : h.end].endswith("year"))
    assert starts == [2020, 2023]

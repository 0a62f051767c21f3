"""Dates resolve against the article's publication date, never today's; no publication date means no guess."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract import extract, load_lexicon
from sitrep.model import Document

LEX = load_lexicon()
TUE = dt.date(2020, 2, 25)  # a Tuesday


def one(text: str, pub: dt.date | None = TUE) -> dict:
    got = [m.to_json() for m in extract(Document(id="t", text=text, published=pub), LEX)]
    assert len(got) == 1, f"expected one mention in {text!r}, got {got}"
    return got[0]


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("On Thursday, air strikes killed 19 civilians.", "2020-02-20"),  # latest Thursday before
        ("On Tuesday, air strikes killed 19 civilians.", "2020-02-25"),  # the publication day itself
        ("Nine civilians were killed Wednesday.", "2020-02-19"),
        ("Air strikes killed 19 civilians last Tuesday.", "2020-02-18"),
        ("Air strikes killed 19 civilians yesterday.", "2020-02-24"),
        ("Air strikes killed 19 civilians today.", "2020-02-25"),
        ("Air strikes killed 19 civilians on Feb. 5.", "2020-02-05"),
        ("Air strikes killed 19 civilians on 23 February.", "2020-02-23"),
        ("Air strikes killed 19 civilians on December 20.", "2019-12-20"),  # last December, not next
        ("Air strikes killed 19 civilians on March 6, 2017.", "2017-03-06"),
        ("Air strikes killed 19 civilians.", "2020-02-25"),  # nothing said: the publication day
    ],
)
def test_as_of(text: str, as_of: str) -> None:
    assert one(text)["as_of"] == as_of


@pytest.mark.parametrize(
    ("text", "period_start"),
    [
        ("Some 350,000 people have fled since December.", "2019-12-01"),
        ("More than 300 civilians have been killed since the beginning of December.", "2019-12-01"),
        ("More than 300 civilians have been killed since April 2019.", "2019-04-01"),
        ("The war has killed 380,000 people since starting in 2011.", "2011-01-01"),
        ("Its losses this month alone rose to 19 soldiers killed.", "2020-02-01"),
        ("Nearly a million people have been displaced in the last three months.", "2019-11-25"),
        ("In the past 48 hours, 50 people were killed.", "2020-02-23"),
        ("A million people have been displaced since the regime launched its offensive in April 2019.", "2019-04-01"),
    ],
)
def test_period_start(text: str, period_start: str) -> None:
    assert one(text)["period_start"] == period_start


def test_between_gives_start_and_end() -> None:
    got = one("Between February 24 and March 18, 3 million people crossed into Poland.", dt.date(2022, 3, 22))
    assert (got["period_start"], got["as_of"]) == ("2022-02-24", "2022-03-18")


def test_since_date_is_a_period_not_the_event_day() -> None:
    got = one("Since April 15, more than 450,000 people have crossed into Chad.", dt.date(2023, 10, 25))
    assert (got["period_start"], got["as_of"]) == ("2023-04-15", "2023-10-25")


def test_statement_day_dates_a_running_total() -> None:
    got = one(
        "Some 950,000 civilians have fled the fighting since December, the UN said on Thursday.", dt.date(2020, 2, 28)
    )
    assert got["as_of"] == "2020-02-27"


def test_event_date_carries_from_previous_sentence() -> None:
    text = "Regime forces shelled a convoy near the village of Bara on Wednesday. Ten Turkish soldiers were wounded."
    got = [m.to_json() for m in extract(Document(id="t", text=text, published=dt.date(2020, 2, 27)), LEX)]
    assert [(m["value"], m["as_of"], m["place"]) for m in got] == [(10, "2020-02-26", "the village of Bara")]
    assert any("previous sentence" in w for w in got[0]["warnings"])


def test_running_total_does_not_take_the_previous_sentence_date() -> None:
    text = "Erdogan spoke on Wednesday. Nearly a million Syrians have been displaced in the last three months."
    got = one(text, dt.date(2020, 2, 27))
    assert got["as_of"] == "2020-02-27"


@pytest.mark.parametrize(
    "text",
    [
        "On Thursday, air strikes killed 19 civilians.",
        "Air strikes killed 19 civilians yesterday.",
        "Some 350,000 people have fled since December.",
        "Air strikes killed 19 civilians on Feb. 5.",
    ],
)
def test_no_publication_date_no_guess(text: str) -> None:
    got = one(text, None)
    assert got["as_of"] is None
    assert got["period_start"] is None
    assert any("publication date" in w for w in got["warnings"])


def test_explicit_year_needs_no_publication_date() -> None:
    got = one("Air strikes killed 19 civilians on March 6, 2017.", None)
    assert got["as_of"] == "2017-03-06"


def test_dateline_is_not_a_figure() -> None:
    text = "Feb 28,2020 - Last updated at Feb 28,2020\n\nSome 950,000 civilians have fled the offensive."
    got = [m.to_json() for m in extract(Document(id="t", text=text, published=dt.date(2020, 2, 28)), LEX)]
    assert [m["value"] for m in got] == [950000]

"""When, where and who of a figure beyond what a case file can say: the exact source text, the publisher's own
voice, and the periods the date scanner reads (their ends and the notes on doubtful starts)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract import extract, load_lexicon
from sitrep.model import Document

LEX = load_lexicon()
PUB = dt.date(2024, 3, 26)  # a Tuesday


def mentions(text: str, pub: dt.date | None = PUB, publisher: str | None = None) -> list[dict]:
    doc = Document(id="t", text=text, published=pub, publisher=publisher)
    return [m.to_json() for m in extract(doc, LEX)]


def source_of(text: str, value: int, publisher: str | None = None) -> str | None:
    got = [m for m in mentions(text, publisher=publisher) if m["value"] == value]
    assert got, f"no figure {value} in {text!r}"
    return got[0]["attributed_to"]


def periods(text: str, pub: dt.date | None = PUB) -> list:
    pts = LEX.dates.points(text, pub)
    return LEX.dates.periods(text, pub, pts)


# -- sources ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("bullet", ["•", "-", "–", "*"])
def test_a_list_bullet_is_no_part_of_the_source(bullet: str) -> None:
    assert source_of(f"{bullet} Local authorities have counted 120 dead in Derna.", 120) == "Local authorities"


def test_first_person_in_an_organisations_release_is_the_organisation() -> None:
    text = "Our teams have treated more than 300 wounded children in Rafah since Monday."
    assert source_of(text, 300, publisher="UNICEF press release") == "UNICEF"
    # a publisher field that names no organisation credits no one
    assert source_of(text, 300, publisher="Wire") is None


def test_an_unattributed_figure_in_a_known_agencys_release_is_the_agencys() -> None:
    text = "At least 14 of the injured refugees died after reaching Chad."
    assert source_of(text, 14, publisher="UNHCR briefing notes") == "UNHCR"
    assert source_of(text, 14, publisher="AP-style wire") is None


def test_first_person_inside_a_quote_is_the_speakers_not_the_publishers() -> None:
    text = '"Our clinic has received 40 wounded people since dawn," said Amina Yusuf, a nurse in Gaza City.'
    assert source_of(text, 40, publisher="Reuters") == "Amina Yusuf, a nurse"


def test_our_correspondent_is_the_publisher() -> None:
    text = "At least nine people were killed in a strike on a house in Khan Younis, our correspondent reported."
    assert source_of(text, 9, publisher="Al Jazeera live blog") == "Al Jazeera"


def test_a_described_body_keeps_its_description_and_the_name_given_before() -> None:
    text = "Clashes went on overnight, Hamas said. The militant group has announced the deaths of 40 of its fighters."
    assert source_of(text, 40) == "The militant group (Hamas)"


def test_a_generic_short_name_is_not_resolved_to_another_body() -> None:
    text = (
        "More than 9,000 displaced people slept in schools, according to the emergency committee of the provincial "
        "government. About 60,000 people have been evacuated, according to the government."
    )
    assert source_of(text, 60000) == "the government"


# -- dates and periods -----------------------------------------------------------------------------------------
def test_a_month_is_a_period_that_ends_at_its_last_day_or_at_publication() -> None:
    (feb,) = [h for h in periods("Only 2,874 trucks entered Gaza in February.") if h.rule == "period.in_month"]
    assert (feb.date, feb.end_date) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    (mar,) = [h for h in periods("Only 874 trucks entered Gaza in March.") if h.rule == "period.in_month"]
    assert (mar.date, mar.end_date) == (dt.date(2024, 3, 1), PUB)  # the month is not over yet


def test_the_month_an_episode_began_has_no_end() -> None:
    hits = periods("The offensive began in April 2023 and has killed 400 people.")
    assert all(h.end_date is None for h in hits if h.rule == "period.in_month")


def test_a_recent_year_is_a_period_and_a_distant_one_is_not() -> None:
    (y,) = [h for h in periods("Gangs killed 4,000 people in 2023 alone.") if h.rule == "period.in_year"]
    assert (y.date, y.end_date) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert not [h for h in periods("A quake killed 628 people in 2004.") if h.rule == "period.in_year"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("About 6,000 people fled between 14 and 18 March.", dt.date(2024, 3, 14), dt.date(2024, 3, 18)),
        ("About 6,000 people fled from 3 to 6 March.", dt.date(2024, 3, 3), dt.date(2024, 3, 6)),
        ("About 6,000 people fled between March 4 and 9.", dt.date(2024, 3, 4), dt.date(2024, 3, 9)),
        ("Some 40 trucks crossed on Feb. 9-16.", dt.date(2024, 2, 9), dt.date(2024, 2, 16)),
        ("It recorded 150 deaths between Jan. 3 and midnight on Jan. 10.", dt.date(2024, 1, 3), dt.date(2024, 1, 10)),
        ("Shelling killed 40 people on Saturday and Sunday.", dt.date(2024, 3, 23), dt.date(2024, 3, 24)),
        (
            "At least 9,000 died between 25 August and 24 September 2017.",
            dt.date(2017, 8, 25),
            dt.date(2017, 9, 24),
        ),
    ],
)
def test_bounded_periods(text: str, start: dt.date, end: dt.date) -> None:
    (h,) = [h for h in periods(text) if h.rule == "period.between"]
    assert (h.date, h.end_date) == (start, end)


def test_a_day_counted_back_needs_a_day_before_it_in_the_sentence() -> None:
    text = "The toll reached 2,497 on Tuesday, up from 2,122 a day earlier."
    back = [h for h in LEX.dates.points(text, PUB) if h.rule == "dates.back"]
    assert [h.date for h in back] == [dt.date(2024, 3, 25)]
    assert not [
        h for h in LEX.dates.points("The toll rose, up from 2,122 a day earlier.", PUB) if h.rule == "dates.back"
    ]
    # "two days before the truce" is a time before an event
    assert not [
        h for h in LEX.dates.points("On Monday, two days before the truce, 30 died.", PUB) if h.rule == "dates.back"
    ]


def test_an_episode_start_told_elsewhere_and_a_guessed_one_is_noted() -> None:
    may = dt.date(2023, 5, 10)
    told = "The fighting erupted in Khartoum on 15 April. More than 500 civilians have died since the conflict began."
    (h,) = [h for h in periods(told, may) if h.episode == "conflict"]
    assert (h.date, h.note) == (dt.date(2023, 4, 15), None)
    guessed = (
        "Some 40,000 people had crossed since 15 April. About 334,000 have been displaced since the fighting began."
    )
    (g,) = [h for h in periods(guessed, may) if h.episode == "fighting"]
    assert g.date == dt.date(2023, 4, 15)
    assert g.note and "earliest" in g.note


def test_no_episode_told_means_no_period() -> None:
    assert not [h for h in periods("About 334,000 have been displaced since the fighting began.") if h.episode]

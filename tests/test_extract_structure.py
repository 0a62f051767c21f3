"""Clause structure in extraction: the order of a figure stated more than once, background years, asides.

Sentence-level readings live in tests/cases/heldout_structure.yaml; these tests cover what a case file cannot:
the order of mentions in a document, the publication date's role and the configured background window.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitrep.extract import extract, load_lexicon
from sitrep.model import Document, Mention

LIVE_BLOG = (
    "Monsoon floods live: rivers still rising in the south\n"
    "\n"
    "09:10 GMT - Flood death toll rises to 1,412\n"
    "\n"
    "The health ministry says at least 1,412 people have died in the floods since the rains began on "
    "12 January, most of them in the south.\n"
)


def _doc(text: str, published: dt.date | None = dt.date(2024, 3, 15)) -> Document:
    return Document(id="d", text=text, published=published)


def _first(mentions: list[Mention], value: int) -> Mention:
    return next(m for m in mentions if m.value == value)


def test_a_repeated_figure_is_listed_first_where_it_is_stated_most_fully() -> None:
    mentions = extract(_doc(LIVE_BLOG))
    same = [m for m in mentions if m.value == 1412]
    assert len(same) == 2, "every mention is kept"
    first = same[0]
    assert first.qualifier == "at_least"
    assert first.attributed_to is not None and "ministry" in first.attributed_to.lower()
    assert first.period_start == dt.date(2024, 1, 12)
    assert same[1].start < first.start, "the context-poor heading comes after the body's reading"


def test_figures_stated_once_keep_text_order() -> None:
    text = "Floods killed 40 people on Monday. Officials said 12,000 people had fled and 300 were injured."
    mentions = extract(_doc(text))
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_background_needs_a_publication_date() -> None:
    """Without a publication date nothing is known to be 'well before' it: the figure is kept."""
    text = "In 2004, an earthquake near the coast killed 628 people."
    assert [m.value for m in extract(_doc(text))] == []
    assert [m.value for m in extract(_doc(text, published=None))] == [628]


def test_background_window_comes_from_config(tmp_path: Path) -> None:
    """text.yaml background_after_days decides how old a year must be: a rules folder can widen it."""
    text = "In 2021, floods in the province killed 300 people."
    pub = dt.date(2024, 3, 15)
    assert extract(_doc(text, pub)) == []
    (tmp_path / "text.yaml").write_text("kind: text\nbackground_after_days: 5000\n", encoding="utf-8")
    lex = load_lexicon([tmp_path])
    assert [m.value for m in extract(_doc(text, pub), lex)] == [300]


def test_last_years_total_is_not_background() -> None:
    text = "In 2023, 2,100 civilians were killed in the region, the monitor said."
    assert [m.value for m in extract(_doc(text, dt.date(2024, 2, 1)))] == [2100]
    assert extract(_doc(text, dt.date(2025, 6, 1))) == []


def test_the_whole_of_a_part_is_never_a_figure() -> None:
    text = "About 60 of the roughly 350 residents of the village were killed, survivors said."
    mentions = extract(_doc(text))
    assert [(m.value, m.indicator, m.qualifier) for m in mentions] == [(60, "civilians_killed", "approx")]
    assert mentions[0].quote.startswith("About 60")


def test_key_figure_box_with_plus_signs() -> None:
    text = "KEY FIGURES\nDeaths: 5,100+\nInjured: 9,800+\n\nThe quake struck at dawn."
    got = {(m.indicator, m.value, m.qualifier) for m in extract(_doc(text))}
    assert got == {("people_killed", 5100, "more_than"), ("people_injured", 9800, "more_than")}


def test_colon_list_items_share_the_period_of_their_total() -> None:
    text = "Between 3 and 9 March, 96 trucks entered the enclave: 60 through the northern gate and 36 via the port."
    mentions = extract(_doc(text))
    by_value = {m.value: m for m in mentions}
    assert set(by_value) == {96, 60, 36}
    assert {m.indicator for m in mentions} == {"aid_trucks"}
    assert by_value[60].period_start == by_value[96].period_start


def test_a_generic_restatement_takes_the_class_of_the_same_figure() -> None:
    """A key-figures line ("Killed: 312") restating a figure the prose gives with its class ("312 civilians") is the
    same figure: one indicator, so reports do not count it twice."""
    text = (
        "In May, the monitors verified that 312 civilians were killed and 1,090 injured across the country.\n"
        "\n"
        "Casualties by group:\n"
        "Killed: 312 (men 170, women 96, children 46)\n"
        "Injured: 1,090\n"
    )
    mentions = extract(_doc(text))
    assert {m.indicator for m in mentions if m.value == 312} == {"civilians_killed"}
    assert {m.indicator for m in mentions if m.value == 1090} == {"civilians_injured"}
    restated = [m for m in mentions if m.value == 312 and m.start > text.index("Killed:")]
    assert restated and any("stated elsewhere" in w for w in restated[0].warnings)
    assert {(m.indicator, m.value) for m in mentions if m.value in (96, 46)} == {
        ("women_killed", 96),
        ("children_killed", 46),
    }


def test_small_numbers_repeated_by_chance_keep_their_own_class() -> None:
    text = "Shelling killed 7 civilians in the north on Monday. In the south, 7 people were killed in a flood."
    assert {m.indicator for m in extract(_doc(text))} == {"civilians_killed", "people_killed"}


def test_a_pronoun_continues_the_toll_of_the_sentence_before() -> None:
    text = "The first official count put the number of dead at 90. By Tuesday it had risen to 412."
    mentions = extract(_doc(text, dt.date(2024, 3, 15)))
    later = _first(mentions, 412)
    assert later.indicator == "people_killed"
    assert later.as_of == dt.date(2024, 3, 12)


def test_a_past_stock_is_dated_not_dropped() -> None:
    """An IDP count at a past date is a point of its series at that date; a past disaster's toll is background."""
    text = "The agency last published figures in May 2022, when it counted 1,204,311 IDPs."
    (m,) = extract(_doc(text, dt.date(2024, 3, 15)))
    assert (m.indicator, m.as_of) == ("idps", dt.date(2022, 5, 31))
    assert extract(_doc("The floods were the worst since 2010, when 1,900 people died.", dt.date(2024, 3, 15))) == []


SECTIONED = (
    "Floods in the south: aid struggles to reach villages\n"
    "\n"
    "Rains have fallen for three weeks across the delta, the agency said.\n"
    "\n"
    "Thousands uprooted\n"
    "\n"
    "Water still covers most of the lowlands.\n"
    "\n"
    "Some 14,000 people have been displaced since the rains began, the agency said.\n"
)


def test_a_section_headings_vague_figure_is_the_sections_own() -> None:
    """ "Thousands uprooted" over a section that gives 14,000 displaced is one figure, the body's."""
    mentions = extract(_doc(SECTIONED))
    assert [(m.indicator, m.value, m.vague) for m in mentions] == [("people_displaced", 14000, None)]


def test_a_section_heading_without_its_figure_below_is_kept() -> None:
    text = SECTIONED.replace("Some 14,000 people have been displaced since the rains began", "Schools have closed")
    assert [(m.indicator, m.vague) for m in extract(_doc(text))] == [("people_displaced", "thousands")]


def test_a_bulleted_line_is_no_heading() -> None:
    text = SECTIONED.replace("Thousands uprooted\n", "• Thousands uprooted\n")
    assert {m.vague for m in extract(_doc(text))} == {"thousands", None}


def test_a_key_figure_over_its_label_is_one_statement() -> None:
    """A key-figures box puts the figure on its own line and the label under it."""
    text = "KEY FIGURES\n8,410\nPeople killed since 1 January*\n312,000\npeople displaced\n\nThe war went on."
    got = {(m.indicator, m.value, m.period_start) for m in extract(_doc(text))}
    assert got == {("people_killed", 8410, dt.date(2024, 1, 1)), ("people_displaced", 312000, None)}


def test_a_pace_is_no_figure_but_its_group_is_taken_up() -> None:
    text = "Medics said they were receiving scores of wounded every hour. Among them were 31 children."
    got = [(m.indicator, m.value, m.vague) for m in extract(_doc(text))]
    assert got == [("children_injured", 31, None)]

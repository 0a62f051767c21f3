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
    "Cholera outbreak live: cases climb in the capital\n"
    "\n"
    "09:10 GMT - Cholera death toll rises to 1,412\n"
    "\n"
    "The health ministry says at least 1,412 people have died of cholera since the outbreak was declared on "
    "12 January, most of them in the capital.\n"
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

"""Plain-text tables (cells split by | or tabs): each number cell read as its column header's key figure."""

from __future__ import annotations

import datetime as dt

from sitrep.extract import extract, load_lexicon
from sitrep.model import Document

LEX = load_lexicon()
PUB = dt.date(2024, 9, 30)


def _doc(text: str) -> Document:
    return Document(id="t", text=text, published=PUB, publisher="OCHA")


def _rows(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(m.indicator, m.value, m.place) for m in extract(_doc(text), LEX) if m.rule.startswith("table.")]


def test_cells_become_figures_with_the_row_as_place_and_offsets_in_the_document() -> None:
    text = (
        "Flash Update No. 2 | Floods\n\n"
        "Between 26 and 29 September, 170 people died and 112 were injured, the ministry said.\n\n"
        "Province | Deaths | Injured | Displaced\n"
        "Bagmati | 121 | 69 | 4,500\n"
        "Koshi | 37 | 21 | 1,200\n"
        "Total | 158 | 90 | 5,700\n"
    )
    doc = _doc(text)
    found = [m for m in extract(doc, LEX) if m.rule.startswith("table.")]
    got = {(m.indicator, m.value, m.place) for m in found}
    assert ("people_killed", 121, "Bagmati") in got and ("people_injured", 21, "Koshi") in got
    assert ("people_displaced", 4500, "Bagmati") in got and ("people_killed", 158, None) in got
    cell = next(m for m in found if m.value == 4500)
    assert text[cell.start : cell.end] == "4,500"  # cited to the cell itself
    assert "Province | Deaths" in cell.quote and "Bagmati" in cell.quote
    killed = next(m for m in found if m.value == 121)
    # the date and source of the sentence that introduces the table
    assert killed.as_of == dt.date(2024, 9, 29) and killed.attributed_to == "the ministry"


def test_tab_separated_tables_read_too() -> None:
    assert ("people_killed", 9, "Nablus") in _rows("Governorate\tKilled\tInjured\nNablus\t9\t210\nHebron\t4\t97\n")


def test_what_is_not_a_table_of_figures_gives_nothing() -> None:
    assert _rows("Humanitarian Situation Update #271 | West Bank\nSome text follows here.\n") == []
    assert _rows("Governorate | 2023 | 2024\nJenin | 72 | 142\nTubas | 17 | 38\n") == []  # years as headers
    assert _rows("Item | Price | Stock\nRice | 40 | 1,000\nOil | 12 | 300\n") == []  # words the rules do not know

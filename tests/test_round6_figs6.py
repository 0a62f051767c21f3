"""Round 6 figures: space-aligned tables and crossings read as returns, through the public extract()."""

from __future__ import annotations

import datetime as dt

from sitrep.extract import extract, load_lexicon
from sitrep.model import Document

LEX = load_lexicon()

TABLE = """Returns by border point, 3-9 June 2024
Border point     District     From Iran     From Pakistan
Islam Qala       Herat        8,120         -
Torkham          Nangarhar    -             1,640
Total                         8,120         1,640
Source: IOM border monitoring
"""


def _doc(text: str) -> Document:
    return Document(id="t", text=text, published=dt.date(2024, 6, 12))


def test_aligned_table_cells_take_title_event_row_place_and_source() -> None:
    got = {(m.value, m.place): m for m in extract(_doc(TABLE), LEX)}
    assert set(got) == {(8120, "Islam Qala"), (1640, "Torkham"), (8120, "Iran"), (1640, "Pakistan")}
    cell = got[(8120, "Islam Qala")]
    assert (cell.indicator, cell.as_of, cell.period_start) == ("returnees", dt.date(2024, 6, 9), dt.date(2024, 6, 3))
    assert cell.attributed_to == "IOM border monitoring"
    assert cell.rule.startswith("aligned_table.")
    assert TABLE[cell.start : cell.end] == "8,120"
    assert "Returns by border point" in cell.quote


def test_double_spaced_prose_is_no_table() -> None:
    text = "Talks resumed.  Officials met twice.\nSome 40 tents arrived.  Another 12 are due.\nBudget  2024  300\n"
    assert not [m for m in extract(_doc(text), LEX) if m.rule.startswith("aligned_table.")]


def test_crossing_in_a_line_about_returns_is_a_return_with_a_warning() -> None:
    text = "Returns from Chad rose in May: 12,400 people crossed at Adre between 1 and 20 May."
    (m,) = extract(_doc(text), LEX)
    assert (m.family, m.indicator) == ("displacement", "returnees")
    assert any("return" in w for w in m.warnings)


def test_return_word_after_the_crossing_leaves_it_a_crossing() -> None:
    text = "Some 12,400 people crossed into Chad at Adre in May, and few have returned home."
    got = [m for m in extract(_doc(text), LEX) if m.value == 12400]
    assert [m.indicator for m in got] == ["border_crossings"]


def test_a_table_repeating_the_prose_adds_only_what_the_prose_does_not_say() -> None:
    text = (
        "In May, 64 civilians were killed and 210 injured in Zaporizhzhia region, the mission said.\n\n"
        "Civilian casualties by region, May 2024\n"
        "Region            Killed   Injured\n"
        "Zaporizhzhia      64       210\n"
        "Sumy              9        31\n"
    )
    got = sorted((m.value, m.rule.startswith("aligned_table."), m.place) for m in extract(_doc(text), LEX))
    assert got == [
        (9, True, "Sumy"),
        (31, True, "Sumy"),
        (64, False, "Zaporizhzhia region"),
        (210, False, "Zaporizhzhia region"),
    ]

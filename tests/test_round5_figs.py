"""Lists under a heading (tables.heading_list_mentions) read through the real engine."""

from __future__ import annotations

import datetime as dt

from sitrep.extract import extract
from sitrep.model import Document

PUB = dt.date(2024, 6, 10)


def _doc(text: str) -> Document:
    return Document(id="d", text=text, published=PUB)


def test_list_lines_take_the_heading_event_and_their_label_as_place() -> None:
    text = "Flash update\n\nIDPS BY STATE (AS OF 5 JUNE 2024)\n- Blue Nile: 120,000\n- Sennar: 64,500\n"
    got = {(m.indicator, m.value, m.place) for m in extract(_doc(text))}
    assert ("idps", 120000, "Blue Nile") in got
    assert ("idps", 64500, "Sennar") in got
    hit = next(m for m in extract(_doc(text)) if m.value == 64500)
    assert text[hit.start : hit.end] == "64,500"  # offsets point at the line's value in the document
    assert hit.rule.startswith("list.")


def test_a_single_line_or_a_heading_without_an_event_gives_nothing() -> None:
    assert extract(_doc("DEATHS BY STATE\n- Blue Nile: 120\n\nMore text follows here.")) == []
    assert extract(_doc("KEY CONTACTS\n- Office: 120\n- Hotline: 4455\n")) == []


def test_a_figure_the_prose_states_already_is_not_repeated_by_its_list_line() -> None:
    text = (
        "Some 41,000 people have crossed into Chad since March, UNHCR said.\n\n"
        "ARRIVALS BY COUNTRY\n- Chad: 41,000\n- Libya: 3,100\n"
    )
    values = [m.value for m in extract(_doc(text)) if m.family == "border"]
    assert values.count(41000) == 1
    assert 3100 in values

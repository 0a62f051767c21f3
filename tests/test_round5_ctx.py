"""Round 5 (ctx): readings that need a document's title — the day a report's title ends with, the place a title
opens with, territories that stand for the country a document is about."""

from __future__ import annotations

import datetime as dt

from sitrep.extract import extract, load_lexicon
from sitrep.model import Document

LEX = load_lexicon()
PUB = dt.date(2024, 3, 20)


def _one(text: str, title: str) -> dict:
    (m,) = [m.to_json() for m in extract(Document(id="t", text=text, title=title, published=PUB), LEX)]
    return m


def test_a_report_title_ending_in_its_span_dates_figures_that_name_no_day() -> None:
    m = _one(
        "Some 45,000 people have been displaced by the floods since January.",
        "Mozambique Floods: Flash Update #4, 1 - 13 March 2024",
    )
    assert m["as_of"] == "2024-03-13"
    assert any("report says its figures stand at" in w for w in m["warnings"])


def test_a_news_title_without_a_closing_date_leaves_the_publication_day() -> None:
    m = _one(
        "Some 45,000 people have been displaced by the floods since January.", "Floods in Mozambique displace thousands"
    )
    assert m["as_of"] == PUB.isoformat()


def test_a_title_opening_with_a_place_the_text_uses_is_the_context_place() -> None:
    text = "Shelling in Bukavu went on for a third day.\n\nHospitals reported that 64 people had died."
    m = _one(text, "Bukavu braces for more fighting as rebels advance")
    assert m["place"] == "Bukavu"


def test_a_title_opening_with_a_person_is_no_place() -> None:
    text = "Shelling in Bukavu went on for a third day.\n\nHospitals reported that 64 people had died."
    m = _one(text, "Tshisekedi vows to retake the east as rebels advance")
    assert m["place"] != "Tshisekedi"


def test_a_territory_named_most_is_the_documents_country() -> None:
    text = (
        "Aid agencies in Gaza said supplies were running out. Israel has not commented. In Gaza, bakeries closed. "
        "Strikes on Gaza went on.\n\n"
        "Hospitals reported that 64 people had died."
    )
    m = _one(text, "Aid agencies warn of famine")
    assert m["place"] == "Gaza"

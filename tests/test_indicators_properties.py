"""Properties of the indicators stage over arbitrary mention sets (hypothesis)."""

from __future__ import annotations

import datetime as dt
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.indicators import build_indicators, format_indicators, load_rules
from sitrep.model import QUALIFIERS, VAGUE_AMOUNTS, Document, Mention

RULES = load_rules()
AS_OF = dt.date(2020, 3, 1)
DOCS = [
    Document(id=f"d{i}", text="", publisher=p, published=AS_OF - dt.timedelta(days=i * 3) if i < 5 else None)
    for i, p in enumerate(["UN News", "AFP", "Local Times", "The Observatory Daily", "Ministry Bulletin", "Blog"])
]
INDICATORS = ["people_displaced", "civilians_killed", "military_killed", "refugees_hosted", "aid_trucks_per_day"]
dates = st.one_of(st.none(), st.dates(dt.date(2019, 11, 1), dt.date(2020, 3, 10)))


@st.composite
def mentions(draw: st.DrawFn) -> Mention:
    vague = draw(st.one_of(st.none(), st.sampled_from(VAGUE_AMOUNTS)))
    value = None if vague else draw(st.integers(1, 5_000_000))
    return Mention(
        doc=draw(st.sampled_from([d.id for d in DOCS])),
        family="casualties",
        indicator=draw(st.sampled_from(INDICATORS)),
        value=value,
        vague=vague,
        qualifier=draw(st.sampled_from(QUALIFIERS)),
        civilian=draw(st.sampled_from([None, True, False])),
        as_of=draw(dates),
        period_start=draw(dates),
        place=draw(st.sampled_from([None, "Idlib", "Ariha", "Turkey"])),
        attributed_to=draw(st.sampled_from([None, "UN", "SOHR", "the army", "a resident"])),
        quote=draw(st.sampled_from(["A said 5.", "B said so far 7.", "C reported.", "D: toll rises."])),
        start=0,
        end=1,
        warnings=draw(st.sampled_from([(), ("printed '1,0000'",)])),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mentions(), max_size=25))
def test_any_mentions_give_consistent_indicators(ms: list[Mention]) -> None:
    result = build_indicators(ms, DOCS, RULES, AS_OF)
    seen = {(m.value, m.vague) for m in ms}
    for ind in result.indicators:
        assert ind.as_of is None or ind.as_of <= AS_OF
        assert all(p.as_of <= AS_OF for p in ind.series)
        assert [p.as_of for p in ind.series] == sorted(p.as_of for p in ind.series)
        if ind.kind != "events":
            assert (ind.value, ind.vague) in seen  # a headline is always a figure some source gave
            assert ind.sources and ind.sources[0].mention.value == ind.value
        if ind.range:
            assert ind.range[0] <= ind.range[1]
            assert ind.disagreement
        if ind.value is None:
            assert ind.vague  # a vague amount is never turned into a number
        for w in ind.warnings:
            assert w in result.warnings
    out = json.loads(format_indicators(result, "json"))
    assert [o["id"] for o in out] == [i.id for i in result.indicators]
    for fmt in ("table", "csv", "hxl"):
        assert isinstance(format_indicators(result, fmt), str)


def test_hxl_of_an_empty_result_still_loads() -> None:
    import hxl

    text = format_indicators(build_indicators([], DOCS, RULES, AS_OF), "hxl")
    assert list(hxl.data(io.BytesIO(text.encode()))) == []

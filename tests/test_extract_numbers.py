"""Numbers as written in news: groupings, scale words, number words, mixed and malformed forms, vague amounts."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract import extract, load_lexicon
from sitrep.model import Document

LEX = load_lexicon()


def read(text: str) -> tuple[int | None, str | None, tuple[str, ...]]:
    nums = LEX.numbers.scan(text)
    assert len(nums) == 1, f"expected one number in {text!r}, got {[n.text for n in nums]}"
    return nums[0].value, nums[0].vague, nums[0].warnings


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,000", 1000),
        ("3,270,662", 3270662),
        ("1.000.000", 1000000),
        ("12 000", 12000),
        ("12\u00a0000", 12000),
        ("950", 950),
        ("3.6 million", 3600000),
        ("1.5m", 1500000),
        ("2 bn", 2000000000),
        ("2bn", 2000000000),
        ("40k", 40000),
        ("nine", 9),
        ("twenty-one", 21),
        ("a hundred", 100),
        ("one hundred and twenty", 120),
        ("a million", 1000000),
        ("three million", 3000000),
        ("half a million", 500000),
        ("half-a-million", 500000),
        ("a quarter of a million", 250000),
        ("three quarters of a million", 750000),
        ("one and a half million", 1500000),
        ("a dozen", 12),
        ("3 million, 270,662", 3270662),
        ("1,20,000", 120000),
        ("2 lakh", 200000),
    ],
)
def test_number_forms(text: str, value: int) -> None:
    got, vague, _ = read(f"Officials counted {text} people.")
    assert (got, vague) == (value, None)


def test_malformed_grouping_is_read_as_meant_and_warned() -> None:
    value, _, warnings = read("Some 950,0000 civilians have fled.")
    assert value == 950000
    assert warnings and "950,0000" in warnings[0]


def test_irregular_grouping_keeps_digits_and_warns() -> None:
    value, _, warnings = read("Some 1,2345 civilians have fled.")
    assert value == 12345
    assert warnings


def test_dot_grouping_with_three_decimals_is_thousands_and_warned() -> None:
    value, _, warnings = read("Teams counted 1.200 new arrivals.")
    assert value == 1200 and warnings


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("dozens", "dozens"),
        ("scores", "scores"),
        ("hundreds", "hundreds"),
        ("thousands", "thousands"),
        ("tens of thousands", "tens of thousands"),
        ("hundreds of thousands", "hundreds of thousands"),
        ("millions", "millions"),
        ("several hundred", "hundreds"),
    ],
)
def test_vague_amounts(text: str, vague: str) -> None:
    value, got, _ = read(f"The war has displaced {text} of people.")
    assert value is None and got == vague


def test_vague_policy_is_documented_config() -> None:
    """ACLED-style readings live in numbers.yaml, not in code."""
    assert LEX.vague_reading("dozens") == 12
    assert LEX.vague_reading("hundreds") == 100
    assert LEX.vague_reading("tens of thousands") == 10000


@pytest.mark.parametrize(
    "text",
    [
        "the nine-year-old war",
        "a four-way summit",
        "40% of homes",
        "$5 million in aid",
        "the 19th century",
        "M4 and M5",
    ],
)
def test_not_counts(text: str) -> None:
    assert LEX.numbers.scan(text) == []


def _one(text: str, pub: dt.date = dt.date(2023, 10, 25)) -> list[dict]:
    return [m.to_json() for m in extract(Document(id="t", text=text, published=pub), LEX)]


@pytest.mark.parametrize(
    ("text", "value", "value_max"),
    [
        ("Between 50 and 80 people were killed.", 50, 80),
        ("Officials said 50-80 people were killed.", 50, 80),
        ("Some 10,000-15,000 people fled the town.", 10000, 15000),
        ("Two to three million people have fled.", 2000000, 3000000),
    ],
)
def test_ranges(text: str, value: int, value_max: int) -> None:
    got = _one(text)
    assert [(m["value"], m["value_max"]) for m in got] == [(value, value_max)]


def test_change_from_to_is_rate_and_target_not_a_range() -> None:
    got = _one("The UN is trying to double deliveries from 50 to 100 trucks a day.")
    assert sorted((m["indicator"], m["value"], m["value_max"]) for m in got) == [
        ("aid_trucks_per_day", 50, None),
        ("aid_trucks_per_day_target", 100, None),
    ]


def test_revision_is_not_an_arrival() -> None:
    got = _one("The number of refugees in Chad rose to 582,000, a jump of 45,000 from 537,000, UNHCR said.")
    values = sorted(m["value"] for m in got)
    assert 45000 not in values
    assert values == [537000, 582000]

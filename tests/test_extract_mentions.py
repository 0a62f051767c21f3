"""What a number counts, who says so and where: the engine read through its public functions."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract import extract, extract_all, load_lexicon
from sitrep.model import Document

LEX = load_lexicon()
PUB = dt.date(2023, 10, 25)


def got(text: str, pub: dt.date | None = PUB) -> list[dict]:
    return [m.to_json() for m in extract(Document(id="t", text=text, published=pub), LEX)]


def key(text: str) -> list[tuple]:
    return [(m["family"], m["indicator"], m["value"], m["vague"]) for m in got(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Nine out of 15 members of the Security Council urged a ceasefire.",
        "A town of some 20,000 people, it became known for its protests.",
        "Turkey has 12 observation posts in the region.",
        "Five regime tanks were destroyed on Tuesday.",
        "The army moved 60 battalions to the front.",
        "Farmers lost 2,000 acres of crops.",
        "The area hosts more than three million people - half of them already displaced.",
        "Airstrikes hit 19 communities and eight schools.",
        "Russia fired 60 missiles and 12 drones overnight.",
        "A Chinese rescue team of 82 members arrived in Yangon.",
        "No one was killed in the attack.",
        "4 min read",
        "7 users have voted.",
        "Total Comments (0)",
        "Read more: 300 killed as quake hits Herat",
    ],
)
def test_not_figures(text: str) -> None:
    assert got(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Air strikes killed 19 civilians in the town.", ("casualties", "civilians_killed", 19, True)),
        ("Two Turkish soldiers were killed on Thursday.", ("casualties", "military_killed", 2, False)),
        ("Hezbollah said 12 of its fighters were killed.", ("casualties", "military_killed", 12, False)),
        ("The war has killed more than 380,000 people.", ("casualties", "people_killed", 380000, None)),
        ("At least 40 children were killed in the strike.", ("casualties", "children_killed", 40, True)),
        ("Twelve women were killed.", ("casualties", "women_killed", 12, True)),
        ("The blast injured 45 people.", ("casualties", "people_injured", 45, None)),
        ("The bombing caused dozens of civilian casualties.", ("casualties", "civilian_casualties", None, True)),
        ("The army has lost hundreds of men in the fighting.", ("casualties", "military_killed", None, False)),
        ("Nearly 350,000 people have fled since December.", ("displacement", "people_displaced", 350000, None)),
        ("Sudan has 6.1 million internally displaced people.", ("displacement", "idps", 6100000, None)),
        ("Some 1.2 million people have returned to their homes.", ("displacement", "returnees", 1200000, None)),
        ("Chad hosts more than 600,000 Sudanese refugees.", ("border", "refugees_hosted", 600000, None)),
        ("More than 2 million refugees have crossed into Poland.", ("border", "border_crossings", 2000000, None)),
        ("Russia has deployed 190,000 troops near the border.", ("border", "troops_deployed", 190000, False)),
        ("Only two border crossings remain open.", ("border", "border_crossing_points", 2, None)),
        ("Twenty trucks carrying food entered Gaza on Saturday.", ("aid_trucks", "aid_trucks", 20, None)),
        ("Two aid convoys reached the town.", ("aid_trucks", "aid_convoys", 2, None)),
    ],
)
def test_what_the_number_counts(text: str, expected: tuple) -> None:
    ms = got(text)
    assert [(m["family"], m["indicator"], m["value"], m["civilian"]) for m in ms] == [expected]


def test_including_list_gives_sub_figures_with_the_parents_event() -> None:
    ms = got("At least 21 civilians, including five women and nine children, were killed by airstrikes.")
    assert sorted((m["indicator"], m["value"]) for m in ms) == [
        ("children_killed", 9),
        ("civilians_killed", 21),
        ("women_killed", 5),
    ]


def test_including_after_the_verb() -> None:
    ms = got("At least 2,100 people have been killed since October 2023, including 127 children.")
    assert sorted((m["indicator"], m["value"]) for m in ms) == [("children_killed", 127), ("people_killed", 2100)]


def test_partitive_of_them() -> None:
    ms = got("Nearly 900,000 people have been displaced since December 1, more than 500,000 of them children.")
    assert sorted((m["indicator"], m["value"], m["qualifier"]) for m in ms) == [
        ("children_displaced", 500000, "more_than"),
        ("people_displaced", 900000, "nearly"),
    ]


def test_coordinated_bare_number_shares_the_noun() -> None:
    ms = got("Twelve soldiers were wounded and three killed in clashes.")
    assert sorted((m["indicator"], m["value"]) for m in ms) == [("military_injured", 12), ("military_killed", 3)]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Nearly 20 people were killed.", "nearly"),
        ("Almost 20 people were killed.", "nearly"),
        ("Close to 20 people were killed.", "nearly"),
        ("About 20 people were killed.", "approx"),
        ("Around 20 people were killed.", "approx"),
        ("Some 20 people were killed.", "approx"),
        ("An estimated 20 people were killed.", "approx"),
        ("Roughly 20 people were killed.", "approx"),
        ("More than 20 people were killed.", "more_than"),
        ("Over 20 people were killed.", "more_than"),
        ("Upwards of 20 people were killed.", "more_than"),
        ("At least 20 people were killed.", "at_least"),
        ("No fewer than 20 people were killed.", "at_least"),
        ("Up to 20 people were killed.", "up_to"),
        ("As many as 20 people were killed.", "up_to"),
        ("Fewer than 20 people were killed.", "less_than"),
        ("Less than 20 people were killed.", "less_than"),
        ("Exactly 20 people were killed.", "exact"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    assert [m["qualifier"] for m in got(text)] == [qualifier]


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "The offensive has killed more than 400 civilians, according to the Syrian Observatory.",
            "the Syrian Observatory",
        ),
        ("The Turkish defence ministry said two of its soldiers had been killed.", "The Turkish defence ministry"),
        ("At least 21 civilians were killed, said Stephane Dujarric.", "Stephane Dujarric"),
        ("A war monitor said 19 civilians were killed.", "A war monitor"),
        ("Hamas official Ali Baraka told Reuters that 20 fighters had been killed.", "Hamas official Ali Baraka"),
        ("Some 1.4 million people have been displaced, UNRWA said.", "UNRWA"),
        ("Egypt has said 40 trucks entered Gaza.", "Egypt"),
    ],
)
def test_attribution_forms(text: str, who: str) -> None:
    assert [m["attributed_to"] for m in got(text)] == [who]


def test_short_name_and_pronoun_resolve_to_the_full_name() -> None:
    text = (
        "Forces advanced, according to the Syrian Observatory for Human Rights. "
        "Earlier, the Observatory said air strikes had killed 19 civilians. "
        "UN spokesman Stephane Dujarric said the situation was dire. "
        "At least 21 civilians were killed, he said."
    )
    assert [m["attributed_to"] for m in got(text)] == [
        "the Syrian Observatory for Human Rights",
        "UN spokesman Stephane Dujarric",
    ]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Russian air strikes killed five civilians in the Jabal Al-Zawiya area.", "the Jabal Al-Zawiya area"),
        ("Some 20,000 refugees crossed into Chad last month.", "Chad"),
        ("Two soldiers were killed in the town of Kansafra.", "the town of Kansafra"),
        ("Syria's war has killed more than 380,000 people.", "Syria"),
        ("Turkey has taken in 3.6 million Syrian refugees.", "Turkey"),
        (
            "The UN plans to send 100 trucks a day across a border crossing with Turkey.",
            "a border crossing with Turkey",
        ),
    ],
)
def test_places_as_written(text: str, place: str) -> None:
    assert [m["place"] for m in got(text)] == [place]


def test_units_follow_the_noun() -> None:
    ms = got("The floods left 20,000 families homeless and 4,000 households without shelter.")
    assert ms[0]["unit"] == "families"
    assert got("Some 40 trucks crossed into Gaza.")[0]["unit"] == "trucks"


def test_offsets_point_at_the_figure_and_quote_is_the_sentence() -> None:
    text = "Intro line.\n\nOn Monday, more than 400 civilians were killed in the city."
    (m,) = got(text)
    assert text[m["start"] : m["end"]] == "more than 400"
    assert m["quote"] == "On Monday, more than 400 civilians were killed in the city."
    assert m["rule"] == "casualties.killed"


def test_extract_all_streams_in_order_with_workers() -> None:
    docs = [
        Document(id=f"d{i}", text=f"Shelling killed {i + 1} civilians on Monday.", published=PUB) for i in range(40)
    ]
    consumed = []

    def gen():
        for d in docs:
            consumed.append(d.id)
            yield d

    for workers in (1, 2):
        consumed.clear()
        out = list(extract_all(gen(), LEX, workers=workers))
        assert [d.id for d, _ in out] == [d.id for d in docs]
        assert [ms[0].value for _, ms in out] == list(range(1, 41))


def test_extract_all_is_lazy() -> None:
    """Nothing is read before the first result is asked for: memory does not grow with the corpus."""
    seen: list[int] = []

    def gen():
        for i in range(10**9):
            seen.append(i)
            yield Document(id=str(i), text="Shelling killed 3 civilians.", published=PUB)

    it = extract_all(gen(), LEX)
    first = next(it)
    assert first[0].id == "0" and len(seen) == 1


WRAPPED = (
    "Refugees flee\n"
    "\n"
    "More than two million people have fled Ukraine since Russia invaded on\n"
    "February 24, the United Nations refugee agency said on Tuesday, and the\n"
    "exodus is the fastest in Europe since the Second World War, it added.\n"
    "\n"
    "At least 406 civilians have been killed and 801 injured, the UN human\n"
    "rights office said.\n"
)


def test_hard_wrapped_copy_reads_like_one_line_per_paragraph() -> None:
    """Wire copy wrapped at ~72 columns: a line break inside a sentence must not cut the sentence."""
    wrapped = got(WRAPPED, dt.date(2022, 3, 8))
    flat = got(WRAPPED.replace("on\nFeb", "on Feb").replace("the\nexo", "the exo").replace("human\nri", "human ri"),
               dt.date(2022, 3, 8))  # fmt: skip
    drop = ("quote",)
    assert [{k: v for k, v in m.items() if k not in drop} for m in wrapped] == [
        {k: v for k, v in m.items() if k not in drop} for m in flat
    ]
    first = wrapped[0]
    assert (first["value"], first["qualifier"], first["period_start"]) == (2000000, "more_than", "2022-02-24")
    assert first["attributed_to"] and "United Nations" in first["attributed_to"]
    assert WRAPPED[first["start"] : first["end"]] == "More than two million"  # offsets point into the original


def test_text_with_long_lines_is_not_unwrapped() -> None:
    """Headlines and short furniture lines above long paragraphs stay lines of their own."""
    from sitrep.extract.sentences import unwrap

    text = "Gaza: 20 trucks enter\n4 min read\n" + "Twenty trucks entered Gaza on Saturday, the UN said. " * 3
    assert unwrap(text, LEX) == text
    assert len(unwrap(WRAPPED, LEX)) == len(WRAPPED)


def test_list_items_are_not_joined_when_unwrapping() -> None:
    """Bullets of a flash update look like wrapped lines (short, no full stop) but each is its own sentence."""
    from sitrep.extract.sentences import unwrap

    text = (
        "Key figures for the week in the north of the country\n"
        "- 120 trucks crossed into the north through Bab al-Hawa\n"
        "- 14 civilians were killed in shelling of the southern towns\n"
        "- 9,000 people were displaced from villages near the front\n"
    )
    assert unwrap(text, LEX).count("\n") == text.count("\n")

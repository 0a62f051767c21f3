"""extract() never raises and always returns well-formed mentions, whatever text it is given."""

from __future__ import annotations

import datetime as dt
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.extract import extract, load_lexicon
from sitrep.model import FAMILIES, QUALIFIERS, Document, Mention

LEX = load_lexicon()
WORDS = [
    "killed", "displaced", "fled", "refugees", "trucks", "civilians", "soldiers", "including", "children",
    "according", "to", "said", "since", "December", "on", "Thursday", "more", "than", "at", "least", "dozens",
    "of", "tens", "thousands", "half-a-million", "950,0000", "3.6", "million", "1,000", "-", ",", ".", '"', "“",
    "(", ")", "between", "and", "from", "a", "day", "in", "Idlib", "Gaza", "the", "UN", "he", "\n", "\n\n",
]  # fmt: skip


def check(text: str, pub: dt.date | None = dt.date(2023, 10, 25)) -> list[Mention]:
    ms = extract(Document(id="p", text=text, published=pub), LEX)
    assert isinstance(ms, list)
    for m in ms:
        assert m.family in FAMILIES
        assert m.qualifier in QUALIFIERS
        assert 0 <= m.start <= m.end <= len(text)
        assert m.value is not None or m.vague is not None
        assert m.value_max is None or (m.value is not None and m.value_max >= m.value)
        m.to_json()
    return ms


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_binary_junk(data: bytes) -> None:
    check(data.decode("latin-1"))
    check(data.decode("utf-8", errors="replace"), None)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_any_unicode(text: str) -> None:
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=120), st.none() | st.dates())
def test_word_salad_from_the_lexicon(words: list[str], pub: dt.date | None) -> None:
    check(" ".join(words), pub)


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.characters(min_codepoint=0x0590, max_codepoint=0x06FF), max_size=400),
    st.lists(st.sampled_from(["😀", "🇸🇾", "\u200f", "\u200e", "\u202e", "‏", "\ufeff", "\u0000"]), max_size=40).map(
        "".join
    ),
)
def test_rtl_scripts_emoji_and_controls(rtl: str, junk: str) -> None:
    check(f"{rtl} قتل 19 مدنيا {junk} Some 20 civilians were killed {rtl} on Thursday {junk}.")


def test_unbalanced_quotes_and_brackets() -> None:
    text = '"Dozens" of fighters were killed ( according to “the monitor, and 20 civilians [were killed "' * 50
    assert check(text)


def test_a_single_line_without_sentence_ends_stays_linear() -> None:
    """No sentence end, no newline: the engine must stay linear (sentences are cut at max_sentence_chars).

    Four times the text must cost about four times the time, not sixteen: a ratio holds on any machine, where a
    wall-clock limit would not (bench/bench_extract.py times 5 MB and more)."""
    unit = "some 5,000 people fled the fighting and 12 civilians were killed according to the UN "

    def seconds(size: int) -> tuple[float, int]:
        text = unit * (size // len(unit) + 1)
        t0 = time.perf_counter()
        found = check(text)
        return time.perf_counter() - t0, len(found)

    small = min(seconds(250_000) for _ in range(2))
    large = seconds(1_000_000)
    assert large[1] >= 4 * small[1] - 4, "figures in a long line are all still found"
    assert large[0] / small[0] < 6, f"4x the text took {large[0] / small[0]:.1f}x the time (linear is 4x)"


def test_odd_documents() -> None:
    assert extract(Document(id="e", text=""), LEX) == []
    assert extract(Document(id="n", text="Shelling killed 5 civilians.", published=None), LEX)[0].as_of is None
    # a non-string text (a caller's bug) is still not an exception
    assert isinstance(extract(Document(id="b", text=b"killed 5 civilians"), LEX), list)  # type: ignore[arg-type]

"""Plain-language wording of figures and claims, for notes and warnings a brief's reader understands."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sitrep.model import Mention

if TYPE_CHECKING:
    from sitrep.indicators.claims import Claim

QUALIFIER_WORDS: dict[str, str] = {
    "exact": "",
    "approx": "some ",
    "nearly": "nearly ",
    "more_than": "more than ",
    "at_least": "at least ",
    "up_to": "up to ",
    "less_than": "less than ",
}


def day(d: dt.date | None) -> str:
    """`27 Feb 2020`, or `undated`."""
    return f"{d.day} {d:%b %Y}" if d else "undated"


def number(n: int) -> str:
    """948,000 / 3.6 million / 1 million: how a brief prints a figure."""
    if n >= 1_000_000 and n % 100_000 == 0:
        return f"{n / 1_000_000:g} million"
    return f"{n:,}"


def fmt_value(m: Mention) -> str:
    """The figure as the text gives it: `nearly 1 million`, `more than 300`, `hundreds` (never a number)."""
    if m.value is None:
        return m.vague or "unknown"
    core = number(m.value) + (f" to {number(m.value_max)}" if m.value_max is not None else "")
    if core == "1 million":
        core = "a million"  # as the sources write it: "nearly a million"
    return QUALIFIER_WORDS.get(m.qualifier, "") + core


def plain_name(name: str | None) -> str:
    """`the U.N.` -> `U.N.`: a source's name as a note or table cell starts with it."""
    name = (name or "").strip()
    return name[4:] if name[:4].casefold() == "the " else name


def originator_text(c: Claim) -> str:
    """`United Nations via Zaman al-Wasl`, or just the outlet(s) when nobody else is credited."""
    outlets = " / ".join(dict.fromkeys(d.publisher or d.id for d in c.docs))
    who = plain_name(c.mention.attributed_to)
    if who.startswith(("A ", "An ")):  # "A Zaman al-Wasl reporter" sits mid-sentence in a note
        who = who[0].lower() + who[1:]
    if not who or who.casefold() in outlets.casefold():
        return outlets
    if outlets.casefold() in who.casefold():  # "a Zaman al-Wasl reporter", not "... via Zaman al-Wasl"
        return who
    return f"{who} via {outlets}"


def claim_text(c: Claim, period_start: dt.date | None = None) -> str:
    """`United Nations via Zaman al-Wasl: 948,000 (27 Feb 2020)`: who, what, as of when."""
    m = c.mention
    since = f" since {day(m.period_start)}" if m.period_start and m.period_start != period_start else ""
    return f"{originator_text(c)}: {fmt_value(m)}{since} ({day(m.as_of)})"

"""Claims: mentions grouped by sentence (wire copy counts once), with their credibility and numeric reading."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sitrep.indicators.rules import IndicatorRules
from sitrep.indicators.text import day
from sitrep.model import Document, Evidence, Mention, SeriesPoint


@dataclass
class Claim:
    """One figure as claimed: a mention plus every document that printed the same sentence."""

    mention: Mention
    docs: list[Document]
    tier: int
    reading: float  # numeric reading for comparisons (vague amounts per policy)
    lo: float  # what the words can mean, for sanity checks ("more than 300": 300..inf)
    hi: float
    precision: int
    originator: str
    part: bool = False  # a smaller figure beside a larger one in the same sentence (an increment)
    warnings: list[str] = field(default_factory=list)
    members: list[Mention] = field(default_factory=list)  # the mention in each outlet

    @property
    def as_of(self) -> dt.date | None:
        return self.mention.as_of

    @property
    def key(self) -> str:
        return self.originator.casefold()

    def evidence(self) -> Evidence:
        return Evidence(
            mention=self.mention,
            outlets=tuple(d.id for d in self.docs),
            originator=self.originator,
            tier=self.tier,
        )


_WORD = re.compile(r"[^\W_]+")


def _norm(quote: str) -> tuple[str, frozenset[str]]:
    words = _WORD.findall(quote.casefold())
    return " ".join(words), frozenset(words)


def get_doc(docs: dict[str, Document], doc_id: str) -> Document:
    return docs.get(doc_id) or Document(id=doc_id, text="")


def outlet_of(d: Document) -> str:
    return d.publisher or d.id


def make_claims(
    mentions: list[Mention],
    docs: dict[str, Document],
    rules: IndicatorRules,
    context: Sequence[Mention] = (),
) -> list[Claim]:
    """Group wire copy: the same (normalised) sentence with the same figure is one claim, many outlets.

    `context`: every mention of the same indicators before the rule's filters, so that "two killed, taking
    the month's toll to 19" marks the 2 as a part even when the 19 counts from another date."""
    groups: list[tuple[str, frozenset[str], tuple[object, ...], list[Mention]]] = []
    sim = rules.defaults.wire_similarity
    repeats: set[tuple[object, ...]] = set()
    by_fig: dict[tuple[object, ...], list[tuple[str, frozenset[str], tuple[object, ...], list[Mention]]]] = {}
    for m in sorted(mentions, key=lambda m: (get_doc(docs, m.doc).published or dt.date.max, m.doc, m.start)):
        # The same figure said twice in one article (a summary paragraph, a pull quote) is one claim.
        again = (m.doc, m.indicator, m.value, m.value_max, m.vague, m.qualifier, m.as_of, m.period_start, m.civilian)
        if again in repeats:
            continue
        repeats.add(again)
        text, words = _norm(m.quote)
        fig = (m.value, m.value_max, m.vague, m.qualifier)
        for g_text, g_words, _fig, members in by_fig.setdefault(fig, []):
            if any(x.doc == m.doc for x in members):
                continue
            same = g_text == text or len(g_words & words) / max(1, len(g_words | words)) >= sim
            if same:
                members.append(m)
                break
        else:
            groups.append((text, words, fig, [m]))
            by_fig[fig].append(groups[-1])
    # A smaller figure beside a larger one in the same sentence is its increment or a part of it
    # ("two soldiers killed, taking the month's losses to 19"): not a total of its own.
    sentences: dict[tuple[str, str], float] = {}
    for m in [*mentions, *context]:
        key = (m.doc, _norm(m.quote)[0])
        sentences[key] = max(sentences.get(key, 0.0), _reading(m, rules))
    claims = [_claim(members, docs, rules) for _, _, _, members in groups]
    for c in claims:
        c.part = all(sentences[(x.doc, _norm(x.quote)[0])] > _reading(x, rules) for x in c.members)
    return claims


def _reading(m: Mention, rules: IndicatorRules) -> float:
    if m.value is None and m.vague:
        v = rules.vague.get(m.vague)
        return float(v.reading) if v else 0.0
    return float(m.value or 0)


def _claim(members: list[Mention], docs: dict[str, Document], rules: IndicatorRules) -> Claim:
    m = members[0]
    ds = [get_doc(docs, x.doc) for x in members]
    outlet = outlet_of(ds[0])
    tier, _ = rules.credibility.tier_of(m.attributed_to, outlet)
    if m.value is None and m.vague:
        v = rules.vague.get(m.vague)
        reading = float(v.reading) if v else 0.0
        lo, hi = (float(v.min), math.inf if v.max is None else float(v.max)) if v else (0.0, math.inf)
        prec = rules.precision["vague"]
    else:
        reading = float(m.value or 0)
        q = rules.qualifiers.get(m.qualifier)
        lo = reading * (q.low if q else 1.0)
        hi = math.inf if q and q.high is None else reading * (q.high if q and q.high is not None else 1.0)
        if m.value_max is not None:
            hi = max(hi, float(m.value_max))
            prec = rules.precision["range"]
        else:
            prec = rules.precision.get(m.qualifier, len(rules.precision))
    originator = m.attributed_to or outlet
    warns = []
    for x, d in zip(members, ds, strict=True):
        for w in x.warnings:
            if rules.promote_warnings is None or not rules.promote_warnings.search(w):
                continue  # the extractor's working notes ("date taken from the previous sentence") stay there
            warns.append(f"{outlet_of(d)} ({day(d.published)}): {w}")
    return Claim(m, ds, tier, reading, lo, hi, prec, originator, warnings=warns, members=list(members))


def is_event(
    c: Claim,
    total_words: re.Pattern[str] | None,
    incident_words: re.Pattern[str] | None = None,
    so_far_words: re.Pattern[str] | None = None,
    short_days: int | None = None,
) -> bool:
    """An incident, not a total: an increment beside a larger figure; or, with no period stated and none of
    the words that announce a total ("toll", "so far", "bringing ... to"), a figure dated before its article,
    or one of its own day told as an incident ("a strike killed 14 on Saturday") rather than as a count so
    far ("38,300 have been killed"); or a count over a period of `short_days` or less ("in the past 24
    hours")."""
    m = c.mention
    if c.part:
        return True
    if m.period_start is not None:
        # "in the past 24 hours": a day's increment, not the total since the crisis began
        return short_days is not None and m.as_of is not None and (m.as_of - m.period_start).days <= short_days
    if total_words is not None and total_words.search(m.quote):
        return False
    pub = c.docs[0].published
    if m.as_of is not None and pub is not None and m.as_of < pub:
        return True
    return bool(
        incident_words is not None
        and incident_words.search(m.quote)
        and not (so_far_words is not None and so_far_words.search(m.quote))
    )


def order_key(c: Claim, order: list[str], claims: list[Claim], share: float) -> tuple[object, ...]:
    key: list[object] = []
    for k in order:
        if k == "tier":
            key.append(c.tier)
        elif k == "latest":
            key.append(-(c.as_of or dt.date.min).toordinal())
        elif k == "precision":
            key.append(c.precision)
        elif k == "corroboration":
            agree = {o.key for o in claims if close(o.reading, c.reading, share)}
            key.append(-len(agree))
    key += [-len(c.docs), c.mention.doc, c.mention.start]
    return tuple(key)


def close(a: float, b: float, share: float) -> bool:
    return abs(a - b) <= share * max(abs(a), abs(b), 1e-9)


def differs(c: Claim, head: Claim, share: float) -> bool:
    return abs(c.reading - head.reading) > share * max(head.reading, 1e-9)


def point(c: Claim) -> SeriesPoint:
    m = c.mention
    return SeriesPoint(
        as_of=c.as_of or dt.date.min,
        value=m.value,
        value_max=m.value_max,
        qualifier=m.qualifier,
        vague=m.vague,
        evidence=(c.evidence(),),
    )

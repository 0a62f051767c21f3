"""Mentions -> dated Indicators: select by rule, merge wire copy, choose the headline, note disagreement.

The analyst's questions, in order: which mentions speak of this indicator and period; which of them are
the same sentence reprinted (one claim, several outlets); which figures are an order of magnitude off;
which figure stands as of which day and on whose word; where credible sources disagree; and whether the
series makes sense (a running total must not fall).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sitrep.indicators.claims import Claim, close, differs, get_doc, is_event, make_claims, order_key, outlet_of, point
from sitrep.indicators.events import events_indicator
from sitrep.indicators.rules import IndicatorRules, Rule
from sitrep.indicators.text import claim_text, day, fmt_value
from sitrep.model import Document, Indicator, Mention, SeriesPoint


@dataclass(frozen=True)
class IndicatorResult:
    """The indicators of one report date and the doubts a reader of the brief should see."""

    indicators: tuple[Indicator, ...]
    warnings: tuple[str, ...] = ()
    publishers: Mapping[str, str] = field(default_factory=dict)  # doc id -> outlet name, for output


def _selected(rule: Rule, mentions: Sequence[Mention], rules: IndicatorRules, as_of: dt.date) -> list[Mention]:
    tol = dt.timedelta(days=rules.defaults.period_tolerance_days)
    out = []
    for m in mentions:
        if m.indicator not in rule.mentions:
            continue
        if rule.civilian is not None and m.civilian is not rule.civilian:
            continue
        if rule.place and not re.search(rule.place, m.place or m.quote, re.IGNORECASE):
            continue
        if rule.quote and not re.search(rule.quote, m.quote):
            continue
        if rule.qualifiers is not None and m.qualifier not in rule.qualifiers:
            continue
        if m.period_start is None and rule.period_required:
            continue
        if rule.period_start is not None:
            if m.period_start is not None and abs(m.period_start - rule.period_start) > tol:
                continue  # another period ("since April 2019" is not "since 1 December")
            if m.as_of is not None and m.as_of < rule.period_start:
                continue
        if rule.last_days and m.as_of is not None and m.as_of <= as_of - dt.timedelta(days=rule.last_days):
            continue
        out.append(m)
    return out


def _accepted(
    rule: Rule, mentions: Sequence[Mention], docs: dict[str, Document], rules: IndicatorRules, as_of: dt.date
) -> list[Claim]:
    """The claims a rule takes: its mentions, filtered, wire copy merged, totals or incidents as it counts."""
    context = [m for m in mentions if m.indicator in rule.mentions]
    claims = make_claims(_selected(rule, mentions, rules, as_of), docs, rules, context)
    # a rule with its own period takes every count over that period as a total, however short
    short = None if rule.period_start is not None else rules.defaults.short_period_days
    words = (rules.total_words, rules.incident_words, rules.so_far_words, short)
    if rule.counts == "totals":
        return [c for c in claims if not is_event(c, *words)]
    if rule.counts == "events":
        return [c for c in claims if is_event(c, *words)]
    return claims


def check_examples(rules: IndicatorRules) -> list[str]:
    """Run every rule's `examples` (match / no_match): the problems, in words; empty when all pass."""
    problems: list[str] = []
    for rule in rules.rules:
        if rule.examples is None:
            continue
        cases = [(True, e) for e in rule.examples.match] + [(False, e) for e in rule.examples.no_match]
        for i, (expected, ex) in enumerate(cases):
            doc = Document(id=f"example-{i}", text=ex.quote, publisher="Example", published=ex.published)
            m = Mention(
                doc=doc.id,
                family=rule.family,
                indicator=ex.indicator,
                value=ex.value,
                vague=ex.vague,
                qualifier=ex.qualifier,
                civilian=ex.civilian,
                as_of=ex.as_of,
                period_start=ex.period_start,
                place=ex.place,
                attributed_to=ex.attributed_to,
                quote=ex.quote,
                start=0,
                end=len(ex.quote),
            )
            day_ = max((x for x in (ex.as_of, ex.published) if x), default=dt.date(2100, 1, 1))
            got = bool(_accepted(rule, [m], {doc.id: doc}, rules, day_))
            if got != expected:
                want = "take" if expected else "leave out"
                problems.append(f"{rule.id}: should {want} the example {ex.quote!r} but does not")
    return problems


def _outliers(claims: list[Claim], ratio: float, window: int) -> set[int]:
    """Figures `ratio` times above or below the median of the figures around them (at least three)."""
    by_day: dict[dt.date, list[float]] = {}
    for c in claims:
        if c.as_of is not None and c.reading > 0:
            by_day.setdefault(c.as_of, []).append(c.reading)
    medians: dict[dt.date, float] = {}
    for d in by_day:
        group = sorted(r for e, rs in by_day.items() if abs((e - d).days) <= window for r in rs)
        if len(group) >= 3:  # two figures far apart: no majority to say which is off; the note shows both
            medians[d] = group[(len(group) - 1) // 2]
    out: set[int] = set()
    for i, c in enumerate(claims):
        med = medians.get(c.as_of) if c.as_of is not None and c.reading > 0 else None
        if med is not None and (c.reading * ratio <= med or c.reading >= med * ratio):
            out.add(i)
    return out


def _collapses(claims: list[Claim], skip: set[int], ratio: float) -> list[tuple[int, Claim]]:
    """Running-total figures `ratio` times below a figure an at-least-as-credible source gave earlier: not the
    same count (a site, an incident, a smaller area), whichever date is newer."""
    order = sorted(
        (i for i, c in enumerate(claims) if c.as_of is not None and i not in skip), key=lambda i: claims[i].as_of
    )
    out: list[tuple[int, Claim]] = []
    seen: list[Claim] = []
    for i in order:
        c = claims[i]
        above = [e for e in seen if e.as_of < c.as_of and e.tier <= c.tier and c.reading * ratio <= e.reading]
        if above:
            out.append((i, max(above, key=lambda e: e.reading)))
            continue
        seen.append(c)
    return out


def build_indicators(
    mentions: Sequence[Mention], documents: Sequence[Document], rules: IndicatorRules, as_of: dt.date
) -> IndicatorResult:
    """Every rule's indicator as of `as_of`: nothing dated or published later is seen."""
    docs = {d.id: d for d in documents}
    visible = [
        m
        for m in mentions
        if (m.as_of is None or m.as_of <= as_of)
        and (docs.get(m.doc) is None or docs[m.doc].published is None or docs[m.doc].published <= as_of)  # type: ignore[operator]
    ]
    indicators: list[Indicator] = []
    warnings: list[str] = []
    for rule in rules.rules:
        ind = _one(rule, visible, docs, rules, as_of)
        if ind is not None:
            indicators.append(ind)
            warnings.extend(ind.warnings)
    pubs = {d.id: d.publisher or d.id for d in documents}
    return IndicatorResult(tuple(indicators), tuple(dict.fromkeys(warnings)), pubs)


def _one(
    rule: Rule, mentions: list[Mention], docs: dict[str, Document], rules: IndicatorRules, as_of: dt.date
) -> Indicator | None:
    d = rules.defaults
    share = rule.disagreement_share if rule.disagreement_share is not None else d.disagreement_share
    window = rule.window_days if rule.window_days is not None else d.window_days
    order = list(rule.headline_order or d.headline_order)
    claims = _accepted(rule, mentions, docs, rules, as_of)
    if not claims:
        return None
    warnings: list[str] = []
    label = rule.label
    dated = [c for c in claims if c.as_of is not None]
    undated_only = not dated
    if undated_only:
        dated = claims
        warnings.append(
            f"{label}: only undated reports mention this figure ({', '.join(sorted({c.originator for c in claims}))}); "
            "it is shown without a date and should be checked."
        )
    outl = _outliers(dated, d.outlier_ratio, window)
    for i in sorted(outl):
        c = dated[i]
        warnings.append(
            f"{label}: {claim_text(c)} is an order of magnitude away from the other figures for the same days, "
            "so it was left out; it may count something else (a single incident, another area)."
        )
    if rule.kind == "running_total":
        for i, earlier in _collapses(dated, outl, d.outlier_ratio):
            outl.add(i)
            warnings.append(
                f"{label}: {claim_text(dated[i])} is an order of magnitude below {claim_text(earlier)}, reported "
                "earlier by a source at least as credible; a total since a fixed date cannot fall that far, so it "
                "was left out; it may count something else (a single incident, a site, another area)."
            )
    pool = [c for i, c in enumerate(dated) if i not in outl] or dated
    for c in pool:
        for w in c.warnings:
            warnings.append(f"{label}: {w}")
    if rule.kind == "events":
        return events_indicator(rule, pool, rules, as_of, order, share, warnings, undated_only)

    latest = max((c.as_of for c in pool if c.as_of), default=None)
    cands = [c for c in pool if latest is None or c.as_of is None or (latest - c.as_of).days <= window]
    cands.sort(key=lambda c: order_key(c, order, cands, share))
    head = cands[0]
    max_tier = d.disagreement_max_tier or rules.credibility.lowest
    credible = [c for c in cands if c.tier <= max_tier and c is not head]
    running = rule.kind == "running_total"
    if running:
        # A lower figure from an earlier day is progress, not disagreement; a lower one the same day is a
        # step of the same day's count ("taking its losses to 19"). Higher before, or lower after, contradicts.
        def contradicts(c: Claim) -> bool:
            assert c.as_of is not None and head.as_of is not None
            if c.as_of <= head.as_of:
                return c.reading > head.reading * (1 + share)
            return c.reading < head.reading * (1 - share)

        disagree = [c for c in credible if c.as_of and head.as_of and contradicts(c)]
        cited = [c for c in credible if c in disagree or (c.as_of and head.as_of and c.as_of >= head.as_of)]
    else:
        disagree = [c for c in credible if differs(c, head, share)]
        cited = credible
    rng: tuple[int, int] | None = None
    note: str | None = None
    if disagree:
        side = [head, *sorted(cited, key=lambda c: (c.tier, -(c.as_of or dt.date.min).toordinal()))]
        rng = (int(min(c.reading for c in side)), int(max(c.reading for c in side)))
        note = "; ".join(claim_text(c, rule.period_start) for c in side) + "."
    series = _series(pool, order, share, running)
    if running and rule.period_start is None and head.mention.period_start is not None:
        # A headline that states its period ("since 10 May") is compared with figures over that period only.
        tol = dt.timedelta(days=d.period_tolerance_days)
        series = [p for p in series if _same_period(p, head.mention.period_start, tol)]
    if running:
        series, fell = _rising(series, pool, head)
        shown = {id(c.mention) for c in (head, *disagree)}  # a data note already sets these side by side
        for c, other in fell:
            if id(c.mention) in shown and id(other.mention) in shown:
                continue
            if not (c.hi < other.lo or other.hi < c.lo):
                continue  # "more than 300" after "more than 400": both can be true, nothing to warn of
            warnings.append(
                f"{label}: the chart leaves out {claim_text(c)}, which would make the running total fall "
                f"(against {claim_text(other)}); a total since a fixed date cannot fall, so the sources count "
                "differently (area, period or method)."
            )
    agree = {c.key for c in cands if close(c.reading, head.reading, share)}
    confidence = _confidence(head, bool(note), undated_only, len(agree), rules, bool(warnings))
    # The headline's evidence first; then the other side(s) of a disagreement, or else the independent
    # sources that agree with it (so the brief can say "also reported by").
    others = (
        cited
        if note
        else [c for c in cands if c is not head and c.key != head.key and close(c.reading, head.reading, share)]
    )
    sources = (head.evidence(), *(c.evidence() for c in others))
    why = ", then ".join(order)
    method = (
        f"{rule.kind.replace('_', ' ')}: headline chosen by {why} among the figures of the {window} days up to "
        f"the newest ({day(latest)}); source tier: {rules.credibility.label_of(head.tier)}."
    )
    other = _other_periods(rule, mentions, docs, rules)
    if other:
        method += f" Not compared (another period): {other}."
    m = head.mention
    return Indicator(
        id=rule.id,
        label=label,
        family=rule.family,
        kind=rule.kind,
        unit=rule.unit,
        hxl=rule.hxl,
        value=m.value,
        as_of=head.as_of,
        value_max=m.value_max,
        qualifier=m.qualifier,
        vague=m.vague,
        period_start=rule.period_start or m.period_start,
        range=rng,
        disagreement=note,
        confidence=confidence,
        sources=sources,
        series=tuple(p for p in series if p.as_of != dt.date.min),
        target_of=rule.target_of,
        method=method,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _series(pool: list[Claim], order: list[str], share: float, running: bool) -> list[SeriesPoint]:
    """One point per day (the best claim); a running total also keeps lower same-day counts as steps, and
    drops a rough figure ("nearly a million") that a later, more precise one shows was on the high side."""
    by_day: dict[dt.date, list[Claim]] = {}
    for c in pool:
        if c.as_of is not None:
            by_day.setdefault(c.as_of, []).append(c)
    chosen: list[Claim] = []
    prev: float | None = None
    for d in sorted(by_day):
        # A running total's figure that states its period ("since December") speaks for the series more
        # surely than one that states none ("the 300,000 displaced earlier"), so it is preferred that day.
        cs = sorted(
            by_day[d],
            key=lambda c: (running and c.mention.period_start is None, *order_key(c, order, by_day[d], share)),
        )
        best = cs[0]
        if running:
            steps: dict[float, Claim] = {}
            stated = best.mention.period_start is not None
            for c in cs[1:]:
                if stated and c.mention.period_start is None and c.mention.doc == best.mention.doc:
                    continue  # the same article dates one figure and not the other: another period
                if c.reading < best.reading and (prev is None or c.reading >= prev) and c.mention.value is not None:
                    steps.setdefault(c.reading, c)
            chosen.extend(steps[r] for r in sorted(steps))
        chosen.append(best)
        prev = best.reading
    if running:
        chosen = [
            c
            for i, c in enumerate(chosen)
            if not any(q.reading < c.reading and q.hi >= c.lo and q.precision < c.precision for q in chosen[i + 1 :])
        ]
    return [point(c) for c in chosen]


def _same_period(p: SeriesPoint, start: dt.date, tol: dt.timedelta) -> bool:
    own = p.evidence[0].mention.period_start if p.evidence else None
    return own is not None and abs(own - start) <= tol


def _rising(
    series: list[SeriesPoint], pool: list[Claim], head: Claim
) -> tuple[list[SeriesPoint], list[tuple[Claim, Claim]]]:
    """A running total's chart must not fall, and must agree with the headline: the headline's point stays,
    an earlier point above it or a later point below the highest so far is left out. Returns the points kept
    and each left-out claim with the one it contradicts, for the data notes."""
    by_mention = {id(c.mention): c for c in pool}
    claims = [by_mention[id(p.evidence[0].mention)] for p in series if p.evidence]
    kept: list[Claim] = []
    fell: list[tuple[Claim, Claim]] = []
    for c in claims:
        if c.mention is head.mention:
            while kept and kept[-1].reading > c.reading:
                fell.append((kept.pop(), c))
        elif kept and c.reading < kept[-1].reading:
            fell.append((c, kept[-1]))
            continue
        kept.append(c)
    return [point(c) for c in kept], fell


def _confidence(head: Claim, disputed: bool, undated: bool, agreeing: int, rules: IndicatorRules, warn: bool) -> str:
    if undated or (disputed and head.tier >= rules.credibility.lowest):
        return "low"
    if (head.tier <= 2 and not disputed and not warn) or agreeing >= 2:
        return "high"
    return "medium"


def _other_periods(rule: Rule, mentions: list[Mention], docs: dict[str, Document], rules: IndicatorRules) -> str:
    """Mentions of the same indicator left out because they count from another start date."""
    if rule.period_start is None:
        return ""
    tol = rules.defaults.period_tolerance_days
    seen: dict[str, None] = {}
    for m in mentions:
        if m.indicator in rule.mentions and m.period_start and abs((m.period_start - rule.period_start).days) > tol:
            d = get_doc(docs, m.doc)
            who = m.attributed_to or outlet_of(d)
            seen[f"{who}: {fmt_value(m)} since {day(m.period_start)}"] = None
    return "; ".join(seen)


__all__ = ["IndicatorResult", "build_indicators", "check_examples"]

"""`events` indicators: distinct incidents on a day are summed; the same incident reported twice is not."""

from __future__ import annotations

import datetime as dt

from sitrep.indicators.claims import Claim, close, differs, order_key
from sitrep.indicators.rules import IndicatorRules, Rule
from sitrep.indicators.text import claim_text, day, fmt_value
from sitrep.model import CONTEXT_PLACE_NOTE, Evidence, Indicator, SeriesPoint


def events_indicator(
    rule: Rule,
    pool: list[Claim],
    rules: IndicatorRules,
    as_of: dt.date,
    order: list[str],
    share: float,
    warnings: list[str],
    undated_only: bool,
) -> Indicator:
    """Distinct incidents on a day are summed; the same incident reported twice counts once."""
    by_day: dict[dt.date | None, list[Claim]] = {}
    for c in pool:
        by_day.setdefault(c.as_of, []).append(c)
    points: list[SeriesPoint] = []
    notes: list[str] = []
    used: list[Claim] = []
    total = 0
    quals: set[str] = set()
    vague_left: list[Claim] = []
    for d in sorted(by_day, key=lambda x: x or dt.date.min):
        events = _cluster(by_day[d], share)
        day_total = 0
        day_quals: set[str] = set()
        evs: list[Evidence] = []
        for ev in events:
            ev.sort(key=lambda c: order_key(c, order, ev, share))
            best = ev[0]
            used.append(best)
            evs.append(best.evidence())
            if any(differs(c, best, share) for c in ev[1:]) and not _unplaced(ev):
                notes.append(f"{day(d)}: " + "; ".join(claim_text(c) for c in ev))
            if best.mention.value is None:
                vague_left.append(best)
                day_quals.add("at_least")
                continue
            day_total += best.mention.value
            day_quals.add(best.mention.qualifier)
        for ev in events:
            if _unplaced(ev) and any(differs(c, ev[0], share) for c in ev[1:]):
                warnings.append(
                    f"{rule.label}: reports of {day(d)} that no place tells apart may describe the same incident "
                    f"({'; '.join(claim_text(c) for c in ev)}); they are not added up: "
                    f"{fmt_value(ev[0].mention)} stands."
                )
        if d is not None:
            points.append(SeriesPoint(as_of=d, value=day_total, qualifier=_combine(day_quals), evidence=tuple(evs)))
        total += day_total
        quals |= day_quals
    for c in vague_left:
        warnings.append(f"{rule.label}: {claim_text(c)} is a vague amount and is not included in the sum.")
    latest = max((d for d in by_day if d is not None), default=None)
    start = rule.period_start or (
        as_of - dt.timedelta(days=rule.last_days - 1) if rule.last_days else min((d for d in by_day if d), default=None)
    )
    head_tier = min(c.tier for c in used)
    value: int | None = total
    vague: str | None = None
    if not any(c.mention.value is not None for c in used):
        # Only vague amounts ("dozens killed"): say so, never a made-up sum.
        value, vague, quals = None, max(used, key=lambda c: c.reading).mention.vague, {"approx"}
    return Indicator(
        id=rule.id,
        label=rule.label,
        family=rule.family,
        kind=rule.kind,
        unit=rule.unit,
        hxl=rule.hxl,
        value=value,
        vague=vague,
        as_of=latest,
        qualifier=_combine(quals),
        period_start=start,
        disagreement=("On some incidents: " + " | ".join(notes) + ".") if notes else None,
        confidence=_events_confidence(undated_only, bool(notes or warnings), head_tier),
        sources=tuple(c.evidence() for c in used),
        series=tuple(points),
        target_of=rule.target_of,
        method=f"events: distinct incidents per day summed over {day(start)} to {day(latest)}; "
        "reports of one day count once unless they name different places or come from one article and source.",
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _events_confidence(undated: bool, doubtful: bool, head_tier: int) -> str:
    if undated:
        return "low"
    return "high" if not doubtful and head_tier <= 2 else "medium"


def _unplaced(ev: list[Claim]) -> bool:
    """Several reports of one day that no place tells apart: the data notes say which one stands."""
    return len(ev) > 1 and any(not _own_place(c) for c in ev)


def _own_place(c: Claim) -> str | None:
    """The place a report names itself; one the extractor took from context (a warning saying "place taken from
    ...": the paragraph before, the document's country) tells no incident apart."""
    if any(w.startswith(CONTEXT_PLACE_NOTE) for w in c.mention.warnings):
        return None
    return c.mention.place


def _same_place(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return a in b or b in a


def _cluster(claims: list[Claim], share: float) -> list[list[Claim]]:
    """Incidents of one day. Two reports are distinct incidents only when they name different places,
    or come from one article on one source's word (it lists its incidents once each). Otherwise they may
    be the same incident and are not added up: summing overlapping reports would overstate the toll."""
    events: list[list[Claim]] = []
    for c in claims:
        for ev in events:
            if _same_incident(c, ev[0], share):
                ev.append(c)
                break
        else:
            events.append([c])
    return events


def _same_incident(c: Claim, head: Claim, share: float) -> bool:
    p, q = _own_place(c), _own_place(head)
    if p and q:
        return _same_place(p, q)
    if c.mention.doc == head.mention.doc and c.key == head.key:
        return close(c.reading, head.reading, share) and c.mention.start == head.mention.start
    return True


def _combine(quals: set[str]) -> str:
    if not quals or quals == {"exact"}:
        return "exact"
    if quals <= {"exact", "more_than", "at_least"}:
        return "at_least"
    if quals <= {"exact", "up_to", "less_than"}:
        return "up_to"
    return "approx"

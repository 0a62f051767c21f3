"""Dates and periods in article text, resolved against the publication date.

Every relative expression ("on Thursday", "since December", "this month alone") needs an anchor; the anchor
is the article's publication date and nothing else. Without one, relative expressions resolve to None.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sitrep.extract.numbers import fast_alt, trie_alt

SENT_STOP = re.compile(r"[.;]")
END_OF = re.compile(r"(?i)\bend\s+of\s*$")
IN_MONTH = re.compile(r"(?i)\b(?:in|during|throughout|for)\s+(?:the\s+month\s+of\s+)?(?:(?:early|late|mid)[\s-]+)?$")
REL_YEAR = re.compile(r"[ \t]*,?[ \t]+(?:of[ \t]+)?(last|this|previous)[ \t]+year\b")
MONTH_CUE = re.compile(r"\b(?:in|since|of|early|late|mid|until|by|from|to|between|and)\s*-?$")


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date or period expression found in a text."""

    start: int
    end: int
    kind: str  # day: a day an event happened | period: a running total's start (and maybe end) | mask: not a figure
    date: dt.date | None  # the day, or the period's start
    end_date: dt.date | None = None  # a period's end ("between February 24 and March 18")
    rule: str = ""
    episode: str | None = None  # the episode noun for period.since_event ("offensive")


def _alt(words: list[str], escape: bool = True) -> str:
    if escape:
        return trie_alt(words)  # the same matches as a longest-first alternation, fewer branches tried
    parts = sorted(set(words), key=len, reverse=True)
    return "|".join((re.escape(p) if escape else p).replace(r"\ ", r"\s+") for p in parts)


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def self_pub_before(pub: dt.date | None, d: dt.date) -> bool:
    """True when a period end lies after publication (the month is not over yet)."""
    return pub is not None and d > pub


def _month_back(d: dt.date, months: int) -> dt.date:
    y, m = d.year, d.month - months
    while m <= 0:
        m += 12
        y -= 1
    while m > 12:
        m -= 12
        y += 1
    return _safe(y, m, min(d.day, 28)) or d


class DateScanner:
    """Compiled date patterns; `find` lists DateHits for one text and publication date."""

    def __init__(self, cfg: Mapping[str, Any], number_words: Mapping[str, int]) -> None:
        self.months: dict[str, int] = {str(k): int(v) for k, v in cfg["months"].items()}
        self.months_lower = {k.lower(): v for k, v in self.months.items()}
        self.weekdays: dict[str, int] = {str(k): int(v) for k, v in cfg["weekdays"].items()}
        self.relative: dict[str, int] = {str(k).lower(): int(v) for k, v in cfg["relative_days"].items()}
        self.future = int(cfg.get("future_window_days", 60))
        self.units: dict[str, int] = {str(k).lower(): int(v) for k, v in cfg["period_units"].items()}
        self.episode_nouns: list[str] = [str(x) for x in cfg.get("episode_nouns", [])]
        self.number_words = {k.lower(): int(v) for k, v in number_words.items()}
        mon = rf"(?=[{''.join(sorted({m[0] for m in self.months}))}])(?:{_alt(list(self.months))})\.?"
        wd = _alt(list(self.weekdays))
        rel = fast_alt(list(self.relative))
        # one pass finds every point expression; the first alternative that matches at a position wins
        # every alternative starts with a digit, a capital (month, weekday) or a relative-day word's first letter:
        # the lookahead lets the scan skip all other words at once
        first = "".join(sorted({ch for w in self.relative for ch in (w[:1].lower(), w[:1].upper())}))
        self.rx_points = re.compile(
            rf"\b(?=[0-9A-Z{re.escape(first)}])(?:"
            r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))\b"
            r"|(?P<time>\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|a\.m|p\.m|am\b|pm\b|AM\b|PM\b|GMT\b|UTC\b)|\d{1,2}:\d{2}\b)"
            rf"|(?P<dmy>(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm>{mon})(?:,?\s*(?P<dy>\d{{4}}))?(?![\w]))"
            rf"|(?P<mdy>(?P<mm>{mon})\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?(?![\w])(?:(?:\s*,\s*|\s+)(?P<my4>\d{{4}})\b)?)"
            rf"|(?P<my>(?P<mo>{mon})(?:\s*,?\s*(?P<myy>\d{{4}}))?(?![\w]))"
            r"|(?P<year>(?:19|20)\d{2})\b"
            rf"|(?P<wd>(?=[MTWFS])(?:{wd}))s?\b(?!['’])"
            rf"|(?P<rel>{rel})\b"
            r")"
        )
        self.rx_year_before = re.compile(
            r"(?i)\b(?:in|since|of|by|from|until|till|to|before|after|early|late|mid|during|between|and|year|"
            r"summer|winter|spring|autumn|fall)[\s-]+$"
        )
        self.rx_since = re.compile(r"\b[Ss]ince\b")
        self.rx_this = re.compile(
            r"\b(?:[Tt]his|(?:[Ss]ince|[Ff]rom)\s+the\s+(?:start|beginning|outset)\s+of\s+(?:the|this))\s+(month|year|week)\b"
        )
        nw = _alt(list(self.number_words))
        self.rx_last_n = re.compile(
            rf"\b(?:[Ii]n|[Oo]ver|[Dd]uring|[Ff]or|[Ww]ithin)\s+the\s+(?:last|past|previous)\s+"
            rf"(?:(\d+|(?i:{nw})|few|several)\s+)?({_alt(list(self.units))})\b"
        )
        self.rx_between = re.compile(r"\b([Bb]etween|[Ff]rom)\b")
        self.episode_verbs: list[str] = [str(v) for v in cfg.get("episode_verbs", [])]
        verbs = _alt(self.episode_verbs)
        nouns = _alt(self.episode_nouns)
        self.rx_event = re.compile(
            rf"\b(?:(?:{verbs})\b[^.;]{{0,70}}?|(?:launch|start|beginning|outbreak|onset)\s+of\s+[^.;]{{0,70}}?)"
            rf"\b(?:in|on)\s+(?=[A-Z0-9])"
        )
        self.rx_episode_noun = re.compile(rf"(?i)\b({nouns})\b")

    # -- resolution helpers -------------------------------------------------------------------
    def _day(self, pub: dt.date | None, m: int, d: int, y: int | None) -> dt.date | None:
        if y is not None:
            return _safe(y, m, d)
        if pub is None:
            return None
        cand = _safe(pub.year, m, d)
        if cand is None:
            return None
        if (cand - pub).days > self.future:
            cand = _safe(pub.year - 1, m, d)
        return cand

    def _month_start(self, pub: dt.date | None, m: int, y: int | None) -> dt.date | None:
        if y is not None:
            return _safe(y, m, 1)
        if pub is None:
            return None
        return _safe(pub.year if m <= pub.month else pub.year - 1, m, 1)

    def _weekday(self, pub: dt.date | None, wd: int, mod: str | None) -> dt.date | None:
        if pub is None:
            return None
        back = (pub.weekday() - wd) % 7
        if mod == "last" and back == 0:
            back = 7
        if mod == "next":
            return None  # a future day is never a figure's date
        return pub - dt.timedelta(days=back)

    @staticmethod
    def _rel_year(text: str, b: int, y: int | None, pub: dt.date | None) -> tuple[int | None, int]:
        """ "April last year", "October 7 of last year": the year relative to publication (and the longer span)."""
        if y is not None or pub is None:
            return y, b
        m = REL_YEAR.match(text, b)
        if not m:
            return y, b
        return (pub.year if m.group(1) == "this" else pub.year - 1), m.end()

    # -- scanning -----------------------------------------------------------------------------
    def points(self, text: str, pub: dt.date | None) -> list[DateHit]:
        """Day expressions (explicit dates, weekdays, yesterday) and spans to mask (times, years, months)."""
        hits: list[DateHit] = []
        months = self.months
        for m in self.rx_points.finditer(text):
            k = m.lastgroup
            a, b = m.span()
            if m.group("iso"):
                d = _safe(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
                hits.append(DateHit(a, b, "day", d, rule="dates.explicit"))
            elif m.group("time"):
                hits.append(DateHit(a, b, "mask", None))
            elif m.group("dmy"):
                y = int(m.group("dy")) if m.group("dy") else None
                y, b = self._rel_year(text, b, y, pub)
                mo = months[m.group("dm").rstrip(".")]
                hits.append(DateHit(a, b, "day", self._day(pub, mo, int(m.group("dd")), y), rule="dates.explicit"))
            elif m.group("mdy"):
                y = int(m.group("my4")) if m.group("my4") else None
                y, b = self._rel_year(text, b, y, pub)
                mo = months[m.group("mm").rstrip(".")]
                hits.append(DateHit(a, b, "day", self._day(pub, mo, int(m.group("md")), y), rule="dates.explicit"))
            elif m.group("my"):
                name = m.group("mo").rstrip(".")
                if name not in months:
                    continue
                if name in ("May", "March") and not m.group("myy"):
                    # "May" and "March" are verbs and nouns too: a month only after a date word
                    before = text[max(0, a - 12) : a].lower()
                    if not MONTH_CUE.search(before):
                        continue
                y = int(m.group("myy")) if m.group("myy") else None
                y, b = self._rel_year(text, b, y, pub)
                hits.append(DateHit(a, b, "month", self._month_start(pub, months[name], y)))
            elif m.group("year"):
                if self.rx_year_before.search(text, max(0, a - 14), a):
                    hits.append(DateHit(a, b, "year", _safe(int(m.group("year")), 1, 1)))
            elif m.group("wd"):
                before = text[max(0, a - 7) : a].lower().split()
                mod = before[-1] if before and before[-1] in ("last", "next", "on", "early", "late") else None
                name = m.group("wd")
                a2 = a - (len(mod) + 1 if mod and text[a - 1 : a].isspace() else 0) if mod else a
                hits.append(DateHit(a2, b, "day", self._weekday(pub, self.weekdays[name], mod), rule="dates.weekday"))
            elif k == "rel" or m.group("rel"):
                off = self.relative.get(re.sub(r"\s+", " ", m.group("rel").lower()))
                if off is None:
                    continue
                d = pub + dt.timedelta(days=off) if pub else None
                hits.append(DateHit(a, b, "day", d, rule="dates.relative"))
        return hits

    def periods(
        self,
        text: str,
        pub: dt.date | None,
        points: list[DateHit],
        start: int = 0,
        end: int | None = None,
        only_events: bool = False,
    ) -> list[DateHit]:
        """Period expressions in text[start:end] (one sentence), given the point hits of that span.

        only_events: just "the offensive began in December" statements (a whole document is scanned for those).
        """
        end = len(text) if end is None else end
        out: list[DateHit] = []
        anchors = [h for h in points if h.kind in ("day", "month", "year")]
        starts = [h.start for h in anchors]

        def first_from(pos: int) -> int:
            return bisect.bisect_left(starts, pos)

        for m in self.rx_since.finditer(text, start, end if not only_events else start):
            i = first_from(m.end())
            nxt = anchors[i] if i < len(anchors) and anchors[i].start <= m.end() + 45 else None
            if nxt is None and i < len(anchors) and anchors[i].start <= m.end() + 110:
                # "since Israel launched its military operation there on Monday": a long event clause whose date
                # ends it is still the period's start
                ev = self.rx_event.search(text, m.end(), anchors[i].end)
                if ev is not None and ev.start() <= m.end() + 40 and anchors[i].start <= ev.end() <= anchors[i].end:
                    nxt = anchors[i]
            if nxt is None:
                continue
            gap = text[m.end() : nxt.start]
            if SENT_STOP.search(gap):
                continue
            d = nxt.date
            if nxt.kind == "month" and END_OF.search(gap) and d is not None:
                d = _month_back(d, -1) - dt.timedelta(days=1)
            out.append(DateHit(m.start(), nxt.end, "period", d, rule="period.since"))
        for m in self.rx_this.finditer(text, start, end if not only_events else start):
            if pub is None:
                out.append(DateHit(m.start(), m.end(), "period", None, rule="period.this"))
                continue
            unit = m.group(1).lower()
            d = (
                pub.replace(day=1)
                if unit == "month"
                else pub.replace(month=1, day=1)
                if unit == "year"
                else pub - dt.timedelta(days=pub.weekday())
            )
            out.append(DateHit(m.start(), m.end(), "period", d, rule="period.this"))
        for m in self.rx_last_n.finditer(text, start, end if not only_events else start):
            n_txt = (m.group(1) or "1").lower()
            unit = m.group(2).lower()
            if n_txt in ("few", "several"):
                out.append(DateHit(m.start(), m.end(), "period", None, rule="period.last_n"))
                continue
            n = int(n_txt) if n_txt.isdigit() else self.number_words.get(n_txt, 1)
            d: dt.date | None = None
            if pub is not None and n < 10000:
                if unit.startswith("month"):
                    d = _month_back(pub, n)
                elif unit.startswith("hour"):
                    d = pub - dt.timedelta(days=max(1, n // 24))
                else:
                    d = pub - dt.timedelta(days=n * self.units[unit])
            out.append(DateHit(m.start(), m.end(), "period", d, rule="period.last_n"))
        for m in self.rx_between.finditer(text, start, end if not only_events else start):
            i = first_from(m.end())
            a = (
                anchors[i]
                if i < len(anchors) and anchors[i].start <= m.end() + 6 and anchors[i].kind in ("day", "month")
                else None
            )
            if a is None:
                continue
            joiner = "and" if m.group(1).lower() == "between" else "to|until|through"
            b = anchors[i + 1] if i + 1 < len(anchors) and a.end < anchors[i + 1].start <= a.end + 8 else None
            if b is not None and b.kind != a.kind:
                b = None
            if b is None or not re.fullmatch(rf"(?i)\s*(?:{joiner}|-|–)\s*", text[a.end : b.start]):
                continue
            end_date = b.date
            if b.kind == "month" and end_date is not None:
                end_date = _month_back(end_date.replace(day=1), -1) - dt.timedelta(days=1)
                if self_pub_before(pub, end_date):
                    end_date = pub
            start_date = a.date
            if start_date and end_date and start_date > end_date:
                start_date = _safe(start_date.year - 1, start_date.month, start_date.day)
            out.append(DateHit(m.start(), b.end, "period", start_date, end_date, rule="period.between"))
        for h in anchors:
            if h.kind != "month" or only_events:
                continue
            before = text[max(0, h.start - 16) : h.start]
            if IN_MONTH.search(before):
                out.append(DateHit(h.start, h.end, "period", h.date, rule="period.in_month"))
        for m in self.rx_event.finditer(text, start, end):
            i = first_from(m.end())
            nxt = anchors[i] if i < len(anchors) and anchors[i].start == m.end() else None
            if nxt is None:
                continue
            noun = self.rx_episode_noun.search(text, max(0, m.start() - 60), nxt.start)
            out.append(
                DateHit(
                    m.start(),
                    nxt.end,
                    "period",
                    nxt.date,
                    rule="period.since_event",
                    episode=noun.group(1).lower() if noun else None,
                )
            )
        out.sort(key=lambda h: h.start)
        return out

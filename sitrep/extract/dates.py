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
# "since the invasion began, including 141,500 on Monday": a comma or another number between "since" and a date
# means the date is not the period's start
# ("since the army lifted its 11-week siege of the town on 2 March": a number inside a hyphenated adjective is no
# figure)
GAP_STOP = re.compile(r",|\d(?![\d,.]*-[A-Za-z])")
YEAR_IN = re.compile(r"\d{4}")
SENT_BREAK = re.compile(r"\n|[.!?][\"'”’)]*\s+[\"“(]?[A-Z]")
IN_YEAR = re.compile(r"(?i)\b(?:in|during|throughout|for)\s+(?:the\s+(?:whole|entirety|course)\s+of\s+)?$")
END_OF = re.compile(r"(?i)\bend\s+of\s*$")
IN_MONTH = re.compile(
    r"(?i)\b(?:in|during|throughout|for)\s+(?:the\s+(?:month|whole|entirety|course)\s+of\s+)?(?:(?:early|late|mid)[\s-]+)?$"
)
REL_YEAR = re.compile(r"[ \t]*,?[ \t]+(?:of[ \t]+)?(last|this|previous)[ \t]+year\b")
MONTH_CUE = re.compile(r"\b(?:in|since|of|early|late|mid|until|by|from|to|between|and)\s*-?$")
# "since the Government declared a state of emergency in the region on 4 August 2023": a clause with no comma, number
# or full stop that ends in "on"/"in" right before a date runs up to the period's start
SINCE_TAIL = re.compile(r"(?i)\b(?:on|in)\s+(?:(?:early|late|mid)[\s-]+)?$")
# "in the whole of 2021", "throughout the whole of March": the whole span named
WHOLE_OF = re.compile(r"(?i)\bthe\s+(?:whole|entirety|entire\s+year|course)\s+of\s+$")


# "9,000 people are sheltering in schools": a state at publication, not an event of a period
PRESENT_STATE = re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:are|is|remain|remains|live|lives|stay|stays)\b")
# "186,000 people are staying in collective shelters", "620,000 remain displaced": a stock at the day of the report
PRESENT_STOCK = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:(?:are|is)\s+(?:now\s+|still\s+)?(?:staying|sheltering|living|housed|hosted|displaced|"
    r"homeless)|remain|remains)\b"
)
# "17,000 of the displaced", "300 of them": a part of a total told before
PARTITIVE_BACK = re.compile(r"\s*(?:of\s+(?:the|them|those|these|whom)\b)")


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
    note: str | None = None  # how a doubtful reading was made (the engine passes it on as a warning)


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


def _month_end(d: dt.date) -> dt.date:
    return _month_back(d.replace(day=1), -1) - dt.timedelta(days=1)


def _bounded_end(end: dt.date | None, pub: dt.date | None) -> dt.date | None:
    """A period's last day, or the publication day when the period is not over yet."""
    if end is not None and pub is not None and end > pub:
        return pub
    return end


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
        mon = rf"(?=[{''.join(sorted({m[0] for m in self.months}))}])(?:{trie_alt(list(self.months))})\.?"
        wd = trie_alt(list(self.weekdays))
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
        self.rx_weekend = re.compile(r"\b(?:(?:[Oo]ver|[Aa]t|[Dd]uring)\s+the|[Ll]ast|[Tt]his)\s+weekend\b(?!['’])")
        rec = trie_alt([str(w) for w in cfg.get("record_words", [])] or ["highest"])
        # "the highest monthly toll since October 2022", "its deadliest day since 2014": a record, not a period
        self.rx_record = re.compile(rf"(?i)\b(?:the|its|their|a)\s+(?:single\s+)?(?:{rec})\b[^,.;:]{{0,45}}$")
        self.rx_this = re.compile(
            r"\b(?:[Tt]his|(?:[Ss]ince|[Ff]rom)\s+the\s+(?:start|beginning|outset)\s+of\s+(?:the|this))\s+(month|year|week)\b"
        )
        nw = trie_alt(list(self.number_words))
        self.rx_last_n = re.compile(
            rf"\b(?:[Ii]n|[Oo]ver|[Dd]uring|[Ff]or|[Ww]ithin)\s+the\s+(?:last|past|previous)\s+"
            rf"(?:(\d+|(?i:{nw})|few|several)\s+)?({trie_alt(list(self.units))})\b"
        )
        # ("Covering the period 1–31 August 2024", "Reporting period: 1-7 May": a period named as such)
        # ("The update covers 4 to 10 March 2025": a report's own span)
        self.rx_between = re.compile(
            r"\b([Bb]etween|[Ff]rom|[Oo]n|[Pp]eriod(?:\s+of)?:?|[Cc]overs|[Cc]overing|[Cc]overed|[Ss]panning)(?!\w)"
        )
        self.anaphora_window = int(cfg.get("same_period_window_chars", 3000))
        self.anaphora_rules = frozenset(
            ("period.since", "period.between", "period.in_month", "period.in_year", "period.last_n", "period.first_of")
        )
        # "in the three days since the city fell": a span counted back from publication
        self.rx_n_since = re.compile(
            rf"\b(?:[Ii]n|[Oo]ver|[Dd]uring|[Ww]ithin)\s+the\s+(\d+|(?i:{nw}))\s+({trie_alt(list(self.units))})\s+since\b"
        )
        # "the death toll from four days of clashes", "after two weeks of fighting": an episode's span up to publication
        spell = trie_alt([*self.episode_nouns, *(str(w) for w in cfg.get("spell_nouns", []))])
        self.rx_n_of = re.compile(
            rf"\b(?:[Ff]rom|[Aa]fter|[Ii]n|[Dd]uring|[Oo]ver|[Ff]ollowing)\s+(\d+|(?i:{nw}))\s+({trie_alt(list(self.units))})\s+of\s+"
            rf"(?:[\w-]+\s+){{0,2}}?(?:{spell})\b"
        )
        # "since then", "since that day": from the last date the text named before
        self.rx_since_then = re.compile(r"\b[Ss]ince\s+(?:then|that\s+(?:day|date|time|point))\b")
        # "killed in Burkina Faso last year": the whole calendar year before publication
        self.rx_last_year = re.compile(r"\b(?:[Ll]ast|[Tt]he\s+previous)\s+year\b(?!['’])")
        # a day named by its feast ("On Christmas Eve"): month and day, year as for any day without one
        self.named_days: dict[str, tuple[int, int]] = {}
        for k, v in (cfg.get("named_days") or {}).items():
            mo, dd = (int(x) for x in str(v).split("-"))
            self.named_days[re.sub(r"\s+", " ", str(k))] = (mo, dd)
        self.named_first = sorted({k.split()[0] for k in self.named_days})
        self.rx_named_day = re.compile(rf"\b(?:{trie_alt(list(self.named_days))})\b")
        # "a 6 July deadline", "the deadline of 30 June": a day set for the future, no figure's day
        dl = [str(w) for w in cfg.get("deadline_nouns", [])]
        self.rx_deadline_after = re.compile(rf"\s+(?:{trie_alt(dl)})\b")
        self.rx_deadline_before = re.compile(rf"\b(?:{trie_alt(dl)})\s+(?:of|for|on|set\s+for)\s+$")
        # "about three hours after the quake": the day the episode began (told elsewhere in the text)
        self.rx_hours_after = re.compile(
            rf"\b(?:(?:about|around|some|just|barely|only|nearly|almost)\s+)?(?:\d{{1,2}}|(?i:an?|{nw})|few|several)\s+"
            rf"(?:hours?|minutes?)\s+after\s+(?:the|its)\s+(?:[\w'’-]+\s+){{0,2}}?(?P<noun>{trie_alt(self.episode_nouns)})\b"
        )
        # "More than two months after the fall of the former government on 8 December": a span counted from a day
        # the clause names is a running total's period, not the figure's day
        self.rx_span_after = re.compile(
            rf"\b(?:\d{{1,2}}|(?i:an?|{nw})|few|several)\s+(?:weeks?|months?|years?)\s+(?:after|since)\s+"
            rf"(?:the|its|their|his|her|[A-Z][\w-]*['’]s)\s+[^.;,\d]{{0,70}}?\b(?:on|in)\s+(?=[A-Z0-9])"
        )
        stmt = trie_alt([str(w) for w in cfg.get("statement_nouns", [])] or ["statement"])
        # "In a statement issued on Sunday, ...", "at a news conference late on Monday": a statement's day
        self.rx_statement_before = re.compile(
            rf"(?i)\b(?:in|at|during|via|through)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{stmt})\s+"
            r"(?:(?:issued|released|published|posted|read(?:\s+out)?|given|held|made|broadcast|aired)\s+)?"
            r"(?:(?:late|early|earlier|later)\s+)?(?:on\s+|last\s+)?$"
        )
        # between a saying verb and its day: "said on Friday", "told reporters in Geneva on Friday", "said in a
        # statement late on Monday", "told Reuters on Tuesday", "said in an update on Monday"
        self.rx_statement_gap = re.compile(
            r"\s*(?:(?:reporters|journalists|the\s+press|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})\s+)?"
            rf"(?:(?:in|at|during)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{stmt})\s+"
            r"|in\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?\s+)?(?:on|late|early|last)?\s*"
        )
        self.story_lead_chars = int(cfg.get("story_lead_chars", 1600))
        self.story_window = int(cfg.get("story_day_window_days", 4))
        cont = [str(w) for w in cfg.get("continuation_openers", [])]
        self.rx_continuation = re.compile(rf"^\W*(?:{trie_alt(cont)})\b")
        self.report_head_chars = int(cfg.get("report_head_chars", 800))
        self.stock_indicators = frozenset(str(w) for w in cfg.get("report_period_stock_indicators", []))
        rep = [str(w) for w in cfg.get("report_period_cues", [])]
        self.rx_report = re.compile(rf"(?i)\b(?:{trie_alt(rep)})\b[\s:]*")
        # "All information valid as of 20 May 2024", "KEY FIGURES (as of 23 May 2024)": the day a report's figures
        # stand at, said near its top
        asof = [str(w) for w in cfg.get("report_as_of_cues", [])]
        self.rx_report_as_of = re.compile(rf"(?i)\b(?:{trie_alt(asof)})\s+(?:on\s+)?$")
        # "External Update #61, 10 - 23 May 2024", "Update, 1-31 October 2023": a report title ending in its span
        self.rx_title_span = re.compile(r"(?:[,:–—-]|\d{1,2}(?:st|nd|rd|th)?\s*(?:[-–]|to))\s*$")
        cum = [str(w) for w in cfg.get("cumulative_words", [])]
        self.rx_cumulative = re.compile(rf"(?i)\b(?:{trie_alt(cum)})\b")
        # ", including a boy who was killed ... on Monday": an aside about a part of the figure
        self.rx_including = re.compile(r",\s*(?:including|among\s+them|among\s+whom|of\s+whom)\b")
        # "Two farmers were wounded when a drone struck their tractor as they worked a field near Sumy on Tuesday
        # evening": a time clause after the figure's clause tells when its event happened
        self.rx_time_clause = re.compile(r"\s*,?\s*(?:as|when|while)\b")
        # "two days ago", "a week ago", "15 years ago"
        self.rx_ago = re.compile(rf"\b(?P<n>\d{{1,3}}|(?i:an?|{nw}))\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b")
        # "in the first ten days of October": the month's first days
        self.rx_first_days = re.compile(
            rf"\b(?:[Ii]n|[Dd]uring|[Oo]ver|[Ww]ithin)\s+the\s+first\s+(?:(\d+|(?i:{nw}))\s+)?(days?|weeks?)\s+of\s+$"
        )
        # "in the first five months of 2023", "in the first half of 2024": the year's first months
        self.rx_first_of_year = re.compile(
            rf"\b(?:[Ii]n|[Dd]uring|[Oo]ver|[Ww]ithin)\s+the\s+first\s+(?:(?:(?P<n>\d+|(?i:{nw}))\s+)?(?P<unit>months?|weeks?)"
            rf"|(?P<part>half|quarter|six\s+months))\s+of\s+$"
        )
        # "during the same period", "over the period", "in that period": the period the text named last
        same = trie_alt([str(w) for w in cfg.get("same_period_phrases", [])] or ["the same period"])
        self.rx_same = re.compile(
            rf"\b(?:[Dd]uring|[Ii]n|[Oo]ver|[Ff]or|[Aa]cross|[Tt]hroughout|[Ww]ithin)\s+(?:{same})\b"
            r"(?!\s+(?:since|from|between|of|to|before|after|when|in\s+which)\b|:?\s+\d)"
        )
        # "left the district during the month": the month the text named last
        self.rx_same_month = re.compile(
            r"\b(?:[Dd]uring|[Ii]n|[Oo]ver|[Tt]hroughout)\s+the\s+month\b(?!\s+(?:of|since|before|after)\b)"
        )
        self.episode_verbs: list[str] = [str(v) for v in cfg.get("episode_verbs", [])]
        verbs = trie_alt(self.episode_verbs)
        nouns = trie_alt(self.episode_nouns)
        self.rx_event = re.compile(
            rf"\b(?:(?:{verbs})\b[^.;,]{{0,70}}?|(?:launch|start|beginning|outbreak|onset)\s+of\s+[^.;,]{{0,70}}?)"
            rf"\b(?:in|on)\s+(?=[A-Z0-9])"
        )
        self.rx_episode_noun = re.compile(rf"(?i)\b({nouns})\b")
        self._scanning_episodes = False
        self._doc_cache: tuple[str, tuple[int, dt.date | None], list[tuple[int, str | None, dt.date, bool]]] | None = (
            None
        )
        # "broke out in Sudan on 15 April": past a place, the clause may still end in the episode's date
        self.rx_event_more = re.compile(r"[^.;,]{0,70}?\b(?:in|on)\s+(?:(?:early|late|mid)[\s-]+)?(?=[A-Z0-9])")
        # nouns of one episode under other names ("since the conflict began" after "fighting broke out on 15 April")
        self.episode_group: dict[str, str] = {}
        for key, members in (cfg.get("episode_groups") or {}).items():
            for w in [key, *members]:
                self.episode_group[str(w).lower()] = str(key).lower()
        self.verb_nouns: dict[str, str] = {
            str(k): str(v).lower() for k, v in (cfg.get("episode_verb_nouns") or {}).items()
        }
        doc_verbs = trie_alt([*self.episode_verbs, *(str(v) for v in cfg.get("episode_start_verbs", []))])
        # where a text says an episode began: "the conflict began in November 2020", "Russia invaded on Feb. 24",
        # "the ceasefire, which took effect on Jan. 19", "Russia's full-scale invasion on 24 February 2022"
        self.rx_doc_event = re.compile(
            rf"\b(?:(?P<verb>{doc_verbs})\b|(?P<noun>{nouns})\b(?:\s+of\s+[^.;,]{{1,30}}?)?\s+(?=(?:in|on)\s))"
        )
        self.rx_doc_event_tail = re.compile(r"[^.;,]{0,70}?\b(?:in|on)\s+(?:(?:early|late|mid)[\s-]+)?(?=[A-Z0-9])")
        # "since the conflict began", "since the start of the war", "since the invasion": an episode named without
        # its date; "in the nine months since.": the episode the text has just told of
        self.rx_since_episode = re.compile(
            rf"\s+(?:(?:the|its|this|their|[A-Z][\w-]*['’]s)\s+)?"
            rf"(?:(?:start|beginning|outbreak|onset|launch|eruption)\s+of\s+(?:the\s+)?)?"
            rf"(?:[A-Za-z'’-]+\s+){{0,2}}?(?P<noun>{nouns})\b(?:\s+(?:{verbs}))?"
        )
        self.rx_since_bare = re.compile(r"\s*(?:[.,;:)]|$)")
        # "in the first week of the truce", "in the first month of violence": a bounded period from an episode's start
        self.rx_first_of = re.compile(
            rf"\b(?:[Ii]n|[Dd]uring|[Oo]ver|[Ww]ithin)\s+(?:the\s+)?first\s+(?:(?P<n>\d+|(?i:{nw})|a|an)\s+)?"
            rf"(?P<unit>days?|weeks?|months?|years?)\s+(?:of|after|since)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,2}}?"
            rf"(?P<noun>{nouns})\b"
        )
        # "between 21 and 25 January", "from 3 to 5 March", "21-25 January": the bare first day takes the month
        self.rx_day_before_dmy = re.compile(
            r"(?:\b(?:[Bb]etween|[Ff]rom|[Oo]n|[Cc]overs|[Cc]overing|[Cc]overed|[Ss]panning)\s+(?P<a>\d{1,2})(?:st|nd|rd|th)?"
            r"\s+(?:and|to|until|till|through)\s+"
            r"|\b(?P<b>\d{1,2})(?:st|nd|rd|th)?\s*[-–]\s*)$"
        )
        # "between January 21 and 25", "Feb. 9-16": the bare second day takes the month (and a year after it)
        self.rx_day_after_mdy = re.compile(
            r"(?P<join>\s+(?:and|to|until|till|through)\s+|\s*[-–]\s*)(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?![,.]?\d)"
            r"(?:,?\s*(?P<y>\d{4})\b)?"
        )
        self.rx_range_opener = re.compile(r"\b(?:[Bb]etween|[Ff]rom|[Oo]n)\s+$")
        # "up from 17,674 a day earlier", "two days before,": a day counted back from the day named before it
        back = trie_alt([str(w) for w in cfg.get("back_words", ["earlier", "before"])])
        self.back_phrases: dict[str, int] = {
            re.sub(r"\s+", " ", str(k).lower()): int(v) for k, v in (cfg.get("back_phrases") or {}).items()
        }
        phrases = trie_alt(list(self.back_phrases))
        self.rx_back = re.compile(
            rf"\b(?i:(?P<n>\d{{1,2}}|an?|{nw})\s+(?P<unit>days?|weeks?|months?)\s+(?:{back})|(?P<ph>{phrases}))\b"
            r"(?=\s*(?:[,.;:)\"”]|$|and\b|or\b))"
        )
        # a period's end: "between Feb. 24 and midnight on March 7"
        fill = trie_alt([str(w) for w in cfg.get("period_end_fillers", [])])
        self.rx_between_join = {
            "and": re.compile(rf"(?i)\s*(?:and|-|–)\s*(?:(?:{fill})\s+(?:on\s+|of\s+)?)?(?:(?:early|late|mid)[\s-]+)?"),
            "to": re.compile(
                rf"(?i)\s*(?:to|until|till|through|-|–)\s*(?:(?:{fill})\s+(?:on\s+|of\s+)?)?(?:(?:early|late|mid)[\s-]+)?"
            ),
        }
        # "between the afternoons of 25 June and 2 July": a part of the first day named before it
        self.rx_between_fill = re.compile(
            r"\s+(?:the\s+)?(?:(?:mornings?|afternoons?|evenings?|nights?|end|start|beginning)\s+of|(?:early|late|mid)[\s-]?)\s*"
        )
        # a month or year right after an episode verb is when the episode began, not a figure's own bounded period
        self.rx_started_in = re.compile(
            rf"\b(?:{verbs})\s+(?:in|during)\s+(?:the\s+month\s+of\s+)?(?:(?:early|late|mid)[\s-]+)?$"
        )

    # -- episodes named in the document --------------------------------------------------------------
    def doc_episodes(self, text: str, pub: dt.date | None) -> list[tuple[int, str | None, dt.date, bool]]:
        """(position, episode group, start day, explicit) of every statement saying when an episode began, and of
        every "since <calendar date>" (explicit False, no group), for the whole text. Kept for the latest text."""
        key = (len(text), pub)
        if self._doc_cache is not None and self._doc_cache[0] is text and self._doc_cache[1] == key:
            return self._doc_cache[2]
        self._scanning_episodes = True
        try:
            pts = self.points(text, pub)
        finally:
            self._scanning_episodes = False
        anchors = [h for h in pts if h.kind in ("day", "month", "year") and h.date is not None]
        starts = [h.start for h in anchors]
        out: list[tuple[int, str | None, dt.date, bool]] = []
        for m in self.rx_doc_event.finditer(text):
            tail = self.rx_doc_event_tail.match(text, m.end())
            pos = m.end()
            hit: DateHit | None = None
            while tail is not None and tail.end() - m.end() <= 80:
                # (a weekday's hit starts at its "on": "struck Myanmar on Friday")
                i = bisect.bisect_left(starts, tail.end() - 3)
                if i < len(anchors) and tail.end() - 3 <= anchors[i].start <= tail.end() < anchors[i].end:
                    hit = anchors[i]
                    break
                pos = tail.end()
                tail = self.rx_doc_event_tail.match(text, pos) if pos < len(text) else None
            if hit is None:
                continue
            if m.group("noun"):
                noun: str | None = m.group("noun").lower()
            else:
                verb = m.group("verb")
                near = self.rx_episode_noun.search(text, max(0, m.start() - 60), m.start())
                after = self.rx_episode_noun.search(text, m.end(), hit.start)
                noun = self.verb_nouns.get(verb) or (
                    near.group(1).lower() if near else after.group(1).lower() if after else None
                )
                if noun is None:
                    continue
            out.append((m.start(), self.episode_group.get(noun, noun), hit.date, True))  # type: ignore[arg-type]
        for m in self.rx_since.finditer(text):
            i = bisect.bisect_left(starts, m.end())
            if i < len(anchors) and anchors[i].start <= m.end() + 3 and anchors[i].rule != "dates.weekday":
                if anchors[i].rule in ("dates.relative", "dates.back"):
                    continue
                out.append((m.start(), None, anchors[i].date, False))  # type: ignore[arg-type]
        out.sort(key=lambda x: x[0])
        self._doc_cache = (text, key, out)
        return out

    def _episode_start(
        self, text: str, pub: dt.date | None, pos: int, noun: str | None
    ) -> tuple[dt.date, str | None] | None:
        """When the episode a phrase at pos names began (noun None: the latest episode told before pos)."""
        eps = self.doc_episodes(text, pub)
        told = [e for e in eps if e[3]]
        if noun is None:
            before = [e for e in told if e[0] < pos]
            return (before[-1][2], None) if before else None
        group = self.episode_group.get(noun, noun)
        same = [e for e in told if e[1] == group]
        if same:
            before = [e for e in same if e[0] < pos]
            return ((before[-1] if before else same[0])[2], None)
        dated = [e for e in eps if not e[3] and e[0] < pos]
        if dated:
            # no sentence says when it began: the earliest "since <date>" before is the likeliest start
            first = min(dated, key=lambda e: e[2])
            return first[2], f"period start of the {noun} taken from the earliest 'since' date before it"
        return None

    def _since_episode(self, text: str, pub: dt.date | None, pos: int) -> DateHit | None:
        """ "since the conflict began", "since the invasion", "in the nine months since." (pos: after "since")."""
        m = self.rx_since_episode.match(text, pos)
        if m is not None:
            noun: str | None = m.group("noun").lower()
            stop = m.end()
        elif self.rx_since_bare.match(text, pos):
            noun, stop = None, pos
        else:
            return None
        got = self._episode_start(text, pub, pos, noun)
        if got is None:
            return None
        note = got[1] or ("period start taken from the episode told before" if noun is None else None)
        return DateHit(pos - 5, stop, "period", got[0], rule="period.since", episode=noun, note=note)

    def _period_before(self, text: str, pub: dt.date | None, pos: int, month: bool) -> DateHit | None:
        """The last period (or, month=True, the last month) the text names in the few paragraphs before pos."""
        lo = max(0, pos - self.anaphora_window)
        window = text[lo:pos]
        pts = self.points(window, pub)
        if month:
            months = [h for h in pts if h.kind == "month" and h.date is not None]
            if not months:
                return None
            first = months[-1].date
            assert first is not None
            return DateHit(
                lo + months[-1].start, lo + months[-1].end, "period", first, _bounded_end(_month_end(first), pub)
            )
        found = [
            h
            for h in self.periods(window, pub, pts, anaphora=False)
            if h.date is not None and h.rule in self.anaphora_rules
        ]
        return max(found, key=lambda h: h.start) if found else None

    def _first_of(self, text: str, pub: dt.date | None, m: re.Match[str]) -> DateHit:
        """ "in the first week of the truce": from the episode's start for that span."""
        got = self._episode_start(text, pub, m.start(), m.group("noun").lower())
        if got is None:
            return DateHit(m.start(), m.end(), "period", None, rule="period.first_of")
        n_txt = (m.group("n") or "1").lower()
        n = int(n_txt) if n_txt.isdigit() else 1 if n_txt in ("a", "an") else self.number_words.get(n_txt, 1)
        unit = m.group("unit").lower().rstrip("s")
        first = got[0]
        if unit == "month":
            last = _month_back(first, -n) - dt.timedelta(days=1)
        elif unit == "year":
            last = _safe(first.year + n, first.month, min(first.day, 28)) or first
            last -= dt.timedelta(days=1)
        else:
            last = first + dt.timedelta(days=n * self.units.get(unit, 1) - 1)
        return DateHit(
            m.start(), m.end(), "period", first, _bounded_end(last, pub), rule="period.first_of", note=got[1]
        )

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
                day = self._day(pub, mo, int(m.group("dd")), y)
                r = self.rx_day_before_dmy.search(text, max(0, a - 30), a)
                if r is not None and (hits == [] or hits[-1].end <= r.start()):
                    # "between 21 and 25 January": the first day is a date in the same month
                    g = "a" if r.group("a") else "b"
                    d1 = _safe(day.year, mo, int(r.group(g))) if day is not None else None
                    if d1 is not None and day is not None and d1 <= day:
                        hits.append(DateHit(r.start(g), r.end(g), "day", d1, rule="dates.explicit"))
                hits.append(DateHit(a, b, "day", day, rule="dates.explicit"))
            elif m.group("mdy"):
                y = int(m.group("my4")) if m.group("my4") else None
                y, b = self._rel_year(text, b, y, pub)
                mo = months[m.group("mm").rstrip(".")]
                day = self._day(pub, mo, int(m.group("md")), y)
                r = self.rx_day_after_mdy.match(text, b) if y is None else None
                second: DateHit | None = None
                if r is not None and (
                    r.group("join").strip() in ("-", "–") or self.rx_range_opener.search(text, max(0, a - 10), a)
                ):
                    # "between January 21 and 25", "Feb. 9-16": the second day is a date in the same month
                    y2 = int(r.group("y")) if r.group("y") else None
                    if y2 is not None:
                        day = _safe(y2, mo, int(m.group("md")))
                    d2 = _safe(day.year, mo, int(r.group("d"))) if day is not None else None
                    if d2 is not None and day is not None and day <= d2:
                        second = DateHit(r.start("d"), r.end(), "day", d2, rule="dates.explicit")
                hits.append(DateHit(a, b, "day", day, rule="dates.explicit"))
                if second is not None:
                    hits.append(second)
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
        if "weekend" in text:
            # "swept across the north over the weekend": the Saturday before publication (its first day); "this
            # weekend" in a story of a Thursday or a Friday is the one ahead, no figure's day
            extra = [
                DateHit(m.start(), m.end(), "mask", None)
                if m.group(0).lower().startswith("this") and pub is not None and pub.weekday() in (3, 4)
                else DateHit(m.start(), m.end(), "day", self._weekday(pub, 5, None), rule="dates.relative")
                for m in self.rx_weekend.finditer(text)
            ]
            if extra:
                hits = sorted(hits + extra, key=lambda h: h.start)
        if "ago" in text:
            hits = self._ago(text, pub, hits)
        if "earlier" in text or "before" in text or "previous" in text:
            hits = self._back_days(text, pub, hits)
        if self.named_days and any(w in text for w in self.named_first):
            hits = self._named(text, pub, hits)
        if "after" in text and not self._scanning_episodes:
            hits = self._hours_after(text, pub, hits)
        if "deadline" in text or "ultimatum" in text:
            hits = [
                DateHit(h.start, h.end, "mask", None)
                if h.kind == "day"
                and (
                    self.rx_deadline_after.match(text, h.end)
                    or self.rx_deadline_before.search(text, max(0, h.start - 30), h.start)
                )
                else h
                for h in hits
            ]
        return hits

    def _named(self, text: str, pub: dt.date | None, hits: list[DateHit]) -> list[DateHit]:
        """ "On Christmas Eve, two journalists were shot dead": a feast day named is a day like any other."""
        extra = []
        for m in self.rx_named_day.finditer(text):
            if any(h.start < m.end() and m.start() < h.end for h in hits):
                continue
            mo, dd = self.named_days[re.sub(r"\s+", " ", m.group(0))]
            extra.append(DateHit(m.start(), m.end(), "day", self._day(pub, mo, dd, None), rule="dates.named"))
        return sorted(hits + extra, key=lambda h: h.start) if extra else hits

    def _hours_after(self, text: str, pub: dt.date | None, hits: list[DateHit]) -> list[DateHit]:
        """ "killed seven people about three hours after the quake": the day the episode began, where the text tells
        it ("the earthquake that struck on Friday"); nothing when it does not."""
        extra = []
        for m in self.rx_hours_after.finditer(text):
            if any(h.start < m.end() and m.start() < h.end for h in hits):
                continue
            eps = [e for e in self.doc_episodes(text, pub) if e[3] and e[0] < m.start()]
            group = self.episode_group.get(m.group("noun").lower(), m.group("noun").lower())
            same = [e for e in eps if e[1] == group]
            if not same:
                continue
            note = "day taken from where the text says the episode began (a few hours after it)"
            extra.append(DateHit(m.start(), m.end(), "day", same[-1][2], rule="dates.hours_after", note=note))
        return sorted(hits + extra, key=lambda h: h.start) if extra else hits

    def _ago(self, text: str, pub: dt.date | None, hits: list[DateHit]) -> list[DateHit]:
        """ "two days ago", "a week ago": a day counted back from publication; "a year ago", "15 years ago": the start
        of a span (a month or year anchor, never a figure's day of its own)."""
        extra: list[DateHit] = []
        starts = [h.start for h in hits]
        for m in self.rx_ago.finditer(text):
            i = bisect.bisect_left(starts, m.start())
            if (i < len(hits) and hits[i].start < m.end()) or (i > 0 and hits[i - 1].end > m.start()):
                continue  # inside another date expression
            n_txt = m.group("n").lower()
            n = int(n_txt) if n_txt.isdigit() else 1 if n_txt in ("a", "an") else self.number_words.get(n_txt, 0)
            unit = m.group("unit").lower().rstrip("s")
            if not n or n > 1000:
                continue
            if pub is None:
                d = None
            elif unit == "year":
                d = _safe(pub.year - n, pub.month, min(pub.day, 28))
            elif unit == "month":
                d = _month_back(pub, n)
            else:
                d = pub - dt.timedelta(days=n * (7 if unit == "week" else 1))
            kind = "day" if unit in ("day", "week") else unit
            extra.append(DateHit(m.start(), m.end(), kind, d, rule="dates.ago" if kind == "day" else ""))
        if not extra:
            return hits
        return sorted(hits + extra, key=lambda h: h.start)

    def _back_days(self, text: str, pub: dt.date | None, hits: list[DateHit]) -> list[DateHit]:
        """ "up from 17,674 a day earlier", "the day before": a day counted back from the latest day named before it
        in the same sentence (without one, the engine counts back from the compared figure's date)."""
        extra: list[DateHit] = []
        starts = [h.start for h in hits]
        for m in self.rx_back.finditer(text):
            a = m.start()
            i = bisect.bisect_left(starts, a)
            if (i < len(hits) and hits[i].start < m.end()) or (i > 0 and hits[i - 1].end > a):
                continue  # inside another date expression
            if m.group("ph"):
                days, months = self.back_phrases[re.sub(r"\s+", " ", m.group("ph").lower())], 0
            else:
                n_txt = m.group("n").lower()
                n = int(n_txt) if n_txt.isdigit() else 1 if n_txt in ("a", "an") else self.number_words.get(n_txt, 0)
                unit = m.group("unit").lower().rstrip("s")
                days, months = (0, n) if unit == "month" else (n * self.units.get(unit, 1), 0)
            if not days and not months:
                continue
            base = next((h for h in reversed(hits[:i]) if h.kind == "day" and h.rule != "dates.back"), None)
            if base is None or SENT_BREAK.search(text, base.end, a):
                continue  # no day named before it in its sentence: the engine counts back from the figure's own date
            ref = base.date
            # the count stays a number the engine reads ("up from 1.7 million two weeks earlier" is a comparison)
            a = m.start("unit") if m.group("unit") else a
            if ref is None:
                extra.append(DateHit(a, m.end(), "day", None, rule="dates.back"))
                continue
            d = _month_back(ref, months) if months else ref - dt.timedelta(days=days)
            extra.append(DateHit(a, m.end(), "day", d, rule="dates.back"))
        if not extra:
            return hits
        return sorted(hits + extra, key=lambda h: h.start)

    def periods(
        self,
        text: str,
        pub: dt.date | None,
        points: list[DateHit],
        start: int = 0,
        end: int | None = None,
        only_events: bool = False,
        anaphora: bool = True,
    ) -> list[DateHit]:
        """Period expressions in text[start:end] (one sentence), given the point hits of that span.

        only_events: just "the offensive began in December" statements (a whole document is scanned for those).
        anaphora: resolve "during the same period" against the text before (off when reading that text itself).
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
                ev_end = ev.end() if ev is not None else -1
                while ev is not None and ev_end < anchors[i].start:
                    # "since violence erupted in Myanmar's Rakhine state on 25 August": past the place, the date
                    more = self.rx_event_more.match(text, ev_end, anchors[i].end)
                    if more is None or more.end() <= ev_end:
                        break
                    ev_end = more.end()
                if ev is not None and ev.start() <= m.end() + 40 and anchors[i].start <= ev_end <= anchors[i].end:
                    nxt = anchors[i]
                elif SINCE_TAIL.search(text, m.end(), anchors[i].start) or text.startswith("on ", anchors[i].start):
                    # "since the full-scale armed attack by the Russian Federation on 24 February 2022": one clause,
                    # no comma or number in it, whose last words put the date
                    nxt = anchors[i]
            if self.rx_record.search(text, max(start, m.start() - 60), m.start()):
                continue  # "the highest monthly toll since October 2022": a record compared, not a period
            gap = text[m.end() : nxt.start] if nxt is not None else ""
            if nxt is None or SENT_STOP.search(gap) or GAP_STOP.search(gap):
                # "since the conflict began", "in the nine months since.": the episode's start told elsewhere
                ep = self._since_episode(text, pub, m.end())
                if ep is not None:
                    out.append(ep)
                continue
            d = nxt.date
            if nxt.kind == "month" and END_OF.search(gap) and d is not None:
                d = _month_back(d, -1) - dt.timedelta(days=1)
            out.append(DateHit(m.start(), nxt.end, "period", d, rule="period.since"))
        for m in self.rx_this.finditer(text, start, end if not only_events else start):
            k = first_from(m.start()) - 1
            if k >= 0 and anchors[k].end >= m.end():
                continue  # "mid-September this year": the year of a month named, not a period of its own
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
        for m in self.rx_n_since.finditer(text, start, end if not only_events else start):
            n_txt = m.group(1).lower()
            n = int(n_txt) if n_txt.isdigit() else self.number_words.get(n_txt, 1)
            unit = m.group(2).lower()
            if not self.units[unit] or any(h.rule == "period.since" and m.start() <= h.start <= m.end() for h in out):
                continue  # "in the nine months since." after the war's start: the episode's date; hours are too fine
            d = None
            if pub is not None and n < 10000:
                d = _month_back(pub, n) if unit.startswith("month") else pub - dt.timedelta(days=n * self.units[unit])
            out.append(DateHit(m.start(), m.end(), "period", d, rule="period.last_n"))
        for m in self.rx_n_of.finditer(text, start, end if not only_events else start):
            n_txt = m.group(1).lower()
            n = int(n_txt) if n_txt.isdigit() else self.number_words.get(n_txt, 1)
            unit = m.group(2).lower()
            if not self.units[unit] or pub is None or n >= 1000:
                continue
            d = _month_back(pub, n) if unit.startswith("month") else pub - dt.timedelta(days=n * self.units[unit])
            note = "period start counted back from publication over the span the text gives"
            out.append(DateHit(m.start(), m.end(), "period", d, rule="period.last_n", note=note))
        for m in self.rx_span_after.finditer(text, start, end if not only_events else start):
            i = first_from(m.end())
            if i < len(anchors) and anchors[i].start == m.end() and anchors[i].date is not None:
                # "two months after the fall of the government on 8 December, 270,000 have returned": counted from it
                out.append(DateHit(m.start(), anchors[i].end, "period", anchors[i].date, rule="period.since"))
        if anaphora and not only_events:
            for m in self.rx_since_then.finditer(text, start, end):
                lo = max(0, m.start() - self.anaphora_window)
                named = [h for h in self.points(text[lo : m.start()], pub) if h.kind in ("day", "month", "year")]
                if named and named[-1].date is not None:
                    note = "period start taken from the date the text named before ('since then')"
                    out.append(DateHit(m.start(), m.end(), "period", named[-1].date, rule="period.since", note=note))
        for m in self.rx_last_year.finditer(text, start, end if not only_events else start):
            k = first_from(m.start()) - 1
            if pub is None or (k >= 0 and anchors[k].end >= m.end()):
                continue  # "April last year": the year of a month named
            y = pub.year - 1
            if not m.group(0).lower().startswith("last"):
                # "5,601 killed in 2024, ... on the previous year, when 4,451 were killed": the year before the one
                # named before it in the sentence (else the year before publication)
                named = [h for h in anchors[: k + 1] if h.kind == "year" and h.date is not None and h.start >= start]
                if named and named[-1].date is not None:
                    y = named[-1].date.year - 1
            out.append(
                DateHit(m.start(), m.end(), "period", dt.date(y, 1, 1), dt.date(y, 12, 31), rule="period.in_year")
            )
        if anaphora and not only_events:
            for m in self.rx_same.finditer(text, start, end):
                h = self._period_before(text, pub, m.start(), month=False)
                if h is not None:
                    note = "period taken from the one the text named before ('the same period')"
                    out.append(DateHit(m.start(), m.end(), "period", h.date, h.end_date, rule="period.same", note=note))
            for m in self.rx_same_month.finditer(text, start, end):
                h = self._period_before(text, pub, m.start(), month=True)
                if h is not None:
                    note = "period taken from the month the text named before ('during the month')"
                    out.append(DateHit(m.start(), m.end(), "period", h.date, h.end_date, rule="period.same", note=note))
        for m in self.rx_between.finditer(text, start, end if not only_events else start):
            i = first_from(m.start())  # "on Friday": a weekday's span starts at its "on"
            fill = self.rx_between_fill.match(text, m.end())  # "between the afternoons of 25 June and 2 July"
            reach = (fill.end() if fill else m.end()) + 6
            a = (
                anchors[i]
                if i < len(anchors) and anchors[i].start <= reach and anchors[i].kind in ("day", "month", "year")
                else None
            )
            if a is None:
                continue
            opener = m.group(1).lower()
            if opener == "on" and a.kind != "day":
                continue  # "on Friday and Saturday": days only
            joiner = self.rx_between_join[
                "to" if opener in ("from", "covers", "covering", "covered", "spanning") else "and"
            ]
            b = anchors[i + 1] if i + 1 < len(anchors) and a.end < anchors[i + 1].start <= a.end + 40 else None
            if b is not None and b.kind != a.kind:
                b = None
            if b is None or not joiner.fullmatch(text, a.end, b.start):
                continue
            end_date = b.date
            if b.kind == "month" and end_date is not None:
                end_date = _bounded_end(_month_end(end_date), pub)
            elif b.kind == "year" and end_date is not None:
                end_date = _bounded_end(end_date.replace(month=12, day=31), pub)  # "between 2021 and early 2023"
            start_date = a.date
            if (
                start_date
                and end_date
                and b.date
                and not YEAR_IN.search(text, a.start, a.end)
                and YEAR_IN.search(text, b.start, b.end)
            ):
                # "between 25 August and 24 September 2017": the year written once is both days'
                start_date = _safe(b.date.year, start_date.month, start_date.day) or start_date
            if start_date and end_date and start_date > end_date:
                start_date = _safe(start_date.year - 1, start_date.month, start_date.day)
            out.append(DateHit(m.start(), b.end, "period", start_date, end_date, rule="period.between"))
        for h in anchors:
            if h.kind not in ("month", "year") or only_events:
                continue
            before = text[max(0, h.start - 40) : h.start]
            fd = self.rx_first_days.search(before) if h.kind == "month" and h.date is not None else None
            if fd is not None and h.date is not None:
                # "in the first ten days of October": from the month's first day for that span
                n_txt = (fd.group(1) or "1").lower()
                n = int(n_txt) if n_txt.isdigit() else self.number_words.get(n_txt, 1)
                span = n * (7 if fd.group(2).lower().startswith("week") else 1)
                last = _bounded_end(h.date + dt.timedelta(days=max(0, span - 1)), pub)
                out.append(
                    DateHit(h.start - (len(before) - fd.start()), h.end, "period", h.date, last, rule="period.first_of")
                )
                continue
            fy = self.rx_first_of_year.search(before) if h.kind == "year" and h.date is not None else None
            if fy is not None and h.date is not None:
                # "in the first five months of 2023": from 1 January for that span
                if fy.group("part"):
                    months, days = (3 if fy.group("part") == "quarter" else 6), 0
                else:
                    n_txt = (fy.group("n") or "1").lower()
                    n = int(n_txt) if n_txt.isdigit() else self.number_words.get(n_txt, 1)
                    months, days = (n, 0) if fy.group("unit").lower().startswith("month") else (0, 7 * n)
                end_y = (
                    _month_back(h.date, -months) - dt.timedelta(days=1) if months else h.date + dt.timedelta(days - 1)
                )
                out.append(
                    DateHit(
                        h.start - (len(before) - fy.start()),
                        h.end,
                        "period",
                        h.date,
                        _bounded_end(end_y, pub),
                        rule="period.first_of",
                    )
                )
                continue
            if not IN_MONTH.search(before):
                continue
            if h.kind == "year" and (
                not IN_YEAR.search(before) or (pub is not None and h.date is not None and h.date.year < pub.year - 1)
            ):
                continue  # "in 2023 alone" bounds a figure; "In 2004, a quake killed 628" is background, not a period
            # "2,874 trucks entered in February": the month is the figure's period, over at its last day (or at
            # publication while it runs); "the war began in April 2023" is when an episode began, not a period's end
            started = self.rx_started_in.search(before) is not None
            last = None
            if h.date is not None and not started:
                last = _month_end(h.date) if h.kind == "month" else h.date.replace(month=12, day=31)
                last = _bounded_end(last, pub)
            rule = "period.in_month" if h.kind == "month" else "period.in_year"
            out.append(DateHit(h.start, h.end, "period", h.date, last, rule=rule))
        if not only_events:
            for m in self.rx_first_of.finditer(text, start, end):
                out.append(self._first_of(text, pub, m))
        for m in self.rx_event.finditer(text, start, end):
            i = first_from(m.end())
            nxt = anchors[i] if i < len(anchors) and anchors[i].start == m.end() else None
            if nxt is None:
                # "broke out in Sudan on 15 April": the first "in" named a place; the date may come after it
                lim = m.end() + 80
                pos = m.end()
                while nxt is None and pos < lim:
                    more = self.rx_event_more.match(text, pos, min(lim, end))
                    if more is None or more.end() <= pos:
                        break
                    pos = more.end()
                    i = first_from(pos)
                    nxt = anchors[i] if i < len(anchors) and anchors[i].start == pos else None
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


class DateContextMixin:
    """When a figure happened, read beyond its own clause (mixed into the engine, whose `_in` and `_periods` it
    uses): the days statements were made on, the day the story's lead event happened, the date of a figure a
    sentence goes on about, the period a report says it covers."""

    text: str
    pub: dt.date | None
    sents: list[tuple[int, int, int]]
    day_points: list[DateHit]
    day_starts: list[int]
    c: dict[str, Any]
    lex: Any

    def _statement_days(self, s: int, stext: str, sent_days: list[DateHit]) -> set[int]:
        """Starts of the days in a sentence that say when a figure was announced: "X said on Tuesday", "said in a
        statement late on Monday", "In a statement issued on Sunday, X said" (never when its event happened)."""
        out: set[int] = set()
        if not sent_days:
            return out
        ds = self.lex.dates
        verbs = list(self.c["verb_re"].finditer(stext))
        if not verbs:
            return out
        for h in sent_days:
            if ds.rx_statement_before.search(self.text, max(s, h.start - 90), h.start):
                out.add(h.start)
                continue
            for vm in verbs:
                if (h.start >= s + vm.end() and ds.rx_statement_gap.fullmatch(self.text, s + vm.end(), h.start)) or (
                    h.end <= s + vm.start() and not self.text[h.end : s + vm.start()].strip()
                ):
                    out.add(h.start)
                    break
        return out

    def _event_days(self, j: int) -> list[DateHit]:
        """Days of sentence j that tell when an event happened: not a statement's day, not inside a period, not a day
        counted back for a comparison ("a day earlier")."""
        s, e, _ = self.sents[j]
        days = [
            h for h in self._in(self.day_points, self.day_starts, s, e) if h.date is not None and h.rule != "dates.back"
        ]
        if not days:
            return []
        said = self._statement_days(s, self.text[s:e], days)
        spans = [b for b in self._periods(s, e) if b.rule in ("period.since", "period.between", "period.in_month")]
        return [h for h in days if h.start not in said and not any(b.start <= h.start < b.end for b in spans)]

    def _event_day_near(self, si: int, said: dt.date) -> dt.date | None:
        """When the event a figure announced on `said` happened, from the article's lead: the latest event day named
        in the sentences before it (else in the two after it) that lies at most story_day_window_days before the
        announcement. None outside the lead or when no such day is named."""
        ds = self.lex.dates
        if self.sents[si][0] >= ds.story_lead_chars:
            return None
        # the two sentences after it (wire copy often gives the day in the second paragraph), then the ones before;
        # the first sentence naming an event day decides on each side
        for order in (range(si + 1, min(len(self.sents), si + 3)), range(si - 1, max(-1, si - 7), -1)):
            for j in order:
                days = self._event_days(j)
                if not days:
                    continue
                ok = [h for h in days if h.date is not None and 0 < (said - h.date).days <= ds.story_window]
                if ok:
                    return max(ok, key=lambda h: h.start).date
                break
        return None

    def _report_period(self, cand: Any) -> DateHit | None:
        """The period a situation report says it covers near its top ("Covering the period 1-30 June 2024", "This
        flash update covers 4 to 10 March 2024", "Reporting period: 1-7 May"), for an event figure that names no day or
        period of its own; never for a stock ("9,000 people are sheltering in schools") or a part of an earlier total
        ("6,000 of the displaced fled Beni")."""
        ds = self.lex.dates
        whole = cand.shares
        if (
            cand.ev.event in self.c["stock_events"]
            or cand.indicator in ds.stock_indicators
            or PARTITIVE_BACK.match(self.text, cand.end)
            or PRESENT_STATE.match(self.text, cand.end, cand.clause_end)
            or (whole is not None and PARTITIVE_BACK.match(self.text, whole.end))
        ):
            return None
        if "_report_period_hit" in self.__dict__:
            return self.__dict__["_report_period_hit"]
        found: DateHit | None = None
        for m in ds.rx_report.finditer(self.text, 0, min(len(self.text), ds.report_head_chars)):
            for s, e, _ in self.sents:
                if s <= m.start() < e:
                    hits = [h for h in self._periods(s, e) if h.rule == "period.between" and h.date and h.end_date]
                    found = next((h for h in hits if m.start() <= h.start <= m.end() + 2), None)
                    break
            if found is not None:
                break
        self.__dict__["_report_period_hit"] = found
        return found

    def _report_day(self) -> dt.date | None:
        """The day a situation report says its figures stand at: a figure-free statement near its top ("All information
        valid as of 20 May 2024 at 22:30", "(as of 23 May 2024)"), else the last day of the span or the date its title
        ends with ("External Update #61, 10 - 23 May 2024"). None for a text that says neither. Computed once."""
        if "_report_day_v" in self.__dict__:
            return self.__dict__["_report_day_v"]
        ds = self.lex.dates
        found: dt.date | None = None
        head = min(len(self.text), ds.report_head_chars)
        for h in self.day_points:
            if h.start >= head:
                break
            if h.date is None or not ds.rx_report_as_of.search(self.text, max(0, h.start - 40), h.start):
                continue
            for s, e, _ in self.sents:
                if s <= h.start < e:
                    # a statement of the report, not a figure's own day: no number but the day (and a clock time)
                    rest = self.text[s : h.start] + self.text[h.end : e]
                    if not re.search(r"\d", re.sub(r"\b\d{1,2}[:.]\d{2}\b", "", rest)):
                        found = h.date
                    break
            if found is not None:
                break
        doc = getattr(self, "doc", None)
        title = str(getattr(doc, "title", "") or "").rstrip(" .)")
        if found is None and title and self.pub is not None:
            pts = [h for h in ds.points(title, self.pub) if h.kind == "day" and h.date is not None]
            last = pts[-1] if pts else None
            if (
                last is not None
                and last.end == len(title)
                and re.search(r"\d{4}$", title)
                and (
                    ds.rx_title_span.search(title, 0, last.start) is not None
                    # "Flash Update No. 5 (as of 20 August 2025)": the title says the day its figures stand at
                    or ds.rx_report_as_of.search(title, max(0, last.start - 12), last.start) is not None
                )
                and not self_pub_before(self.pub, last.date)
            ):
                found = last.date
        self.__dict__["_report_day_v"] = found
        return found

    @staticmethod
    def _shared_clause_ends(cands: list[Any], text: str) -> dict[int, int]:
        """id(figure) -> where the words that date and place it end: "17 people were killed and more than 40 others
        injured in shelling on Kramatorsk on Tuesday": a figure coordinated with a later one shares the later one's
        trailing words (a part, "including six children", shares its whole's)."""
        ends = {id(c): c.clause_end for c in cands}
        for o in cands:
            p = o.shares
            if p is None or o.ctx is not None or o.start < p.end or id(p) not in ends:
                continue
            gap = text[p.end : o.start]
            if ";" in gap or "." in gap or not re.search(r"\band\s+(?:[a-z]+\s+){0,3}$", gap):
                continue
            ends[id(p)] = max(ends[id(p)], o.clause_end)
        for c in cands:
            if c.ctx is not None and c.shares is not None and id(c.shares) in ends:
                ends[id(c)] = max(ends[id(c)], ends[id(c.shares)])
        return ends

    def _applicable_days(
        self,
        cand: Any,
        cands: list[Any],
        sent_days: list[DateHit],
        statement_days: set[int],
        spans: list[DateHit],
        clause_end: int,
        own_source: bool,
    ) -> list[DateHit]:
        """The days of a sentence that may date a figure: before it, in its clause (to clause_end), in a time clause
        right after it, or the statement's day; not a day inside a period, inside an aside about a part of it
        (", including a boy who was killed ... on Monday"), or inside an earlier figure's own clause; and not the
        statement's day when the figure has a source of its own (", which has so far confirmed 41")."""
        text = self.text
        cs, ce = cand.ctx or (cand.start, cand.end)
        ds = self.lex.dates
        aside: tuple[int, int] | None = None
        inc = ds.rx_including.search(text, ce, clause_end)
        if inc is not None:
            stop = re.search(r"[,;.]", text[inc.end() : clause_end + 200])
            aside = (inc.start(), inc.end() + stop.start() if stop else clause_end + 200)
        tail_end = clause_end
        if (
            not cand.running
            and ds.rx_time_clause.match(text, clause_end)
            and re.search(r"\bwhen\b", text[ce:clause_end])
        ):
            # ("... were wounded when a drone struck their tractor as they worked a field near Sumy on Tuesday evening")
            nxt = [o.start for o in cands if o.start >= clause_end]
            tail_end = min(nxt) if nxt else clause_end + 200
            semi = text.find(";", clause_end, tail_end)
            tail_end = semi if semi >= 0 else tail_end
        if tail_end == clause_end:
            # "... hit the market in the town of Adet, West Gojjam zone, in Ethiopia's Amhara region on Monday 22
            # April": past asides that only say where, the day still dates the figure's clause
            nxt = min((o.start for o in cands if o.start >= clause_end), default=len(text))
            far = [h for h in sent_days if clause_end <= h.start < min(nxt, clause_end + 150)]
            if far and self._place_gap(clause_end, far[0].start):
                tail_end = far[0].end
        out = []
        for h in sent_days:
            said = h.start in statement_days
            if not (h.end <= cs or ce <= h.start < tail_end or said):
                continue
            if any(b.start <= h.start < b.end for b in spans):
                continue
            if aside is not None and aside[0] <= h.start < aside[1]:
                continue
            if said and own_source and not (ce <= h.start < clause_end):
                continue
            if h.end <= cs and any(
                o is not cand
                and o is not cand.shares
                and o.shares is not cand
                and o.ctx is None
                and o.end <= h.start < o.clause_end <= cs
                and self.c["verb_re"].search(text, o.clause_end, cs) is not None
                for o in cands
            ):
                continue  # "a convoy of 30 trucks reached Goma on Monday, and the WFP said 150 trucks ...": the 30's
            out.append(h)
        if out and all(h.start in statement_days for h in out) and self._continues_period(cand.start):
            # "A further 2,212 were injured, OHCHR said on Tuesday" after "5,601 were killed in 2024": the figure goes
            # on with the period of the one before; the day it was said does not date it
            return []
        return out

    def _continues_period(self, pos: int) -> bool:
        """Whether the sentence at pos opens by going on about the figure before it ("A further", "Another") and that
        figure (in one of the two sentences before) was read over a period of its own."""
        si = bisect.bisect_right(self.sents, pos, key=lambda t: t[0]) - 1
        if si <= 0:
            return False
        s, e, _ = self.sents[si]
        if not self.lex.dates.rx_continuation.match(self.text[s:e]):
            return False
        periods = self.__dict__.get("_sentence_periods", {})
        for j in (si - 1, si - 2):
            if j in self.sentence_dates:
                return self.sentence_dates[j] is not None and periods.get(j) is not None
        return False

    def _place_gap(self, a: int, b: int) -> bool:
        """Whether text[a:b] only names where, up to an "on" before a day (", West Gojjam zone, in Ethiopia's Amhara
        region on "): names, place nouns, compass words and place prepositions, no verb, no number."""
        gap = self.text[a:b]
        if len(gap) > 150 or re.search(r"[;.:()\"“”\d]", gap):
            return False
        words: frozenset[str] | None = self.c.get("_place_gap_words")
        if words is None:
            p = self.lex.places
            words = frozenset(
                w.lower()
                for k in ("place_nouns", "direction_words", "prepositions")
                for item in p.get(k, []) or []
                for w in str(item).split()
            ) | {"the", "of", "and", "also", "both"}
            self.c["_place_gap_words"] = words
        toks = re.findall(r"[\w'’-]+", gap)
        return (
            len(toks) >= 2
            and (toks[-1] == "on" or self.text[b : b + 3].lower() == "on ")
            and any(t[:1].isupper() for t in toks)
            and all(t[:1].isupper() or t.lower() in words for t in toks)
        )

    def _pick_day(
        self,
        cand: Any,
        applicable: list[DateHit],
        statement_days: set[int],
        clause_end: int,
        si: int,
        has_period: bool,
    ) -> tuple[dt.date | None, str | None]:
        """The day that dates a figure among its applicable days (and a warning when read from the story's lead): an
        event's day before the day it was announced; a running total's (or a toll's) day as it was."""
        cs, ce = cand.ctx or (cand.start, cand.end)

        def dist(h: DateHit) -> int:
            return min(abs(h.start - ce), abs(cs - h.end))

        own = [h for h in applicable if ce <= h.start < clause_end]
        s0 = self.sents[si][0]
        toll = self.lex.dates.rx_cumulative.search(self.text, max(s0, cs - 80), cs) is not None
        if cand.running or has_period or toll:
            return min(own or applicable, key=dist).date, None
        events = [h for h in applicable if h.start not in statement_days]
        if events:
            own_ev = [h for h in events if ce <= h.start < clause_end]
            return min(own_ev or events, key=dist).date, None
        said = min(own or applicable, key=dist).date
        lead = self._event_day_near(si, said) if said is not None else None
        if lead is not None:
            # "Gunmen killed 16 soldiers, the army said on Thursday. The attack began ... on Tuesday": the event's day
            return lead, "date taken from the event the story leads with (the sentence gives the day it was announced)"
        return said, None

    @property
    def sentence_dates(self) -> dict[int, dt.date | None]:
        """Sentence index -> the date of its first figure, None when that was read from elsewhere (for a sentence
        going on about it)."""
        got: dict[int, dt.date | None] | None = self.__dict__.get("_sentence_dates")
        if got is None:
            got = self.__dict__["_sentence_dates"] = {}
        return got

    @property
    def source_days(self) -> dict[str, dt.date]:
        """Source (lower case) -> the day its statement was made, for its later figures that name no day."""
        got: dict[str, dt.date] | None = self.__dict__.get("_source_days")
        if got is None:
            got = self.__dict__["_source_days"] = {}
        return got

    def _remember_date(
        self,
        si: int,
        as_of: dt.date | None,
        applicable: list[DateHit],
        statement_days: set[int],
        source: str | None,
        own: bool,
        period: dt.date | None = None,
    ) -> None:
        """Keep the date (and period start) of a sentence's first figure for the sentences after it (None when it was
        not read in that sentence), and its source's statement day when that dated it."""
        if si not in self.sentence_dates:
            self.sentence_dates[si] = as_of if own else None
            self.__dict__.setdefault("_sentence_periods", {})[si] = period
        if own and as_of is not None and source and applicable and all(h.start in statement_days for h in applicable):
            self.source_days[source.lower()] = as_of

    def _continued_date(
        self, si: int, stext: str, source: str | None, has_period: bool
    ) -> tuple[dt.date, str, dt.date | None] | None:
        """The date of a figure that names no day of its own, from the figure it goes on about: a sentence opening
        with "Another", "Among the dead", "Of those" takes the date of the figure before it; a figure credited to a
        source whose statement was dated before ("..., the disaster agency said on Wednesday") takes that day."""
        if self.lex.dates.rx_continuation.match(stext):
            for j in (si - 1, si - 2):
                if j in self.sentence_dates:
                    d = self.sentence_dates[j]
                    if d is None:
                        break
                    period = self.__dict__.get("_sentence_periods", {}).get(j)
                    return d, "date taken from the figure of the sentence before, which this one goes on about", period
        if source and not has_period:
            d = self.source_days.get(source.lower())
            if d is not None:
                return d, "date taken from the day the same source's statement was made", None
        day = self._report_day()
        if day is not None and (
            has_period or not (si > 0 and self.sents[si - 1][2] == self.sents[si][2] and self._event_days(si - 1))
        ):
            # a figure of a situation report that names no day (nor follows a sentence that does) stands at the day
            # the report gives for its figures
            return day, "date taken from the day the report says its figures stand at", None
        if not has_period and si > 0 and self._running_now(si, stext):
            # "The number of injured climbed to 3,900" after "... struck on Friday": an updated total (or a stock,
            # "186,000 people are staying in shelters") that names no day stands at the day of the report
            return (day or self.pub), "a total that names no day of its own: dated to the report", None
        return None

    def _running_now(self, si: int, stext: str) -> bool:
        """Whether a sentence naming no day states an updated total ("climbed to 3,900") or a present stock ("are
        staying in shelters"), which the day of an earlier sentence's event does not date."""
        if self.pub is None:
            return False
        memo: dict[int, bool] = self.__dict__.setdefault("_running_now_memo", {})
        if si in memo:
            return memo[si]
        s, e, _ = self.sents[si]
        found = False
        if not self._in(self.day_points, self.day_starts, s, e):
            ds = self.lex.dates
            found = any(
                ds.rx_cumulative.search(stext, max(0, n.start - 40), n.start) or PRESENT_STOCK.match(stext, n.end)
                for n in self.lex.numbers.scan(stext)
            )
        memo[si] = found
        return found

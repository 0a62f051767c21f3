"""The extraction engine: Document -> Mentions.

One pass per document: furniture and dates are masked, every number is found with one compiled alternation,
sentences are cut in one linear scan, and only sentences holding a number and a trigger word are analysed.
For each number the engine reads the words around it: a qualifier before it, the noun it counts after it,
and the words that say what happened (a verb before it, a verb after its noun in the same clause, or the noun
itself). All words come from the Lexicon (config/extract/*.yaml); this module holds mechanisms only.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from sitrep.extract.attribution import AttributionMixin
from sitrep.extract.dates import DateContextMixin, DateHit
from sitrep.extract.lexicon import EventRule, Lexicon, PatternRule, Phrase, load_lexicon
from sitrep.extract.numbers import Num, mask_numbers
from sitrep.extract.places import PlaceMixin
from sitrep.extract.sentences import engine_regexes, split_sentences, unwrap
from sitrep.model import Document, Mention

log = logging.getLogger(__name__)

AS_OF_BEFORE = re.compile(r"(?i)\bas\s+(?:of|at)\s+$")
TOKEN_RE = re.compile(r"\w+(?:[’'\-.&]\w+)*|[^\w\s]")
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "«", "»"})
PUNCT_BARRIERS = frozenset({";", ":", "(", ")", "[", "]", "—", "–", "-", "?", "!", "|"})
DASHES = frozenset({"—", "–", "-"})
# what ends a dash-enclosed aside before its closing dash: then the dash was a single one
ASIDE_STOPS = frozenset({";", ":", "(", ")", "[", "]", ".", "?", "!", "|"})
# a list line's bullet before a key-figure label ("• Deaths: 5,900")
BULLETS = frozenset({"•", "-", "*", "·", "▪", "–", "—", ">"})
INCLUDE_WORDS = frozenset({"including", "includes", "among"})
POSS = frozenset({"'s", "’s"})
COPULA = frozenset({"are", "were", "is", "was"})
PASSIVE_AUX = frozenset({"been", "being", "are", "were", "is", "was", "be"})
WHERE_NAME = re.compile(r"\b((?:the\s+)?[A-Z][\w'’-]+(?:\s+(?:of\s+)?[A-Z][\w'’-]+){0,3})$")
# ", which ended with a truce in November 2022,": a relative clause between commas tells of something else
REL_CLAUSE = re.compile(r",\s*(?:which|who|whose|where)\b[^,;]*,")
TIME_PREPS = frozenset({"in", "on", "since", "during", "over", "last", "this", "between", "from"})
# what may follow the number of "compared with 7,034 in January", "against 500 before the war"
COMPARED_NEXT = frozenset(
    {".", ",", ";", "in", "on", "at", "during", "a", "per", "last", "the", "over", "before", "prior"}
)
# between two figures of one clause with coordinated verbs: "killed 118 people and forced (1.2 million)"
COORD_GAP = re.compile(r"[^,;:()\n]{0,40}?\band\s+[^,;:()\n]{0,25}")
# "the 1960 Agadir earthquake", "a 2004 quake", "its 2023 budget": the words before a year used as an adjective
YEAR_DETS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "whose", "our"})
YEAR_RE = re.compile(r"\d{4}")
# "... since 2010, when nearly 2,000 people died": a when-clause hanging on a year
WHEN_AFTER = re.compile(r"\s*,?\s*when\b")
WHEN_RE = re.compile(r"\bwhen\b")
WITH_WORD = re.compile(r"\bwith\b")
# the name that opens a sentence of comparison: "Germany is second, with ...", "The Czech Republic, with ..."
LEAD_NAME = re.compile(
    r"(?:The\s+)?([A-Z][\w'’-]+(?:\s+(?:of\s+)?[A-Z][\w'’-]+){0,3})(?=\s*,|\s+(?:is|was|comes|came|ranks|follows)\b)"
)
# words between a counted noun and its verb that change nothing: "58,000 people have already received ..."
RESPONSE_SKIP = frozenset({"have", "has", "had", "also", "already", "now", "all", "so", "far", "each", "reportedly"})
# what ends a clause inside a sentence (not the comma of "1,400")
CLAUSE_PUNCT = re.compile(r"(?<!\d),|,(?!\d)|[;:—–]|\s-\s")
# what may stand right before "a woman was killed" for the article to open its clause
CLAUSE_OPENERS = frozenset(
    {",", ";", ":", "and", "but", "when", "while", "after", "as", "that", "said", "says", "-", "–", "—"}
)
SINGULAR_AUX = frozenset({"was", "has", "had", "been", "is", "also", "reportedly", "later"})
# "hospitalised with cholera", "admitted for suspected dengue": what ties an admission to a disease named after it
ILL_WITH = re.compile(r"\b(?:with|from|of|for)\s+(?:[\w-]+\s+){0,2}$")
PRED_SKIP = frozenset({"mostly", "mainly", "all", "overwhelmingly", "largely", "predominantly", "chiefly"})
# the subject class of people named by what they do ("footballers", "miners"; subjects.yaml `persons`, text.yaml
# person_suffix): counted by the casualty rules only
PERSONS = "persons"
# classes that say nothing of who the people were: a modifier or a predicate may still name them
NEUTRAL = frozenset({"people", "nationals", "men", PERSONS})


@dataclass(slots=True)
class Tok:
    text: str
    low: str
    start: int
    end: int
    num: Num | None = None
    num_max: Num | None = None


@dataclass
class Cand:
    """One number's reading before it becomes a Mention."""

    tok: int
    num: Num
    value: int | None
    value_max: int | None
    vague: str | None
    qualifier: str
    start: int
    end: int
    cls: str
    rule: EventRule | PatternRule
    ev: EventRule
    indicator: str
    civilian: bool | None
    unit: str
    clause_end: int
    running: bool
    incl: tuple[int, int] | None = None
    place: str | None = None
    warnings: list[str] = field(default_factory=list)
    ctx: tuple[int, int] | None = None  # where dates and places are looked for (a parent's span for sub-figures)
    shares: Cand | None = None  # the figure this one is part of or coordinated with (its period applies here too)
    own_from: int | None = None  # a pattern's start ("bringing the toll since October to N"): periods inside are its
    back_days: int | None = None  # "up from 1.7 million two weeks earlier": days before the compared figure's date
    dated: dt.date | None = None  # a stock counted at a past date ("in March 2023, when it counted ..."): its as_of
    part: bool = False  # a sub-count of another figure ("five of them children"): never the noun donor of a pair


# -- the engine ---------------------------------------------------------------------------------------


class _Doc(AttributionMixin, PlaceMixin, DateContextMixin):
    """State for one document: masks, dates, numbers, sentences, who said what."""

    def __init__(self, lex: Lexicon, doc: Document) -> None:
        self.lex = lex
        self.c = engine_regexes(lex)
        self.doc = doc
        text = doc.text if isinstance(doc.text, str) else str(doc.text or "")
        self.text = unwrap(text, lex)  # soft line breaks of hard-wrapped copy become spaces (offsets unchanged)
        self.pub: dt.date | None = doc.published if isinstance(doc.published, dt.date) else None
        self.fired: set[str] = set()
        self.last_speaker: str | None = None
        self.names: list[str] = []
        self._raw_cache: dict[str, tuple[str, str] | None] = {}
        self._whole_of: dict[int, int] = {}  # "90 of the 200 inhabitants": part token -> whole token (one sentence)
        self._part_of: dict[int, tuple[int, int]] = {}  # "40 of the 120 people killed": part -> (whole, resume)
        self._article_hit = False  # the sentence being read holds "a"/"an" before a singular class noun

    # entry point
    def run(self) -> list[Mention]:
        text, lex = self.text, self.lex
        if not text:
            return []
        nums = lex.numbers.scan(text)
        # "A policeman was killed in the blast": a sentence whose only count is a singular subject's article
        art_re = self.c["article_subject_re"]
        articles = [m.start() for m in art_re.finditer(text)] if art_re is not None else []
        if not nums and not articles:
            return []
        points = lex.dates.points(text, self.pub)
        self.points = points
        self.point_starts = [h.start for h in points]
        masks: list[tuple[int, int]] = []
        for h in points:
            if h.kind in ("day", "month", "year", "mask"):
                masks.append((h.start, h.end))
            if h.rule:
                self.fired.add(h.rule)
        # page furniture is line-shaped: only lines holding a number are checked
        newlines = [m.start() for m in re.finditer("\n", text)]
        seen_lines: set[int] = set()
        furniture_any = self.c["furniture_any"]
        for n in nums:
            li = bisect.bisect_left(newlines, n.start)
            if li in seen_lines:
                continue
            seen_lines.add(li)
            ls = newlines[li - 1] + 1 if li > 0 else 0
            le = newlines[li] if li < len(newlines) else len(text)
            if furniture_any is not None and furniture_any.search(text, ls, le) is None:
                continue  # one pass says no rule matches anywhere on the line
            for rid, rx in lex.furniture:
                for m in rx.finditer(text, ls, le):
                    if m.end() > m.start():
                        masks.append(m.span())
                        self.fired.add(rid)
        masks.sort()
        mstarts = [a for a, _ in masks]
        mends: list[int] = []
        best = -1
        for _, b in masks:
            best = max(best, b)
            mends.append(best)

        def masked(n: Num) -> bool:
            i = bisect.bisect_right(mstarts, n.end - 1) - 1
            return i >= 0 and mends[i] > n.start

        nums = [n for n in nums if not masked(n)]
        self.day_points = [h for h in points if h.kind == "day"]
        self.day_starts = [h.start for h in self.day_points]
        if not nums and not articles:
            return []
        for n in nums:
            self.fired.add(n.rule)
        self.sents = split_sentences(text, lex)
        self._pcache: dict[int, list[DateHit]] = {}
        self._episodes: list[tuple[int, str | None, dt.date | None]] | None = None
        nstarts = [n.start for n in nums]
        out: list[Mention] = []
        prev: tuple[int, int, int] | None = None
        self._attr_upto = 0
        self._si = -1
        self._last_cands: tuple[int, list[Cand]] = (-9, [])  # (sentence index, figures) of the latest sentence
        self.period_of: dict[int, dt.date | None] = {}
        self.place_of: dict[int, str | None] = {}  # id(cand) -> its period start, for figures sharing it
        for si, (s, e, para) in enumerate(self.sents):
            i0 = bisect.bisect_left(nstarts, s)
            i1 = bisect.bisect_left(nstarts, e)
            a0 = bisect.bisect_left(articles, s) if articles else 0
            self._article_hit = a0 < len(articles) and articles[a0] < e
            if (i1 > i0 or self._article_hit) and (
                lex.prefilter.search(text, s, e)
                # "Germany is second, with more than 1 million": a comparison continued from a figure just before
                or (self._last_cands[0] == si - 1 and WITH_WORD.search(text, s, e) is not None)
            ):
                try:
                    out.extend(self._sentence(s, e, para, nums[i0:i1], prev, si))
                except Exception:  # one odd sentence must not sink the document
                    log.warning(
                        "extract: skipped a sentence in %s that the engine could not read", self.doc.id, exc_info=True
                    )
            prev = (s, e, para)
        out = self._returns_context(self._civilian_report(self._restated_class(self._one_reading_per_span(out))))
        return self._richest_first(self._drop_heading_repeats(self._drop_headline_repeats(out)))

    def _civilian_report(self, out: list[Mention]) -> list[Mention]:
        """A civilian-harm report (text.yaml civilian_report: a heading naming it so) counts civilians only: its
        neutral casualty figures ("81 killed") are civilians; figures of soldiers or children keep their class."""
        cfg = self.lex.text.get("civilian_report") or {}
        lines = [ln.strip() for ln in self.text[:2000].split("\n") if ln.strip()][: int(cfg.get("head_lines", 0))]
        head = " | ".join(ln.lower() for ln in lines if ln[-1] not in ".?!")
        if not head or not any(str(p) in head for p in cfg.get("phrases", [])):
            return out
        ind = cfg.get("indicators") or {}
        self.fired.add("text.civilian_report")
        return [
            dataclasses.replace(m, indicator=str(ind[m.indicator]), civilian=True)
            if m.indicator in ind and m.civilian is None
            else m
            for m in out
        ]

    def _returns_context(self, out: list[Mention]) -> list[Mention]:
        """People crossing a border in a paragraph (a line) about returns ("Returns from Pakistan rose sharply:
        34,200 people crossed in August", "1.62M returns from Iran, incl. 1.1M deportees") are returnees going home,
        not arrivals abroad: the paragraph's return words (text.yaml returns_context), before the figure, decide. A
        figure the writer names by its own noun ("2,500 arrivals a day") keeps it."""
        cfg = self.lex.text.get("returns_context") or {}
        rules = frozenset(cfg.get("rules") or ())
        if not rules or not any(m.rule in rules for m in out):
            return out
        rx = self.c["returns_re"]
        keep = frozenset(str(w).lower() for w in cfg.get("keep_nouns") or ())
        starts = [s for s, _, _ in self.sents]
        para_start: dict[int, int] = {}
        for s, _, p in self.sents:
            para_start.setdefault(p, s)
        kept: list[Mention] = []
        for m in out:
            if m.rule in rules and m.indicator == cfg.get("from") and m.start is not None:
                si = max(0, bisect.bisect_right(starts, m.start) - 1)
                a = para_start[self.sents[si][2]]
                after = self.text[m.end : m.end + 40].lower().split()
                own_noun = bool(after) and after[0].strip(",.;:") in keep
                if not own_noun and rx.search(self.text, a, m.start) is not None:
                    self.fired.add("text.returns_context")
                    m = dataclasses.replace(
                        m,
                        indicator=str(cfg["to"]),
                        family=str(cfg["family"]),
                        warnings=(*m.warnings, "crossing read as a return: its paragraph is about returns"),
                    )
            kept.append(m)
        return kept

    def _restated_class(self, out: list[Mention]) -> list[Mention]:
        """ "Killed: 184" in a key-figures box and "184 civilians were killed" in the prose are one figure: a number
        under an event's generic indicator (people) takes the class the same document gives the same number under
        that event (civilians, soldiers), when exactly one such class is given (text.yaml restated_class_min_value).
        """
        lo = self.c["restated_min"]
        refine: dict[str, frozenset[str]] = self.c["refine"]
        specific: dict[tuple[str, int | None, int | None], set[tuple[str, bool | None]]] = {}
        for m in out:
            if m.value is not None and m.value >= lo and m.vague is None:
                specific.setdefault((m.family, m.value, m.value_max), set()).add((m.indicator, m.civilian))
        kept: list[Mention] = []
        for m in out:
            if m.value is not None and m.value >= lo and m.vague is None and m.indicator in refine:
                alts = {x for x in specific.get((m.family, m.value, m.value_max), set()) if x[0] in refine[m.indicator]}
                if len(alts) == 1:
                    ind, civ = next(iter(alts))
                    self.fired.add("clause.restated_class")
                    m = dataclasses.replace(
                        m,
                        indicator=ind,
                        civilian=civ,
                        warnings=(*m.warnings, f"class taken from the same figure stated elsewhere as {ind}"),
                    )
            kept.append(m)
        return kept

    @staticmethod
    def _one_reading_per_span(out: list[Mention]) -> list[Mention]:
        """One figure is one mention: where two readings claim the same words (a pattern and a word rule, two
        families), the first one made is kept: rules are tried in a fixed order, so the choice is consistent."""
        seen: set[int] = set()
        kept: list[Mention] = []
        for m in out:
            key = m.end  # a number's last character: a qualifier read differently still ends there
            if key in seen:
                continue
            seen.add(key)
            kept.append(m)
        return kept

    @staticmethod
    def _richest_first(out: list[Mention]) -> list[Mention]:
        """A figure stated more than once (a headline, a live-blog heading, a key-figures box, then the body) is
        listed first where it is stated most fully (source, qualifier, period, place, a whole sentence): a reader
        of the list, and anything keeping the first of each figure, gets the body's reading. Every mention is kept;
        the others follow in text order."""

        def score(m: Mention) -> int:
            prose = m.quote.rstrip("\"”’')]").endswith((".", "!", "?"))
            return (
                (m.attributed_to is not None)
                + (m.period_start is not None)
                + (m.qualifier != "exact")
                + (m.place is not None)
                + prose
                - sum("taken from" in w for w in m.warnings)  # a date, place or source read from context is weaker
            )

        groups: dict[tuple[object, ...], list[int]] = {}
        for k, m in enumerate(out):
            groups.setdefault((m.family, m.indicator, m.value, m.value_max, m.vague), []).append(k)
        order = list(range(len(out)))
        for idxs in groups.values():
            if len(idxs) < 2:
                continue
            best = max(idxs, key=lambda k: (score(out[k]), -k))
            if best != idxs[0]:
                for slot, k in zip(idxs, [best] + [k for k in idxs if k != best], strict=True):
                    order[slot] = k
        return [out[k] for k in order]

    def _drop_headline_repeats(self, out: list[Mention]) -> list[Mention]:
        """A headline figure restated in the body is one figure, the body's: a vague one ("displaces thousands"), a
        rounded or bare one ("toll passes 35,000" over a body's 35,034; same indicator, within 15%), or the same
        number under any indicator."""
        if len(out) < 2 or not self.sents:
            return out
        _hs, he, hp = self.sents[0]
        if (len(self.sents) > 1 and self.sents[1][2] == hp) or self.text[he - 1 : he] in ".!?":
            return out  # no headline: the first paragraph is prose
        body: dict[str, list[int]] = {}
        body_values: set[int] = set()
        for m in out:
            if m.start >= he and m.value is not None:
                body.setdefault(m.indicator, []).append(m.value)
                body_values.add(m.value)

        related: dict[str, list[str]] = self.lex.text.get("headline_restated_by") or {}

        def repeated(m: Mention) -> bool:
            if m.value is not None and m.value in body_values:
                # the very number again, even if the headline's wording files it elsewhere ("refugees fled" over
                # the body's "people fled"): one figure, stated fully in the body
                return True
            if m.vague and any(body.get(ind) for ind in related.get(m.indicator, ())):
                return True  # "tens of thousands flee to Sudan" over "61,000 refugees have crossed into Sudan"
            vals = body.get(m.indicator)
            if not vals:
                return False
            if m.vague:
                return True
            # "Gaza death toll passes 35,000" over a body that says 35,034: the body's figure, rounded (or the same
            # number, which the body states with its qualifier, date and source)
            return m.value is not None and any(abs(v - m.value) <= 0.15 * max(v, m.value) for v in vals)

        return [m for m in out if not (m.start < he and repeated(m))]

    def _drop_heading_repeats(self, out: list[Mention]) -> list[Mention]:
        """A section heading's vague figure ("Millions uprooted") is the section's own figure told in brief: one
        figure, the body's, when the section under the heading gives one of the same (or a related) indicator. A
        heading is a one-line paragraph of a few words without a full stop; precise figures in headings stay (a
        live blog's "09:10 GMT - Death toll rises to 1,412" is its own statement)."""
        vague = [m for m in out if m.vague is not None]
        if not vague or len(self.sents) < 3:
            return out
        related: dict[str, list[str]] = self.lex.text.get("headline_restated_by") or {}
        sents = self.sents
        headings: list[tuple[int, int]] = []
        for k in range(1, len(sents)):
            a, b, para = sents[k]
            alone = sents[k - 1][2] != para and (k + 1 == len(sents) or sents[k + 1][2] != para)
            # (a list item, "• Thousands displaced in Sindh", is a statement of its own)
            item = self.text[a] in BULLETS or self.text[a].isdigit()
            if alone and not item and self.text[b - 1] not in ".!?:;,\"”'’)" and len(self.text[a:b].split()) <= 8:
                headings.append((a, b))
        if not headings:
            return out
        # where each indicator is stated, to ask in log time whether a section states it
        at: dict[str, list[int]] = {}
        for m in sorted(out, key=lambda m: m.start):
            at.setdefault(m.indicator, []).append(m.start)
        hstarts = [a for a, _ in headings]
        drop: set[int] = set()
        for m in vague:
            n = bisect.bisect_right(hstarts, m.start) - 1
            if n < 0 or not headings[n][0] <= m.start < headings[n][1]:
                continue
            b = headings[n][1]
            end = headings[n + 1][0] if n + 1 < len(headings) else len(self.text)
            for ind in {m.indicator, *related.get(m.indicator, ())}:
                starts = at.get(ind, [])
                k = bisect.bisect_left(starts, b)
                if k < len(starts) and starts[k] < end:
                    drop.add(id(m))
                    self.fired.add("clause.heading_repeat")
                    break
        return [m for m in out if id(m) not in drop]

    def _periods(self, s: int, e: int) -> list[DateHit]:
        """Period expressions of one sentence (computed once, on demand)."""
        hit = self._pcache.get(s)
        if hit is None:
            pts = self._in(self.points, self.point_starts, s, e)
            hit = self.lex.dates.periods(self.text, self.pub, pts, s, e)
            for h in hit:
                self.fired.add(h.rule)
            self._pcache[s] = hit
        return hit

    def _prev_period(self, si: int) -> DateHit | None:
        """The latest "since ..." period in an earlier sentence of the same paragraph."""
        para = self.sents[si][2]
        j = si - 1
        while j >= 0 and self.sents[j][2] == para and si - j <= 6:
            sp = [h for h in self._periods(self.sents[j][0], self.sents[j][1]) if h.rule == "period.since" and h.date]
            if sp:
                return sp[0]
            j -= 1
        return None

    def episodes(self) -> list[tuple[int, str | None, dt.date | None]]:
        """Where the text says an episode began ("launched its offensive in December"), scanned once if needed."""
        if self._episodes is None:
            hs = self.lex.dates.periods(self.text, self.pub, self.points, only_events=True)
            self._episodes = [(h.start, h.episode, h.date) for h in hs if h.episode and h.date]
        return self._episodes

    @staticmethod
    def _in(hits: list[DateHit], starts: list[int], s: int, e: int) -> list[DateHit]:
        return hits[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)]

    # -- one sentence ------------------------------------------------------------------------------
    def _tokens(self, s: int, e: int, nums: list[Num]) -> list[Tok]:
        text = self.text
        toks: list[Tok] = []
        pos = s
        add = toks.append
        fi = TOKEN_RE.finditer
        for n in nums:
            for m in fi(text, pos, n.start):
                g = m.group()
                a = m.start()
                add(Tok(g, g.lower(), a, a + len(g)))
            add(Tok(n.text, "<num>", n.start, n.end, n))
            pos = n.end
        for m in fi(text, pos, e):
            g = m.group()
            a = m.start()
            add(Tok(g, g.lower(), a, a + len(g)))
        return toks

    def _article_members(self, toks: list[Tok]) -> None:
        """ "a"/"an" before a singular class noun (text.yaml including_singular_nouns) counts one, like "one child",
        where the noun is counted with others: in an including-list ("three civilians, including a child, were
        killed"), coordinated after a counted noun ("15 civilians and an Army jawan"), or as the subject of a
        casualty verb of its own ("a woman was killed and three members of her family were injured")."""
        nouns = self.c["member_nouns"]
        n = len(toks)
        for k in range(n - 1):
            t = toks[k]
            if t.low not in ("a", "an"):
                continue
            m = k + 1  # the noun, after at most two modifiers ("an Army jawan", "a young woman")
            while m < n - 1 and m - k <= 2 and toks[m].low not in nouns and self._is_modifier(toks[m]):
                m += 1
            if toks[m].low not in nouns:
                continue
            while m + 1 < n and toks[m + 1].low in nouns:
                m += 1  # "a pregnant woman", "a woman journalist"
            if not (
                self._in_including_list(toks, k)
                or self._coordinated_after_count(toks, k)
                or self._subject_of_casualty(toks, k, m)
            ):
                continue
            self.fired.add("clause.article_one")
            toks[k] = Tok(
                t.text, "<num>", t.start, t.end, Num(t.start, t.end, t.text, 1, words=True, rule="numbers.words")
            )

    def _in_including_list(self, toks: list[Tok], k: int) -> bool:
        j = k - 1  # back to the list's "including", inside the clause
        while j >= 0 and k - j <= 8 and toks[j].low not in INCLUDE_WORDS:
            if toks[j].num is None and (toks[j].low in PUNCT_BARRIERS or toks[j].low in self.c["barriers"]):
                return False
            j -= 1
        return j >= 0 and toks[j].low in INCLUDE_WORDS

    def _coordinated_after_count(self, toks: list[Tok], k: int) -> bool:
        """ "killed 15 civilians and a soldier": "and", then a counted noun right after its number, before k."""
        if k < 3 or toks[k - 1].low != "and":
            return False
        j = k - 2
        if self._subject_at(toks, j)[0] is None and not (
            j >= 1 and self._subject_at(toks, j - 1)[1] == k - 1 and self._subject_at(toks, j - 1)[0] is not None
        ):
            return False
        while j >= 0 and k - j <= 6 and toks[j].num is None:
            if toks[j].low in PUNCT_BARRIERS or toks[j].low in self.c["barriers"] or toks[j].low in ("and", ","):
                return False
            j -= 1
        return j >= 0 and toks[j].num is not None

    def _subject_of_casualty(self, toks: list[Tok], k: int, m: int) -> bool:
        """ "a woman was killed", "an officer had been wounded": the singular noun opens its clause and a
        casualty verb follows it straight after an auxiliary."""
        if k > 0 and toks[k - 1].low not in CLAUSE_OPENERS and toks[k - 1].low not in QUOTES:
            return False
        j = m + 1
        n = len(toks)
        if j >= n or toks[j].low not in SINGULAR_AUX:
            return False
        while j < n and toks[j].low in SINGULAR_AUX:
            j += 1
        # ("a child was among the dead" names one of a group counted elsewhere: no count of its own)
        return j < n and any(
            ev.family == "casualties" and ph[0] not in INCLUDE_WORDS and self._match_at(toks, j, ph) >= 0
            for ph, ev in self.lex.right_index.get(toks[j].low, [])
        )

    def _sentence(
        self,
        s: int,
        e: int,
        para: int,
        nums: list[Num],
        prev: tuple[int, int, int] | None,
        si: int,
    ) -> list[Mention]:
        lex = self.lex
        self._si = si
        stext = self.text[s:e]
        masked = mask_numbers(stext, s, nums)  # what revision, skip and pattern rules match against
        skip: set[int] = set()
        previous: set[int] = set()
        for rx in lex.revisions if lex.revision_check.search(stext) else ():
            for m in rx.finditer(masked):
                self.fired.add("numbers.revision")
                if "n1" in rx.groupindex and m.group("n1"):
                    skip.add(s + m.start("n1"))
                if "n2" in rx.groupindex and m.group("n2"):
                    previous.add(s + m.start("n2"))
        for rx in lex.skips if lex.skip_check.search(stext) else ():
            for m in rx.finditer(masked):
                self.fired.add("numbers.skip")
                skip.add(s + m.start("n1"))
        skip |= previous
        prev_nums = [n for n in nums if n.start in previous]
        nums = [n for n in nums if n.start not in skip]
        if not nums and not self._article_hit:
            return []
        toks = self._tokens(s, e, nums)
        self._article_members(toks)
        if not nums and not any(t.num is not None for t in toks):
            return []
        years = self._attributive_years(toks)
        changes = self._ranges(toks) if len(nums) > 1 else {}  # a range or a change needs two numbers
        self._whole_of, self._part_of = self._of_wholes(toks) if len(nums) > 1 else ({}, {})
        wholes = set(self._whole_of.values())
        # a part of a whole that is a figure is read after it: "40 of the 120 people killed were children"
        order = [k for k, t in enumerate(toks) if t.num is not None and k not in self._part_of]
        for k, (w, _r) in sorted(self._part_of.items(), key=lambda kv: -kv[0]):
            order.insert(order.index(w) + 1 if w in order else len(order), k)
        pattern_hits: dict[int, tuple[PatternRule, re.Match[str], str]] = {}
        low_sent = stext.lower()
        for pr in lex.patterns:
            if pr.keywords and not any(k in low_sent for k in pr.keywords):
                continue
            for m in pr.regex.finditer(masked):
                for g in ("n1", "n2"):
                    if g in pr.regex.groupindex and m.group(g):
                        old = pattern_hits.get(s + m.start(g))
                        if pr.event == "context" and old is not None and old[0].event != "context":
                            continue  # a pattern that names its own kind of figure beats one that borrows it
                        pattern_hits[s + m.start(g)] = (pr, m, g)
        cands: list[Cand] = []
        for i in order:
            t = toks[i]
            assert t.num is not None
            if i in wholes:
                self.fired.add("numbers.of_whole")  # "90 of the 200 inhabitants": 200 is the whole, no figure
                continue
            if t.num.start in pattern_hits:
                pr, m, _g = pattern_hits[t.num.start]
                cand = self._pattern(toks, i, pr, m, cands, s)
            else:
                cand = self._analyse(toks, i, cands)
            if cand is not None:
                cands.append(cand)
                if i in self._part_of:
                    cands.sort(key=lambda x: x.start)
        # "from 50 to 100 trucks a day" after a change word: the first number is the rate achieved
        extra: list[Cand] = []
        for cand in cands:
            first = changes.get(cand.tok)
            if first is None:
                continue
            ft = toks[first]
            assert ft.num is not None
            ind = cand.indicator
            if cand.ev.rate and ind == cand.ev.rate.get("target_indicator"):
                ind = cand.ev.rate["indicator"]
            q, qs = self._qualifier(toks, first)
            extra.append(
                Cand(first, ft.num, ft.num.value, None, ft.num.vague, q, qs, ft.num.end, cand.cls, cand.rule, cand.ev,
                     ind, cand.civilian, cand.unit, cand.clause_end, cand.running, warnings=list(ft.num.warnings))
            )  # fmt: skip
        # "rose to 582,000, a jump of 45,000 from 537,000": the earlier value is the same kind of figure
        for pn in prev_nums:
            if not cands:
                break
            near = min(cands, key=lambda x: abs(x.start - pn.start))
            extra.append(
                Cand(-1, pn, pn.value, None, pn.vague, "exact", pn.start, pn.end, near.cls, near.rule, near.ev,
                     near.indicator, near.civilian, near.unit, near.clause_end, False, warnings=list(pn.warnings))
            )  # fmt: skip
        cands.extend(extra)
        cands.sort(key=lambda x: x.start)
        if cands and self.pub is not None:
            bg = self._background(cands, s, e, years)
            cands = [c for c in cands if id(c) not in bg]
        cands = [c for c in cands if not self._outbreak_tally(c, s) and not self._projection(c, s, e)]
        if not cands:
            return []
        self._last_cands = (si, cands)
        # "we received dozens of wounded every hour": a pace, no figure (though "Among them ..." may take it up)
        cands = [c for c in cands if not self._pace(toks, c)]
        if not cands:
            return []
        # a wire dateline ("N'DJAMENA, May 16 (Reuters) -") is where the reporter is: neither place nor date
        dl = self.c["dateline_re"].match(stext) if self.c["dateline_re"] is not None else None
        cut = dl.end() if dl else 0
        body = stext[cut:] if cut else stext
        places = self._place_candidates(s + cut, body)
        subj_place: str | None = None
        sent_days = self._in(self.day_points, self.day_starts, s + cut, e)
        sent_periods = self._periods(s, e)
        if sent_periods and ", wh" in stext:
            # (a clause saying when the episode began is the period: "The floods, which began in late August, have")
            rel = [
                (s + m.start(), s + m.end())
                for m in REL_CLAUSE.finditer(stext)
                if not self.c["episode_verb_re"].search(m.group(0))
            ]
            sent_periods = [
                h
                for h in sent_periods
                if not any(a <= h.start < b and not any(a <= c.start < b for c in cands) for a, b in rel)
            ]
        prev_days: list[DateHit] | None = None
        prev_places: list[tuple[int, int, str, int]] = []
        # "X said on Tuesday": the day the statement was made dates every figure in the sentence
        statement_days = self._statement_days(s, stext, sent_days)
        # "17 people were killed and 40 injured in Kramatorsk on Tuesday": coordinated figures share their last words
        shared_end = self._shared_clause_ends(cands, self.text)

        def previous_days() -> list[DateHit]:
            """Day expressions of the previous sentence that are not inside a period ("since 7 October")."""
            if prev is None:
                return []
            days = [h for h in self._in(self.day_points, self.day_starts, prev[0], prev[1]) if h.date or not self.pub]
            if not days:
                return []
            pspans = [
                b
                for b in self._periods(prev[0], prev[1])
                if b.rule in ("period.since", "period.between", "period.in_month")
            ]
            return [h for h in days if not any(b.start <= h.start < b.end for b in pspans)]

        out: list[Mention] = []
        quote = stext.strip()
        period_of = self.period_of
        attribution = self._attribution_at(si)
        attribution_note = self.attribution_notes.get(si)
        for cand in cands:
            warnings = list(cand.warnings)
            # as_of
            as_of: dt.date | None = None
            cs, ce = cand.ctx or (cand.start, cand.end)
            # "809,000 as of Thursday, a sharp rise from the 110,000 uprooted between October and mid-September": a
            # range after another figure set off by a comma is that figure's ("two convoys comprising 14 trucks ...
            # between 26 February and 5 March" is one clause)
            between = [
                h
                for h in sent_periods
                if h.rule == "period.between"
                and (
                    cand.shares is not None
                    or not any(
                        o is not cand
                        and ce <= o.start
                        and o.end <= h.start
                        and "," in self.text[ce : o.start]
                        and not _part_of(o, cand)  # "200 people, including 10 civilians, ... on Sept. 19 and 20"
                        for o in cands
                    )
                )
            ]
            spans = [b for b in sent_periods if b.rule in ("period.since", "period.between", "period.in_month")]
            cend = shared_end.get(id(cand), cand.clause_end)
            own_source = self._relative_source(cand.end, e)
            applicable = self._applicable_days(
                cand,
                cands,
                sent_days,
                statement_days,
                spans,
                cend,
                own_source is not None and own_source != attribution,
            )
            # "the quake that hit on Monday surpassed 21,000 on Friday", "... 141,500 on Monday, and that 30,000 had
            # entered on Tuesday": a day in the figure's own clause outranks one before it
            own_days = [h for h in applicable if ce <= h.start < cend]
            # "4,525 deaths ... as of 16 February": a day after "as of" dates the figures before it in the sentence
            as_of_days = [
                h for h in sent_days if h.start >= ce and AS_OF_BEFORE.search(self.text, max(s, h.start - 8), h.start)
            ]
            carried = False
            borrowed = False  # a date read from another sentence's figure
            report: DateHit | None = None
            cont: tuple[dt.date, str, dt.date | None] | None = None
            own_event_days = [h for h in own_days if h.start not in statement_days]
            if between and own_event_days and not as_of_days:
                # "31 civilians were killed between 1 January and 3 March, including nine on 19 February"
                as_of = min(own_event_days, key=lambda h: h.start - ce).date
            elif between:
                as_of = between[0].end_date
            elif as_of_days:
                as_of = as_of_days[0].date
            elif applicable:
                as_of, note = self._pick_day(
                    cand,
                    applicable,
                    statement_days,
                    cend,
                    si,
                    any(cs - 200 <= h.start < cand.clause_end for h in sent_periods),
                )
                if note:
                    warnings.append(note)
            elif (
                cont := self._continued_date(
                    si,
                    stext,
                    own_source or attribution,
                    any(cs - 200 <= h.start < cand.clause_end for h in sent_periods),
                )
            ) is not None:
                as_of = cont[0]  # "Another 210 have been injured." after "..., the agency said on Wednesday"
                warnings.append(cont[1])
                borrowed = True
            elif cand.running or any(cs - 200 <= h.start < cand.clause_end for h in sent_periods):
                as_of = self.pub  # a running total, or a figure over its own period ("in the past week")
            elif prev_days := previous_days() if prev_days is None else prev_days:
                as_of = prev_days[0].date
                carried = True
                warnings.append("date taken from the previous sentence")
            elif (report := self._report_period(cand)) is not None:
                as_of = report.end_date  # "Reporting period: 1-7 April 2024": a report's event figure
                warnings.append("date and period taken from the period the report says it covers")
            else:
                as_of = self.pub
            if cand.dated is not None and not applicable:
                as_of = cand.dated
                warnings.append("a stock counted at a past date: dated to the end of the year or month it names")
            if cand.back_days and as_of is not None and not between and not applicable:
                # "up from 1.7 million two weeks earlier": counted back from the date of the figure compared with
                as_of = as_of - dt.timedelta(days=cand.back_days)
                warnings.append(f"comparison figure dated {cand.back_days} days before the figure it is compared with")
            if as_of is None and self.pub is None:
                warnings.append("no publication date: relative dates left unresolved")
            # period_start
            period: dt.date | None = None
            own = [
                h
                for h in sent_periods
                if (cand.own_from is not None and cand.own_from <= h.start < cs)
                or (
                    (cand.running or (cs - 200 <= h.start < cand.clause_end))
                    # a period before this figure inside an earlier figure's own clause is that figure's ("killed 72
                    # in the past 24 hours, bringing the total to 31,184"; "98 a day in February, down from 150 in
                    # January"); a period inside another figure's pattern ("bringing the toll since October 2023 to
                    # 2,000") is that figure's
                    and not any(
                        o is not cand
                        and o is not cand.shares
                        and (
                            (h.start < cs and o.end <= h.start < o.clause_end and o.end <= cs)
                            or (o.own_from is not None and o.own_from <= h.start < o.start)
                            # "578,000 are displaced, up from 362,000 in March": a period after another figure that
                            # stands between is that figure's (unless the two share one reading)
                            # ("killed 118 and forced 1.2 million from their homes since October": one clause with
                            # coordinated verbs, one period for both)
                            or (
                                ce <= o.start
                                and o.end <= h.start
                                and cand.shares is not o
                                and not _descends(o, cand)
                                and not (
                                    COORD_GAP.fullmatch(self.text, ce, o.start)
                                    and "," not in self.text[o.end : h.start]
                                )
                            )
                        )
                        for o in cands
                    )
                )
            ]
            if own:
                h = min(own, key=lambda h: (not (ce <= h.start < cand.clause_end), abs(h.start - cs)))
                period = h.date
                if (
                    h.end_date is not None
                    and h.rule != "period.between"
                    and not as_of_days
                    and all(d.start in statement_days for d in applicable)
                ):
                    as_of = h.end_date  # "2,874 trucks entered in February, figures showed on Tuesday": Feb 29
                if h.note:
                    warnings.append(h.note)
            elif cand.ev.event in self.c["stock_events"]:
                pass  # a stock (refugees hosted, IDPs) is a count at a date: another sentence's period is not its own
            elif cand.running and (prev_period := self._prev_period(si)) is not None:
                period = prev_period.date
                warnings.append("period start taken from the previous sentence")
            elif cand.running and self.episodes():
                em = self.c["episode_re"].search(
                    self.text, cand.start - 200 if cand.start > 200 else 0, cand.clause_end
                )
                if em and em.start() >= s:
                    noun = em.group(1).lower()
                    eps = [x for x in self.episodes() if x[1] == noun]
                    before = [x for x in eps if x[0] < s]
                    pick = before[-1] if before else (eps[0] if eps else None)
                    if pick is not None:
                        period = pick[2]
                        warnings.append(f"period start taken from where the text says the {noun} began")
            if period is None and cand.shares is not None:
                # "180,000 have crossed into Hungary and about 83,000 into Moldova": one period for both
                period = period_of.get(id(cand.shares))
            if period is None and report is not None and as_of == report.end_date:
                period = report.date
            if period is None and cont is not None and cont[2] is not None:
                period = cont[2]  # "As a result, 1,800 people were displaced.": the period of the figure gone on about
            period_of[id(cand)] = period
            # place
            place = cand.place
            if place is None and places and self._is_part(cand):
                # "90,000 have fled in Cabo Delgado, and 61,000 of them were uprooted in Chiure district", "including
                # some 20,000 in the Kakuma camp": a part's own place, right after its own number
                mine = [
                    p for p in places if cand.end <= p[0] < cand.clause_end and "," not in self.text[cand.end : p[0]]
                ]
                if mine:
                    place = mine[0][2]
                    self.fired.add("place.preposition")
            if place is None and cand.ev.place_from == "subject":
                if subj_place is None:
                    subj_place = self._subject_place(body) or ""
                place = subj_place or None
                if place:
                    self.fired.add("place.subject")
            cs, ce = cand.ctx or (cand.start, cand.end)
            if place is None and places:
                near = [p for p in places if p[1] <= cs or ce <= p[0] < cend]
                if not near:
                    # "Roughly 41,000 villagers were evacuated, mainly in Albay and Sorsogon": where most of them were
                    near = [p for p in places if cend <= p[0] < self._place_reach(cend)]
                if cand.own_from is not None and any(o.end <= cand.own_from for o in cands if o is not cand):
                    # "... killed two soldiers in Idlib, bringing the number killed this month to 19": a place
                    # before the running total's own words is the earlier figure's
                    near = [p for p in near if p[0] >= cand.own_from]
                if cand.ev.place_from == "after":
                    after = [p for p in near if p[0] >= ce]
                    near = after or near
                if near:
                    p = min(near, key=lambda p, cs=cs, ce=ce: self._place_cost(p, cs, ce))
                    if p[3] >= 400 and cand.ev.place_from in ("subject", "after"):
                        if subj_place is None:
                            subj_place = self._subject_place(body) or ""
                        place = subj_place or p[2]
                    else:
                        place = p[2]
                    self.fired.add("place.possessive" if self.text[p[1] : p[1] + 1] in "'’" else "place.preposition")
            if place is None and cand.ev.place_from in ("subject_or_near",):
                if subj_place is None:
                    subj_place = self._subject_place(body) or ""
                place = subj_place or None
            if place is None and carried and prev is not None:
                if not prev_places:
                    prev_places = self._place_candidates(prev[0], self.text[prev[0] : prev[1]])
                if prev_places:
                    place = prev_places[-1][2]
            if place is None and (w := self.text.rfind(", where ", s, cs)) >= 0:
                # "... including Chad, where some 600,000 refugees have arrived": the place the clause hangs on
                nm = WHERE_NAME.search(self.text, max(s, w - 80), w)
                core = re.sub(r"^the\s+", "", nm.group(1)).lower() if nm else ""
                if nm and core not in self.c["not_places"] and not any(w < p[0] < cs for p in places):
                    place = nm.group(1)
            if place is None and cand.shares is not None:
                place = self.place_of.get(id(cand.shares))  # "240,000 of them are children": the parent's place
            if place is None and (context := self._context_place(si)) is not None:
                place = context[0]  # "Four of the dead were children." after "... killed 17 near Debre Markos"
                warnings.append(context[1])
            self.place_of[id(cand)] = place
            self.fired.add(cand.rule.id)
            self._remember_date(
                si,
                as_of,
                applicable,
                statement_days,
                own_source or attribution,
                not (carried or borrowed) and cand.dated is None,
                period,
            )
            if own_source is None and attribution is not None and attribution_note:
                warnings.append(attribution_note)  # a source carried from an earlier sentence of the paragraph
            vague = cand.vague
            if vague is not None and vague in self.lex.numbers.vague_report:
                vague = self.lex.numbers.vague_report[vague]
                warnings.append(f"'{cand.vague}' reported as '{vague}'")
            out.append(
                Mention(
                    doc=self.doc.id,
                    family=cand.ev.family if isinstance(cand.rule, EventRule) else cand.rule.family,
                    indicator=cand.indicator,
                    value=cand.value,
                    quote=quote,
                    start=cand.start,
                    end=cand.end,
                    value_max=cand.value_max,
                    vague=vague,
                    qualifier=cand.qualifier,
                    civilian=cand.civilian,
                    as_of=as_of,
                    period_start=period,
                    place=place,
                    attributed_to=own_source or attribution,
                    unit=cand.unit,
                    rule=cand.rule.id,
                    warnings=tuple(warnings),
                )
            )
        return out

    # -- ranges and changes ----------------------------------------------------------------------
    def _ranges(self, toks: list[Tok]) -> dict[int, int]:
        """Merge "50-80" / "between 50 and 80" into one token; return {second: first} for change pairs."""
        changes: dict[int, int] = {}
        i = 0
        while i + 2 < len(toks):
            a, mid, b = toks[i], toks[i + 1], toks[i + 2]
            if a.num is None or b.num is None or a.num.vague or b.num.vague:
                i += 1
                continue
            prev = toks[i - 1].low if i > 0 else ""
            is_range = False
            if mid.low in ("-", "–", "—") and mid.start == a.end and b.start == mid.end:
                is_range = True
            elif mid.low in ("-", "–", "to") or (mid.low == "and" and prev == "between"):
                if mid.low == "to" and prev == "from":
                    lo = max(0, i - 25)
                    if any(t.low in self.lex.change_words for t in toks[lo:i]):
                        changes[i + 2] = i
                        self.fired.add("numbers.change_from_to")
                        i += 3
                        continue
                is_range = mid.low != "and" or prev == "between"
            if is_range and a.num.value is not None and b.num.value is not None:
                av = a.num.value
                if not a.num.scaled and b.num.scaled and av < b.num.scale:
                    av = av * b.num.scale
                if av < b.num.value:
                    merged = Num(a.num.start, b.num.end, self.text[a.num.start : b.num.end], av,
                                 scaled=b.num.scaled, scale=b.num.scale, rule="numbers.range",
                                 warnings=a.num.warnings + b.num.warnings)  # fmt: skip
                    toks[i] = Tok(merged.text, "<num>", merged.start, merged.end, merged, b.num)
                    del toks[i + 1 : i + 3]
                    self.fired.add("numbers.range")
                    continue
            i += 1
        return changes

    # -- one number ------------------------------------------------------------------------------
    def _qualifier(self, toks: list[Tok], i: int) -> tuple[str, int]:
        j = i - 1
        while j >= 0 and toks[j].low in QUOTES:
            j -= 1
        if j < 0 or toks[j].low not in self.c["q_last"]:
            return "exact", toks[i].start
        for length in (4, 3, 2, 1):
            a = j - length + 1
            if a < 0:
                continue
            ph = tuple(t.low for t in toks[a : j + 1])
            hit = self.lex.qualifiers_before.get(ph)
            if hit:
                if ph[0] == "up" and a > 0 and toks[a - 1].low in self.c["phrasal_up"]:
                    # "plans to scale up to 20 trucks a day": "up" belongs to the verb, the figure is exact
                    return "exact", toks[i].start
                self.fired.add(hit[1])
                return hit[0], toks[a].start
        return "exact", toks[i].start

    def _subject_at(self, toks: list[Tok], k: int) -> tuple[str | None, int, Phrase]:
        """The subject class of the phrase starting at token k (longest), its end index and phrase."""
        lex = self.lex
        t = toks[k]
        lens = self.c["subj_lens"].get(t.low)
        if lens is None:
            if (
                t.num is None
                and t.text[:1].isupper()
                and t.text not in lex.not_nationals
                and lex.nationality.match(t.text)
            ):
                return "nationals", k + 1, (t.low,)
            if self._person_word(t):
                return PERSONS, k + 1, (t.low,)
            return None, k, ()
        n = len(toks)
        for length in lens:
            if k + length > n:
                continue
            span = toks[k : k + length]
            if any(x.num is not None for x in span):
                continue
            ph = tuple(x.low for x in span)
            cls = lex.subjects.get(ph)
            ev = lex.head_index.get(ph)
            if cls or ev:
                return cls or "people", k + length, ph
        t = toks[k]
        if t.num is None and t.text[:1].isupper() and t.text not in lex.not_nationals and lex.nationality.match(t.text):
            return "nationals", k + 1, (t.low,)
        if self._person_word(t):
            return PERSONS, k + 1, (t.low,)
        return None, k, ()

    def _person_word(self, t: Tok) -> bool:
        """A lowercase plural naming people by what they do ("footballers", "pilgrims"): text.yaml person_suffix."""
        rx = self.c["person_suffix"]
        return (
            rx is not None
            and t.num is None
            and PERSONS in self.lex.classes
            and rx.match(t.text) is not None
            and t.low not in self.c["not_person_nouns"]
            and t.low not in self.lex.modifier_words
            and t.low not in self.lex.not_subjects
        )

    def _is_modifier(self, t: Tok) -> bool:
        if t.num is not None or not t.text[:1].isalpha():
            return False
        if t.low in self.lex.modifier_words or t.low in self.lex.class_modifiers:
            return True
        if t.low in self.c["barriers"] or t.low in ("and", "or", "of", "in", "on", "at"):
            return False
        return t.text[:1].isupper() or ("-" in t.text and t.text[:1].isalpha())

    def _head(self, toks: list[Tok], i: int) -> tuple[str | None, int, list[str], Phrase, bool, bool]:
        """(class, end index, modifiers, head phrase, rejected, partitive) for the noun number i counts."""
        whole = self._whole_of.get(i)
        if whole is not None:
            cls, end, mods, ph, rejected, _ = self._head(toks, whole)
            return cls, end, mods, ph, rejected, False
        n = len(toks)
        k = i + 1
        while k < n and toks[k].low in QUOTES:
            k += 1
        if k + 1 < n and toks[k].low == "out" and toks[k + 1].low == "of":
            return None, k, [], (), True, False
        if k + 1 < n and toks[k].low == "-" and toks[k].start == toks[i].end:
            k += 1  # "an 11-truck convoy"
        if k < n and toks[k].low == "of":
            k += 1
            while k < n and toks[k].low in QUOTES:
                k += 1  # dozens of "terrorists"
            if k < n and toks[k].low in self.lex.of_determiners:
                if toks[k].low in ("whom", "them", "which"):
                    # "more than 500,000 of them children", "100,000 of whom have stayed"
                    cls, end, ph = self._subject_at(toks, k + 1) if k + 1 < n else (None, k + 1, ())
                    if cls is not None:
                        return cls, end, [], ph, False, True
                    return None, k + 1, [], (), False, True
                k += 1
        if k + 1 < n and toks[k].low == "as" and self._identified_before(toks, i):
            # "it identified 417 as civilians and 318 as members of the security forces": the class after "as"
            member = self._member_class(toks, k + 1, direct=True)
            if member is not None:
                self.fired.add("clause.identified_as")
                end = member[1]
                while end < n and toks[end].low in QUOTES:
                    end += 1  # as "terrorists"
                return member[0], end, [], (), False, False
        mods: list[str] = []
        for _ in range(6):
            if k >= n:
                break
            if toks[k].low in self.c["members_of"] and k + 1 < n and toks[k + 1].low == "of":
                member = self._member_class(toks, k + 2)
                if member is not None:
                    return member[0], member[1], mods, (toks[k].low,), False, False
            cls, end, ph = self._subject_at(toks, k)
            if cls is not None:
                # "more civilians", "displaced people", "civilian casualties": a word that can be both
                if end == k + 1 and self._is_modifier(toks[k]) and end < n:
                    nxt_cls, _, _ = self._subject_at(toks, end)
                    if nxt_cls is not None or (
                        self._is_modifier(toks[end]) and self._subject_at(toks, end + 1)[0] if end + 1 < n else False
                    ):
                        mods.append(toks[k].low)
                        k += 1
                        continue
                return cls, end, mods, ph, False, False
            if self._is_modifier(toks[k]):
                mods.append(toks[k].low)
                k += 1
                continue
            if (
                mods
                and toks[k].low in ("and", "or")
                and k + 1 < n
                and (self._is_modifier(toks[k + 1]) or self._subject_at(toks, k + 1)[0] is not None)
            ):
                # "12 Syrian and Iraqi fighters": modifiers coordinated before one noun
                k += 1
                continue
            if toks[k].low in self.lex.not_subjects:
                return None, k, mods, (), True, False  # "700,000 head of livestock": animals are no figure
            break
        return None, i + 1, mods, (), False, False

    def _said_after_comma(self, toks: list[Tok], qtok: int) -> int | None:
        """The comma before "<subject> <verb>" right before the number, where the verb counts or says (text.yaml
        identify_as_verbs, reporting_aside_verbs): ", the army described [300 as ...]", ", officials said [40 ...]"."""
        j = qtok - 1
        if j < 2 or toks[j].low not in self.c["identify_as"] | self.c["reporting_verbs"]:
            return None
        k = j - 1
        while k >= 0 and j - k <= 5:
            t = toks[k]
            if t.low == ",":
                return k if k < j - 1 else None
            if t.num is not None or t.low in PUNCT_BARRIERS:
                return None
            k -= 1
        return None

    def _share_of_whole(self, toks: list[Tok], qtok: int) -> bool:
        """ "Most of Gaza's 2.1 million residents have been displaced", "nearly half of the 2.3 million people": a
        share of a number (text.yaml share_words) counts part of it; the number is the whole, no figure."""
        j = qtok - 1
        if j >= 0 and toks[j].low.endswith(("'s", "’s")):
            j -= 1  # "of Gaza's 2.1 million", "of the province's 1.8 million"
        if j >= 0 and toks[j].low in self.c["whole_dets"]:
            j -= 1
        return j >= 1 and toks[j].low == "of" and toks[j - 1].low in self.c["share_words"]

    def _identified_before(self, toks: list[Tok], i: int) -> bool:
        """Whether a verb of identifying or classing (text.yaml identify_as_verbs) governs number i: "identified
        417 as civilians", "... and 318 as soldiers" (through earlier items of its list)."""
        verbs = self.c["identify_as"]
        j = i - 1
        while j >= 0 and i - j <= 14:
            t = toks[j]
            if t.low in verbs:
                return True
            if (
                t.num is None
                and t.low != "as"
                and (t.low in PUNCT_BARRIERS or t.low in self.c["barriers"] or t.low == ".")
            ):
                return False
            j -= 1
        return False

    def _member_class(self, toks: list[Tok], k: int, direct: bool = False) -> tuple[str, int] | None:
        """(class, end) of the group in "members of <group>" ("21 members of Israeli forces", "three members of her
        family"): the group's class when it is a group of people (a family or household counts people), else None
        ("15 members of the Security Council" counts no figure). `direct`: the noun phrase may itself be "members
        of ..." ("as members of the security forces")."""
        n = len(toks)
        while k < n and toks[k].low in QUOTES:
            k += 1  # "described 300 as \"terrorists\""
        if direct and k + 1 < n and toks[k].low in self.c["members_of"] and toks[k + 1].low == "of":
            got = self._subject_at(toks, k)
            if got[0] is not None and got[2] in self.lex.subjects and len(got[2]) > 1:
                return got[0], got[1]  # "members of the security forces" is a class phrase of its own
            return self._member_class(toks, k + 2)
        if k < n and toks[k].low in self.lex.of_determiners:
            k += 1
        for _ in range(5):
            if k >= n:
                break
            cls, end, _ph = self._subject_at(toks, k)
            if cls is not None:
                info = self.lex.classes.get(cls)
                if info is not None and info.unit != "people":
                    cls = "people"  # "members of her family", "members of 40 households"
                return cls, end
            if toks[k].low in self.lex.class_modifiers and (k + 1 >= n or not self._is_modifier(toks[k + 1])):
                return self.lex.class_modifiers[toks[k].low], k + 1  # "members of the army"
            if not self._is_modifier(toks[k]):
                break
            k += 1
        return None

    def _match_at(self, toks: list[Tok], a: int, ph: Phrase) -> int:
        """End index (exclusive) when phrase ph matches tokens from a, else -1. {CAP}/{COUNTRY} are slots."""
        if a < 0:
            return -1
        k = a
        n = len(toks)
        for w in ph:
            if k >= n:
                return -1
            t = toks[k]
            if w == "{CAP}":
                if not (t.text[:1].isupper() and t.num is None):
                    return -1
                k += 1
            elif w == "{COUNTRY}":
                countries = self.c["countries"]
                if t.low in self.c["dir_words"] and k + 1 < n:
                    k += 1  # "arrived in eastern Chad"
                    t = toks[k]
                for length in range(self.c["country_len"], 0, -1):
                    if k + length <= n and " ".join(x.text for x in toks[k : k + length]) in countries:
                        k += length
                        break
                else:
                    if t.low == "the" and k + 1 < n and toks[k + 1].text in countries:
                        k += 2
                    else:
                        return -1
            elif t.low != w:
                return -1
            else:
                k += 1
        return k

    def _match_phrase(self, toks: list[Tok], a: int, ph: Phrase) -> bool:
        return self._match_at(toks, a, ph) >= 0

    def _left(self, toks: list[Tok], qstart_tok: int) -> list[EventRule]:
        j = qstart_tok - 1
        while j >= 0 and toks[j].low in QUOTES:
            j -= 1
        by_last = self.c["fillers_by_last"]
        for _ in range(2):
            if j < 0:
                break
            for f in by_last.get(toks[j].low, ()):
                a = j - len(f) + 1
                if a >= 0 and tuple(t.low for t in toks[a : j + 1]) == f:
                    j = a - 1
                    break
            else:
                break
        if j < 0:
            return []
        out: list[EventRule] = []
        for ph, ev in self.lex.left_index.get(toks[j].low, []):
            if self._match_phrase(toks, j - len(ph) + 1, ph):
                out.append(ev)
        if not out and toks[j].low in self.c["coord_poss"] and j >= 2 and toks[j - 1].low == "and":
            # "killed a couple and their four children": the verb before the first noun phrase of the pair
            barriers = self.c["barriers"]
            for k in range(j - 2, max(-1, j - 7), -1):
                t = toks[k]
                if t.num is not None or t.low in PUNCT_BARRIERS or t.low in barriers or t.low in QUOTES:
                    break
                phs = [
                    (ph, ev)
                    for ph, ev in self.lex.left_index.get(t.low, [])
                    if self._match_phrase(toks, k - len(ph) + 1, ph)
                ]
                hits = [ev for _ph, ev in phs]
                if hits and (
                    (k >= 1 and toks[k - 1].low in self.c["group_dets"])
                    or any(ph[0] in self.c["group_openers"] for ph, _ev in phs)
                ):
                    break  # "three of the wounded, a teacher and her two pupils": a noun ("the wounded"), no verb
                if hits:
                    if k < j - 2:  # the first noun phrase must stand between the verb and "and"
                        self.fired.add("clause.possessive_pair")
                        return hits
                    break
        return out

    def _attributive_years(self, toks: list[Tok]) -> dict[int, tuple[int, int]]:
        """{start: (end, year)} of years used as adjectives ("the 1960 Agadir earthquake", "a 2004 quake", "the 1951
        Refugee Convention"): a year, not a count, so its token becomes a plain word. "the 2000 people" (a noun that
        counts people follows) stays a number."""
        out: dict[int, tuple[int, int]] = {}
        top = self.pub.year + 1 if self.pub else 2100
        n = len(toks)
        for k in range(1, n - 1):
            num = toks[k].num
            if num is None or num.vague or num.words or num.value is None or not YEAR_RE.fullmatch(num.text):
                continue
            if not 1800 <= num.value <= top:
                continue
            prev = toks[k - 1]
            det = prev.low in YEAR_DETS or prev.low.endswith(("'s", "’s"))
            if not det and k >= 2 and prev.text.isalpha() and prev.text.islower() and toks[k - 2].low in YEAR_DETS:
                det = True  # "the deadly 2010 floods"
            if not det:
                continue
            # the noun the year describes: the end of a run of capitalised words, or the first lowercase word
            j = k + 1
            while j + 1 < n and toks[j].text[:1].isupper() and toks[j + 1].text[:1].isalpha():
                j += 1
            noun = toks[j]
            if noun.num is not None or not noun.text[:1].isalpha():
                continue
            if self._subject_at(toks, j)[0] is not None or (noun.low,) in self.lex.head_index:
                continue  # "the 2000 Syrian refugees", "the 1500 aid trucks": a count
            out[toks[k].start] = (toks[k].end, num.value)
            toks[k] = Tok(toks[k].text, toks[k].low, toks[k].start, toks[k].end)
            self.fired.add("numbers.year")
        return out

    def _background(self, cands: list[Cand], s: int, e: int, years: dict[int, tuple[int, int]]) -> set[int]:
        """ids of figures whose own event is anchored in a year well before publication: an earlier disaster or war
        told as background ("In 2004, a quake killed 628 people", "the 1960 earthquake, which killed 12,000", "the
        worst since 2010, when 2,000 died"). Running totals over a period ("since 2011") are not background."""
        assert self.pub is not None
        limit = self.pub - dt.timedelta(days=self.c["background_days"])
        anchors: list[tuple[int, int, str, dt.date]] = []
        for h in self._in(self.points, self.point_starts, s, e):
            if h.kind not in ("year", "month") or h.date is None:
                continue
            if h.kind == "year":
                last = dt.date(h.date.year, 12, 31)
            else:
                last = (h.date.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            if last < limit:
                anchors.append((h.start, h.end, "point", last))
        for a, (b, y) in years.items():
            if dt.date(y, 12, 31) < limit:
                anchors.append((a, b, "attr", dt.date(y, 12, 31)))
        if not anchors:
            return set()
        periods = [h for h in self._periods(s, e) if h.rule not in ("period.in_month", "period.in_year")]
        bg: set[int] = set()
        for c in cands:
            if c.shares is not None and id(c.shares) in bg:
                bg.add(id(c))
                continue
            hit = next(
                (last for a, b, kind, last in anchors if self._anchored(c, a, b, kind, cands, periods, bg, s)), None
            )
            if hit is None:
                continue
            if c.ev.event in self.c["stock_events"]:
                # "... after March 2023, when it counted 2,062,534 IDPs": a stock counted at a past date is a point
                # of its series at that date, not background
                c.dated = hit
                self.fired.add("numbers.past_stock")
                continue
            bg.add(id(c))
            self.fired.add("numbers.background_year")
        return bg

    def _anchored(
        self, c: Cand, a: int, b: int, kind: str, cands: list[Cand], periods: list[DateHit], bg: set[int], s: int
    ) -> bool:
        """Whether the year at text[a:b] dates the event figure c counts (see _background)."""
        text = self.text
        m = WHEN_AFTER.match(text, b)
        if m and m.end() <= c.start and not re.search(r"[,;:]", text[m.end() : c.start]):
            return True  # "the worst since 2010, when nearly 2,000 people died"
        if a >= c.end:
            gap = text[c.end : a]
            w = WHEN_RE.search(gap)
            if w and w.start() <= 60 and not re.search(r"[,;:]", gap):
                return True  # "the roughly 17,000 killed when a quake struck near Izmit in 1999"
            # "17,000 died in the 1999 Izmit earthquake": a named earlier event in the figure's own clause (a bare
            # "in 2023" after a figure may date an earlier stage of the same crisis: not enough)
            before = text[max(c.end, a - 30) : a].lower().split()[-3:]
            return (
                kind == "attr"
                and not c.running
                and a < c.clause_end
                and not any(c.end <= o.start < a for o in cands if o is not c)
                # "displaced by the civil war that followed the 2021 coup": the year starts the period of the
                # figure's cause, not the figure's own event
                and not any(x in self.c["background_period"] for x in before)
            )
        if any(h.start <= a < h.end for h in periods):
            return False  # "since 2011", "the war that began in 2011": a period's start, not the figure's event
        prep = re.search(r"(\w+)\W*$", text[max(s, a - 16) : a])
        word = prep.group(1).lower() if prep else ""
        if b > c.start or c.running or ";" in text[b : c.start]:
            return False
        for o in cands:
            if o is not c and b <= o.start < c.start and (id(o) not in bg or "," in text[o.end : c.start]):
                return False  # another figure's clause stands between
        if any(m.start() < a and m.end() <= c.start for m in REL_CLAUSE.finditer(text, s, c.start) if b <= m.end()):
            # "The conflict, which ended with a peace deal signed in 2018, killed an estimated 400,000 people": a year
            # inside a relative clause dates that clause's event, not the figure after it
            self.fired.add("clause.relative_year")
            return False
        if kind == "point":
            if any(o is not c and o.end <= a and not re.search(r"[,;:]|\band\b", text[o.end : a]) for o in cands):
                # "killed more than 6,300 people in 2013 and displaced some 4 million": the year closes the clause
                # of the figure before it, whose reading it is (a year after a figure is not enough for background)
                return False
            return word in self.c["background_preps"]  # "In 2004, a quake ... killed 628 people"
        before = text[max(s, a - 30) : a].lower().split()[-3:]
        return not any(x in self.c["background_period"] for x in before)  # not "since the 2011 uprising"

    def _clause_start(self, s: int, pos: int) -> int:
        """Where the clause holding text position pos begins: after the last comma, semicolon, colon or dash."""
        last = s
        for m in CLAUSE_PUNCT.finditer(self.text, s, pos):
            last = m.end()
        return last

    def _outbreak_tally(self, c: Cand, s: int) -> bool:
        """A death count in the clause of a disease outbreak ("a cholera outbreak that has infected 1,400 people and
        caused 29 deaths"): a health surveillance figure, not a casualty figure (text.yaml `outbreak`)."""
        dis, word = self.c["outbreak_disease_re"], self.c["outbreak_word_re"]
        if c.ev.family != "casualties" or dis is None or word is None:
            return False
        a, b = self._clause_start(s, c.start), max(c.clause_end, c.end)
        if c.ev.event == "injured":
            # "300 were hospitalised with cholera": admissions for a disease, named after the number
            if any(
                ILL_WITH.search(self.text[max(c.end, m.start() - 40) : m.start()])
                for m in dis.finditer(self.text, c.end, b)
            ):
                self.fired.add("clause.outbreak_tally")
                return True
            return False
        if dis.search(self.text, a, b) and word.search(self.text, a, b):
            self.fired.add("clause.outbreak_tally")
            return True
        return False

    def _projection(self, c: Cand, s: int, e: int) -> bool:
        """A forecast is no figure (text.yaml `projection`): "the toll could rise to 500", "the final number of deaths
        could exceed 10,000", "up to 1 million refugees could flee, the agency projects". A hedged estimate of what
        has happened ("could reach between 18,000 and 20,000") stays, with a warning."""
        rx = self.c["projection_re"]
        if rx is None or c.ev.family not in self.c["projection_families"]:
            return False
        window = self.text[max(s, c.start - 90) : c.start]
        before = rx.search(window) is not None
        ma = self.c["modal_after_re"]
        after = ma is not None and ma.match(self.text, c.end, max(c.end, c.clause_end)) is not None
        if not (before or after):
            return False
        change = self.c["projection_change_re"]
        forecast = self.c["forecast_re"]
        if (before and change is not None and change.search(window)) or (
            forecast is not None and forecast.search(self.text, s, e) is not None
        ):
            self.fired.add("clause.projection")
            return True
        c.warnings.append("a hedged estimate (under a modal: could, may, will), not a confirmed count")
        return False

    def _object_of_response(self, toks: list[Tok], qtok: int) -> bool:
        """ "interviewed 61 civilians who had fled", "reached 58,000 newly displaced people with food": the number
        is the object of something done for the response (text.yaml non_figure_object_verbs)."""
        verbs = self.c["object_verbs"]
        if not verbs:
            return False
        j = qtok - 1
        while j >= 0 and toks[j].low in QUOTES:
            j -= 1
        for f in self.c["fillers_by_last"].get(toks[j].low, ()) if j >= 0 else ():
            a = j - len(f) + 1
            if a >= 0 and tuple(t.low for t in toks[a : j + 1]) == f:
                j = a - 1
                break
        for length in (2, 1):
            a = j - length + 1
            if a >= 0 and tuple(t.low for t in toks[a : j + 1]) in verbs:
                return True
        return False

    def _after_relative(self, toks: list[Tok], d: Cand, qtok: int) -> bool:
        """Whether the number at qtok opens a noun phrase coordinated by ", and" with the figure d, whose noun is
        followed by a relative clause ("who", "that", "which") and whose verb stands before it ("killed",
        "Among the dead were")."""
        if qtok < 2 or toks[qtok - 1].low != "and" or toks[qtok - 2].low != ",":
            return False
        dq = d.tok
        while dq > 0 and toks[dq - 1].start >= d.start:
            dq -= 1
        if not self._left(toks, dq):
            return False
        end = self._head(toks, d.tok)[1]
        if end >= qtok - 2 or toks[end].low not in ("who", "that", "which"):
            return False
        return not any(
            x.low in (";", ":", "(", ")") or (x.low == "," and k < qtok - 2)
            for k, x in enumerate(toks[end : qtok - 1], start=end)
        )

    def _counted_thing_before(self, toks: list[Tok], qtok: int, lo: int) -> bool:
        """ "190,000 people live in 1,080 shelters, 960 of which are full": the number at qtok follows a comma right
        after a noun counted by a number that is no figure (a thing, not a span of time), after token lo."""
        if qtok < 3 or toks[qtok - 1].low != ",":
            return False
        noun = toks[qtok - 2]
        if noun.num is not None or not noun.text.isalpha() or noun.low in self.lex.dates.units:
            return False
        return any(toks[k].num is not None for k in range(max(lo + 1, qtok - 5), qtok - 2))

    def _subject_of_response(self, toks: list[Tok], k: int) -> bool:
        """ "58,000 newly displaced people received food rations": the counted people, from token k on (after their
        noun), receive help (text.yaml non_figure_subject_verbs)."""
        verbs = self.c["subject_verbs"]
        n = len(toks)
        while k < n and toks[k].low in RESPONSE_SKIP:
            k += 1
        return any(k + ln <= n and tuple(t.low for t in toks[k : k + ln]) in verbs for ln in (3, 2, 1))

    def _paren_close(self, toks: list[Tok], k: int) -> int | None:
        """Index of the ")" closing the "(" at k within a short aside ("112,183 people (23,720 households) had
        fled", "soldiers of the SADC Mission in Mozambique (SAMIM) were killed"); None otherwise."""
        if toks[k].low != "(" or toks[k].num is not None:
            return None
        for j in range(k + 1, min(len(toks), k + 16)):
            t = toks[j]
            if t.num is None and t.low == ")":
                return j
            if t.num is None and t.low in ("(", ".", ";", "?", "!", "|"):
                return None
        return None

    def _paren_breakdown(self, toks: list[Tok], i: int, qtok: int, cls: str | None, earlier: list[Cand]
                         ) -> tuple[Cand, str] | None:  # fmt: skip
        """ "Killed: 184 (men 111, women 58, boys 9, girls 6)", "40 civilians (22 men, 12 women and 6 children)":
        a breakdown in brackets right after a figure; each item is a sub-count of that figure with its own class.
        Returns (the figure, the item's class)."""
        if not earlier:
            return None
        label: str | None = None
        j = qtok - 1
        if cls is None and j >= 1 and toks[j].num is None:
            lab, end, _ph = self._subject_at(toks, j)
            if lab is not None and end == qtok:
                label, j = lab, j - 1  # "women 58": the class before the number
        item_cls = cls or label
        if item_cls is None:
            return None
        # back to the bracket over the items before this one
        while j >= 0 and toks[j].low != "(":
            t = toks[j]
            if t.num is None and (t.low in PUNCT_BARRIERS or t.low in self.c["barriers"]):
                return None
            j -= 1
        close = self._paren_close(toks, j) if j >= 1 else None
        if close is None or close < i:
            return None
        if sum(1 for x in toks[j + 1 : close] if x.num is not None) < 2:
            return None  # "112,183 people (23,720 households)": one number restates the figure, no breakdown
        d = next((x for x in reversed(earlier) if x.ctx is None and 0 <= x.tok < j), None)
        if d is None or not (d.tok == j - 1 or self._head(toks, d.tok)[1] == j):
            return None
        info = self.lex.classes.get(item_cls)
        if (info.unit if info else "people") != d.unit:
            return None  # "(12,000 households, 9 villages)": other units
        if i + 1 < len(toks) and any(
            e.family == d.ev.family and e.event != d.ev.event and self._match_phrase(toks, i + 1, p)
            for p, e in self.lex.right_index.get(toks[i + 1].low, [])
        ):
            return None  # "212 casualties (81 killed and 131 injured)": the item names its own event
        self.fired.add("clause.paren_breakdown")
        return d, item_cls

    def _dash_group(self, toks: list[Tok], qtok: int) -> list[EventRule]:
        """ "Children account for 61 per cent of the displaced – more than 68,000 children": a number after a dash
        restates a group ("of the displaced", "of those killed") that ends right before the dash."""
        d = qtok - 1
        if d < 3 or toks[d].low not in DASHES or toks[d].num is not None:
            return []
        for k in range(d - 2, max(0, d - 8), -1):
            if toks[k].low != "of" or toks[k + 1].low not in self.c["group_dets"]:
                continue
            a = k + 2
            if a < d and toks[a].low in ("who", "that"):
                a += 1
            if a >= d:
                return []
            for ph, ev in self.lex.right_index.get(toks[a].low, []):
                if self._match_at(toks, a, ph) == d:
                    self.fired.add("clause.dash_group")
                    return [ev]
            ph = tuple(t.low for t in toks[a:d])
            ev = self.lex.head_index.get(ph)
            if ev is not None and ph in ev.heads:
                self.fired.add("clause.dash_group")
                return [ev]
            return []
        return []

    def _partitive_aside(self, toks: list[Tok], a: int, close: int | None) -> bool:
        """ "At least 11 people, four of them children, were killed": a sub-count in apposition (a number, "of", a
        pronoun) between the noun and its verb."""
        stop = min(close if close is not None else len(toks), a + 5)
        for j in range(a, stop):
            t = toks[j]
            if t.num is not None:
                ok = j + 2 < len(toks) and toks[j + 1].low == "of" and toks[j + 2].low in self.c["partitive_pronouns"]
                if ok:
                    self.fired.add("clause.partitive_aside")
                return ok
            if t.low not in self.c["q_words"]:
                return False
        return False

    def _group_left(self, toks: list[Tok], qtok: int) -> list[EventRule]:
        """ "Among the wounded are at least 150 children", "Of those killed, 40 were women": the group the number
        belongs to, a casualty (or displacement) noun after an opener and a determiner, says what happened."""
        j = qtok - 1
        if j >= 0 and toks[j].low in self.c["group_links"]:
            j -= 1
        if (
            j >= 3
            and toks[j].low in self.c["identify_as"] | self.c["reporting_verbs"]
            and j + 1 == qtok
            and any(toks[x].low == "," for x in range(max(0, j - 4), j))
        ):
            # "Of the dead, it identified 417 as civilians", "Among the wounded, officials said 40 were children": a
            # subject and a verb of counting or saying between the group and the number
            k = j - 1
            while k > 0 and toks[k].low != ",":
                if toks[k].num is not None or toks[k].low in PUNCT_BARRIERS:
                    return []
                k -= 1
            j = k
        if j >= 0 and toks[j].low in self.c["group_links"]:
            j -= 1
        if j >= 2 and toks[j].low in self.c["reporting_verbs"] and toks[j + 1].low == ",":
            # "Of the dead, it said, more than 24,600 ...": a reporting aside between the group and the number
            k = j - 1
            while k > 0 and j - k <= 5 and toks[k].low != ",":
                k -= 1
            if toks[k].low == ",":
                j = k - 1
        for length in (3, 2, 1):
            a = j - length + 1
            if a < 2 or toks[a - 1].low not in self.c["group_dets"] or toks[a - 2].low not in self.c["group_openers"]:
                continue
            ph = tuple(t.low for t in toks[a : j + 1])
            ev = self.lex.head_index.get(ph)
            if ev is not None and ph not in ev.heads:
                ev = None  # a class noun ("Among the refugees are ...") names who, not what happened
            if ev is None:
                ev = next((e for p, e in self.lex.right_index.get(ph[0], []) if p == ph), None)
            if ev is not None:
                self.fired.add("clause.group_part")
                return [ev]
        return []

    def _label_left(self, toks: list[Tok], qtok: int) -> tuple[list[EventRule], str | None]:
        """ "Deaths: 5,900+", "Killed: 120": a key-figure label (a few words and a colon opening the line) that
        names what happened to the number after it; with the class its words name ("Children killed:")."""
        j = qtok - 1
        if j < 1 or toks[j].low != ":":
            return [], None
        a = 0
        while a < j and toks[a].low in BULLETS:
            a += 1
        label = toks[a:j]
        if not label or len(label) > self.c["label_words"] or not all(t.text[:1].isalpha() for t in label):
            return [], None
        if toks[a].start > 0 and self.text[toks[a].start - 1] not in "\n":
            # the label must open its line ("Deaths:" in a key-figures box), not end a clause of prose
            line_start = self.text.rfind("\n", 0, toks[a].start) + 1
            if self.text[line_start : toks[a].start].strip(" \t" + "".join(BULLETS)):
                return [], None
        for k in range(a, j):
            if k > a and not (self._subject_at(toks, k - 1)[0] or self._is_modifier(toks[k - 1])):
                break  # only who was counted may stand before the event words: "Children killed:", "Civilian deaths:"
            ph = tuple(t.low for t in toks[k:j])
            ev = self.lex.head_index.get(ph)
            if ev is not None and ph not in ev.heads:
                ev = None
            if ev is None:
                ev = next((e for p, e in self.lex.right_index.get(ph[0], []) if p == ph), None)
            if ev is not None:
                self.fired.add("clause.key_figure_label")
                who = next((c for x in range(a, k) if (c := self._subject_at(toks, x)[0])), None)
                return [ev], who
        return [], None

    def _group_parent(self, toks: list[Tok], comma: int, earlier: list[Cand]) -> Cand | None:
        """ "Of the 120 injured, 45 were children": the figure, opened by "of the" / "among the", naming the group
        that the number after the comma is part of."""
        c = next((x for x in reversed(earlier) if x.ctx is None and x.tok < comma), None)
        if c is None or comma - c.tok > 6:
            return None
        if any(x.num is not None or x.low in PUNCT_BARRIERS or x.low == "," for x in toks[c.tok + 1 : comma]):
            return None
        q = c.tok
        while q > 0 and toks[q - 1].start >= c.start:
            q -= 1
        if q >= 1 and toks[q - 1].low in self.c["group_dets"]:
            q -= 1
        if q < 1 or toks[q - 1].low not in self.c["group_openers"]:
            return None
        return c

    def _list_lead(self, toks: list[Tok], qtok: int, earlier: list[Cand]) -> Cand | None:
        """The figure a list after a colon breaks down ("143 trucks crossed: 120 through A, 19 through B"), for a
        number that opens the list or follows one of its commas."""
        if qtok == 0 or toks[qtok - 1].low not in (":", ","):
            return None
        j = qtok - 1
        barriers = self.c["barriers"]
        while j >= 0 and toks[j].low != ":":
            t = toks[j]
            if t.num is None and (t.low in PUNCT_BARRIERS or t.low in barriers):
                return None
            j -= 1
        if j < 0:
            return None
        lead = [c for c in earlier if c.ctx is None and c.end <= toks[j].start]
        return lead[-1] if lead else None

    def _dash_close(self, toks: list[Tok], k: int) -> int | None:
        """Index of the dash that closes the aside opened at k ("1.9 million people - roughly 90% of the
        population - were displaced"); None when the dash at k stands alone."""
        d = toks[k]
        if d.num is not None or d.low not in DASHES:
            return None
        for j in range(k + 1, min(len(toks), k + 20)):
            t = toks[j]
            if t.num is None and t.low == d.low:
                return j
            if t.num is None and t.low in ASIDE_STOPS:
                return None
        return None

    def _passive_other(self, toks: list[Tok], a: int, clause_end: int) -> bool:
        """Whether the clause from token a says something else was done to the counted people: a passive verb that
        is no trigger ("1,100 of them have been separated from their families")."""
        prev = ""
        for t in toks[a:]:
            if t.start >= clause_end or t.num is not None:
                break
            if prev in PASSIVE_AUX and t.low.isalpha() and t.low.endswith(("ed", "en")):
                return True
            prev = t.low
        return False

    def _bracket_count(self, toks: list[Tok], i: int, qtok: int, earlier: list[Cand]) -> tuple[Cand, str] | None:
        """(figure, place) for "Koshi (37)": a number alone in brackets right after a capitalised name, when the
        sentence lists at least two such items after a figure (one bracketed number after a name may be a note)."""
        n = len(toks)
        if not (qtok >= 2 and toks[qtok - 1].low == "(" and i + 1 < n and toks[i + 1].low == ")"):
            return None
        name_end = qtok - 1
        a = name_end
        while a > 0 and a > name_end - 4 and _name_word(toks[a - 1]):
            a -= 1
        if a == name_end or self._subject_at(toks, a)[0] is not None:
            return None
        if toks[a].low in self.c["not_places"] or toks[a].low in self.c["months_days"]:
            return None
        d = next(
            (
                x
                for x in reversed(earlier)
                if x.ctx is None and 1 <= x.tok < a and not (toks[x.tok - 1].low == "(" and toks[x.tok + 1].low == ")")
            ),
            None,
        )
        if d is None:
            return None
        items = 0
        for k in range(d.tok + 1, n - 2):
            if (
                toks[k].low == "("
                and toks[k + 1].num is not None
                and toks[k + 2].low == ")"
                and _name_word(toks[k - 1])
            ):
                items += 1
        if items < 2:
            return None
        return d, " ".join(t.text for t in toks[a:name_end])

    def _aside_through(self, toks: list[Tok], i: int, qtok: int, earlier: list[Cand]) -> int:
        """The closing dash of an aside that opens right before the number ("the first convoy – six trucks carrying
        blankets – reached Derna": the figure restates the noun before it and takes the verb after the closing
        dash), or -1. An aside restating an earlier figure ("40,000 people – 8,000 families – fled") is read as
        that figure's restatement instead."""
        if qtok < 2:
            return -1
        close = self._dash_close(toks, qtok - 1)
        if close is None or close <= i:
            return -1
        if any(0 <= x.tok < qtok - 1 and self._head(toks, x.tok)[1] == qtok - 1 for x in earlier):
            return -1
        return close

    def _pronoun_group(self, toks: list[Tok], qtok: int) -> Cand | None:
        """The figure ending the sentence before (same paragraph) for a sentence opening "Among them were N ...",
        "Of these, N ...": an opener, a pronoun and a link right before the number."""
        a = 0
        while a < qtok and toks[a].low in QUOTES:
            a += 1
        if qtok - a < 2 or toks[a].low not in self.c["group_openers"]:
            return None
        if toks[a + 1].low not in ("them", "these", "those"):
            return None
        if qtok - a == 3 and toks[a + 2].low not in self.c["group_links"]:
            return None
        if qtok - a > 3 and not (
            # "Of these, it identified 417 as civilians": a subject and a verb of counting or saying between
            qtok - a <= 8
            and toks[a + 2].low == ","
            and (toks[qtok - 1].low in self.c["identify_as"] or toks[qtok - 1].low in self.c["reporting_verbs"])
            and not any(
                x.num is not None or x.low in PUNCT_BARRIERS or x.low == "," or x.low in self.c["barriers"]
                for x in toks[a + 3 : qtok - 1]
            )
        ):
            return None
        if self._last_cands[0] != self._si - 1 or not self._last_cands[1]:
            return None
        if self.sents[self._si - 1][2] != self.sents[self._si][2]:
            return None
        return self._last_cands[1][-1]

    def _pace(self, toks: list[Tok], c: Cand) -> bool:
        """A count per hour or minute ("dozens of wounded every hour", "300 people an hour"): text.yaml pace_words and
        pace_units, right after the number or its noun."""
        units = self.c["pace_units"]
        if not units or c.tok < 0 or c.tok >= len(toks):
            return False
        n = len(toks)
        head_end = self._head(toks, c.tok)[1]
        # right after the number or its noun ("300 people an hour"), or "every"/"per" later in its clause ("dozens
        # of injured were brought out every hour"; "fled within an hour" is a time)
        spots = [(c.tok + 1, True), (head_end, True)]
        spots += [(k, False) for k in range(head_end + 1, n) if toks[k].start < c.clause_end and k - head_end <= 10]
        for k, adjacent in spots:
            if k < n and toks[k].low in self.c["pace_words"] and (adjacent or toks[k].low in ("every", "each", "per")):
                u = k + 1
                if u < n and toks[u].num is not None:
                    u += 1  # "every 10 minutes"
                if u < n and toks[u].low in units:
                    self.fired.add("clause.pace")
                    return True
        return False

    def _additive_donor(self, toks: list[Tok], qtok: int, earlier: list[Cand]) -> Cand | None:
        """The figure a number is added to by "along with", "as well as", "together with" (text.yaml
        additive_coordinators): the last whole figure before it in the sentence, with no other number between."""
        for ph in self.c["additive"]:
            a = qtok - len(ph)
            if a >= 1 and all(toks[a + x].low == w for x, w in enumerate(ph)):
                d = next((x for x in reversed(earlier) if x.ctx is None and not x.part and 0 <= x.tok < a), None)
                if d is None or any(toks[x].num is not None and x != d.tok for x in range(d.tok + 1, a)):
                    return None
                if any(toks[x].low in (";", ":") or toks[x].text in ".?!" for x in range(d.tok + 1, a)):
                    return None
                return d
        return None

    def _pred_class(self, toks: list[Tok], j: int) -> str | None:
        """The class a predicate after a copula names, from token j: "were children", "were mostly women", "were
        Alawite civilians" (words describing them may stand before the class)."""
        n = len(toks)
        while j < n and toks[j].low in PRED_SKIP:
            j += 1
        for x in range(j, min(n, j + 4)):
            cls = self._subject_at(toks, x)[0]
            if cls in NEUTRAL and x + 1 < n and (nxt := self._subject_at(toks, x + 1)[0]) is not None:
                return nxt  # "were Rohingya civilians", "were elderly women": who they were comes last
            if cls is not None:
                return cls
            if not self._is_modifier(toks[x]):
                return None
        return None

    def _of_group(self, toks: list[Tok], i: int) -> tuple[list[EventRule], str | None] | None:
        """ "200,000 of those forced out of the city were children", "40 of the dead were women": (the group's
        events, the class the predicate gives) for a number followed by "of" + determiner + a trigger."""
        n = len(toks)
        if i + 3 >= n or toks[i + 1].low != "of" or toks[i + 2].low not in self.c["group_dets"]:
            return None
        k = i + 3
        if k + 1 < n and toks[k].low in ("who", "that"):
            k += 1  # "of those who fled the town"
        evs: list[EventRule] = []
        end = -1
        for ph, e2 in self.lex.right_index.get(toks[k].low, []):
            pend = self._match_at(toks, k, ph)
            if pend >= 0:
                evs.append(e2)
                end = max(end, pend)
        if not evs:
            for length in (3, 2, 1):
                ph = tuple(t.low for t in toks[k : k + length])
                e2 = self.lex.head_index.get(ph)
                if e2 is not None and ph in e2.heads:
                    evs, end = [e2], k + length
                    break
        if not evs:
            return None
        # the predicate of the clause: "... were children"
        cls: str | None = None
        for j in range(end, min(n, end + 14)):
            t = toks[j]
            if t.num is not None or t.low in PUNCT_BARRIERS or t.low in (",", ";"):
                break
            if t.low in COPULA and j + 1 < n:
                cls = self._pred_class(toks, j + 1)
                break
        self.fired.add("clause.group_part")
        return evs, cls

    def _restates(self, toks: list[Tok], qtok: int, noun_end: int) -> bool:
        """Whether the number at qtok opens an aside right after a figure's noun (which ends at noun_end): ", or N
        ...," or a dash pair."""
        k = qtok - 1
        if toks[k].low == "or" and k - 1 == noun_end and toks[k - 1].low == ",":
            return True
        return k == noun_end and toks[k].low in DASHES and self._dash_close(toks, k) is not None

    def _plus_after(self, toks: list[Tok], i: int) -> bool:
        """ "5,900+": a plus sign written straight after the number."""
        return i + 1 < len(toks) and toks[i + 1].low in self.c["plus_signs"] and toks[i + 1].start == toks[i].end

    def _of_wholes(self, toks: list[Tok]) -> tuple[dict[int, int], dict[int, tuple[int, int]]]:
        """({part: whole}, {part: (whole, resume)}) token indices for "N of the M ...".

        "90 of the roughly 200 inhabitants", "eight of those 33": the part is the count, read with the whole's noun
        and verb; the whole is a population, no figure. "40 of the 120 people killed were children": the whole is a
        figure of its own (its noun is followed by its verb), the part a sub-count of it, whose class the words
        after the whole's verb (from `resume`) may give. "of the 120 injured" is left to the group rules.
        """
        out: dict[int, int] = {}
        parts: dict[int, tuple[int, int]] = {}
        n = len(toks)
        dets = self.c["whole_dets"]
        qw = self.c["q_words"]
        for i, t in enumerate(toks):
            if t.num is None or t.num.value is None or i + 2 >= n or toks[i + 1].low != "of":
                continue
            j = i + 2
            while j < n and j - i <= 4 and toks[j].num is None and (toks[j].low in dets or toks[j].low[-2:] in POSS):
                j += 1  # "of the country's 3 million people"
            while j < n and j - i <= 7 and toks[j].num is None and toks[j].low in qw:
                j += 1
            if j >= n or toks[j].num is None or toks[j].num.value is None or toks[j].num.value < t.num.value:
                continue
            _cls, end, _mods, ph, rejected, _p = self._head(toks, j)
            if rejected:
                continue
            ev = self.lex.head_index.get(ph) if ph else None
            if ev is not None and ph in ev.heads:
                continue
            if end + 1 < n and toks[end].low in ("who", "that"):
                end += 1  # "of the 40 trucks that entered Gaza", "of the 45 people who were injured"
                while end + 1 < n and toks[end].low in self.c["aux"]:
                    end += 1
            elif end < n and toks[end].low in self.c["aux"]:
                out[i] = j  # "60 of the 350 residents were killed": the verb of the whole phrase
                continue
            ends = (
                [self._match_at(toks, end, p) for p, _ in self.lex.right_index.get(toks[end].low, [])]
                if end < n
                else []
            )
            if any(x >= 0 for x in ends):
                if _cls is not None:
                    parts[i] = (j, max(ends))
                continue
            out[i] = j
        return out, parts

    def _right(
        self, toks: list[Tok], k: int, limit: int = 14, cls: str | None = None, through: int = -1
    ) -> tuple[list[EventRule], int, int, tuple[int, int] | None, str | None]:
        """First trigger after the counted noun in its clause (`through`: a closing dash of the number's own aside,
        stepped over).

        Returns (rules, token index, clause end, including-span, predicate class).
        """
        n = len(toks)
        appos = self.c["appos"]
        barriers = self.c["barriers"]
        incl: tuple[int, int] | None = None
        pred: str | None = None
        found: list[EventRule] = []
        fpos = -1
        fend = -1
        steps = 0
        seen_pred = False
        in_list = False  # "trucks carrying food, water and tents arrived": commas inside a cargo list
        after_aside = False  # at the comma that closed an aside
        if k < n and toks[k].low in ("who", "that"):
            k += 1  # "900,000 who crossed into Chad": the relative clause is the number's own verb
        while k < n and steps < limit:
            t = toks[k]
            chained, after_aside = after_aside, False
            if t.num is None and t.low in PUNCT_BARRIERS:
                close_paren = self._paren_close(toks, k) if t.low == "(" and not found else None
                if close_paren is not None:
                    # "112,183 people (23,720 households) had fled their homes": a bracketed aside between the
                    # noun and its verb ("45 people (including 12 children) died": its members share the verb)
                    self.fired.add("clause.paren_aside")
                    if k + 1 < n and toks[k + 1].low in INCLUDE_WORDS:
                        incl = (toks[k + 1].start, toks[close_paren].start)
                    k = close_paren + 1
                    steps += 1
                    continue
                if k == through:
                    k += 1
                    steps += 1
                    continue
                close_dash = self._dash_close(toks, k) if t.low in DASHES else None
                if close_dash is None:
                    break
                # "About 1.9 million people - roughly 90% of the population - were displaced": the aside between
                # two dashes stands between the noun and its verb
                self.fired.add("clause.dash_aside")
                k = close_dash + 1
                steps += 1
                continue
            if t.low in self.c["list_openers"]:
                in_list = True
            if t.low == ",":
                if in_list and not seen_pred and not any(x.num is not None for x in toks[k + 1 : k + 8]):
                    k += 1
                    steps += 1
                    continue
                close = next(
                    (j for j in range(k + 1, min(n, k + 18)) if toks[j].low == "," or toks[j].low in PUNCT_BARRIERS),
                    None,
                )
                nxt = toks[k + 1].low if k + 1 < n else ""
                chunk = toks[k + 1 : close] if close is not None else toks[k + 1 :]
                # ", officials said," is an aside; ", and on Sunday officials said 1,700 had died" is a clause of its
                # own (a number of its own)
                reported = any(x.low in ("according", "said", "says", "told", "reported") for x in chunk) and not any(
                    x.num is not None for x in chunk
                )
                if nxt in appos or reported or self._partitive_aside(toks, k + 1, close):
                    if nxt in INCLUDE_WORDS:
                        end_c = toks[close].start if close is not None and toks[close].low == "," else toks[-1].end
                        incl = (toks[k + 1].start, end_c)
                    if close is None or toks[close].low != ",":
                        k = close if close is not None else n
                        break
                    # the comma closing the aside may open another one: "200 people, including 10 civilians, five
                    # of them children, had been killed"
                    k = close
                    after_aside = True
                    continue
                if chained:
                    if (
                        close is not None
                        and toks[close].low == ","
                        and chunk
                        and all(x.num is None and (x.text[:1].isupper() or x.low == ".") for x in chunk)
                    ):
                        # "27 of its soldiers, including the garrison commander, Maj. Gen. Majur Dak, were killed":
                        # a name in apposition to the aside before it is one more aside
                        k = close
                        after_aside = True
                        continue
                    k += 1
                    continue
                break
            if t.low in INCLUDE_WORDS and not any(
                self._match_at(toks, k, ph) >= 0 for ph, _ in self.lex.right_index.get(t.low, [])
            ):
                j = k + 1
                while j < n and (
                    toks[j].num is not None
                    or toks[j].low == "and"
                    or self._is_modifier(toks[j])
                    or self._subject_at(toks, j)[0]
                ):
                    j += 1
                incl = (t.start, toks[j - 1].end)
                k = j
                continue
            if (
                t.low == "and"
                and seen_pred
                and k + 1 < n
                and (toks[k + 1].num is not None or (toks[k + 1].low,) in self.lex.qualifiers_before)
            ):
                break  # "4,200 people had been affected and 2,000 families displaced": a new subject, a new verb
            if t.num is None and not in_list and (t.low in self.c["aux"] or t.low.endswith("ed")):
                seen_pred = True
            if t.low == "and" and k + 2 < n and toks[k + 1].low in self.lex.left_index:
                after = toks[k + 2]
                if (
                    after.num is not None
                    or (after.low,) in self.lex.qualifiers_before
                    or after.low in self.c["fillers1"]
                ):
                    break  # "affected 33 million people and killed 1,739": the verb belongs to the next number
            if t.low in barriers:
                nxt_t = toks[k + 1].low if k + 1 < n else ""
                if t.low == "those" and k > 0 and toks[k - 1].low in INCLUDE_WORDS and nxt_t in ("who", "that"):
                    # "30,000 children were believed to be among those who had fled": the group's verb is theirs
                    k += 2
                    while k < n and toks[k].low in self.c["aux"]:
                        k += 1
                    steps += 1
                    continue
                if not (t.low in ("after", "before", "while", "by") and nxt_t in self.lex.right_index):
                    break
                k += 1
                steps += 1
                continue
            if t.low in COPULA and k + 1 < n:
                pcls = self._pred_class(toks, k + 1)
                if pcls in ("children", "women", "civilian", "military"):
                    pred = pcls
            for ph, ev in self.lex.right_index.get(t.low, []):
                pend = self._match_at(toks, k, ph)
                if pend >= 0 and (cls is None or (ev.set_class or cls) in ev.indicators or cls in NEUTRAL):
                    found.append(ev)
                    fend = max(fend, pend)
            if found:
                # "were killed or maimed": a longer trigger starting inside the one found is the more specific one
                for k2 in range(k + 1, min(fend, n)):
                    for ph, ev in self.lex.right_index.get(toks[k2].low, []):
                        pend2 = self._match_at(toks, k2, ph)
                        if pend2 > fend and (cls is None or (ev.set_class or cls) in ev.indicators):
                            found.insert(0, ev)
                            fend = pend2
                fpos = k
                break
            k += 1
            steps += 1
        # clause end: the next barrier after where the scan stopped (dates and places must sit before it)
        cb = self.c["clause_barriers"]
        j = max(fpos + 1, fend) if fpos >= 0 else k  # after the whole trigger ("recorded as refugees")
        while j < n:
            t = toks[j]
            if t.num is None and (t.low in PUNCT_BARRIERS or t.low == "," or t.low in cb):
                break
            j += 1
        clause_end = toks[j].start if j < n else toks[-1].end
        # "... have been killed since October 7, including 2,360 children": the including-list after the verb
        if fpos >= 0 and incl is None:
            j2 = fpos + 1
            while j2 < n and j2 < fpos + 25:
                t = toks[j2]
                if t.num is None and (t.low in PUNCT_BARRIERS or t.low in barriers):
                    break
                if t.low in INCLUDE_WORDS:
                    end = j2 + 1
                    while end < n and not (toks[end].low in PUNCT_BARRIERS or toks[end].low == ","):
                        end += 1
                    incl = (t.start, toks[end - 1].end)
                    break
                j2 += 1
        return found, fpos, clause_end, incl, pred

    def _is_running(self, toks: list[Tok], a: int, b: int, ev: EventRule) -> bool:
        if ev.event in ("hosted", "idps"):
            return True
        lo = max(0, a - 3)
        window = toks[lo : b + 1]
        lows = [t.low for t in window]
        if not self.c["running1"].isdisjoint(lows):
            return True
        joined = " " + " ".join(lows) + " "
        return any(f" {' '.join(ph)} " in joined for ph in self.c["runningN"])

    def _has_rate(self, toks: list[Tok], ev: EventRule, head_end: int, i: int = -1, clause_end: int = -1) -> bool:
        """ "100 trucks a day", "500 trucks crossed ... every day", "Every day, 500 trucks ...": a daily rate in
        the number's clause (after its noun up to the clause end, or before it back to the sentence start with
        no other number in between)."""
        if not ev.rate_words:
            return False
        n = len(toks)
        hi = head_end + 4
        if clause_end >= 0:
            while hi < n and toks[hi].start < clause_end and hi - head_end < 25:
                hi += 1
        for k in range(head_end, min(n, hi)):
            if toks[k].low in self.c["rate_first"] and self._rate_at(toks, k, ev, adjacent=k == head_end):
                return True
        k = i - 1
        while k >= 0 and i - k < 15 and toks[k].num is None and toks[k].low not in (";", "."):
            if toks[k].low in self.c["rate_first"] and self._rate_at(toks, k, ev):
                return True
            k -= 1
        return False

    def _after_comparison(self, toks: list[Tok], qtok: int) -> bool:
        """ "compared with 7,034", "down from about 150": a comparison phrase right before the number; or the
        earlier value of a change told backwards, "climbed to 3,900 from 3,400" (text.yaml earlier_value: "to" before
        the new figure, "from" between the two)."""
        for ph in self.c["comparison"]:
            a = qtok - len(ph)
            if a >= 0 and all(toks[a + x].low == w for x, w in enumerate(ph)):
                return True
        ev = self.lex.text.get("earlier_value") or {}
        return (
            qtok >= 3
            and toks[qtok - 1].low in (ev.get("between") or ())
            and toks[qtok - 2].num is not None
            and toks[qtok - 3].low in (ev.get("before_new") or ())
        )

    def _time_back_at(self, toks: list[Tok], k: int) -> int | None:
        """ "two weeks earlier", "a month ago": days back in time at k (the earlier figure of a comparison)."""
        if (
            k + 2 >= len(toks)
            or toks[k + 1].low not in self.lex.dates.units
            or toks[k + 2].low not in self.c["time_back"]
        ):
            return None
        count = toks[k].num.value if toks[k].num is not None else (1 if toks[k].low in ("a", "an", "one") else None)
        if count is None:
            return None
        return count * self.lex.dates.units[toks[k + 1].low]

    def _rate_at(self, toks: list[Tok], k: int, ev: EventRule, adjacent: bool = False) -> bool:
        """A rate phrase at k. `adjacent`: it follows the number or its noun straight away ("500 a day before the
        war", a rate then), where "entered Gaza a day before the truce" is a time."""
        for ph in ev.rate_words:
            end = self._match_at(toks, k, ph)
            if end >= 0:
                # "a day after the ceasefire", "a day earlier": a time, not a rate
                veto = ("later", "earlier", "ago", "of") + (() if adjacent else ("after", "before"))
                return not (end < len(toks) and toks[end].low in veto)
        return False

    def _rate(self, toks: list[Tok], ev: EventRule, head_end: int, i: int, cls: str, clause_end: int = -1) -> str:
        ind = ev.indicators[cls]
        if not ev.rate:
            return ind
        if not self._has_rate(toks, ev, head_end, i, clause_end):
            return ind
        lo = i
        while lo > 0 and toks[lo - 1].low not in (";", ".") and i - lo < 40:
            lo -= 1
        hi = head_end
        while hi < len(toks) and toks[hi].start < clause_end and hi - head_end < 12:
            hi += 1
        window = toks[lo:i] + toks[head_end:hi]
        lows = [t.low for t in window]
        target = any(w in ev.target_words for w in lows) or any(
            tuple(lows[x : x + len(ph)]) == ph for ph in ev.target_phrases for x in range(len(lows) - len(ph) + 1)
        )
        if not target and (imp := ev.rate.get("imperatives")):
            # "2. Open all crossings and allow at least 500 trucks a day to enter": a demand (a sentence or list item
            # opening with a verb of command) states a target
            first = next((t for t in toks if t.num is None and t.text[:1].isalpha()), None)
            target = first is not None and first.text[:1].isupper() and first.low in imp
        if target:
            return str(ev.rate["target_indicator"])
        return str(ev.rate["indicator"])

    def _choose(
        self, rules: list[EventRule], cls: str, mods: list[str], has_head: bool
    ) -> tuple[EventRule, str] | None:
        for ev in rules:
            if ev.require_head and not has_head:
                continue
            if ev.only_classes is not None and cls not in ev.only_classes:
                continue
            if ev.exclude_modifiers and ev.exclude_modifiers.intersection(mods):
                continue
            c = ev.set_class or cls
            if c in ev.indicators:
                return ev, c
        return None

    def _analyse(self, toks: list[Tok], i: int, earlier: list[Cand]) -> Cand | None:
        t = toks[i]
        num = t.num
        assert num is not None
        if i > 0 and toks[i - 1].low in ("no", "not", "zero", "without"):
            return None
        k = i - 1
        while k >= 0 and (toks[k].num is not None or toks[k].low in (",", "and", "or", "to")):
            k -= 1
        if k >= 0 and toks[k].low in self.c["age_words"]:
            self.fired.add("numbers.age")
            return None  # "three brothers aged 5, 8 and 11"
        qual, qstart = self._qualifier(toks, i)
        qtok = i
        while qtok > 0 and toks[qtok - 1].start >= qstart:
            qtok -= 1
        share = self._share_of_whole(toks, qtok)
        cls, head_end, mods, head_ph, rejected, partitive = self._head(toks, i)
        if rejected:
            return None
        qa_first = self.c["qa_first"]
        if (head_end < len(toks) and toks[head_end].low in qa_first) or (
            i + 1 < len(toks) and toks[i + 1].low in qa_first
        ):
            for ph, (q, rid) in self.lex.qualifiers_after.items():
                if self._match_phrase(toks, head_end, ph) or self._match_phrase(toks, i + 1, ph):
                    qual = q
                    self.fired.add(rid)
        if qual == "exact" and self._plus_after(toks, i):
            qual = "more_than"  # "Deaths: 5,900+"
            self.fired.add("numbers.plus")
        bd = self._paren_breakdown(toks, i, qtok, cls, earlier) if earlier else None
        if bd is not None:
            # "Killed: 184 (men 111, women 58, boys 9, girls 6)": a sub-count of the figure before the bracket
            d, bcls = bd
            binfo = self.lex.classes.get(bcls)
            if (binfo is None or binfo.civilian is None) and d.civilian is not None:
                bcls = d.cls  # "40 civilians (22 men, ...)": the men are civilians too
            choice0 = self._choose([d.ev], bcls, mods, True) or self._choose([d.ev], d.cls, mods, True)
            if choice0 is not None:
                ev0, ecls0 = choice0
                info0 = self.lex.classes.get(ecls0)
                return Cand(
                    tok=i, num=num, value=num.value, value_max=t.num_max.value if t.num_max else None,
                    vague=num.vague, qualifier="approx" if num.vague and qual == "exact" else qual, start=qstart,
                    end=num.end, cls=ecls0, rule=ev0, ev=ev0, indicator=ev0.indicators[ecls0],
                    civilian=info0.civilian if info0 else None, unit=info0.unit if info0 else "people",
                    clause_end=d.clause_end, running=d.running, warnings=list(num.warnings),
                    ctx=d.ctx or (d.start, d.end), shares=d,
                )  # fmt: skip
        whole = self._whole_of.get(i)  # "90 of the roughly 200 inhabitants": the noun and verb after the whole
        part = self._part_of.get(i)  # "40 of the 120 people killed were children": what follows the whole's verb
        after = part[1] if part else head_end if (cls or partitive or whole is not None) else i + 1
        left = self._left(toks, qtok) or self._group_left(toks, qtok) or self._dash_group(toks, qtok)
        label_cls: str | None = None
        if not left:
            left, label_cls = self._label_left(toks, qtok)
        through = self._aside_through(toks, i, qtok, earlier)
        right, rpos, clause_end, incl, pred = self._right(toks, after, cls=cls, through=through)
        pred = pred or label_cls
        if cls is None and not left and not right and (og := self._of_group(toks, i)) is not None:
            # "more than 200,000 of those forced out of the city were children": the group says what happened
            left, pred = og[0], og[1] or pred
        if (
            not left
            and not right
            and not pred
            and i + 2 < len(toks)
            and toks[i + 1].low == "of"
            and toks[i + 2].low in self.c["group_dets"]
            and head_ph in self.lex.head_index
            and head_ph not in self.lex.subjects
            and (qtok == 0 or toks[qtok - 1].low in CLAUSE_OPENERS or toks[qtok - 1].low in QUOTES)
        ):
            # "two of the injured, a man and his grandson, had been referred to Peshawar": a part of a group counted
            # already, the subject of something else, is no new figure ("Bagmati accounts for 160 of the deaths"
            # gives the part a place: a figure)
            self.fired.add("clause.part_of_counted")
            return None
        noun_rules: list[EventRule] = []
        mod_rules: list[EventRule] = []
        if cls is not None:
            ev = self.lex.head_index.get(head_ph)
            if ev is not None and (not ev.head_needs_rate or self._has_rate(toks, ev, head_end, i, clause_end)):
                noun_rules.append(ev)
            if mods:
                joined = " ".join(mods)
                # "war-wounded patients", "conflict-displaced families": a compound's last word modifies too
                padded = f" {joined.replace('-', ' ')} "
                for ev2 in self.lex.events:
                    if ev2.head_modifiers and any(f" {hm} " in padded for hm in ev2.head_modifiers):
                        mod_rules.append(ev2)
                if len(mod_rules) > 1:
                    mod_rules.sort(key=lambda e: -max((len(h) for h in e.head_modifiers if h in joined), default=0))
        own_word = [r for r in noun_rules + mod_rules if r.family == "casualties"]
        if own_word and right and any(toks[x].num is not None for x in range(head_end, rpos)):
            # "773 dead and 2,880 wounded", "five dead soldiers and 12 wounded civilians": the noun's own casualty
            # word says what happened; a casualty verb past the next number is that number's (a verb of movement
            # still decides: "scores of injured civilians and a few hundred others passed through the crossing")
            right = [r for r in right if r.family != "casualties"]
        member_of = next((p for p in reversed(earlier) if p.incl and p.incl[0] <= t.start < p.incl[1]), None)
        if member_of is not None and right and member_of.incl and toks[rpos].start >= member_of.incl[1]:
            # "killed 22 people, including nine children and six women, officials said, the latest strike on
            # buildings housing families displaced by the war": a list member's verb is inside its list
            right = []
        parent: Cand | None = None
        shares: Cand | None = None
        part_ctx: tuple[int, int] | None = None
        if partitive and (
            (qtok > 0 and toks[qtok - 1].low in self.c["object_preps"])
            or (not right and not pred and self._passive_other(toks, head_end, clause_end))
            # "190,000 people are living in 1,080 shelters, 960 of which are schools": the pronoun takes up the
            # counted noun just before it, which is no figure
            or (earlier and self._counted_thing_before(toks, qtok, earlier[-1].tok))
        ):
            # "sleeping in 150 of them" (a count of places), "about 1,100 of them have been separated from their
            # families" (something else happened to them): no sub-count of the figure before
            partitive = False
        elif partitive and earlier:
            parent = shares = earlier[-1]
            # "12 health workers, four of them midwives, were killed on Tuesday": the part is read in its whole's
            # clause (its date and place)
            part_ctx = parent.ctx or (parent.start, parent.end)
            clause_end = max(clause_end, parent.clause_end)
        elif part is not None:
            if not pred:
                return None  # "12 of the 40 trucks that entered carried fuel": a part counted for something else
            parent = shares = next((c for c in earlier if c.tok == part[0]), None)
        elif (
            partitive
            and not earlier
            and self._last_cands[0] == self._si - 1
            and self._last_cands[1]
            # people ("of them", "of whom"), not things: "900 shelters ... 600 of which are full"
            and any(t.low in ("them", "whom") for t in toks[i + 1 : i + 4])
            # "530 schools had been damaged, 55 of them beyond repair": "them" is a number of this sentence
            and not any(x.num is not None for x in toks[:i])
        ):
            # "... has reached 415,000. Aid agencies say 240,000 of them are children": "of them" points back to
            # the figure that ends the sentence before
            parent = shares = self._last_cands[1][-1]
        elif cls is not None and not left and not right and (pg := self._pronoun_group(toks, qtok)) is not None:
            # "... dozens of wounded every hour. Among them were 72 children under 15.": the group a pronoun opening
            # the sentence points to is the figure that ends the sentence before
            parent = shares = pg
            self.fired.add("clause.group_part")
        elif (
            cls is not None
            and not left
            and not right
            and earlier
            and (comma := self._said_after_comma(toks, qtok)) is not None
            and (gp := self._group_parent(toks, comma, earlier)) is not None
        ):
            # "Of the 500 killed, the army described 300 as militants": the group before a subject and its verb
            parent = shares = gp
            self.fired.add("clause.group_part")
        elif cls is None and qtok > 0 and toks[qtok - 1].low == ",":
            # "Of the 120 injured, 45 were children": the group named before the comma
            # (only with a predicate naming who they were or a verb of its own: "Of the 1,200 trucks, 300 carried
            # fuel" counts something else)
            parent = shares = self._group_parent(toks, qtok - 1, earlier) if (pred or right) else None
            if (
                parent is None
                and (pred or right)
                and not earlier
                and qtok == 3
                and toks[0].low in self.c["group_openers"]
                and toks[1].low in self.c["group_dets"] | {"them"}
                and self._last_cands[0] == self._si - 1
                and self._last_cands[1]
                and self.sents[self._si - 1][2] == self.sents[self._si][2]
            ):
                # "... 720,000 Afghans have returned. Of these, around 38,000 were deported": the group is the
                # figure that ends the sentence before
                parent = shares = self._last_cands[1][-1]
            if parent is not None:
                self.fired.add("clause.group_part")
        if cls is None and parent is not None:
            cls = parent.cls
        sibling: Cand | None = None
        own_place: str | None = None
        compared = False
        back_days: int | None = None
        if cls is None:
            aux = self.c["aux"]
            near_right = bool(right) and all(x.low in aux for x in toks[after:rpos])
            nxt = toks[i + 1].low if i + 1 < len(toks) else "."
            if (
                not left
                and not near_right
                and earlier
                and earlier[-1].ctx is None
                and qtok > 0
                and toks[qtok - 1].low == "and"
                and earlier[-1].tok < i
                and (nxt in self.c["sibling_next"] or nxt in self.lex.qualifiers_after)
            ):
                sibling = earlier[-1]  # "killed 50,000 people in Turkey and 6,000 in Syria"
                shares = sibling
            elif (
                not left
                and not near_right
                and earlier
                and earlier[-1].ctx is None
                and earlier[-1].ev.rate
                and earlier[-1].indicator == earlier[-1].ev.rate.get("indicator")
                and i + 1 < len(toks)
                and toks[i + 1].low in self.c["rate_first"]
                and self._rate_at(toks, i + 1, earlier[-1].ev, adjacent=True)
            ):
                sibling = earlier[-1]  # "98 trucks a day in February, down from about 150 a day in January"
            elif (
                not left
                and not near_right
                and earlier
                and earlier[-1].ctx is None
                and earlier[-1].tok < i
                and self._after_comparison(toks, qtok)
                and (
                    (back_days := self._time_back_at(toks, i + 1)) is not None
                    or nxt in COMPARED_NEXT
                    or nxt in self.c["rate_first"]
                )
            ):
                sibling = earlier[-1]  # "2,874 trucks entered in February, compared with 7,034 in January"
                compared = True
            elif (
                not left
                and not near_right
                and nxt in TIME_PREPS
                and (
                    inh := next(
                        (p for p in reversed(earlier) if p.ctx is None and p.incl and p.incl[0] <= t.start < p.incl[1]),
                        None,
                    )
                )
                is not None
            ):
                # "3,000 killed since October 2023, including more than 600 in the past 10 days": the same kind of
                # figure over its own period
                sibling = shares = inh
            elif (
                not left
                and not near_right
                and earlier
                and earlier[-1].ctx is None
                and earlier[-1].tok < qtok - 1
                and toks[qtok - 1].low in DASHES
                and self._dash_close(toks, qtok - 1) is not None
                and self._head(toks, earlier[-1].tok)[1] == qtok - 1
            ):
                # "Tens of thousands of Israelis - about 60,000, according to the government - have been
                # evacuated": a number between dashes right after a figure's noun restates that figure
                sibling = shares = earlier[-1]
                self.fired.add("clause.dash_aside")
            elif (
                not left
                and not near_right
                and (nxt in self.c["sibling_next"] or nxt in self.lex.qualifiers_after)
                and (lead := self._list_lead(toks, qtok, earlier)) is not None
            ):
                # "143 trucks crossed: 120 through Bab al-Hawa, 19 through Bab al-Salam and four through Al Ra'ee":
                # the items of a list after a colon break down the figure before it
                sibling = shares = lead
                self.fired.add("clause.colon_list")
            elif (
                not left
                and not near_right
                and not earlier
                and qtok > 0
                and toks[qtok - 1].low == "with"
                and (nxt in self.c["sibling_next"] or nxt in self.lex.qualifiers_after)
                and self._last_cands[0] == self._si - 1
                and self._last_cands[1]
                and self.sents[self._si - 1][2] == self.sents[self._si][2]
            ):
                # "Poland hosts 1.56 million refugees. Germany is second, with more than 1 million.": a bare figure
                # after "with" continues the comparison of the sentence before (its main figure, the first), for the
                # place that opens this sentence
                sibling = shares = self._last_cands[1][0]
                lead = LEAD_NAME.match(self.text, toks[0].start)
                if lead and lead.group(1).lower() not in self.c["not_places"]:
                    own_place = lead.group(1)
                self.fired.add("clause.with_ellipsis")
            elif not left and not near_right and (named := self._bracket_count(toks, i, qtok, earlier)) is not None:
                # "160 of the deaths were in Bagmati, followed by Koshi (37) and Madhesh (12)": a bare count in
                # brackets after a name, in a list of such items, is the figure before it for that place
                sibling = shares = named[0]
                own_place = named[1]
                self.fired.add("clause.bracket_count")
            elif not left and not near_right:
                return None
            cls = "people"
            # "twelve soldiers were wounded and three killed": the bare number shares the earlier noun
            has_head = False
        else:
            has_head = True
        if (
            not has_head
            or (head_ph in self.lex.head_index and head_ph not in self.lex.subjects)
            or head_ph in self.c["coord"]
        ):
            # "twelve soldiers were wounded and three killed", "925 civilians killed ... and 1,496 injured":
            # a bare number shares the noun of the figure it is coordinated with
            donors = [x for x in earlier if x.ctx is None and not x.part]
            joined_by_and = any(toks[j].low in ("and", ",") for j in range(max(0, qtok - 3), qtok))
            if donors and joined_by_and and donors[-1].cls not in ("trucks", "convoys"):
                cls = donors[-1].cls
                if (
                    head_ph == ("others",)
                    and self.lex.classes.get(cls) is not None
                    and cls not in ("civilian", "military")
                ):
                    # "killed 12 children and wounded 30 others": the others are people besides the children (of
                    # soldiers or civilians, others of the same side)
                    cls = "people"
                if not compared:
                    shares = shares or donors[-1]  # one reading of the pair: its period and place
                if (
                    (head_ph not in self.lex.subjects or head_ph in self.c["coord"])
                    and sibling is None
                    # "At least 225 people have died, 24 are missing and 158 have been injured": with another count
                    # between them, the qualifier heads its own number only
                    and not any(toks[x].num is not None for x in range(donors[-1].tok + 1, qtok))
                    and (right or head_ph in self.lex.head_index)
                    and not left
                    and qual == "exact"
                    and num.vague is None
                    and donors[-1].vague is None
                    and donors[-1].qualifier != "exact"
                    # "at least eight drowned and 4,000 had been moved": a count of another family is another
                    # tally, and the first number's qualifier stays with the first
                    and (not right or any(r.family == donors[-1].ev.family for r in right))
                ):
                    # "At least 406 civilians have been killed and 801 injured": the qualifier heading the pair
                    # applies to the elliptic second number as the subject does
                    qual = donors[-1].qualifier
            elif (
                head_ph == ("others",)
                and not donors
                and self._last_cands[0] == self._si - 1
                and self._last_cands[1]
                and self.sents[self._si - 1][2] == self.sents[self._si][2]
                and self._last_cands[1][-1].cls in ("civilian", "military")
            ):
                # "Around 40 of our soldiers fell as martyrs. ... dozens of others were wounded": the others are
                # of the side counted just before
                cls = self._last_cands[1][-1].cls
        # class modifiers ("civilian casualties", "military personnel") refine a neutral noun
        if cls in NEUTRAL or head_ph in self.lex.head_index:
            for m in mods:
                if m in self.lex.class_modifiers:
                    cls = self.lex.class_modifiers[m]
        of_object = (
            qtok >= 1
            and toks[qtok - 1].low in ("of", "the")
            and (qtok < 2 or toks[qtok - 2].low in ("of", "cent", "%"))
        )
        # "half-a-million of those displaced ... are children" (not "40 per cent of the 4,000 dead were children")
        if pred and (cls in NEUTRAL or cls == "civilian") and not of_object:
            cls = pred

        def cas(rs: list[EventRule]) -> list[EventRule]:
            return [r for r in rs if r.family == "casualties"]

        def other(rs: list[EventRule]) -> list[EventRule]:
            return [r for r in rs if r.family != "casualties"]

        # what happened to people (killed, injured) outranks where they went; a verb outranks a modifier
        # ("received dozens of wounded": the noun's own casualty word says what happened to them, as a modifier does)
        rules = (
            cas(left) + cas(right) + cas(mod_rules) + cas(noun_rules)
            + other(left) + other(mod_rules) + other(right) + other(noun_rules)
        )  # fmt: skip
        moved = [r for r in right if r.family in self.c["movement_families"]]
        if moved and not cas(left) and not cas(right) and (cas(mod_rules) or cas(noun_rules)):
            # "dozens of wounded Palestinians left Gaza through the Rafah crossing": the verb of movement decides
            # what is counted; "wounded" only describes them
            rules = moved + [r for r in rules if r not in moved]
        if parent is not None:
            if parent.ev in rules and not cas(rules):
                # "720,000 Afghans have returned. Of these, 38,000 were deported": where the part's verb is also the
                # group's kind of figure, the part is counted as the group is
                rules.remove(parent.ev)
                rules.insert(0, parent.ev)
            rules.append(parent.ev)
        if sibling is not None:
            rules.append(sibling.ev)
            cls = sibling.cls
        if (
            self._object_of_response(toks, qtok)
            or (has_head and self._subject_of_response(toks, head_end))
            # "clinics received 17 patients": people in care are a facility's intake, unless a verb of their own
            # moves them ("45 wounded patients were evacuated to Jordan")
            or (has_head and head_ph in self.c["care_nouns"] and not other(right))
        ):
            # "interviewed 61 civilians who had fled": people reached by the response are no displacement or
            # crossing figure (a casualty word still counts: "treated 850 wounded refugees"; trucks are no people)
            kept = [r for r in rules if r.family not in self.c["response_families"]]
            if len(kept) < len(rules):
                self.fired.add("clause.response_object")
            rules = kept
        choice = self._choose(rules, cls, mods, has_head)
        ctx: tuple[int, int] | None = None
        inherited: Cand | None = None
        if choice is None and has_head and earlier and earlier[-1].ctx is None and qtok > 0:
            # "killed 19 civilians and 3 soldiers", "the dead included 14 civilians and two policemen": a counted
            # noun coordinated right after the previous figure's noun shares that figure's verb
            d = earlier[-1]
            if toks[qtok - 1].low in ("and", ",") and 0 <= d.tok < qtok and self._head(toks, d.tok)[1] == qtok - 1:
                choice = self._choose([d.ev], cls, mods, has_head)
                if choice is not None:
                    shares = d
                    clause_end = max(clause_end, d.clause_end)
            elif (
                0 <= d.tok < qtok - 1
                and (toks[qtok - 1].low in DASHES or toks[qtok - 1].low == ":")
                and qtok - 1 - d.tok <= 10
                and not any(x.num is not None or x.low in PUNCT_BARRIERS for x in toks[d.tok + 1 : qtok - 1])
                and d.unit == "people"
                and (self.lex.classes[cls].unit if cls in self.lex.classes else "people") == "people"
                and num.value is not None
                and d.value is not None
                and num.value < d.value
            ):
                # "the toll rose to 16 on Thursday - 15 civilians and an Army jawan": counted nouns with no verb of
                # their own after a dash or colon that follows a figure break that figure down, each in its class
                choice = self._choose([d.ev], cls, mods, has_head)
                if choice is not None:
                    shares = d
                    clause_end = max(clause_end, d.clause_end)
                    self.fired.add("clause.dash_breakdown")
            elif (
                0 <= d.tok < qtok - 1
                and toks[qtok - 1].low == "("
                and self._head(toks, d.tok)[1] == qtok - 1
                and (self.lex.classes[cls].unit if cls in self.lex.classes else "people") == "people"
                and self._paren_close(toks, qtok - 1) is not None
            ):
                # "some 3,000 families (about 15,000 people) fled": a count of people in brackets after a figure's
                # noun restates it (in households it adds nothing: "112,183 people (23,720 households)")
                choice = self._choose([d.ev], cls, mods, has_head)
                if choice is not None:
                    shares = d
                    self.fired.add("clause.paren_restatement")
            elif 0 <= d.tok < qtok - 1 and self._after_relative(toks, d, qtok):
                # "Among the dead were dozens of worshippers who were attending prayers when the mosque collapsed,
                # and more than 50 children at a preschool": a noun coordinated with a figure's noun after its
                # relative clause shares the verb before the first
                choice = self._choose([d.ev], cls, mods, has_head)
                if choice is not None:
                    shares = d
                    self.fired.add("clause.coordinated_after_relative")
            elif 0 <= d.tok < qtok - 1 and self._restates(toks, qtok, self._head(toks, d.tok)[1]):
                # "some 11,500 families, or tens of thousands of people, had been uprooted", "40,000 people - about
                # 8,000 families - fled": a restatement of the figure just before, in other units
                choice = self._choose([d.ev], cls, mods, has_head)
                if choice is not None:
                    shares = d
                    self.fired.add("clause.restatement")
            elif (add := self._additive_donor(toks, qtok, earlier)) is not None:
                # "830 of the dead were civilians, along with 231 members of the security forces": a noun phrase
                # added to a figure shares its event, under its own class
                choice = self._choose([add.ev], cls, mods, has_head)
                if choice is not None:
                    shares = add
                    clause_end = max(clause_end, add.clause_end)
                    self.fired.add("clause.additive")
        if choice is None:
            inherited = next((p for p in reversed(earlier) if p.incl and p.incl[0] <= t.start < p.incl[1]), None)
            if inherited is None or not has_head:
                return None
            choice = self._choose([inherited.ev], cls, mods, has_head)
            if choice is None:
                return None
            member = self.lex.classes.get(choice[1])
            # "200 people, including 10 civilians": a list naming civilians says the rest are not
            if member is not None and member.civilian and inherited.civilian is None and choice[1] != "civilian":
                inherited.civilian = True
            ctx = inherited.ctx or (inherited.start, inherited.end)
            shares = inherited
            clause_end = max(clause_end, inherited.clause_end)
        ev, ecls = choice
        if share and ev not in noun_rules:
            # "Most of Gaza's 2.1 million residents have been displaced": what happened, happened to the share (the
            # number is the whole). ("many of the 1.3 million registered refugees in Pakistan": the noun itself says
            # what the number counts)
            self.fired.add("numbers.of_whole")
            return None
        if ctx is None and part_ctx is not None:
            ctx = part_ctx
        info = self.lex.classes.get(ecls)
        ind = self._rate(toks, ev, head_end, i, ecls, clause_end)
        if ev.large and num.value is not None and num.value > int(ev.large.get("above", 0)):
            ind = str(ev.large["indicator"])
        running = self._is_running(toks, min(qtok, rpos if rpos >= 0 else i), max(head_end, rpos), ev)
        if inherited is not None:
            running = inherited.running
        return Cand(
            tok=i,
            num=num,
            value=num.value,
            value_max=t.num_max.value if t.num_max else None,
            vague=num.vague,
            qualifier="approx" if num.vague and qual == "exact" else qual,
            start=qstart,
            end=num.end,
            cls=ecls,
            rule=ev,
            ev=ev,
            indicator=ind,
            civilian=info.civilian if info else None,
            unit=info.unit if info else "people",
            clause_end=clause_end,
            running=running,
            incl=incl,
            warnings=list(num.warnings),
            ctx=ctx,
            shares=shares,
            back_days=back_days,
            place=own_place,
            part=parent is not None,
        )

    def _pattern(
        self, toks: list[Tok], i: int, pr: PatternRule, m: re.Match[str], cands: list[Cand], s: int
    ) -> Cand | None:
        num = toks[i].num
        assert num is not None
        if pr.event == "context":
            # the same kind of figure as the nearest one before it in the sentence
            before = [c for c in cands if c.start < num.start]
            if not before and self._last_cands[0] == self._si - 1 and self._last_cands[1]:
                # "134 people had died. That brings the confirmed total to 1,020.": no figure before it in its own
                # sentence, the total is of the kind of the figure that ends the sentence before
                before = self._last_cands[1][-1:]
            if not before:
                return None
            donor = before[-1]
            ev = donor.ev
            pr = PatternRule(
                pr.id, ev.family, ev.event, donor.cls, pr.regex, pr.keywords, pr.place_from, None, pr.source
            )
        ev = next((e for e in self.lex.events if e.family == pr.family and e.event == pr.event), None)
        if ev is None:
            return None
        cls = pr.cls
        if cls in (None, "context"):
            cls = None
            for k in range(len(toks)):
                if s + m.start() <= toks[k].start < s + m.end():
                    c2, _, _ = self._subject_at(toks, k)
                    if c2 and c2 not in ("people", PERSONS):
                        cls = c2
                        break
                owner = toks[k - 1].low if k >= 1 else ""
                if owner.endswith(("'s", "’s")):
                    owner = owner[:-2]  # "the military's death toll"
                if (
                    k >= 1
                    and toks[k].low in self.c["toll_nouns"]
                    and owner in self.lex.class_modifiers
                    and s + m.start() <= toks[k].start < s + m.end()
                ):
                    cls = self.lex.class_modifiers[owner]  # "the civilian death toll", "child deaths"
                    break
            if cls is None:
                same = [c for c in cands if c.ev.family == pr.family]
                if same:
                    near = min(same, key=lambda c: abs(c.start - num.start))
                    cls = near.cls
            cls = cls or "people"
        ind = pr.indicator or ev.indicators.get(cls)
        if ind is None:
            return None
        qual, qstart = self._qualifier(toks, i)
        info = self.lex.classes.get(cls)
        qtok = i
        while qtok > 0 and toks[qtok - 1].start >= qstart:
            qtok -= 1
        _, _, clause_end, incl, _ = self._right(toks, i + 1, through=self._aside_through(toks, i, qtok, cands))
        if pr.indicator is None and ev.rate and cls in ev.indicators:
            ind = self._rate(toks, ev, i + 1, i, cls, max(clause_end, s + m.end()))
        return Cand(
            tok=i,
            num=num,
            value=num.value,
            value_max=toks[i].num_max.value if toks[i].num_max else None,
            vague=num.vague,
            qualifier="approx" if num.vague and qual == "exact" else qual,
            start=qstart,
            end=num.end,
            cls=cls,
            rule=pr,
            ev=EventRule(**{**ev.__dict__, "place_from": pr.place_from or ev.place_from}),
            indicator=ind,
            civilian=info.civilian if info else None,
            unit=info.unit if info else "people",
            clause_end=max(clause_end, s + m.end()),
            running=self._is_running(toks, max(0, i - 12), i, ev) or ev.event in ("hosted",),
            warnings=list(num.warnings),
            incl=incl,
            own_from=s + m.start(),
        )


# a word of a place name: "Koshi", "al-Balah" ("Deir al-Balah")
NAME_WORD = re.compile(r"[A-Z]|[a-z]{1,3}[-’'][A-Z]")


def _name_word(t: Tok) -> bool:
    return t.num is None and NAME_WORD.match(t.text) is not None


def _descends(o: Cand, cand: Cand) -> bool:
    """Whether o is a part (or a part of a part) of cand: "200 people, including 10 civilians, five of them
    children" (the five are of the ten, the ten of the 200)."""
    x = o.shares
    for _ in range(8):
        if x is None:
            return False
        if x is cand:
            return True
        x = x.shares
    return False


def _part_of(o: Cand, whole: Cand) -> bool:
    """Whether figure o is a part of whole, directly or through its own parent ("five of them" in "10 civilians")."""
    k, p = 0, o.shares
    while p is not None and k < 4:
        if p is whole:
            return True
        p, k = p.shares, k + 1
    return False


def extract(doc: Document, lexicon: Lexicon | None = None) -> list[Mention]:
    """Every figure mention in one document, in text order (a figure stated more than once first where it is
    stated most fully, see _Doc._richest_first). Never raises on any text.

    (A broken rules folder is a ConfigError from load_lexicon, before any text is read.)
    """
    lex = lexicon or load_lexicon()
    try:
        found = _Doc(lex, doc).run()
    except Exception:
        log.warning("extract: the engine failed on document %s; no figures taken from it", doc.id, exc_info=True)
        return []
    return found


def fired_rules(text: str, lexicon: Lexicon | None = None, published: dt.date | None = None) -> set[str]:
    """Ids of every rule that fired on a text (numbers, dates, qualifiers, families...): the example test uses it."""
    lex = lexicon or load_lexicon()
    d = _Doc(lex, Document(id="example", text=text, published=published or dt.date(2024, 3, 15)))
    mentions = d.run()
    return d.fired | {m.rule for m in mentions}

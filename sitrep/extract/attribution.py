"""Who a sentence credits: "according to X", "X said", "said X", "X told Reuters"; short names and pronouns
resolve to the full name used earlier. The originator is kept, not the outlet that printed the article.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from sitrep.extract.lexicon import Lexicon
from sitrep.extract.numbers import trie_alt
from sitrep.model import Document

INITIALISM = re.compile(r"\b(?:[A-Z]\.){2,}")
ARTICLE = re.compile(r"(?i)^(?:the|a|an)\s+")
ARTICLE_WORD = re.compile(r"(?:a|an|the)\s+\w")
ACC_CUT = re.compile(r"[,.;:()\"“”\[\]]|\s[-–—]\s|\s+(?:and|that|which|who|but|as|while|on|in\s+a|when|after|based)\s+")
ACRONYM = re.compile(r"\s*\([A-Z][\w.&-]{0,12}\)")
INVERTED_NAME = re.compile(r"\s+(?:the\s+)?((?:[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|of|for|the|al-\w+))*)")
SEG_CUT = re.compile(r"[;:“”\"]|\s[-—–]\s")
LEAD_CLAUSE = re.compile(r"(?i)^.*\b(?:that|and|but|while|as|because|when)\s+")
TIME_LEAD = re.compile(r"(?i)(?:on|in|at|earlier|later|meanwhile|since|after|before|during|by)\b")
DIGIT_SAFE_COMMA = re.compile(r",(?!\d{3}\b)")
INTENT_NOT = re.compile(r"\s+(?:at|by|for|against|on|in)\b")
REL_START = re.compile(r"^(?:[Ww]hich|[Ww]ho|[Ww]hose|[Ww]hom|[Ww]here)\b")  # not "WHO" (the agency)
INVERTED_VERBS = frozenset({"said", "says", "added", "reported", "wrote", "noted", "stated", "explained", "warned"})
# "said a WFP official", "said an aid worker in Goma": an inverted speaker named by a description
INVERTED_DESC = re.compile(r"\s+((?:a|an)\s+(?:[\w.'’-]+\s+){0,4}?[\w'’-]+)(?=\s*(?:[,.;:]|$|\s+(?:in|at|on|who)\b))")
# "said Mariam Kone, a World Food Program official": the speaker's affiliation kept with the name
APPOS_ROLE = re.compile(
    r",\s+((?:a|an|the)\s+(?:[\w.'’&-]+\s+){0,5}?[\w'’-]+)(?=\s*(?:[,.;:]|$|\s+(?:in|at|on|who)\b))"
)
# "• Health authorities", "- Gaza's health ministry": list bullets are no part of a name
BULLET = re.compile(r"^[\s•·▪‣◦*\-–—]+(?=\S)")
# "the figures have risen, the ministry said" vs "Fifteen trucks crossed, a day after the government said it would
# reopen the crossing": a speaker inside a time clause speaks of something else
SUBORD_LEAD = re.compile(
    r"(?i)^(?:(?:a|an|one|two|three|four|five|several|\d+)\s+(?:days?|weeks?|hours?|months?)\s+)?"
    r"(?:after|before|when|until|because|although|though|once|as|since|if)\b"
)
# a phrase opening with one of these is a place or time, never who speaks ("Across Sudan, estimates ...")
PREPOSITIONS = frozenset(
    ("in", "on", "at", "by", "for", "with", "from", "to", "after", "before", "since", "during", "across", "inside",
     "outside", "throughout", "within", "near", "along", "among", "around", "beyond", "over", "under", "through",
     "despite")
)  # fmt: skip
NOUN_USE = re.compile(r"\s+of\b")
NOUN_VERBS = frozenset(("estimate", "estimates", "report", "reports", "tally", "counts", "records", "notes", "claims"))
# "where UNHCR says": the clause's own subject follows its relative word
REL_OWN_SUBJECT = re.compile(r"^(?:[Ww]here|[Ww]hom|[Ww]hose\s+\w+)\s+")
# "Mortality surveys carried out by MSF estimate": the body that made the count
BY_AGENT = re.compile(
    r"\b(?:carried\s+out|conducted|compiled|published|released|issued|gathered|collected|commissioned|produced|"
    r"prepared|run)\s+by\s+(?P<who>(?:the\s+)?[A-Z][\w.'’&-]*(?:\s+(?:of|for|the|and|de|des|du|sans|[A-Z][\w.'’&-]*))*"
    r"(?:\s*\([A-Z][\w.&-]{0,12}\))?)"
)
ACRONYM_END = re.compile(r"\s*(\([A-Z][\w.&-]{0,12}\))\s*,?\s*$")
QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
QUOTE_OPEN = re.compile(r"^\W{0,3}[“\"‘]")
FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b")
PUBLISHER_NAME = re.compile(r"^\s*((?:[A-Z][\w&.'’]*)(?:[\s-]+(?:[A-Z][\w&.'’]*))*)")
# "its health minister": the body "its" refers to, named earlier in the sentence
POSSESSIVE_LEAD = re.compile(r"^(?:[Ii]ts|[Tt]heir)\s+")


def _extras(c: dict[str, Any], a: dict[str, Any]) -> dict[str, Any]:
    """Attribution helpers compiled once per lexicon (kept in the engine's helper dict)."""
    x = c.get("_attr_x")
    if x is not None:
        return x
    x = {}
    x["object_verbs"] = frozenset(str(v) for v in a.get("object_verbs", []))
    nouns = trie_alt([str(w) for w in a.get("object_nouns", [])] or ["toll"])
    adj = trie_alt([str(w) for w in a.get("data_adjectives", [])] or ["latest"])
    # "gave a toll of", "gave a new death toll of", "gave figures": the object is a count
    x["object_re"] = re.compile(rf"(?i)\s+(?:(?:a|an|the|its|their)\s+)?(?:(?:{adj}|death|casualty)\s+)*(?:{nouns})\b")
    bodies = trie_alt([str(w) for w in a.get("body_nouns", [])] or ["ministry"])
    # "the eastern-based administration", "the health ministry": a body "its"/"their" can point at
    x["body_re"] = re.compile(rf"\b(?:the|a)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{bodies})\b")
    epi = trie_alt([str(w) for w in a.get("epithet_nouns", [])] or ["group"])
    # "The Iran-backed group", "the Islamist movement": a body named by a description, its name given nearby
    x["epithet_re"] = re.compile(rf"^(?:[Tt]he)\s+(?:[\w'’-]+\s+){{1,3}}?(?:{epi})$")
    x["name_re"] = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})")
    x["not_names"] = frozenset(str(w).lower() for w in a.get("epithet_not_names", []))
    x["outlets"] = frozenset(str(w).lower() for w in a.get("outlets", []))
    x["speaker_nouns"] = frozenset(str(w).lower() for w in a.get("speaker_nouns", []))
    x["orgs"] = frozenset(str(w).lower() for w in a.get("publisher_organisations", []))
    x["not_publishers"] = frozenset(str(w).lower() for w in a.get("not_publisher_names", []))
    ctx = trie_alt([str(w) for w in a.get("clause_verbs", [])] or ["said"])
    # "..., while Moscow has acknowledged only 498 deaths": a later clause with its own speaker
    x["clause_open"] = re.compile(r"(?:,\s*(?:while|whereas|but|and)|;\s*(?:while|whereas|but|and)?)\s+(?=\S)")
    x["clause_subject"] = re.compile(
        rf"(?P<who>(?:the\s+|The\s+)?[A-Za-z][\w.'’-]*(?:\s+(?:of|for|the|and|[A-Z][\w.'’-]*|[a-z][\w'’-]*)){{0,6}}?)"
        rf"\s+(?:(?:has|have|had|also|only|later|earlier|now|separately)\s+)*(?:{ctx})\b"
    )
    c["_attr_x"] = x
    return x


def _head(phrase: str) -> str:
    """The head noun of a lower-case name: the word before "of"/"in"/"for"..., else the last word."""
    words = re.sub(r"\s*\([^)]*\)", "", phrase).split()
    for k in range(1, len(words)):
        if words[k] in ("of", "in", "for", "at", "from", "on"):
            return words[k - 1]
    return words[-1] if words else ""


class AttributionMixin:
    """Speaker memory for one document (mixed into the engine's per-document state)."""

    c: dict[str, Any]
    text: str
    doc: Document
    lex: Lexicon
    fired: set[str]
    sents: list[tuple[int, int, int]]
    last_speaker: str | None
    names: list[str]
    _attr_upto: int
    _raw_cache: dict[str, tuple[str, str] | None]

    def _ax(self) -> dict[str, Any]:
        return _extras(self.c, self.lex.attribution)

    def _resolve(self, name: str) -> str:
        core = ARTICLE.sub("", name).strip()
        low = core.lower()
        if low in self.c["pronouns"] or name.lower() in self.c["pronouns"]:
            return self.last_speaker or name
        if len(core.split()) <= 2 and self.names:
            word: re.Pattern[str] | None = None
            for full in reversed(self.names):
                fl = full.lower()
                if len(fl) > len(low) and low in fl:
                    word = word or re.compile(rf"\b{re.escape(low)}\b")
                    if word.search(fl) and (core[:1].isupper() or _head(fl) == _head(low)):
                        # "the government" is not "the crisis committee of the caretaker government"
                        return full
        return name

    def _remember(self, name: str) -> None:
        caps = sum(1 for w in name.split() if w[:1].isupper())
        if caps >= 2 or len(name.split()) >= 2:
            self.names.append(name)
        self.last_speaker = name

    def _valid_source(self, s: str) -> bool:
        """A plausible name of who said something: short, no clause inside it."""
        words = s.split()
        if not words or len(words) > 12:
            return False
        low = s.lower()
        if low in self.c["pronouns"]:
            return True
        lows = [w.strip(",.'’").lower() for w in words]
        # an all-capitals word is a name, not a function word: "the WHO said"
        clause = any(
            w in self.c["not_subject"] and not o.strip(",.'’").isupper() for w, o in zip(lows, words, strict=True)
        )
        if clause or not lows[-1].replace(".", "").isalpha():
            return False
        if lows[0] in PREPOSITIONS:
            return False
        if any(w[:1].isupper() for w in words[1:]) or (words[0][:1].isupper() and lows[0] not in ("the", "a", "an")):
            return True
        if len(words) <= 6:
            return True
        # "the crisis committee of the caretaker government": a longer description headed by a source noun
        head = lows[lows.index("of") - 1] if "of" in lows[1:] else lows[-1]
        return len(words) <= 9 and head in self.c["generic"]

    def _relative_source(self, start: int, stop: int) -> str | None:
        """Who a figure's own words credit it to, before the sentence's speaker: a relative clause right after it
        ("the 500 a day aid agencies say are needed", "300 people the UN says were killed"), or a later clause
        with its own speaker ("X said ..., while Moscow has acknowledged only 498 deaths")."""
        return self._relative_clause_source(start, stop) or self._clause_source(start)

    def _clause_source(self, pos: int) -> str | None:
        """The speaker of a coordinated or contrasting clause ending at pos (a figure's end), if it has one."""
        if not getattr(self, "sents", None):
            return None
        i = bisect.bisect_right(self.sents, pos, key=lambda t: t[0]) - 1
        if i < 0:
            return None
        x = self._ax()
        s0 = self.sents[i][0]
        last = None
        for m in x["clause_open"].finditer(self.text, s0, pos):
            last = m
        if last is None:
            return None
        m = x["clause_subject"].match(self.text, last.end(), pos)
        if m is None or any(ch.isdigit() for ch in m.group("who")):
            return None
        who = BULLET.sub("", m.group("who")).strip()
        if who.lower() in self.c["pronouns"] or not self._valid_source(who):
            return None
        if not who[:1].isupper():
            # "..., while rescuers said 900 had died": a lower-case speaker must be a source noun
            last = who.split()[-1].lower()
            single = last[:-3] + "y" if last.endswith("ies") else last[:-1] if last.endswith("s") else last
            if not ({last, single} & (self.c["generic"] | self._ax()["speaker_nouns"])):
                return None
        return who

    def _relative_clause_source(self, start: int, stop: int) -> str | None:
        m = self.c["relative_src_re"].match(self.text, start, stop)
        if not m:
            return None
        words = m.group("pre").split()
        src: list[str] = []
        for w in reversed(words):
            low = w.lower()
            single = low[:-3] + "y" if low.endswith("ies") else low[:-1] if low.endswith("s") else low
            if low in ("the", "a", "an"):
                src.insert(0, w)
                break
            if (
                w[:1].isupper()
                or low in self.c["generic"]
                or single in self.c["generic"]
                or low in self.c["relative_words"]
                or single in self.c["relative_words"]
            ):
                src.insert(0, w)
                continue
            break
        core = [w for w in src if w.lower() not in ("the", "a", "an")]
        if not core or any(ch.isdigit() for w in core for ch in w):
            return None
        last = core[-1].lower()
        head = last[:-3] + "y" if last.endswith("ies") else last[:-1] if last.endswith("s") else last
        if not (core[-1][:1].isupper() or last in self.c["generic"] or head in self.c["generic"]):
            return None  # the phrase must end in a name or a source noun: "aid agencies", "the UN"
        name = " ".join(src)
        return name if self._valid_source(name) else None

    def _data_source(self, name: str) -> str | None:
        """ "UNHCR figures", "the latest UN data" -> the body named before the data noun, else None."""
        m = self.c["data_tail_re"].match(name.strip())
        if not m:
            return None
        who = self.c["data_adj_re"].sub("", m.group("who")).strip()
        return who if who and who[:1].isupper() else None

    def _raw_attribution(self, stext: str) -> tuple[str, str] | None:
        """(name as written, rule id) of who a sentence credits, without resolving short names or pronouns.

        Cached per sentence text: a document's sentences are read at most once however many figures need them."""
        cache = self._raw_cache
        if stext in cache:
            return cache[stext]
        hit = cache[stext] = self._raw_attribution_uncached(stext)
        return hit

    def _raw_attribution_uncached(self, stext: str) -> tuple[str, str] | None:
        c = self.c
        x = self._ax()
        stext = BULLET.sub("", stext)
        m = c["acc_re"].search(stext)
        if m:
            rest = stext[m.end() :]
            for pre in c["strip"]:
                if rest.lower().startswith(pre + " "):
                    rest = rest[len(pre) + 1 :]
                    break
            rest = INITIALISM.sub(lambda mm: mm.group(0).replace(".", "\x00"), rest[:300])
            cut = ACC_CUT.split(rest, maxsplit=1)[0]
            cut = cut.replace("\x00", ".")
            cut = " ".join(cut.split()[:10]).strip()
            data = self._data_source(cut)  # "according to UNHCR figures": UNHCR
            if data and self._valid_source(data):
                return data, "attribution.data"
            if cut and self._valid_source(cut):
                return cut, "attribution.according_to"
        fallback: tuple[str, str] | None = None
        for m in c["verb_re"].finditer(stext):
            verb = m.group(0)
            if verb in x["object_verbs"] and not x["object_re"].match(stext, m.end()):
                continue  # "gave a toll of 11,300" credits the giver; "gave birth", "gave 500 tents" do not
            if verb in NOUN_VERBS and NOUN_USE.match(stext, m.end()):
                continue  # "estimates of the death toll", "reports of shelling": a noun, not a saying verb
            raw_before = stext[: m.start()]
            before = ACRONYM.sub("", raw_before).rstrip()  # "The Norwegian Refugee Council (NRC) said"
            acr = ACRONYM_END.search(raw_before)
            tail_comma = before.rstrip("\"”’'").endswith(",")  # '"... a day," said a WFP official'
            before = before.rstrip(",").rstrip()
            prev_word = before.rsplit(None, 1)[-1].lower() if before else ""
            if prev_word in c["not_after"]:
                continue
            after = stext[m.end() :]
            mi = INVERTED_NAME.match(after)
            if (
                mi
                and tail_comma
                and m.group(0) in INVERTED_VERBS
                and mi.group(1).split()[0].lower() not in ("on", "in", "the", "that")
            ):
                name = mi.group(1).strip(". ")
                role = APPOS_ROLE.match(after, mi.end(1))
                if role is not None and self._valid_source(role.group(1)):
                    name = f"{name}, {role.group(1)}"  # "said Mariam Kone, a World Food Program official"
                return name, "attribution.said_inverted"
            md = INVERTED_DESC.match(after)
            if md and tail_comma and m.group(0) in INVERTED_VERBS and self._valid_source(md.group(1)):
                return md.group(1), "attribution.said_inverted"  # '"...," said a WFP official'
            seg = SEG_CUT.split(before)[-1]
            chunks = [x.strip() for x in DIGIT_SAFE_COMMA.split(seg)]  # "3,000" is one number, not two chunks
            last = chunks[-1] if chunks else ""
            if SUBORD_LEAD.match(last) and not any(ch.isdigit() for ch in after):
                continue  # "..., a day after the government in Port Sudan said it would reopen the crossing"
            agent = BY_AGENT.search(SEG_CUT.split(raw_before)[-1])
            if agent is not None:
                # "Mortality surveys carried out by MSF estimate": the body that made the count
                who = agent.group("who").strip()
                if self._valid_source(ACRONYM.sub("", who)):
                    return who, "attribution.said"
            own = REL_OWN_SUBJECT.match(last)
            if own is not None:
                last = last[own.end() :]  # "where UNHCR says": UNHCR
            lead = LEAD_CLAUSE.match(last)
            if lead is not None and not self._joined_names(last, lead):
                last = last[lead.end() :].strip()
            last = c["time_lead_re"].sub("", last)  # "On Monday the United Nations said"
            last = c["subject_cut_re"].sub("", last)  # "A source speaking to the news site said": a source
            for tail in c["subject_tail"]:
                if last.lower().endswith(" " + tail):
                    last = last[: -len(tail) - 1].rstrip()
                elif last.lower() == tail:
                    last = ""
            appositive = tail_comma and last[:1].islower() and last.split()[0].lower() not in ("the", "a", "an")
            if len(chunks) >= 2 and (not last or REL_START.match(last) or appositive):
                # "Turkey, which hosts 3.6 million refugees, has said", "The UN, which on Monday warned": the
                # subject stands before the relative or appositive clauses
                last = ""
                for ch in reversed(chunks[:-1]):
                    if ch[:1].isupper() and not REL_START.match(ch):
                        last = c["time_lead_re"].sub("", LEAD_CLAUSE.sub("", ch).strip())
                        break
            data_rule = False
            if verb in c["data_verbs"]:
                # "UNHCR figures show", "UN data show", "data from the border service show": only a body's numbers
                # showing something credit that body
                stripped = next((last[len(p) + 1 :] for p in c["strip"] if last.lower().startswith(p + " ")), None)
                last = stripped if stripped and stripped[:1].isalpha() else self._data_source(last) or ""
                data_rule = True
            elif verb in c["intent_verbs"] and (
                not (last[:1].isupper() or last.lower() in c["pronouns"]) or INTENT_NOT.match(stext, m.end())
            ):
                continue  # "The UN wants", "it aimed to" credit a speaker; "strikes aimed at" do not
            if (
                len(chunks) >= 2
                and ARTICLE_WORD.match(last)
                and any(w[:1].islower() for w in last.split()[1:])
                and chunks[-2][:1].isupper()
                and not TIME_LEAD.match(chunks[-2])
                and chunks[-2].lower() not in c["sentence_adverbs"]
                and chunks[-2].split()[0].lower() not in PREPOSITIONS  # "Inside Sudan, the IOM estimates"
                and len(chunks[-2].split()) <= 5
            ):
                last = f"{chunks[-2]}, {last}"
            if (
                last
                and not any(ch.isdigit() for ch in last)
                and self._valid_source(last)
                and not last.lower().startswith(("in ", "on ", "at ", "earlier", "later"))
            ):
                if acr is not None and chunks and chunks[-1].endswith(last) and not last.endswith(")"):
                    last = f"{last} {acr.group(1)}"  # "The U.N. human rights office (OHCHR)": the acronym too
                if data_rule:
                    # "Displacement figures show ..., the UN said": a speaker later in the sentence comes first
                    fallback = fallback or (last, "attribution.data")
                    continue
                if POSSESSIVE_LEAD.match(last):
                    last = self._possessive_owner(stext[: m.start()], last)
                return last, "attribution.pronoun" if last.lower() in c["pronouns"] else "attribution.said"
        return fallback

    def _joined_names(self, last: str, lead: re.Match[str]) -> bool:
        """ "The UN and partners aim": two bodies joined by "and" are one subject, not a clause and its subject."""
        head = last[: lead.end()].rstrip()
        if not head.endswith(" and"):
            return False
        first = head[:-4].strip()
        words = first.split()
        return (
            0 < len(words) <= 4
            and first[:1].isupper()
            and not any(ch.isdigit() for ch in first)
            and "," not in first
            and self._valid_source(first)
            and not any(w.lower() in self.c["not_subject"] for w in words)
        )

    def _possessive_owner(self, head: str, name: str) -> str:
        """ "Officials of the eastern-based administration ...: its health minister said" -> "health minister of the
        eastern-based administration": "its"/"their" point at the last body named before in the sentence."""
        x = self._ax()
        cands = list(x["body_re"].finditer(head[: max(0, len(head) - len(name))]))
        if not cands:
            return name
        body = cands[-1].group(0).strip()
        rest = POSSESSIVE_LEAD.sub("", name)
        return f"{rest} of {body}"

    def _attribution(self, stext: str) -> str | None:
        """Who a sentence credits, resolved against earlier sentences; updates the speaker memory."""
        hit = self._raw_attribution(stext)
        if hit is None:
            return None
        name, rid = hit
        self.fired.add(rid)
        name = self._resolve(name)
        if name.lower() in self.c["pronouns"]:
            return None  # "It said" with no one named before: crediting "It" would say nothing
        self._remember(name)
        return name

    def _needs_context(self, name: str) -> bool:
        core = ARTICLE.sub("", name).strip()
        if core.lower() in self.c["pronouns"] or name.lower() in self.c["pronouns"]:
            return True
        return len(core.split()) <= 2 and not core.replace(".", "").isupper()

    def _attribution_at(self, si: int) -> str | None:
        """Attribution of sentence si; earlier sentences are read only when a pronoun or short name needs them."""
        s, e, _ = self.sents[si]
        stext = self.text[s:e]
        hit = self._raw_attribution(stext)
        if hit is None:
            return self._unstated_source(si, stext)
        x = self._ax()
        low = hit[0].lower()
        if low == "we" or low.startswith("our "):
            # "our correspondent reported": the publisher's own voice
            pub = self._publisher_org()
            if pub:
                self.fired.add(hit[1])
                return pub
        if x["epithet_re"].match(hit[0]):
            named = self._epithet_name(si, s)
            if named:
                self.fired.add(hit[1])
                return f"{hit[0]} ({named})"
        if not self._needs_context(hit[0]):
            self.fired.add(hit[1])
            return hit[0]
        while self._attr_upto < si:
            s2, e2, _ = self.sents[self._attr_upto]
            self._attribution(self.text[s2:e2])
            self._attr_upto += 1
        name = self._attribution(stext)
        self._attr_upto = si + 1
        return name

    def _unstated_source(self, si: int, stext: str) -> str | None:
        """Who a sentence that names no source speaks for: a quote continued from (or credited in) the next
        sentence of its paragraph; the publisher's own voice ("Our teams have treated 850"); or, in a known
        organisation's own release, that organisation."""
        para = self.sents[si][2]
        if QUOTE_OPEN.match(stext):
            # '"... we need at least 100 trucks a day."' after '"...," said Mariam Kone, a WFP official.'
            for j in (si - 1, si + 1):
                if 0 <= j < len(self.sents) and self.sents[j][2] == para:
                    s2, e2, _ = self.sents[j]
                    other = self.text[s2:e2]
                    if any(q in other for q in '"“”') and self._raw_attribution(other) is not None:
                        return self._attribution_at(j) if j < si else self._raw_attribution(other)[0]  # type: ignore[index]
            return None
        outside = QUOTED.sub("", stext)
        if sum(outside.count(q) for q in '"“”') == 0 and FIRST_PERSON.search(outside):
            pub = self._publisher_org()
            if pub:
                return pub
        pub = self._publisher_org()
        if pub and pub.lower() in self._ax()["orgs"]:
            return pub
        return None

    def _publisher_org(self) -> str | None:
        """The organisation a document's publisher names ("UNHCR briefing notes" -> UNHCR), if it names one."""
        doc = getattr(self, "doc", None)
        publisher = getattr(doc, "publisher", None) if doc is not None else None
        if not publisher:
            return None
        m = PUBLISHER_NAME.match(str(publisher))
        if m is None:
            return None
        name = m.group(1).strip(" -")
        x = self._ax()
        low = name.lower()
        if low in x["not_publishers"]:
            return None
        acronym = name.replace(".", "").replace("&", "").isupper() and len(name) >= 2
        if acronym or len(name.split()) >= 2 or low in x["outlets"] or low in x["orgs"]:
            return name
        return None

    def _epithet_name(self, si: int, s: int) -> str | None:
        """The proper name nearest before a descriptive subject ("The Iran-backed group" after "... Hezbollah
        fighters ..."), in its sentence or the two before; none when the text gives none."""
        x = self._ax()
        skip = x["not_names"] | x["outlets"] | self.c["months_days"]
        for j in range(si, max(-1, si - 3), -1):
            s2, e2, _ = self.sents[j]
            text = self.text[s2 : (s if j == si else e2)]
            names = [
                m
                for m in re.finditer(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}", text)
                if m.start() > 2
                and m.group(0).lower() not in skip
                and m.group(0) not in self.c["countries"]
                and not m.group(0).endswith(("'s", "’s"))
            ]
            if names:
                return names[-1].group(0)
        return None

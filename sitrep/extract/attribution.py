"""Who a sentence credits: "according to X", "X said", "said X", "X told Reuters"; short names and pronouns
resolve to the full name used earlier. The originator is kept, not the outlet that printed the article.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from sitrep.extract.lexicon import Lexicon
from sitrep.extract.numbers import config_alt, trie_alt
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
# ("said Dr Ruth Mbala, MSF medical coordinator in North Kivu": a role led by its organisation's acronym)
APPOS_ROLE = re.compile(
    r",\s+((?:a|an|the)\s+(?:[\w.'’&-]+\s+){0,5}?[\w'’-]+|[A-Z]{2,}[\w.&-]*\s+(?:[a-z][\w'’-]*\s+){0,3}?[a-z][\w'’-]+)"
    r"(?=\s*(?:[,.;:]|$|\s+(?:in|at|on|who)\b))"
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
# "The Norwegian Refugee Council (NRC) said", "The UN Office ... (OHCHR) has separately verified"
ACRONYM_END = re.compile(r"\s*(\([A-Z][\w.&-]{0,12}\))\s*,?\s*(?:[a-z]+\s+){0,3}$")
QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
QUOTE_OPEN = re.compile(r"^\W{0,3}[“\"‘]")
FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b")
PUBLISHER_NAME = re.compile(r"^\s*((?:[A-Z][\w&.'’]*)(?:[\s-]+(?:[A-Z][\w&.'’]*))*)")
# "Gegham Stepanyan", "Ashraf al-Qudra": a person's name (capitalised words, lower-case particles joined by a hyphen)
PERSON_NAME = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|[a-z]{1,3}-[A-Z][\w'’-]*|de|da|van|von|bin|ibn))*")
# "information gathered by the office", "joint border monitoring by IOM and UNHCR": a description of how a count was
# made, credited to the body after "by"
DESC_BY = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:[a-z][\w-]*\s+){1,5}?by\s+(?P<who>(?:the\s+)?[A-Za-z][\w.'’&-]*(?:\s+[\w.'’&()-]+){0,9})$"
)
# "residents interviewed by MSF", "witnesses quoted by Reuters": people asked by a body (a participle before "by")
WITNESS_BY = re.compile(r"^(?P<who>(?:(?:a|an|the|some|several|local)\s+)?[a-z][\w-]*)\s+[a-z]+ed\s+by\s")
# "the highest monthly figure ever recorded by Panama's National Migration Service (SNM)", "Rohingya registered with
# UNHCR": a passive saying verb credits its agent, never the subject before it
PASSIVE_AGENT = re.compile(
    r"\s+(?P<prep>by|with)\s+(?P<who>(?:the\s+)?[A-Z][\w.'’&-]*(?:['’]s)?(?:\s+(?:of|for|the|and|on|[A-Z][\w.'’&-]*))*"
    r"(?:\s*\([A-Z][\w.&-]{0,12}\))?)"
)
# "The Somali Disaster Management Agency on Wednesday said": a time after the subject is no part of its name
TIME_TAIL = re.compile(r"\s+(?:(?:late|early|earlier|later)\s+)?(?:on|last|this)\s+(?P<w>\w+)(?:\s+\d{1,2})?$")
# ", when it counted", ", and they said": a pronoun opening a later clause of the sentence
SUBORD_PRONOUN = re.compile(
    r"(?i)^(?:when|where|after|as|because|while|and|but|so|though|although|until|once|before)\s+(?:it|they)$"
)
DETERMINERS = frozenset(("the", "a", "an", "its", "their", "this", "that", "these", "those", "some", "many"))
# "... and said", "... but added": a verb coordinated with an earlier one shares its subject
COORD_END = re.compile(r"(?:^|\s)(?:and|but|or|then)$")
# "..., the regional administration said.": a speaker at the end of a sentence
TRAILING_SAID = re.compile(
    r",\s+(?P<who>[^,;:\"“”]{2,80}?)\s+(?:(?:has|have|had|also)\s+)?(?:said|says|reported|reports|told|added|stated|"
    r"confirmed|announced)\b(?P<tail>[^,;:]{0,40})(?:[.!?\"”’]*\s*$|,)"
)
# "according to the provincial governor, Jean Bisimwa, who": the name set after the role
ACC_APPOS_NAME = re.compile(
    r",\s+([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|[a-z]{1,3}-[A-Z][\w'’-]*|de|da|van|von|bin|ibn)){1,3})(?=\s*(?:[,.;]|$))"
)
# "according to the provincial governor, Jean Bisimwa, who": the name set after the role
ACC_APPOS_NAME = re.compile(
    r",\s+([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|[a-z]{1,3}-[A-Z][\w'’-]*|de|da|van|von|bin|ibn)){1,3})(?=\s*(?:[,.;]|$))"
)
# "a community leader who asked for his name to be withheld": a lower-case relative clause after the speaker
REL_WHO_TAIL = re.compile(r"(?<=\S)\s+(?:who|whose|whom)\s+(?!(?:is|are|was|were)\b)[^,;:]*$")
# "its health minister": the body "its" refers to, named earlier in the sentence
POSSESSIVE_LEAD = re.compile(r"^(?:[Ii]ts|[Tt]heir)\s+")


def _extras(c: dict[str, Any], a: dict[str, Any]) -> dict[str, Any]:
    """Attribution helpers compiled once per lexicon (kept in the engine's helper dict)."""
    x = c.get("_attr_x")
    if x is not None:
        return x
    x = {}
    x["object_verbs"] = frozenset(str(v) for v in a.get("object_verbs", []))
    nouns = config_alt(a, "object_nouns", "toll")
    adj = config_alt(a, "data_adjectives", "latest")
    # "gave a toll of", "gave a new death toll of", "gave figures": the object is a count
    x["object_re"] = re.compile(rf"(?i)\s+(?:(?:a|an|the|its|their)\s+)?(?:(?:{adj}|death|casualty)\s+)*(?:{nouns})\b")
    bodies = config_alt(a, "body_nouns", "ministry")
    # "the eastern-based administration", "the health ministry": a body "its"/"their" can point at
    x["body_re"] = re.compile(rf"\b(?:the|a)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{bodies})\b")
    epi = config_alt(a, "epithet_nouns", "group")
    # "The Iran-backed group", "the Islamist movement": a body named by a description, its name given nearby
    x["epithet_re"] = re.compile(rf"^(?:[Tt]he)\s+(?:[\w'’-]+\s+){{1,3}}?(?:{epi})$")
    x["name_re"] = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})")
    x["not_names"] = frozenset(str(w).lower() for w in a.get("epithet_not_names", []))
    x["outlets"] = frozenset(str(w).lower() for w in a.get("outlets", []))
    x["speaker_nouns"] = frozenset(str(w).lower() for w in a.get("speaker_nouns", []))
    x["weak_verbs"] = frozenset(str(w) for w in a.get("count_verbs", []))
    actor = config_alt(a, "actor_verbs", "dispatched")
    # "WFP dispatched two convoys", "MSF has sent 14 trucks": an organisation opening a sentence with its own work
    x["actor_re"] = re.compile(
        rf"^\W*(?:(?:On|In|By|Since|Between|During|Last|This)\b[^,]{{0,40}},\s+)?"
        rf"(?P<who>(?:[Tt]he\s+)?[A-Z][\w.'’&-]*(?:\s+(?:of|for|the|and|[A-Z][\w.'’&-]*))*(?:\s*\([A-Z][\w.&-]{{0,12}}\))?)"
        rf"\s+(?:(?:has|have|had|also|so\s+far|now)\s+)*(?:{actor})\b"
    )
    x["any_body"] = frozenset(str(w).lower() for w in a.get("any_body_nouns", []))
    x["org_words"] = frozenset(str(w).lower() for w in a.get("organisation_words", []))
    un = r"(?:the\s+)?(?:UN|U\.N\.|United\s+Nations)(?:['’]s)?\s+"
    x["canonical"] = [
        (re.compile(rf"(?i)^{un}(?:{trie_alt([str(d) for d in descs])})$"), str(canon))
        for canon, descs in (a.get("agency_descriptions") or {}).items()
        if descs
    ]
    pw = config_alt(a, "paren_source_words", "estimate")
    # "(UNICEF estimate)", "(DTM Round 20, December 2023)", "(source: OCHA)": an acronym and a data word in brackets
    x["paren_re"] = re.compile(
        rf"\((?:[Ss]ource:\s*(?P<who2>[A-Z][\w&.-]+)|(?P<who>[A-Z][A-Z0-9&.-]*[A-Z0-9])\s+(?i:{pw})\b)[^()]{{0,40}}\)"
    )
    x["register_verbs"] = frozenset(str(w) for w in a.get("register_verbs", []))
    x["orgs"] = frozenset(str(w).lower() for w in a.get("publisher_organisations", []))
    x["not_publishers"] = frozenset(str(w).lower() for w in a.get("not_publisher_names", []))
    ctx = config_alt(a, "clause_verbs", "said")
    # "..., while Moscow has acknowledged only 498 deaths": a later clause with its own speaker
    x["clause_open"] = re.compile(r"(?:,\s*(?:while|whereas|but|and)|;\s*(?:while|whereas|but|and)?)\s+(?=\S)")
    x["clause_subject"] = re.compile(
        rf"(?P<who>(?:the\s+|The\s+)?[A-Za-z][\w.'’-]*(?:\s+(?:of|for|the|and|[A-Z][\w.'’-]*|[a-z][\w'’-]*)){{0,6}}?)"
        # "while JNIM, in a statement, claimed": a short aside between the subject and its verb
        rf"(?:,\s+(?:in|on|at|via|citing|through)\s+[^,;]{{1,40}},)?"
        rf"\s+(?:(?:has|have|had|also|only|later|earlier|now|separately)\s+)*(?:{ctx})\b"
    )
    ctxv = config_alt(a, "clause_verbs", "said")
    x["which_verb"] = re.compile(
        rf",\s*which\s+(?:(?:has|have|had|also|so\s+far|now|already|only|since|itself)\s+)*(?:{ctxv})\b[^,;:()]{{0,40}}$"
    )
    who_re = (
        r"(?P<who>(?:the\s+|The\s+)?(?:[A-Z][\w.'’&-]*(?:['’]s)?|[a-z][\w-]*)"
        r"(?:\s+(?:of|for|the|and|on|[A-Z][\w.'’&-]*(?:['’]s)?|[a-z][\w-]*)){0,6}(?:\s*\([A-Z][\w.&-]{0,12}\))?)$"
    )
    x["which_agent"] = re.compile(r"\b(?:by|from|with)\s+" + who_re)
    x["which_antecedent"] = re.compile(
        r"(?:^|\b(?:by|from|to|with|of)\s+|,\s+)(?P<who>(?:the\s+|The\s+)?(?:[A-Z][\w.'’&-]*(?:['’]s)?|[a-z][\w-]*)"
        r"(?:\s+(?:of|for|the|and|on|[A-Z][\w.'’&-]*(?:['’]s)?|[a-z][\w-]*)){0,6}(?:\s*\([A-Z][\w.&-]{0,12}\))?)$"
    )
    cont = config_alt(a, "continuation_openers", "Of those")
    # "Of those, about 71,000 are staying in shelters": a sentence going on about the figure of the one before
    x["continuation_re"] = re.compile(rf"^\W*(?:{cont})\b")
    c["_attr_x"] = x
    return x


def _head(phrase: str) -> str:
    """The head noun of a lower-case name: the word before "of"/"in"/"for"..., else the last word."""
    words = re.sub(r"\s*\([^)]*\)", "", phrase).split()
    for k in range(1, len(words)):
        if words[k] in ("of", "in", "for", "at", "from", "on"):
            return words[k - 1]
    return words[-1] if words else ""


# a live blog's entry heading: "18:20 GMT – UNHCR: Lebanese now a third of those crossing"
LIVE_ENTRY = re.compile(
    r"\s*\d{1,2}[:.]\d{2}\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|ET|[AaPp]\.?[Mm]\.?)?\s*[–—-]\s*"
    r"(?:(?P<who>[A-Z][\w.'’&-]*(?:\s+[\w.'’&-]+){0,3}):\s)?"
)
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our"})


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
            found: tuple[int, str] | None = None
            for k in range(len(self.names) - 1, -1, -1):
                full = self.names[k]
                fl = full.lower()
                if len(fl) > len(low) and low in fl:
                    word = word or re.compile(rf"\b{re.escape(low)}\b")
                    if word.search(fl) and (core[:1].isupper() or _head(fl) == _head(low)):
                        # "the government" is not "the crisis committee of the caretaker government"
                        found = (k, full)
                        break
            last = self.last_speaker
            if (
                low.split()[-1] in self._ax()["any_body"]
                and last
                and last != name
                and self._is_org(last)
                and (found is None or found[0] < len(self.names) - 2)
            ):
                # "..., according to UNHCR. ... About 4,500 arrived in October alone, the agency said": a noun any
                # organisation goes by is the organisation that spoke last, unless one so named spoke just before
                return last
            if found is None and not core[:1].isupper():
                # "the group said" after "The Geneva-based group Insecurity Insight says ...": a
                # description word set before a recent speaker's proper name
                rx = re.compile(rf"\b{re.escape(low)}\s+[A-Z]")
                found = next(((k, n) for k, n in list(enumerate(self.names))[-3:][::-1] if rx.search(n)), None)
            if found is not None:
                return found[1]
        return name

    def _is_org(self, name: str) -> bool:
        """Whether a remembered speaker is an organisation (an acronym or an organisation word in its name), not a
        person or a description ("Anna Kessler", "local officials")."""
        words = re.sub(r"[(),]", " ", name).split()
        if any(len(w.replace(".", "")) >= 2 and w.replace(".", "").isupper() for w in words):
            return True
        org = self._ax()["org_words"]
        return any(w[:1].isupper() and w.lower() in org for w in words)

    def _remember(self, name: str) -> None:
        caps = sum(1 for w in name.split() if w[:1].isupper())
        if caps >= 2 or len(name.split()) >= 2 or (len(name) >= 2 and name.replace(".", "").isupper()):
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
        if clause or not re.sub(r"[.'’-]", "", lows[-1]).isalpha():  # "al-Qudra", "O'Brien", "U.N."
            return False
        if lows[0] in PREPOSITIONS:
            return False
        if any(
            w.endswith("ed") and o.islower() and nxt in DETERMINERS
            for w, o, nxt in zip(lows[2:], words[2:], [*lows[3:], ""], strict=False)
        ):
            return False  # "The army named the four (, and said ...)": a clause with its own verb, not a name
        if any(w[:1].isupper() for w in words[1:]) or (words[0][:1].isupper() and lows[0] not in ("the", "a", "an")):
            return True
        if len(words) <= 6:
            return True
        # "the crisis committee of the caretaker government": a longer description headed by a source noun
        head = lows[lows.index("of") - 1] if "of" in lows[1:] else lows[-1]
        return len(words) <= 9 and head in self.c["generic"]

    def _relative_source(self, start: int, stop: int) -> str | None:
        """Who a figure's own words credit it to, before the sentence's speaker: a relative clause right after it
        ("the 500 a day aid agencies say are needed", "300 people the UN says were killed"), a body in brackets
        ("(UNICEF estimate)"), or a later clause with its own speaker ("X said ..., while Moscow has acknowledged
        only 498 deaths")."""
        who = (
            self._relative_clause_source(start, stop)
            or self._paren_source(start, stop)
            or self._which_source(start)
            or self._clause_source(start)
        )
        return self._canonical(who) if who else None

    def _which_source(self, pos: int) -> str | None:
        """ "..., a figure later revised by the Health Ministry, which has so far confirmed 41 deaths": a
        figure right after a relative clause's saying verb is credited to the body the clause hangs on."""
        if not getattr(self, "sents", None):
            return None
        i = bisect.bisect_right(self.sents, pos, key=lambda t: t[0]) - 1
        if i < 0:
            return None
        s0 = self.sents[i][0]
        x = self._ax()
        m = x["which_verb"].search(self.text, max(s0, pos - 120), pos)
        if m is None:
            return None
        lo = max(s0, m.start() - 120)
        # "a toll disputed by the Health Ministry, which ...": the body after "by" before any longer phrase
        ante = x["which_agent"].search(self.text, lo, m.start()) or x["which_antecedent"].search(
            self.text, lo, m.start()
        )
        if ante is None:
            return None
        who = BULLET.sub("", ante.group("who")).strip()
        last = ARTICLE.sub("", who).split()[-1].lower() if who.split() else ""
        single = last[:-3] + "y" if last.endswith("ies") else last[:-1] if last.endswith("s") else last
        named = any(w[:1].isupper() for w in ARTICLE.sub("", who).split())
        if not (named or {last, single} & self.c["generic"]) or who in self.c["countries"]:
            return None  # "Chad, which has received ...": a place, not a source
        return who if self._valid_source(ACRONYM.sub("", who)) else None

    def _canonical(self, name: str) -> str:
        """ "the U.N. migration agency" -> "the U.N. migration agency (IOM)": a UN agency described rather than named
        is given its acronym (agency_descriptions); any other name is kept as written."""
        core = name.strip().replace("’", "'")
        for rx, acronym in self._ax()["canonical"]:
            if rx.match(core):
                return f"{name.strip()} ({acronym})"
        return name

    def _paren_source(self, start: int, stop: int) -> str | None:
        """ "around 7,000 of them children (UNICEF estimate)", "582,000 IDPs (DTM Round 20, December 2023)": a body
        named in brackets with a data word after a figure, before any other number, credits that figure."""
        m = self._ax()["paren_re"].search(self.text, start, stop)
        if m is None or any(ch.isdigit() for ch in self.text[start : m.start()]):
            return None
        who = m.group("who") or m.group("who2")
        if who in self.c["countries"]:
            return None  # "(DRC)": a place, not a body
        return who

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
        if not who[:1].isupper() and not any(w[:1].isupper() for w in who.split()[1:]):
            # "..., while rescuers said 900 had died": a lower-case speaker must be a source noun (or hold a name:
            # "while local authorities and the Libyan Red Crescent have put the figure at 11,000")
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
            cut = self._acc_cut(rest)
            nm = ACC_APPOS_NAME.match(rest, len(cut))
            name = nm.group(1).rstrip(".") if nm is not None else ""
            if nm is not None and self._role_before_name(cut, name):
                cut = f"{cut}, {name}"  # "according to the provincial governor, Jean Bisimwa,"
            cut = cut.replace("\x00", ".")
            cut = " ".join(cut.split()[:12]).strip()
            agent = DESC_BY.match(cut)
            seen = WITNESS_BY.match(cut)
            if agent is not None and seen is not None and seen.group("who").split()[-1].lower() in x["speaker_nouns"]:
                # "according to residents interviewed by MSF": the residents say it; MSF only asked them
                return seen.group("who"), "attribution.according_to"
            if agent is not None and self._valid_source(ACRONYM.sub("", agent.group("who"))):
                # "according to information gathered by the office", "joint border monitoring by IOM and UNHCR"
                return agent.group("who"), "attribution.according_to"
            data = self._data_source(cut)  # "according to UNHCR figures": UNHCR
            if data and self._valid_source(data):
                return data, "attribution.data"
            if cut and self._valid_source(ACRONYM.sub("", cut)):
                return cut, "attribution.according_to"
        fallback: tuple[str, str] | None = None
        for m in c["verb_re"].finditer(stext):
            verb = m.group(0)
            if verb in x["object_verbs"] and not x["object_re"].match(stext, m.end()):
                continue  # "gave a toll of 11,300" credits the giver; "gave birth", "gave 500 tents" do not
            if verb in NOUN_VERBS and NOUN_USE.match(stext, m.end()):
                continue  # "estimates of the death toll", "reports of shelling": a noun, not a saying verb
            pa = PASSIVE_AGENT.match(stext, m.end())
            if pa is not None and (pa.group("prep") == "by" or verb in x["register_verbs"]):
                who = TIME_TAIL.sub("", pa.group("who").strip())
                if self._valid_source(ACRONYM.sub("", who)):
                    # "the highest figure ever recorded by Panama's National Migration Service (SNM)"
                    return who, "attribution.said"
                continue
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
            if COORD_END.search(last):
                # "the government called the attack 'cowardly' and said": the subject of the first verb; a figure
                # in the first clause ("Turkey has taken in 3.6 million refugees and said ...") is not what was said
                coord = (
                    None if any(ch.isdigit() for ch in before) else self._coordinated_subject(SEG_CUT.sub(" ", before))
                )
                last = coord or ""
            # "A security source who spoke on condition of anonymity because he was not authorized ... said"
            last = c["subject_cut_re"].sub("", last)
            # "a community leader who asked for his name to be withheld said": the relative clause describes him
            last = REL_WHO_TAIL.sub("", last) if REL_WHO_TAIL.search(last, 1) else last
            lead = LEAD_CLAUSE.match(last)
            if lead is not None and not self._joined_names(last, lead):
                last = last[lead.end() :].strip()
            last = c["time_lead_re"].sub("", last)  # "On Monday the United Nations said"
            last = c["subject_cut_re"].sub("", last)  # "A source speaking to the news site said": a source
            tt = TIME_TAIL.search(last)
            if tt is not None and tt.group("w").lower() in c["months_days"] | {"today", "yesterday"}:
                last = last[: tt.start()]  # "The Somali Disaster Management Agency on Wednesday said"
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
            elif tail_comma and len(chunks) >= 2 and self._role_before_name(chunks[-2], last):
                # "Karabakh's human rights ombudsman, Gegham Stepanyan, said": the office is kept with the name
                last = f"{chunks[-2]}, {last}"
            if (
                last
                and not any(ch.isdigit() for ch in last)
                and self._valid_source(last)
                and not last.lower().startswith(("in ", "on ", "at ", "earlier", "later"))
            ):
                if acr is not None and chunks and last in chunks[-1] and not last.endswith(")"):
                    last = f"{last} {acr.group(1)}"  # "The U.N. human rights office (OHCHR)": the acronym too
                if data_rule:
                    # "Displacement figures show ..., the UN said": a speaker later in the sentence comes first
                    fallback = fallback or (last, "attribution.data")
                    continue
                if verb in x["weak_verbs"]:
                    # "A transit center in Kharkiv has registered 6,000 evacuees since May 10, the regional
                    # administration said": the speaker at the end of the sentence is who gives the count
                    tr = TRAILING_SAID.search(stext, m.end())
                    if tr is not None:
                        who = c["time_lead_re"].sub("", tr.group("who").strip())
                        if self._valid_source(who) and not any(ch.isdigit() for ch in who):
                            return who, "attribution.said"
                if POSSESSIVE_LEAD.match(last):
                    last = self._possessive_owner(stext[: m.start()], last)
                if last.lower() in ("it", "they") and len(chunks) >= 2 and SUBORD_PRONOUN.match(chunks[-1]):
                    # "The government stopped publishing figures after March 2023, when it counted 2,062,534": the
                    # pronoun of a later clause is the sentence's subject
                    main = self._coordinated_subject(", ".join(chunks[:-1]))
                    if main:
                        last = main
                return last, "attribution.pronoun" if last.lower() in c["pronouns"] else "attribution.said"
        if fallback is None:
            am = x["actor_re"].match(stext)
            if am is not None:
                who = c["time_lead_re"].sub("", am.group("who").strip())
                if self._is_org(who) and self._valid_source(ACRONYM.sub("", who)):
                    # "WFP dispatched two convoys comprising 14 trucks": an organisation reporting its own work
                    return who, "attribution.actor"
        return fallback

    def _coordinated_subject(self, before: str) -> str | None:
        """The subject of the clause a coordinated verb continues: past a leading adverbial ("In a statement read on
        state television Monday,"), the words up to the first verb, ending in a name or a source noun."""
        text = COORD_END.sub("", before.rstrip()).rstrip()
        chunks = [ch.strip() for ch in DIGIT_SAFE_COMMA.split(text) if ch.strip()]
        for ch in chunks:
            words = ch.split()
            if not words or words[0].lower() in PREPOSITIONS or TIME_LEAD.match(ch) or REL_START.match(ch):
                continue
            best = None
            for k in range(1, min(len(words), 7)):
                w = words[k - 1].strip("'’")
                nxt = words[k]
                single = w.lower()[:-1] if w.lower().endswith("s") else w.lower()
                if w.lower() in DETERMINERS:
                    continue
                if (
                    nxt[:1].islower()
                    and nxt.lower() not in ("of", "for", "and")
                    and (w[:1].isupper() or {w.lower(), single} & (self.c["generic"] | self._ax()["speaker_nouns"]))
                ):
                    best = " ".join(words[:k])
                    break
            return best if best and self._valid_source(best) else None
        return None

    def _role_before_name(self, role: str, name: str) -> bool:
        """Whether "role, name" is one speaker: a short description ending in a lower-case noun ("the ministry's
        spokesman", "Karabakh's human rights ombudsman") set before a person's name ("Gegham Stepanyan")."""
        words = name.split()
        if not (1 <= len(words) <= 4) or not PERSON_NAME.fullmatch(name):
            return False
        r = role.strip()
        rw = r.split()
        if not (1 <= len(rw) <= 6) or not rw[-1].isalpha() or not rw[-1].islower():
            return False
        low0 = rw[0].lower()
        return not (
            low0 in PREPOSITIONS
            or low0 in self.c["sentence_adverbs"]
            or TIME_LEAD.match(r)
            or self.c["time_lead_re"].match(r + " ")
            or any(w.lower() in self.c["not_subject"] for w in rw)
            or any(ch.isdigit() for ch in r)
        )

    @staticmethod
    def _acc_cut(rest: str) -> str:
        """The source phrase after "according to": up to the first clause break, keeping an acronym in brackets
        ("the Inter-Agency Coordination Platform (R4V)") and a second name joined by "and" ("IOM and UNHCR")."""
        pos = 0
        while True:
            m = ACC_CUT.search(rest, pos)
            if m is None:
                return rest
            head = rest[: m.start()]
            ac = ACRONYM.match(rest, m.start())
            if ac is not None and head and ac.group(0).strip().startswith("("):
                pos = ac.end()  # "(R4V)": the acronym of the name just read
                head = rest[:pos]
                nxt = ACC_CUT.search(rest, pos)
                if nxt is None or nxt.start() > pos:
                    return head
                continue
            if m.group(0).strip() == "and" and head.split()[-1:] and head.split()[-1][:1].isupper():
                after = rest[m.end() :].split()
                if after and (after[0][:1].isupper() or (after[0] == "the" and after[1:2] and after[1][:1].isupper())):
                    pos = m.end()  # "IOM and UNHCR", "local authorities and the Libyan Red Crescent"
                    continue
            return head

    def _joined_names(self, last: str, lead: re.Match[str]) -> bool:
        """ "The UN and partners aim": two bodies joined by "and" are one subject, not a clause and its subject."""
        head = last[: lead.end()].rstrip()
        if not head.endswith(" and"):
            return False
        first = head[:-4].strip()
        words = first.split()
        rest = last[lead.end() :].split()
        core = words[1:] if words and words[0].lower() == "the" else words
        if (
            rest
            and rest[0][:1].isupper()
            and 2 <= len(core) <= 8
            and core[0][:1].isupper()
            and core[-1][:1].isupper()
            and all(w[:1].isupper() or w in ("the", "of", "for", "on", "and") for w in core)
        ):
            return True  # "the National Disaster Risk Reduction and Management Council": one name
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
        entry = LIVE_ENTRY.match(stext)
        if entry is not None:
            # "18:20 GMT – UNHCR: Lebanese now a third of arrivals": a live blog's new entry; "she said" in it is
            # not the previous entry's speaker (a heading "Body: claim" names the entry's speaker)
            who = entry.group("who")
            self.last_speaker = who.strip() if who and self._is_org(who.strip()) else None
            return None
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
        """Attribution of sentence si (a described UN agency under its name); see _attribution_in."""
        who = self._attribution_in(si)
        return self._canonical(who) if who else None

    def _attribution_in(self, si: int) -> str | None:
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
                        # ('"We have buried 14 people." ... he said.': "he" is the speaker named before the quote)
                        return self._attribution_at(j)
            return None
        outside = QUOTED.sub("", stext)
        if sum(outside.count(q) for q in '"“”') == 0 and FIRST_PERSON.search(outside):
            pub = self._publisher_org()
            if pub:
                return pub
        carried = self._carried_source(si, para) or self._forward_source(si, para)
        if carried:
            return carried
        pub = self._publisher_org()
        if pub and pub.lower() in self._ax()["orgs"]:
            return pub
        return None

    def _carried_source(self, si: int, para: int) -> str | None:
        """ "Between 18 March and 2 July, 6,454 Palestinians were killed." after "..., according to the Ministry of
        Health": a sentence naming no source goes on with the source of the sentence before it in its paragraph
        (up to carry_sentences back). The engine notes the carry as a warning (attribution_notes)."""
        limit = int(self.lex.attribution.get("carry_sentences", 2))
        j = si - 1
        while j >= 0 and si - j <= limit and self.sents[j][2] == para:
            s2, e2, _ = self.sents[j]
            hit = self._raw_attribution(self.text[s2:e2])
            if hit is not None:
                if not self._credits_a_figure(self.text[s2:e2], hit):
                    return None  # "Turkey, which hosts 3.6 million refugees, has said it will not open its border"
                who = self._attribution_in(j)
                if who:
                    self.attribution_notes[si] = "source taken from an earlier sentence of the paragraph"
                return who
            j -= 1
        return None

    def _forward_source(self, si: int, para: int) -> str | None:
        """ "More than 120,000 people have fled their homes. Of those, about 30,000 are sheltering in schools,
        according to the agency.": a sentence naming no source takes the source of the next sentence of its paragraph
        when that one goes on about its figure ("Of those", "Among them")."""
        j = si + 1
        if j >= len(self.sents) or self.sents[j][2] != para:
            return None
        s2, e2, _ = self.sents[j]
        nxt = BULLET.sub("", self.text[s2:e2])
        if not self._ax()["continuation_re"].match(nxt):
            return None
        if self._raw_attribution(nxt) is None or not self.lex.numbers.scan(nxt):
            return None
        who = self._attribution_at(j)
        if who:
            self.attribution_notes[si] = "source taken from the next sentence, which goes on about the same figure"
        return who

    def _credits_a_figure(self, stext: str, hit: tuple[str, str]) -> bool:
        """Whether a sentence's source speaks for a figure of it: any figure after "according to" (or before an
        inverted "said X"), else a figure after the saying verb that follows the source's name."""
        nums = self.lex.numbers.scan(stext)
        if not nums:
            return False
        name, rule = hit
        if rule in ("attribution.according_to", "attribution.data"):
            return True
        at = stext.find(name)
        if at < 0:
            return True  # a name rebuilt from parts ("ROLE, NAME"): no position to test
        if rule == "attribution.said_inverted":
            return any(n.end <= at for n in nums)
        vm = self.c["verb_re"].search(stext, at + len(name))
        return vm is not None and any(n.start >= vm.end() for n in nums)

    @property
    def attribution_notes(self) -> dict[int, str]:
        """Sentence index -> how its source was found when the sentence names none (for the engine's warnings)."""
        notes: dict[int, str] | None = self.__dict__.get("_attribution_notes")
        if notes is None:
            notes = self.__dict__["_attribution_notes"] = {}
        return notes

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

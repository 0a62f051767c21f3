"""Who a sentence credits: "according to X", "X said", "said X", "X told Reuters"; short names and pronouns
resolve to the full name used earlier. The originator is kept, not the outlet that printed the article.
"""

from __future__ import annotations

import re
from typing import Any

INITIALISM = re.compile(r"\b(?:[A-Z]\.){2,}")
ARTICLE = re.compile(r"(?i)^(?:the|a|an)\s+")
ARTICLE_WORD = re.compile(r"(?:a|an|the)\s+\w")
ACC_CUT = re.compile(r"[,.;:()\"“”\[\]]|\s+(?:and|that|which|who|but|as|while|on|in\s+a|when|after|based)\s+")
ACRONYM = re.compile(r"\s*\([A-Z][\w.&-]{0,12}\)")
INVERTED_NAME = re.compile(r"\s+(?:the\s+)?((?:[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|of|for|the|al-\w+))*)")
SEG_CUT = re.compile(r"[;:“”\"]|\s[-—–]\s")
LEAD_CLAUSE = re.compile(r"(?i)^.*\b(?:that|and|but|while|as|because|when)\s+")
TIME_LEAD = re.compile(r"(?i)(?:on|in|at|earlier|later|meanwhile|since|after|before|during|by)\b")
DIGIT_SAFE_COMMA = re.compile(r",(?!\d{3}\b)")
INTENT_NOT = re.compile(r"\s+(?:at|by|for|against|on|in)\b")
REL_START = re.compile(r"^(?:[Ww]hich|[Ww]ho|[Ww]hose|[Ww]hom|[Ww]here)\b")  # not "WHO" (the agency)
INVERTED_VERBS = frozenset({"said", "says", "added", "reported", "wrote", "noted", "stated", "explained", "warned"})


class AttributionMixin:
    """Speaker memory for one document (mixed into the engine's per-document state)."""

    c: dict[str, Any]
    text: str
    fired: set[str]
    sents: list[tuple[int, int, int]]
    last_speaker: str | None
    names: list[str]
    _attr_upto: int
    _raw_cache: dict[str, tuple[str, str] | None]

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
                    if word.search(fl):
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
        if lows[0] in ("in", "on", "at", "by", "for", "with", "from", "to", "after", "before", "since", "during"):
            return False
        if any(w[:1].isupper() for w in words[1:]) or (words[0][:1].isupper() and lows[0] not in ("the", "a", "an")):
            return True
        return len(words) <= 6

    def _relative_source(self, start: int, stop: int) -> str | None:
        """Who a relative clause right after a figure credits it to ("the 500 a day aid agencies say are needed",
        "300 people the UN says were killed"): the source phrase ending just before the saying verb."""
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
            before = ACRONYM.sub("", stext[: m.start()]).rstrip()  # "The Norwegian Refugee Council (NRC) said"
            tail_comma = before.endswith(",")
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
                return mi.group(1).strip(". "), "attribution.said_inverted"
            seg = SEG_CUT.split(before)[-1]
            chunks = [x.strip() for x in DIGIT_SAFE_COMMA.split(seg)]  # "3,000" is one number, not two chunks
            last = chunks[-1] if chunks else ""
            last = LEAD_CLAUSE.sub("", last).strip()
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
                and len(chunks[-2].split()) <= 5
            ):
                last = f"{chunks[-2]}, {last}"
            if (
                last
                and not any(ch.isdigit() for ch in last)
                and self._valid_source(last)
                and not last.lower().startswith(("in ", "on ", "at ", "earlier", "later"))
            ):
                if data_rule:
                    # "Displacement figures show ..., the UN said": a speaker later in the sentence comes first
                    fallback = fallback or (last, "attribution.data")
                    continue
                return last, "attribution.pronoun" if last.lower() in c["pronouns"] else "attribution.said"
        return fallback

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
        hit = self._raw_attribution(self.text[s:e])
        if hit is None:
            return None
        if not self._needs_context(hit[0]):
            self.fired.add(hit[1])
            return hit[0]
        while self._attr_upto < si:
            s2, e2, _ = self.sents[self._attr_upto]
            self._attribution(self.text[s2:e2])
            self._attr_upto += 1
        name = self._attribution(self.text[s:e])
        self._attr_upto = si + 1
        return name

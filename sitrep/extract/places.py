"""Where a figure happened, as the text names it: the nearest place phrase in the figure's clause."""

from __future__ import annotations

import re
from typing import Any

from sitrep.extract.lexicon import Lexicon
from sitrep.extract.numbers import config_alt, trie_alt
from sitrep.model import CONTEXT_PLACE_NOTE

LEADING_ARTICLE = re.compile(r"^(?:the|a)\s+")
# "Arabic-language", "Turkish-backed", "UN-run": a capitalised word with a lower-case last part is an adjective
HYPHEN_ADJ = re.compile(r"^[A-Z][\w'’]*(?:-[\w'’]+)*-[a-z]+$")
SUBORDINATE = re.compile(r"\b(?:since|when|after|before|until|while|as|because|once)\b")
# "the U.N. Security Council": a capital cut at an initialism's dot is no name
INITIAL_CUT = re.compile(r"\.[A-Za-z]")
# ", which already hosts refugees from Darfur,": a relative clause between commas tells of something else
# "... estimate that 9,000 died": a place before the complementiser is the reporting clause's, not the figure's
REPORTED_THAT = re.compile(
    r"\b(?:said|says|say|estimates?|estimated|reported|reports|found|finds|show|shows|showed|"
    r"told|stated|believes?|warned|added|confirmed|noted)\s+(?:\w+\s+){0,3}?that\b"
)
# "since violence erupted in Rakhine": a place in a time clause that runs into the figure's own clause
SINCE_CLAUSE = re.compile(r"\b(?:since|when|after|before|until)\s+[^,;.]*$")
# "..., including some 20,000 in the Kakuma camp", "61,000 of them in Chiure district": a part of the figure before it
PART_WORDS = re.compile(r"\b(?:including|among\s+them|of\s+them|of\s+whom|of\s+those|of\s+these)\b")
BULLET_LEAD = re.compile(r"^[\s•·▪‣◦*\-–—]+(?=\S)")
# "people who fled Ukraine", "young men who had worked in Iranian cities": a relative clause after the figure
REL_AFTER = re.compile(r"\b(?:who|whom|whose)\s+(?!said|says|told|reported)")
REL_OPEN = re.compile(r",\s*(?:which|who|whose|where)\b[^,;]*$")
# "the Strip", "the Valley": the last word of a name given in full before ("the Gaza Strip")
SHORT_NAME = re.compile(r"^the\s+([A-Z][a-z]+)$")
# "Goma counts its dead ...", "Maiduguri floods: ...", "Kramatorsk station attack: ...": a title's leading name
TITLE_LEAD = re.compile(r"^[\W]*([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})(?:['’]s)?(?=\s+[a-z]|:)")
NAME = r"[A-Z][\w'’-]*(?:\s+(?:(?:al|el|de|du|des|of|the|bin|ibn|la|le|di|da|do|dos)[\s-]+){0,2}[A-Z][\w'’-]*)*"


def _extras(c: dict[str, Any], p: dict[str, Any]) -> dict[str, Any]:
    """Place helpers compiled once per lexicon (kept in the engine's helper dict)."""
    x = c.get("_places_x")
    if x is not None:
        return x
    x = {}
    nouns = config_alt(p, "place_nouns")
    plural = config_alt(p, "plural_place_nouns", "areas")
    preps = trie_alt([str(w) for w in p.get("prepositions", [])] + [str(w) for w in p.get("place_verbs", [])])
    particles = config_alt(p, "name_particles", "al")
    # "Tal as-Sultan", "Deir ez-Zor": a lower-case particle joined to a capitalised word is part of the name
    x["particle_tail"] = re.compile(rf"\s+(?:{particles})-[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:\s+(?:{nouns})\b)?")
    compass = [str(w).lower() for w in p.get("compass_names", [])]
    x["compass"] = frozenset(compass)
    x["plural_of"] = re.compile(rf"(?:the\s+)?(?:[a-z][\w-]*\s+)?(?:{plural})\s+of\s")
    # "the Rwandan border town of Rubavu": a name before a place noun and "of <Name>" only describes the named place
    x["noun_of_after"] = re.compile(rf"\s+(?:[a-z][\w-]*\s+)?(?:{nouns})\s+of\s+[A-Z]")
    # "North and South Kivu", "the Torkham and Spin Boldak border points": one place phrase naming two
    # "in Latakia, Tartus and Hama provinces", "from Beledweyne, Bulo Burte and the riverside villages of Hiran": a list
    # of names (the last may be "the <words> of <name>") is one place phrase too
    x["and_tail"] = re.compile(
        rf"(?:\s*,\s+{NAME}(?=\s*,|\s+and\s)){{0,6}}\s*,?\s+and\s+"
        rf"(?P<name>{NAME}|the\s+(?:[a-z][\w-]*\s+){{1,2}}of\s+{NAME}(?:\s+(?:{nouns})\b)?)(?P<noun>\s+(?:{plural})\b)?"
    )
    # "reached the regional capital, Mekelle,": the name after an appositive comma is the place
    x["appos_name"] = re.compile(
        rf"\b(?P<prep>{preps})\s+(?:the|its|a)\s+(?:[a-z-]+\s+){{0,2}}(?:{nouns}),\s+(?P<place>{NAME})(?=\s*[,.;)]|\s+(?:on|in|at)\b)"
    )
    control = config_alt(p, "control_words", "rebel-held")
    dirs = config_alt(p, "direction_words")
    # "in government-held areas", "in the rebel-held northwest": a lower-case area named by who holds it
    x["held_area"] = re.compile(
        rf"\b(?P<prep>[Ii]n|[Ii]nto|[Aa]cross|[Tt]hroughout|to|from|[Ii]nside)\s+"
        rf"(?P<place>(?:the\s+)?(?:{control})\s+(?:{nouns}|{dirs})\b)"
    )
    cues = config_alt(p, "speech_place_cues", "told reporters")
    # "told reporters in Geneva", "a news conference in Islamabad": where the speaker was, never the figure's place
    x["speech_cue"] = re.compile(rf"(?i)\b(?:{cues})\s+(?:\w+\s+)?$")
    src = config_alt(p, "source_nouns", "ministry")
    # "The health ministry in Damascus said": the place of a source, a weak reading of the figure's place
    x["source_cue"] = re.compile(rf"(?i)\b(?:{src})\s+$")
    crossing = config_alt(p, "crossing_nouns", "crossing")
    x["crossing_end"] = re.compile(rf"(?i)\b(?:{crossing})$")
    x["border_at"] = re.compile(r"(?i)\bborder\s+$")
    x["possessive_area"] = re.compile(rf"['’]s\s+(?:[a-z][\w-]*\s+){{0,2}}(?:{nouns})\s+of\s+[A-Z]")
    x["subject_verbs"] = re.compile(
        rf"^({NAME})\s+(?:(?:has|have|had|is|was|were|now|already|still|currently|alone|also|continues\s+to|"
        rf"continued\s+to)\s+)*"
        rf"(?:{config_alt(p, 'subject_host_verbs', 'hosts')})\b"
    )
    x["frame"] = re.compile(rf"^\W*(?:In|Inside|Within|Across)\s+(?P<place>{NAME}),")
    openers = config_alt(p, "leading_clause_openers", "Across")
    x["lead"] = re.compile(rf"^\W*(?:{openers})\b[^,;:]{{0,80}},\s+")
    comp = config_alt(p, "compass_areas", "north")
    # "In the north-east, more than 100,000 people remain displaced": a region named by its compass point
    x["compass_area"] = re.compile(
        rf"\b(?P<prep>[Ii]n|[Aa]cross|[Tt]hroughout|[Ii]nto|[Tt]o|[Ii]nside|[Ww]ithin)\s+"
        rf"(?P<place>the\s+(?:far\s+)?(?:{comp})(?:\s+of\s+{NAME})?)(?![\w-])"
        # "in two villages in the north, Nondin and Soro.": the names after it say where
        rf"(?:,\s+(?P<appos>{NAME}(?:\s+and\s+{NAME})?)(?=\s*(?:[.;:,]|$)))?"
    )
    pnouns = config_alt(p, "people_from_nouns", "residents")
    # "some 2,300 people from Beledweyne, Bulo Burte and ...": a count of people, then where they live
    x["people_from"] = re.compile(rf"\d\s+(?:[a-z]+\s+)?(?:{pnouns})\s+$")
    units = config_alt(p, "distance_units", "km")
    # "a border post about 50km north of Renk", "Tawila, about 60 km (37 miles) to the west": a distance makes the
    # compass phrase describe the place named before it
    x["distance_before"] = re.compile(rf"(?i)\d\s*(?:{units})\b[^,;]{{0,20}}$")
    # "on the edge of Manbij", "a site west of Rafah": a place named by where it lies from a town
    x["compass_of"] = re.compile(rf"\b(?P<place>(?:{comp})\s+of\s+{NAME})")
    people = config_alt(p, "people_of_nouns", "residents")
    # "8,000 residents of Batanes and Cagayan", "flooded parts of Hagadera and Ifo camps": people or parts of a place
    x["people_of"] = re.compile(rf"\b(?:{people})\s+of\s+(?P<place>{NAME}(?:\s+and\s+{NAME})?)")
    host = config_alt(p, "host_clause_verbs", "hosts")
    # "Malaysia, which hosts about 108,000 Rohingya", "with Germany hosting about 1.3 million", "Colombia continues to
    # host ...": the host named as the subject of its own clause
    x["host_subject"] = re.compile(
        rf"(?<![\w-])(?P<place>{NAME})(?:,\s*which|\s+(?:continues|continued|has\s+continued)\s+to)?\s+"
        rf"(?:(?:already|now|still|currently|also|alone)\s+)*(?:{host})\b"
    )
    # "... with Germany hosting about 1.3 million and Poland nearly 960,000": a country opening an elliptic conjunct
    # ("..., and Burkina Faso has over 2 million internally displaced people": a country with its count)
    x["elliptic_country"] = re.compile(
        rf"\b(?:and|while|with|but|whereas)\s+(?P<place>{NAME})\s+(?:(?:now|still|also|already)\s+)?"
        rf"(?:(?:has|had|counts|counted|records|recorded)\s+)?(?=(?:(?:about|around|nearly|almost|some|over|roughly|"
        rf"approximately|more\s+than|fewer\s+than|close\s+to)\s+)?\d)"
    )
    back = config_alt(p, "anaphoric_places", "country")
    # "across the country", "reached the city": the country (or town) named last before
    x["anaphor"] = re.compile(
        r"\b(?P<prep>[Ii]n|[Aa]cross|[Tt]hroughout|[Ii]nside|[Ww]ithin|[Rr]eached|[Ee]ntered|[Tt]o|[Ii]nto)\s+the\s+"
        rf"(?P<noun>{back})\b(?!['’-])"
    )
    x["countries_re"] = re.compile(
        r"(?<![\w-])(?:" + trie_alt(sorted(c["countries"], key=len, reverse=True)) + r")(?![\w-])"
    )
    terr = [str(w) for w in p.get("document_territories", []) or []]
    x["territories_re"] = re.compile(rf"(?<![\w-])(?:{trie_alt(terr)})(?![\w-])")
    suffixes = tuple(str(w) for w in p.get("demonym_suffixes", []) or ["ian"])
    x["demonym_suffixes"] = suffixes
    most = config_alt(p, "trailing_where_words", "mostly")
    x["trail_where"] = re.compile(
        rf"\s*,\s*(?:{most})\s+(?:of\s+(?:them|whom)\s+)?(?:were\s+|are\s+)?(?=(?:in|from|to|into|through|via|across|at|near)\s)"
    )
    multi = [w for w in c["not_places"] if " " in w]
    x["not_place_phrase"] = re.compile(rf"(?i)\b(?:{trie_alt(multi)})\b")
    # "300 kilometres from Menaka, a town that has taken in ...": a place described in apposition is the one spoken of
    x["appos_noun"] = re.compile(rf",\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b")
    x["from_before"] = re.compile(r"\bfrom\s+$")
    x["not_subject_places"] = frozenset(str(w).lower() for w in p.get("not_subject_places", []))
    x["name_followers"] = frozenset(str(w).lower() for w in p.get("demonym_name_followers", []))
    # "the Ras Isa fuel port in Yemen's Hodeidah province": a place and the wider place it lies in are one phrase
    # ("the village of Kadji, also in Tahoua region": an aside saying where the place lies)
    # ("a military camp in Boulkessi, near the border with Burkina Faso": where the place lies, one phrase with it)
    x["nested_gap"] = re.compile(
        r"^(?:\s+(?:[a-z][\w-]*\s+){0,2}in\s+|\s*,\s+(?:also\s+|both\s+|all\s+)?in\s+|\s*,\s+near\s+)$"
    )
    c["_places_x"] = x
    return x


class PlaceMixin:
    """Place candidates of a sentence and how far each is from a figure (mixed into the engine)."""

    c: dict[str, Any]
    text: str
    lex: Lexicon

    def _px(self) -> dict[str, Any]:
        return _extras(self.c, self.lex.places)

    def _place_candidates(self, s: int, stext: str) -> list[tuple[int, int, str, int]]:
        """(start, end, text, penalty) of every place named in a sentence; "from X" is a weak candidate."""
        c = self.c
        x = self._px()
        out: list[tuple[int, int, str, int]] = []
        seen: set[tuple[int, int]] = set()
        taken: list[tuple[int, int]] = []
        found: list[tuple[re.Match[str], bool]] = []
        for rx in (c["place_re"], c["lowplace_re"], c["placeof_re"], c["name_place_re"], c["poss_re"]):
            found.extend((m, False) for m in rx.finditer(stext))
        found.extend((m, True) for m in x["appos_name"].finditer(stext))
        found.extend((m, True) for m in x["held_area"].finditer(stext))
        found.extend((m, True) for m in x["compass_area"].finditer(stext))
        found.extend((m, True) for m in x["compass_of"].finditer(stext))
        found.extend((m, False) for m in x["people_of"].finditer(stext))
        found.extend((m, False) for m in x["host_subject"].finditer(stext))
        for m in x["elliptic_country"].finditer(stext):
            if m.group("place") in c["countries"]:
                found.append((m, False))
        for m, lower_ok in found:
            if stext[max(0, m.start() - 10) : m.start()].lower().endswith(("according ", "thanks ")):
                continue
            compass = m.re is x["compass_area"] or m.re is x["compass_of"]
            if compass and x["distance_before"].search(stext, max(0, m.start() - 40), m.start()):
                continue  # "about 50km north of Renk": where the place before lies, not a place of its own
            if m.re is x["compass_area"] and m.group("appos"):
                txt, p_end = stext[m.start("place") : m.end("appos")], m.end("appos")
                span = (s + m.start("place"), s + p_end)
                if span not in seen:
                    seen.add(span)
                    taken.append(span)
                    out.append((span[0], span[1], txt, 0))
                continue
            txt = m.group("place").strip()
            p_end = m.end("place")
            if txt.endswith(("'s", "’s")) and p_end == m.end():
                txt = txt[:-2]  # "in Haiti's gang violence": Haiti
            if INITIAL_CUT.match(stext, p_end):
                continue  # "the U.N. Security Council" read as "the U"
            core = LEADING_ARTICLE.sub("", txt)
            words = core.split()
            name_words = [w for w in words if w[:1].isupper()]
            if not lower_ok and (not name_words or HYPHEN_ADJ.match(words[-1])):
                continue  # "to the Arabic-language sister site": an adjective, not a place
            first = words[0].lower()
            if (
                core.lower() in c["not_places"]
                or first in c["months_days"]
                or (name_words and name_words[0].lower() in c["months_days"])
            ):
                continue
            if name_words and (
                " ".join(name_words).lower() in c["not_places"]
                or name_words[0].rstrip(".").lower() in c["not_places"]
                # "the Islamic State Sahel Province": a group whose name holds a non-place
                or (len(name_words) > 2 and x["not_place_phrase"].search(" ".join(name_words)) is not None)
            ):
                continue
            nxt = stext[p_end:].split(None, 1)
            if nxt and nxt[0].strip(".,;:").lower() in c["place_blockers"]:
                continue
            if (
                len(words) == 1
                and words[0].endswith(x["demonym_suffixes"])
                and words[0] not in c["countries"]
                and nxt
                and nxt[0][:1].islower()
                and nxt[0].strip(".,;:").lower() not in x["name_followers"]
            ):
                continue  # "in Iranian cities": an adjective ("in the Caribbean since 2014" is a name)
            if (
                len(name_words) == 1
                and words[-1][:1].islower()
                and x["noun_of_after"].match(stext, m.end("place") - len(words[-1]) - 1)
            ):
                continue  # "in the Rwandan border town of Rubavu": "town of Rubavu" is the place
            if x["possessive_area"].match(stext, m.end("place")):
                continue  # "in Indonesia's westernmost province of Aceh": the province is the place
            if not lower_ok and m.re is c["placeof_re"] and self._appositive(stext, m.start("place"), taken):
                continue  # "In El Geneina, the capital of West Darfur,": the name before says it
            tail = x["particle_tail"].match(stext, p_end)
            if tail is not None:
                p_end = tail.end()  # "the Tal as-Sultan neighbourhood"
            words_low = [w.lower() for w in name_words]
            both = x["and_tail"].match(stext, p_end)
            if (
                both is not None
                and (
                    both.group("noun")
                    # "attacks on the villages of Mazeze and Ocua": a plural place noun names both
                    or x["plural_of"].match(txt) is not None
                    or (len(words_low) == 1 and words_low[0] in x["compass"])
                    or (m.groupdict().get("prep") and re.match(r"\s*(?:[,.;:)]|$)", stext[both.end() :]))
                    or both.group("name").startswith("the ")
                )
            ):
                # "North and South Kivu", "Torkham and Spin Boldak border points", "mostly in Albay and Sorsogon.",
                # "from Beledweyne, Bulo Burte and the riverside villages of Hiran region"
                p_end = both.end()
            txt = stext[m.start("place") : p_end].strip() if p_end != m.end("place") else txt
            # "reached the regional capital, Mekelle,": the phrase starts at its descriptor, in the figure's clause
            span = (s + (m.end("prep") + 1 if m.re is x["appos_name"] else m.start("place")), s + p_end)
            if span in seen or any(a <= span[0] and span[1] <= b and (a, b) != span for a, b in taken):
                continue
            seen.add(span)
            taken.append(span)
            short = SHORT_NAME.match(txt)
            if short is not None:
                full = self._full_name(s + m.start("place"), short.group(1))
                txt = full or txt  # "across the Strip": the Gaza Strip named before
            prep = (m.groupdict().get("prep") or "").lower()
            penalty = (
                400 if prep == "from" else -30 if prep in ("into", "to") else -60 if prep in ("through", "via") else 0
            )
            if (
                prep == "from"
                and txt not in c["countries"]
                and x["people_from"].search(stext, max(0, m.start() - 40), m.start())
            ):
                penalty = 0  # "2,300 people from Bulo Burte had fled": where the people live, not a way taken
            if (
                prep == "from"
                and x["distance_before"].search(stext, max(0, m.start() - 40), m.start())
                and not x["appos_noun"].match(stext, p_end)
            ):
                continue  # "a checkpoint about 3 kilometres from the Kidal airport": a landmark measured from, no place
            if m.re is x["host_subject"]:
                penalty -= 40  # "Malaysia, which hosts about 108,000": the host, however far the figure
            before = stext[max(0, m.start() - 40) : m.start()]
            if prep and x["speech_cue"].search(before):
                continue  # "told reporters in Geneva"
            if prep in ("in", "at") and x["source_cue"].search(before):
                penalty += 250  # "the health ministry in Damascus said": where the source sits
            if x["crossing_end"].search(txt) or (prep in ("at", "near") and x["border_at"].search(before)):
                penalty -= 60  # "at the Salloum border crossing", "crossed the border at Adre": the crossing point
            out.append((span[0], span[1], txt, penalty))
        for m in x["anaphor"].finditer(stext):
            named = self._named_before(s + m.start(), m.group("noun").lower())
            if named:
                span = (s + m.start("noun") - 4, s + m.end())
                if not any(a <= span[0] < b for a, b in taken):
                    out.append((span[0], span[1], named, 0))
        out.sort()
        return self._merge_nested(out)

    def _place_reach(self, clause_end: int) -> int:
        """Where the place words of a figure whose clause ends at clause_end may lie: past ", mostly in Albay and
        Sorsogon", ", many through the Ruzizi crossing" (an adverbial saying where most of them were)."""
        m = self._px()["trail_where"].match(self.text, clause_end)
        if m is None:
            return clause_end
        stop = re.search(r"[,;.]", self.text[m.end() : m.end() + 200])
        return m.end() + (stop.start() if stop else 200)

    def _is_part(self, cand: Any) -> bool:
        """Whether a figure is a part of another one of its sentence ("44 of them", "including some 70,000")."""
        if cand.ctx is not None:
            return True
        whole = cand.shares
        return (
            whole is not None
            and whole.end <= cand.start
            and PART_WORDS.search(self.text, whole.end, cand.start) is not None
        )

    def _context_place(self, si: int) -> tuple[str, str] | None:
        """Where a figure whose sentence names no place happened, from its context: the place last named in the one or
        two sentences before it in its paragraph ("... killed 17 civilians near Debre Markos. Four of the dead were
        children."), else the country the document is about. (place, note for the figure's warnings) or None."""
        cache: dict[int, tuple[str, str] | None] = self.__dict__.setdefault("_context_places", {})
        if si not in cache:
            cache[si] = self._context_place_uncached(si)
        return cache[si]

    def _context_place_uncached(self, si: int) -> tuple[str, str] | None:
        sents = getattr(self, "sents", None)
        if not sents or si >= len(sents):
            return None
        para = sents[si][2]
        j = si - 1
        while j >= 0 and si - j <= int(self.lex.places.get("context_sentences", 2)) and sents[j][2] == para:
            s2, e2, _ = sents[j]
            cands = [p for p in self._place_candidates(s2, self.text[s2:e2]) if p[3] < 250]
            if cands:
                return cands[-1][2], f"{CONTEXT_PLACE_NOTE} an earlier sentence of the paragraph"
            j -= 1
        title = self._title_place() if self.lex.places.get("context_title", True) else None
        if title:
            return title, f"{CONTEXT_PLACE_NOTE} the document's title"
        country = self._document_country() if self.lex.places.get("context_country", True) else None
        if country:
            return country, f"{CONTEXT_PLACE_NOTE} the country the document is about"
        return None

    def _title_place(self) -> str | None:
        """The first place the document's title names after a place preposition or verb ("Aid trucks entered Gaza after
        talks in Cairo"), if any. Computed once per document."""
        if "_title_place_v" in self.__dict__:
            return self.__dict__["_title_place_v"]
        doc = getattr(self, "doc", None)
        title = str(getattr(doc, "title", "") or "")
        found: str | None = None
        x = self._px()
        for m in self.c["place_re"].finditer(title):
            core = LEADING_ARTICLE.sub("", m.group("place").strip())
            words = core.split()
            if (
                not words
                or not words[0][:1].isupper()
                or core.lower() in self.c["not_places"]
                or words[0].lower() in self.c["not_places"]
                or words[0].lower() in self.c["months_days"]
                or (m.group("prep") or "").lower() == "from"
                or (
                    len(words) == 1 and words[0].endswith(x["demonym_suffixes"]) and words[0] not in self.c["countries"]
                )
            ):
                continue
            nxt = title[m.end("place") :].split(None, 1)
            if nxt and nxt[0].strip(".,;:").lower() in self.c["place_blockers"]:
                continue
            core = core[:-2] if core.endswith(("'s", "’s")) else core
            if len(core.split()) == 1 and re.search(rf"\b{re.escape(core.lower())}\b", self.text):
                continue  # "Situation Report on the Situation in ...": a common word (lower case in the text), no place
            found = core
            break
        if found is None:
            found = self._title_subject(title)
        self.__dict__["_title_place_v"] = found
        return found

    def _title_subject(self, title: str) -> str | None:
        """The place a title opens with ("Goma counts its dead as ...", "Maiduguri floods: ..."): a leading name that
        the text itself uses as a place, after a place preposition somewhere ("in Goma"); never a person
        ("Zelensky condemns ..."), a demonym or a word that is no place."""
        m = TITLE_LEAD.match(title)
        if m is None:
            return None
        name = m.group(1)
        first = name.split()[0].lower()
        if (
            name.lower() in self.c["not_places"]
            or first in self.c["not_places"]
            or first in self.c["months_days"]
            or first in self._px()["not_subject_places"]
            or (name.endswith(self._px()["demonym_suffixes"]) and name not in self.c["countries"])
            or re.search(rf"\b{re.escape(name.lower())}\b", self.text) is not None  # "Aid groups pause ...": a word
        ):
            return None
        used = re.search(
            rf"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Ii]nto|[Tt]o|[Ff]rom|[Aa]cross|[Aa]round|[Oo]utside|[Ii]nside|[Ww]ithin)\s+"
            rf"(?:the\s+)?{re.escape(name)}\b",
            self.text,
        )
        return name if used else None

    def _document_country(self) -> str | None:
        """The country a document is about: the one its title names (most often, if several), else the one its text
        names most often when that is at least document_country_min_mentions times. Computed once per document."""
        if "_doc_country" in self.__dict__:
            return self.__dict__["_doc_country"]
        x = self._px()
        doc = getattr(self, "doc", None)
        title = str(getattr(doc, "title", "") or "")
        counts: dict[str, int] = {}
        # weights in halves: a mention after "from" names where people came from, not where the story is
        in_title = sorted(
            [*x["countries_re"].finditer(title), *x["territories_re"].finditer(title)], key=lambda m: m.start()
        )
        for k, m in enumerate(in_title):
            counts[m.group(0)] = counts.get(m.group(0), 0) + 200 + (2 if k == 0 else 0)  # the first named leads
        dl = self.c.get("dateline_re")
        for line in self.text.splitlines()[:30] if dl is not None else ():
            d = dl.match(line)
            if d is not None:
                # "BAMAKO, Mali -", "GOMA, Congo, March 3 (Reuters) -": the wire dateline's country
                for m in x["countries_re"].finditer(d.group(0)):
                    counts[m.group(0)] = counts.get(m.group(0), 0) + 200
                break
        for rx in (x["countries_re"], x["territories_re"]):
            for m in rx.finditer(self.text):
                origin = x["from_before"].search(self.text, max(0, m.start() - 6), m.start()) is not None
                counts[m.group(0)] = counts.get(m.group(0), 0) + (1 if origin else 2)
        least = 2 * int(self.lex.places.get("document_country_min_mentions", 3))
        best = max(counts.items(), key=lambda kv: kv[1], default=None)
        country = best[0] if best is not None and best[1] >= least else None
        self.__dict__["_doc_country"] = country
        return country

    def _merge_nested(self, out: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str, int]]:
        """ "the Ras Isa fuel port in Yemen's Hodeidah province", "San Vicente and Lajas Blancas, in Darién province":
        a place right before the wider place it lies in is kept with it, as one phrase."""
        if len(out) < 2:
            return out
        gap_re = self._px()["nested_gap"]
        merged: list[tuple[int, int, str, int]] = [out[0]]
        close = -1
        for p in out[1:]:
            q = merged[-1]
            if p[0] < close:
                continue  # inside the aside merged below
            gap = self.text[q[1] : p[0]]
            if re.fullmatch(r"\s*\(", gap) and self.text[q[0] : q[1]] == q[2]:
                # "the village of Hroza (Kupiansk district, Kharkiv region)": an aside saying where the place lies
                close = self.text.find(")", p[0], p[0] + 120)
                if close >= 0:
                    merged[-1] = (q[0], close + 1, q[2], min(q[3], p[3]))
                    continue
            gap = self.text[q[1] : p[0]]
            if (
                q[1] <= p[0]
                and gap_re.match(gap)
                and q[2] not in self.c["countries"]
                and self.text[q[0] : q[1]] == q[2]
                and self.text[p[0] : p[1]] == p[2]
            ):
                merged[-1] = (q[0], p[1], self.text[q[0] : p[1]], min(q[3], p[3]))
                continue
            merged.append(p)
        return merged

    def _full_name(self, pos: int, word: str) -> str | None:
        """The name ending in `word` the text gave last before pos ("Gaza Strip" for "the Strip"), if any."""
        last = None
        for m in re.finditer(
            rf"(?<![\w-])((?:[A-Z][\w'’-]*\s+){{1,2}}){re.escape(word)}\b", self.text[max(0, pos - 3000) : pos]
        ):
            last = m.group(0)
        return last

    def _named_before(self, pos: int, noun: str) -> str | None:
        """The country (noun "country") or the town (any other noun) the text named last before pos."""
        x = self._px()
        lo = max(0, pos - 3000)
        if noun == "country":
            last = None
            for m in x["countries_re"].finditer(self.text, lo, pos):
                last = m.group(0)
            return last
        # "the city", "the town": the last named place before that is not a country
        best: str | None = None
        for m in self.c["place_re"].finditer(self.text, lo, pos):
            name = LEADING_ARTICLE.sub("", m.group("place").strip())
            if (
                name
                and name not in self.c["countries"]
                and name[:1].isupper()
                and name.lower() not in self.c["not_places"]
                and name.split()[0].lower() not in self.c["months_days"]
            ):
                best = name
        return best

    @staticmethod
    def _appositive(stext: str, a: int, taken: list[tuple[int, int]]) -> bool:
        """Whether a descriptive place phrase at a restates a name right before it ("Name, the capital of X")."""
        head = stext[:a]
        if not head.endswith(", "):
            return False
        return bool(re.search(r"[A-Z][\w'’-]*,\s$", head))

    def _place_cost(self, p: tuple[int, int, str, int], cs: int, ce: int) -> tuple[int, int]:
        """Distance from the figure, plus the candidate's penalty; a place in a later subordinate clause is far."""
        d = min(abs(p[0] - ce), abs(cs - p[1])) + p[3]
        if p[0] >= ce and SUBORDINATE.search(self.text, ce, p[0]):
            d += 300  # "... since the road through Afar reopened": not where the figure is
        if p[1] <= cs and self.c["contrast_re"].search(self.text, p[1], cs):
            d += 300  # "... killed in Turkey, while 5,700 deaths were reported in Syria": the earlier clause's place
        if p[1] <= cs and self.c["conjunct_re"].search(self.text[p[1] : cs]):
            d += 40  # "20,000 fled into Chad and some 4,000 into South Sudan": the place before "and" is the first's
        if (p[1] <= cs and ";" in self.text[p[1] : cs]) or (p[0] >= ce and ";" in self.text[ce : p[0]]):
            d += 300  # "No aid entered through Rafah ...; only 68 trucks came in through Kerem Shalom": another clause
        if p[1] <= cs and "," not in self.text[p[1] : cs] and SINCE_CLAUSE.search(self.text, max(0, p[0] - 60), p[0]):
            d += 200  # "who fled into Bangladesh since violence erupted in Rakhine ... has risen to 415,000"
        if p[1] <= cs and REPORTED_THAT.search(self.text, p[1], ce):
            d += 60  # "surveys of refugees in Bangladesh estimate that 9,000 died in Rakhine": the reporting clause's
        if p[0] >= ce and self._px()["trail_where"].search(self.text, ce, p[0]) is not None:
            d += 150  # "..., most of them through the Ruzizi crossing": a weaker reading than the figure's own place
        if self._in_relative(p, cs, ce):
            d += 300  # "Chad, which already hosts refugees from Darfur, has received 20,000": Darfur is the clause's
        elif p[0] >= ce and self._first_in_relative(p, ce):
            d += 100  # "4.2 million people who fled Ukraine hold protection in the EU": Ukraine is the relative's
        return d, -p[0]

    def _first_in_relative(self, p: tuple[int, int, str, int], ce: int) -> bool:
        """Whether a place after a figure is the first name inside a "who" clause that follows the figure."""
        last = None
        for m in REL_AFTER.finditer(self.text, ce, p[0]):
            last = m
        return last is not None and not any(ch.isupper() for ch in self.text[last.end() : p[0]])

    def _in_relative(self, p: tuple[int, int, str, int], cs: int, ce: int) -> bool:
        """Whether a place sits in a relative clause between commas that the figure is outside of."""
        text = self.text
        lo = max(0, p[0] - 120)
        m = REL_OPEN.search(text, lo, p[0])
        if m is None:
            return False
        close = text.find(",", p[1])
        stop = text.find(".", p[1])
        if close < 0 or (0 <= stop < close):
            return False
        return not (m.start() <= cs and ce <= close)

    def _subject_place(self, stext: str) -> str | None:
        """The sentence subject when it is a place ("Turkey has taken in 3.6 million"), past a leading clause
        ("Across the border, Sudan is sheltering"); else the place a sentence opens with ("In Moldova, ...")."""
        x = self._px()
        stext = BULLET_LEAD.sub("", stext)
        for text in (stext, self._after_lead(stext)):
            if not text:
                continue
            m = self.c["subject_re"].match(text) or x["subject_verbs"].match(text)
            name = self._subject_name(m.group(1)) if m else None
            if name:
                return name
        f = x["frame"].match(stext)
        if f is not None:
            return self._subject_name(f.group("place"))
        return None

    def _after_lead(self, stext: str) -> str:
        m = self._px()["lead"].match(stext)
        return stext[m.end() :] if m else ""

    def _subject_name(self, name: str) -> str | None:
        first = name.split()[0].lower()
        if name.lower() in self.c["not_places"] or first in (
            "the",
            "a",
            "an",
            "some",
            "more",
            "nearly",
            "in",
            "on",
            "at",
            "its",
            "their",
            "inside",
            "within",
            "across",
            "throughout",
            "outside",
            "near",
        ):
            return None
        if first in self.c["months_days"] or self.lex.numbers.regex.match(name):
            return None
        if first in self._px()["not_subject_places"]:
            return None  # "Others have moved towards Kaga Bandoro": a pronoun-like subject, no place
        return name

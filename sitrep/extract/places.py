"""Where a figure happened, as the text names it: the nearest place phrase in the figure's clause."""

from __future__ import annotations

import re
from typing import Any

from sitrep.extract.lexicon import Lexicon

LEADING_ARTICLE = re.compile(r"^(?:the|a)\s+")
# "Arabic-language", "Turkish-backed", "UN-run": a capitalised word with a lower-case last part is an adjective
HYPHEN_ADJ = re.compile(r"^[A-Z][\w'’]*(?:-[\w'’]+)*-[a-z]+$")
SUBORDINATE = re.compile(r"\b(?:since|when|after|before|until|while|as|because|once)\b")


class PlaceMixin:
    """Place candidates of a sentence and how far each is from a figure (mixed into the engine)."""

    c: dict[str, Any]
    text: str
    lex: Lexicon

    def _place_candidates(self, s: int, stext: str) -> list[tuple[int, int, str, int]]:
        """(start, end, text, penalty) of every place named in a sentence; "from X" is a weak candidate."""
        c = self.c
        out: list[tuple[int, int, str, int]] = []
        seen: set[tuple[int, int]] = set()
        for rx in (c["place_re"], c["lowplace_re"], c["placeof_re"], c["name_place_re"], c["poss_re"]):
            for m in rx.finditer(stext):
                if stext[max(0, m.start() - 10) : m.start()].lower().endswith(("according ", "thanks ")):
                    continue
                txt = m.group("place").strip()
                if txt.endswith(("'s", "’s")) and m.end("place") == m.end():
                    txt = txt[:-2]  # "in Haiti's gang violence": Haiti
                core = LEADING_ARTICLE.sub("", txt)
                words = core.split()
                name_words = [w for w in words if w[:1].isupper()]
                if not name_words or HYPHEN_ADJ.match(words[-1]):
                    continue  # "to the Arabic-language sister site": an adjective, not a place
                first = words[0].lower()
                if (
                    core.lower() in c["not_places"]
                    or first in c["months_days"]
                    or name_words[0].lower() in c["months_days"]
                ):
                    continue
                if (
                    " ".join(name_words).lower() in c["not_places"]
                    or name_words[0].rstrip(".").lower() in c["not_places"]
                ):
                    continue
                nxt = stext[m.end("place") :].split(None, 1)
                if nxt and nxt[0].strip(".,;:").lower() in c["place_blockers"]:
                    continue
                span = (s + m.start("place"), s + m.end("place"))
                if span in seen:
                    continue
                seen.add(span)
                prep = (m.groupdict().get("prep") or "").lower()
                penalty = (
                    400
                    if prep == "from"
                    else -30
                    if prep in ("into", "to")
                    else -60
                    if prep in ("through", "via")
                    else 0
                )
                out.append((span[0], span[1], txt, penalty))
        out.sort()
        return out

    def _place_cost(self, p: tuple[int, int, str, int], cs: int, ce: int) -> tuple[int, int]:
        """Distance from the figure, plus the candidate's penalty; a place in a later subordinate clause is far."""
        d = min(abs(p[0] - ce), abs(cs - p[1])) + p[3]
        if p[0] >= ce and SUBORDINATE.search(self.text, ce, p[0]):
            d += 300  # "... since the road through Afar reopened": not where the figure is
        if p[1] <= cs and self.c["contrast_re"].search(self.text, p[1], cs):
            d += 300  # "... killed in Turkey, while 5,700 deaths were reported in Syria": the earlier clause's place
        if p[1] <= cs and self.c["conjunct_re"].search(self.text[p[1] : cs]):
            d += 40  # "20,000 fled into Chad and some 4,000 into South Sudan": the place before "and" is the first's
        return d, -p[0]

    def _subject_place(self, stext: str) -> str | None:
        m = self.c["subject_re"].match(stext)
        if not m:
            return None
        name = m.group(1)
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
        ):
            return None
        if first in self.c["months_days"] or self.lex.numbers.regex.match(name):
            return None
        return name

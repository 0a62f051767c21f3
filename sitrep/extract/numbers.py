"""Numbers as journalists write them: digits in any grouping, scale words, number words, vague amounts.

One alternation compiled from config/extract/numbers.yaml finds every candidate; a small parser turns its
surface text into an integer. Nothing here knows what a number counts: that is mentions.py's job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Num:
    """One number expression found in a text, with its reading."""

    start: int
    end: int
    text: str
    value: int | None  # None for vague amounts
    vague: str | None = None
    scaled: bool = False  # carries its own scale word ("3.6 million"): a range's first half may borrow it
    scale: int = 1
    words: bool = False  # written in words ("nine"), not digits
    rule: str = "numbers.digits"
    warnings: tuple[str, ...] = ()


# Rule patterns see each number the scanner read as one opaque token of the same length: a lead character
# and fill characters from Unicode's private-use area, which real text does not contain.
NUM_LEAD = "\ue000"
NUM_FILL = "\ue001"
NUM_PATTERN = f"{NUM_LEAD}{NUM_FILL}*+"  # possessive: a rule cannot match half a number


def mask_numbers(text: str, offset: int, nums: list[Num]) -> str:
    """`text` (which starts at `offset` in the document) with every number in `nums` masked, positions kept."""
    parts: list[str] = []
    at = 0
    for n in nums:
        a, b = max(n.start - offset, at), min(n.end - offset, len(text))
        if a >= b:
            continue
        parts.append(text[at:a])
        parts.append(NUM_LEAD + NUM_FILL * (b - a - 1))
        at = b
    parts.append(text[at:])
    return "".join(parts)


def trie_alt(words: list[str] | set[str], space: str = r"\s+") -> str:
    """A regex alternation of words as a character trie ("kill(?:ed|ing|s)?"): the same matches as a longest-first
    alternation, but Python's re tries one branch per character instead of every word in turn.

    A space inside a phrase matches `space`. No words give "(?!)", which never matches: a pattern built on an empty
    config list matches nothing, with no special case at the caller.
    """
    root: dict[str, Any] = {}
    for w in {w for w in words if w}:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            atom = space if ch == " " else re.escape(ch)
            branches.append(atom + emit(node[ch]))
        if not branches:
            return ""
        if len(branches) == 1 and not end:
            return branches[0]  # a chain of single letters stays a plain string ("approach", not "a(?:p(?:p...")
        return f"(?:{'|'.join(branches)})" + ("?" if end else "")

    return emit(root) or "(?!)"


def config_alt(cfg: Mapping[str, Any], key: str, default: str | None = None) -> str:
    """trie_alt of a config word list (`default` alone when the list is empty or absent)."""
    words = [str(w) for w in cfg.get(key) or []]
    return trie_alt(words or ([default] if default is not None else []))


def fast_alt(words: list[str] | set[str]) -> str:
    """A case-sensitive alternation of each word in lower and Title case behind a first-letter lookahead.

    Python's re is several times faster on this than on an IGNORECASE alternation; hot scans use it.
    """
    forms = {f for w in words for f in (w.lower(), w[:1].upper() + w[1:].lower())}
    first = "".join(sorted({f[0] for f in forms}))
    return rf"(?=[{re.escape(first)}])(?:{trie_alt(forms)})"


def _alt(words: list[str]) -> str:
    """A regex alternation of words/phrases, longest first, spaces matching any run of blanks or hyphens."""
    return trie_alt({w.lower() for w in words}, r"[\s-]+")


class NumberScanner:
    """Finds and reads number expressions; built once from the numbers config."""

    def __init__(self, cfg: Mapping[str, Any]) -> None:
        self.units: dict[str, int] = {str(k).lower(): int(v) for k, v in cfg["units"].items()}
        self.tens: dict[str, int] = {str(k).lower(): int(v) for k, v in cfg["tens"].items()}
        self.scales: dict[str, int] = {str(k).lower(): int(v) for k, v in cfg["scales"].items()}
        self.suffixes: dict[str, int] = {str(k).lower(): int(v) for k, v in cfg["scale_suffixes"].items()}
        self.fractions: dict[str, float] = {str(k).lower(): float(v) for k, v in cfg["fractions"].items()}
        # "5,900+": a sign right after the number that makes it a lower bound (qualifier more_than)
        self.plus_signs: frozenset[str] = frozenset(str(x) for x in cfg.get("more_than_suffixes", []) or [])
        self.vague: dict[str, str] = {}
        self.vague_reading: dict[str, int] = {}
        # "scores" is read as scores but reported as "dozens": the contract's six vague amounts (see numbers.yaml)
        self.vague_report: dict[str, str] = {}
        # "scores" is an amount only before "of people", "more", a verb ("test scores of 500 pupils" is none)
        self.vague_after: dict[str, re.Pattern[str]] = {}
        for item in cfg["vague"]:
            self.vague_reading[item["name"]] = int(item["reading"])
            if item.get("report_as"):
                self.vague_report[str(item["name"])] = str(item["report_as"])
            if item.get("needs_after"):
                self.vague_after[str(item["name"])] = re.compile(str(item["needs_after"]), re.IGNORECASE)
            for w in item["words"]:
                self.vague[re.sub(r"[\s-]+", " ", str(w).lower())] = item["name"]
        words = {**self.units, **self.tens}
        self.words = words
        units19 = _alt([k for k, v in self.units.items() if 1 <= v <= 9])
        nw = rf"(?:(?:{_alt(list(self.tens))})(?:-(?:{units19}))?|(?:{_alt(list(self.units))}))"
        sc = _alt(list(self.scales))
        frac = _alt(list(self.fractions))
        suffix = _alt(list(self.suffixes))
        vague = _alt(list(self.vague))
        digits = (
            r"\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])"  # South Asian grouping: 1,20,000 (one lakh twenty thousand)
            r"|\d{1,3}(?:,\d{3})*,\d{4,}(?!\d)"  # malformed comma grouping: 950,0000
            r"|\d{1,3}(?:,\d{3})+(?![\d])"  # 1,000 / 3,270,662
            r"|\d{1,3}(?:\.\d{3}){2,}(?![\d])"  # 1.000.000
            r"|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![\d.,])"  # 1 000 / 12 000
            r"|\d+(?:\.\d+)?"  # 950 / 3.6 / 1.500 (decided in the parser)
        )
        spaced = _alt([k for k in self.suffixes if len(k) > 1])
        scale_tail = rf"(?:[\s-]+(?:{sc})(?![\w])|(?:{suffix})(?![\w])|\s(?:{spaced})(?![\w]))"
        more = rf"(?:[\s-]+(?:and[\s-]+)?(?:{nw}|{sc}))*"
        word_run = rf"(?:(?:an?|{nw})[\s-]+(?:{sc}){more}|{nw}{more})"
        fraction = (
            rf"(?:{frac})(?:[\s-]+of)?[\s-]+an?[\s-]+(?:{sc})"  # half a million, a quarter of a million
            rf"|(?:{nw}|\d+)[\s-]+and[\s-]+a[\s-]+half[\s-]+(?:{sc})"  # one and a half million
        )
        mixed = rf"(?:{digits}){scale_tail},?[\s]+\d{{1,3}},\d{{3}}(?![\d,])"  # 3 million, 270,662
        firsts = sorted({w[0].lower() for w in [*words, *self.scales, *self.fractions, *self.vague, "a", "an"]})
        first = "".join(firsts) + "".join(f.upper() for f in firsts)
        self.pattern_source = (
            rf"\b(?=[0-9{first}])(?<![$€£¥])(?:"
            rf"(?P<vague>{vague})"
            rf"|(?P<frac>{fraction})"
            rf"|(?P<mixed>{mixed})"
            rf"|(?P<dig>(?:{digits})(?:{scale_tail})?)"
            rf"|(?P<words>{word_run})"
            rf")(?![\w])"
        )
        self.regex = re.compile(self.pattern_source, re.IGNORECASE)
        # stage one: a cheap scan for anything that can sit inside a number expression; the full pattern only
        # runs in a short window around each hit (most of a text holds no number at all)
        anchors = {*words, *self.scales, *(f"{w}s" for w in self.scales)}
        for v in self.vague:
            anchors.update(v.split()[-1:])
        self.fast = re.compile(rf"\d|\b{fast_alt(anchors)}\b")
        self.lookback_words = frozenset(
            [*self.scales, *(f"{w}s" for w in self.scales), *(v.split()[-1] for v in self.vague)]
        )
        self._after_bad = re.compile(r"\s*(?:%|per\s?cent\b|-year|-day|-month|-week|-hour|-old|-member)", re.IGNORECASE)
        self._before_money = re.compile(r"(?:[$€£¥]|\b(?:us|usd|eur|gbp|chf)\s?)$", re.IGNORECASE)

    # -- reading -------------------------------------------------------------------------------
    def scan(self, text: str, start: int = 0, end: int | None = None) -> list[Num]:
        """Every number expression in text[start:end], in order, never raising."""
        out: list[Num] = []
        end = len(text) if end is None else end
        pos = start  # no number may start before pos (the previous one ended there)
        rx = self.regex
        for c in self.fast.finditer(text, start, end):
            p = c.start()
            if p < pos:
                continue
            w = max(pos, p - 32) if c.group(0).lower() in self.lookback_words else p
            while True:
                m = rx.search(text, w, min(end, p + 320))
                if m is None or m.start() > p:
                    break
                num = self._read(m)
                pos = m.end() if num is None else num.end
                if num is not None and self._keep(text, num):
                    out.append(num)
                if pos > p:
                    break
                w = pos
        return out

    def _keep(self, text: str, num: Num) -> bool:
        if num.vague is not None and num.vague in self.vague_after:
            return self.vague_after[num.vague].match(text, num.end) is not None
        tail = text[num.end : num.end + 12]
        if self._after_bad.match(tail):
            return False
        if num.words and tail[:1] == "-" and tail[1:2].isalpha():
            return False  # "a four-way summit", "the nine-year-old war": an adjective, not a count
        return not self._before_money.search(text[max(0, num.start - 5) : num.start])

    def _read(self, m: re.Match[str]) -> Num | None:
        kind = m.lastgroup
        s = m.group(0)
        a = m.start()
        try:
            if kind == "vague":
                name = self.vague.get(re.sub(r"[\s-]+", " ", s.lower()))
                return Num(a, m.end(), s, None, vague=name, rule=f"vague.{(name or 'x').replace(' ', '_')}")
            if kind == "frac":
                return self._read_fraction(s, a)
            if kind == "mixed":
                return self._read_mixed(s, a)
            if kind == "dig":
                return self._read_digits(s, a)
            if kind == "words":
                return self._read_words(s, a)
        except (ValueError, OverflowError, ArithmeticError):
            return None
        return None

    def _read_digits(self, s: str, a: int) -> Num | None:
        m = re.match(r"([\d,.\u00a0\u202f\u2009 ]+?)\s*(?:([a-zA-Z]+))?$", s.strip())
        if not m:
            return None
        body, word = m.group(1).strip(), (m.group(2) or "").lower()
        scale = 1
        if word:
            scale = self.scales.get(word) or self.suffixes.get(word) or 1
        warnings: list[str] = []
        rule = "numbers.digits"
        if "," in body:
            groups = body.split(",")
            if all(len(g) == 3 for g in groups[1:]):
                value = float("".join(groups))
            elif len(groups[-1]) == 3 and all(len(g) == 2 for g in groups[1:-1]) and len(groups) > 2:
                value = float("".join(groups))
                rule = "numbers.lakh_grouping"
            else:
                bad = groups[-1]
                if len(bad) == 4 and bad.endswith("0"):
                    fixed = ",".join([*groups[:-1], bad[:-1]])
                    value = float("".join([*groups[:-1], bad[:-1]]))
                    warnings.append(f"malformed number {body!r} read as {fixed} (one extra digit in the last group)")
                else:
                    value = float("".join(groups))
                    warnings.append(f"malformed number {body!r} read as {int(value):,} (irregular grouping)")
                rule = "numbers.malformed"
        elif re.fullmatch(r"\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+", body):
            value = float(re.sub(r"\D", "", body))
            rule = "numbers.space_grouping"
        elif body.count(".") > 1:
            value = float(body.replace(".", ""))
            rule = "numbers.dot_grouping"
        elif "." in body:
            whole, dec = body.split(".")
            if len(dec) == 3 and scale == 1 and whole != "0":
                value = float(whole + dec)  # 1.500 people: dot grouping as in much of Europe
                warnings.append(f"{body!r} read as {int(value):,} (dot as thousands separator)")
                rule = "numbers.dot_grouping"
            else:
                value = float(body)
                rule = "numbers.decimal_scale" if scale > 1 else "numbers.decimal"
        else:
            value = float(body)
        if scale > 1 and rule == "numbers.digits":
            rule = "numbers.scale_word"
        total = value * scale
        if scale == 1 and value != int(value):
            return None  # a bare decimal (2.5) counts no one
        return Num(
            a,
            a + len(s.rstrip()),
            s,
            round(total),
            scaled=scale > 1,
            scale=scale,
            rule=rule,
            warnings=tuple(warnings),
        )

    def _read_mixed(self, s: str, a: int) -> Num | None:
        m = re.match(r"(.+?),?\s+(\d{1,3},\d{3})$", s)
        if not m:
            return None
        head = self._read_digits(m.group(1), a)
        if head is None or head.value is None:
            return None
        tail = int(m.group(2).replace(",", ""))
        if tail >= head.scale:
            return None
        return Num(a, a + len(s), s, head.value + tail, scaled=True, scale=head.scale, rule="numbers.mixed")

    def _read_fraction(self, s: str, a: int) -> Num | None:
        low = re.sub(r"[\s-]+", " ", s.lower())
        m = re.match(r"(.+?) and a half (\w+)$", low)
        if m:
            base = (
                self._words_value(m.group(1).split())
                if not m.group(1).isdigit()
                else (int(m.group(1)), len(m.group(1).split()))
            )
            scale = self.scales[m.group(2)]
            return Num(
                a,
                a + len(s),
                s,
                int((base[0] + 0.5) * scale),
                scaled=True,
                scale=scale,
                words=True,
                rule="numbers.fraction",
            )
        toks = low.split()
        scale = self.scales[toks[-1]]
        frac_words = " ".join(t for t in toks[:-1] if t not in ("of",))
        frac_words = re.sub(r" an?$", "", frac_words)
        frac = self.fractions.get(frac_words)
        if frac is None:
            return None
        return Num(a, a + len(s), s, round(frac * scale), scaled=True, scale=scale, words=True, rule="numbers.fraction")

    def _words_value(self, toks: list[str]) -> tuple[int, int]:
        """Value of a run of number words and how many tokens were used (stops where grammar breaks)."""
        total = 0
        current = 0
        used = 0
        last_scale = False
        seen_number = False
        for i, t in enumerate(toks):
            if t == "and":
                if not last_scale or i + 1 >= len(toks):
                    break
                used = i + 1
                last_scale = False
                continue
            if t in ("a", "an"):
                if seen_number:
                    break
                current = 1
                used = i + 1
                continue
            if t in self.scales:
                sc = self.scales[t]
                if sc == 100:
                    current = (current or 1) * 100
                elif sc < 100:  # dozen
                    current = (current or 1) * sc
                else:
                    total += (current or 1) * sc
                    current = 0
                seen_number = True
                last_scale = True
                used = i + 1
                continue
            parts = t.split("-")
            v = 0
            ok = True
            for p in parts:
                if p in self.words:
                    v += self.words[p]
                else:
                    ok = False
            if not ok:
                break
            if seen_number and not last_scale and current % 100 != 0:
                break  # "nine twenty": two numbers
            if seen_number and not last_scale and current and v >= 10 and current % 100 == 0 and current > 0:
                pass
            current += v
            seen_number = True
            last_scale = False
            used = i + 1
        return total + current, used

    def _read_words(self, s: str, a: int) -> Num | None:
        # keep character offsets: split into tokens with positions
        toks = [(m.group(0).lower(), m.start(), m.end()) for m in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)*", s)]
        flat: list[tuple[str, int, int]] = []
        for t, ts, te in toks:
            # "twenty-one" stays one token; "half-a-million" cannot reach here
            flat.append((t, ts, te))
        value, used = self._words_value([t for t, _, _ in flat])
        while used > 0 and flat[used - 1][0] == "and":
            used -= 1
        if used == 0 or value <= 0:
            return None
        end = a + flat[used - 1][2]
        text = s[: flat[used - 1][2]]
        scale = 1
        for t, _, _ in flat[:used]:
            if t in self.scales and self.scales[t] >= 1000:
                scale = max(scale, self.scales[t])
        return Num(a, end, text, int(value), scaled=scale > 1, scale=scale, words=True, rule="numbers.words")

    def read(self, text: str) -> Num | None:
        """Read one number expression (the whole string), or None."""
        m = self.regex.fullmatch(text.strip())
        return self._read(m) if m else None

"""Sentences and the engine's compiled helpers (built once per lexicon and kept on it).

Splitting is one linear regex pass; a sentence longer than text.max_sentence_chars is cut at whitespace so that
no input (a 10 MB line without a full stop) makes later steps quadratic.
"""

from __future__ import annotations

import re
from typing import Any

from sitrep.extract.lexicon import Lexicon
from sitrep.extract.numbers import fast_alt, trie_alt

# -- compiled helpers kept on the lexicon -----------------------------------------------------------


def engine_regexes(lex: Lexicon) -> dict[str, Any]:
    c = getattr(lex, "_engine", None)
    if c is not None:
        return c
    t = lex.text
    a = lex.attribution
    p = lex.places
    c = {}
    c["abbrev"] = frozenset(str(x).lower() for x in t.get("abbreviations", []))
    c["barriers"] = frozenset(str(x).lower() for x in t.get("barriers", []))
    c["appos"] = frozenset(str(x).lower() for x in t.get("appositive_starters", []))
    c["fillers1"] = frozenset(str(x).split()[0].lower() for x in t.get("fillers", []))
    c["fillers"] = sorted((tuple(str(x).lower().split()) for x in t.get("fillers", [])), key=lambda ph: -len(ph))
    rt = [str(x).lower() for x in t.get("running_total_words", [])]
    c["running1"] = frozenset(x for x in rt if " " not in x)
    c["runningN"] = [tuple(x.split()) for x in rt if " " in x]
    c["max_sent"] = int(t.get("max_sentence_chars", 1500))
    # "Returns from Pakistan rose: 34,200 people crossed": a line about returns (mentions._returns_context)
    ret = t.get("returns_context") or {}
    c["returns_re"] = re.compile(rf"(?i)\b(?:{trie_alt([str(w) for w in ret.get('words') or []])})\b")
    c["aux"] = frozenset(str(x).lower() for x in t.get("auxiliaries", []))
    c["intent_verbs"] = frozenset(str(v) for v in a.get("intent_verbs", []))
    c["data_verbs"] = frozenset(str(v) for v in a.get("data_verbs", []))
    verbs = sorted(
        {str(v) for v in [*a.get("verbs", []), *a.get("intent_verbs", []), *a.get("data_verbs", [])]},
        key=len,
        reverse=True,
    )
    c["verb_re"] = re.compile(r"\b(?=[" + "".join(sorted({v[0] for v in verbs})) + r"])(?:" + trie_alt(verbs) + r")\b")
    acc = [str(v) for v in a.get("according_to", [])]
    c["acc_re"] = re.compile(rf"\b{fast_alt(acc)}\s+")
    c["not_after"] = frozenset(str(x).lower() for x in a.get("not_after", []))
    c["pronouns"] = frozenset(str(x).lower() for x in a.get("pronouns", []))
    c["generic"] = frozenset(str(x).lower() for x in a.get("generic_sources", []))
    rel_verbs = [str(x) for x in a.get("relative_verbs", [])]
    gap = [str(x) for x in a.get("relative_gap_words", [])]
    # "the 500 a day aid agencies say are needed": a source and a saying verb right after the figure, the verb's
    # object being the figure itself (so a verb or auxiliary follows at once)
    c["relative_src_re"] = re.compile(
        rf"(?P<pre>[^,;:.()\"“”]{{0,80}}?)\s(?:{trie_alt(rel_verbs)})\s+(?:{trie_alt(gap)})\b"
    )
    c["relative_words"] = frozenset(str(x).lower() for x in a.get("relative_source_words", []))
    c["outlets"] = frozenset(str(x).lower() for x in a.get("outlets", []))
    c["strip"] = sorted((str(x).lower() for x in a.get("strip_prefixes", [])), key=len, reverse=True)
    c["subject_tail"] = sorted((str(x).lower() for x in a.get("subject_tail", [])), key=len, reverse=True)
    c["not_subject"] = frozenset(str(x).lower() for x in a.get("not_subject_words", []))
    cut_words = [str(x) for x in a.get("subject_cut_words", [])]
    c["subject_cut_re"] = re.compile(rf"(?i)\s+(?:{trie_alt(cut_words)})\b.*$")
    data_nouns = trie_alt([str(x) for x in a.get("data_nouns", [])])
    data_adj = trie_alt([str(x) for x in a.get("data_adjectives", [])])
    # "UNHCR figures", "the latest UN data": the body that published the numbers
    # ("IOM's latest figures": adjectives between the body and the noun are dropped too)
    c["data_tail_re"] = re.compile(rf"(?i)^(?P<who>.*?\S)(?:['’]s)?(?:\s+(?:{data_adj}))*\s+(?:{data_nouns})$")
    c["data_adj_re"] = re.compile(rf"(?i)^(?:(?:the|an?)\s+)?(?:(?:{data_adj})\s+)*")
    c["sentence_adverbs"] = frozenset(str(x).lower() for x in a.get("sentence_adverbs", []))
    time_words = trie_alt(
        [*(str(k) for k in lex.dates.months), *(str(k) for k in lex.dates.weekdays), "today", "yesterday"]
    )
    # "On Monday the United Nations said", "Earlier on Thursday, the ministry said": a time before the subject
    c["time_lead_re"] = re.compile(
        rf"^(?:(?:[Ee]arlier|[Ll]ater|[Ll]ate|[Ee]arly)\s+)?(?:(?:[Oo]n|[Ll]ast|[Tt]his|[Bb]y)\s+)?"
        rf"(?:{time_words})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:\s+(?:morning|afternoon|evening|night))?,?\s+"
    )
    preps = fast_alt([str(x) for x in p.get("prepositions", [])] + [str(x) for x in p.get("place_verbs", [])])
    # word lists as tries: the same matches as longest-first alternations, far fewer branches tried per word
    nouns = trie_alt([str(x) for x in p.get("place_nouns", [])])
    dirs = trie_alt([str(x) for x in p.get("direction_words", [])])
    # up to two linking words between capitalised words: "Democratic Republic of the Congo", "Bani Walid"
    name = r"[A-Z][\w'’-]*(?:\s+(?:(?:al|el|de|du|des|of|the|bin|ibn|la|le|di|da|do|dos)[\s-]+){0,2}[A-Z][\w'’-]*)*"
    c["place_re"] = re.compile(
        rf"\b(?P<prep>{preps})\s+(?P<place>(?:the\s+)?(?:(?:{dirs})\s+){{0,2}}(?:(?:{nouns})\s+of\s+)?{name}"
        rf"(?:\s+(?:{nouns})(?:\s+of\s+{name})?)?)"
    )
    of_first = "".join(sorted({w[0] for w in [*p.get("direction_words", []), *p.get("place_nouns", []), "the"]}))
    c["placeof_re"] = re.compile(
        rf"\b(?=[{of_first}])(?P<place>(?:the\s+)?(?:(?:{dirs})\s+){{0,2}}(?:{nouns})\s+of\s+(?:(?:{dirs})\s+)?{name})"
    )
    low = trie_alt([str(x) for x in p.get("lowercase_places", [])])
    c["lowplace_re"] = re.compile(
        rf"\b(?=[atvnf])(?P<prep>across|through|at|via|along|near|to|from)\s+(?P<place>(?:a|the)\s+(?:{low})\s+{name})"
    )
    poss = trie_alt([str(x) for x in p.get("possessive_nouns", [])])
    c["poss_re"] = re.compile(rf"\b(?P<place>[A-Z][\w-]+)['’]s\s+(?:[a-z-]+\s+)?(?:{poss})\b")
    c["subject_re"] = re.compile(
        r"^\W*(?:(?:Already|Meanwhile|Now|Today|However|Currently|So far|To date),?\s+)?"
        r"(?:With\s+[^,;]{1,80},\s+)?"  # "With 3.6 million refugees on its soil, Turkey already hosts ..."
        r"((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,3}(?:\s+(?:camp|province|district|region|state|city|town))?)"
        r"(?:\s+(?=(?:has|have|had|hosts|host|now|alone|still|already|currently|received|shelters|"
        r"(?:is|was|were)\s+(?:already\s+|now\s+|still\s+)?(?:hosting|home|sheltering))\b)|,)"
    )
    contrast = trie_alt([str(x) for x in p.get("contrast_breaks", [])] or ["whereas"])
    c["contrast_re"] = re.compile(rf"\b(?:{contrast})\b", re.I)
    conj = trie_alt([str(x) for x in p.get("conjunct_openers", [])] or ["and"])
    # the figure opens a new conjunct right after the word: "N into Chad and some M into South Sudan"
    c["conjunct_re"] = re.compile(rf"\b(?:{conj})[\s,]*$", re.I)
    c["not_places"] = frozenset(str(x).lower() for x in p.get("not_places", []))
    c["place_blockers"] = frozenset(str(x).lower() for x in p.get("place_blockers", []))
    c["countries"] = frozenset(str(x) for x in p.get("countries", []))
    c["country_len"] = max([len(str(x).split()) for x in p.get("countries", [])] + [1])
    c["clause_barriers"] = c["barriers"] - {"when", "after", "before", "while", "until", "since", "if", "so"}
    area_nouns = trie_alt([str(x) for x in p.get("place_nouns", []) if str(x) not in ("town", "city")])
    c["name_place_re"] = re.compile(
        rf"\b(?=[A-Zt])(?P<place>(?:the\s+)?{name}\s+(?:{area_nouns}|State|Province|Region|District|Governorate|"
        rf"Oblast|County|Camp))\b"
    )
    c["months_days"] = frozenset([k.lower() for k in lex.dates.months] + [k.lower() for k in lex.dates.weekdays])
    c["episode_re"] = lex.dates.rx_episode_noun
    c["episode_verb_re"] = re.compile(rf"\b(?:{trie_alt(lex.dates.episode_verbs or ['began'])})\b")
    c["dir_words"] = frozenset(str(x).lower() for x in p.get("direction_words", []))
    # first words of every subject/head phrase: a token outside this set starts no subject (a hot-path check)
    subj_lens: dict[str, set[int]] = {}
    for ph in (*lex.subjects, *lex.head_index):
        if ph:
            subj_lens.setdefault(ph[0], set()).add(len(ph))
    c["subj_lens"] = {w: sorted(ls, reverse=True) for w, ls in subj_lens.items()}
    c["q_last"] = frozenset(ph[-1] for ph in lex.qualifiers_before if ph)
    c["qa_first"] = frozenset(ph[0] for ph in lex.qualifiers_after if ph)
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for f in c["fillers"]:
        by_last.setdefault(f[-1], []).append(f)
    c["fillers_by_last"] = by_last
    c["rate_first"] = frozenset(ph[0] for ev in lex.events for ph in ev.rate_words if ph)
    c["comparison"] = sorted(
        (tuple(str(x).lower().replace(".", " .").split()) for x in t.get("comparison_words", [])),
        key=lambda ph: -len(ph),
    )
    c["movement_families"] = frozenset(str(x) for x in t.get("movement_outranks_casualty_modifier", []) or [])
    c["toll_nouns"] = frozenset(str(x).lower() for x in t.get("toll_nouns", []) or [])
    c["coord"] = frozenset((str(x).lower(),) for x in t.get("coordinated_nouns", []))
    c["phrasal_up"] = frozenset(str(x).lower() for x in t.get("phrasal_up_verbs", []) or [])
    c["pace_words"] = frozenset(str(x).lower() for x in t.get("pace_words", []) or [])
    c["pace_units"] = frozenset(str(x).lower() for x in t.get("pace_units", []) or [])
    ps = t.get("person_suffix")
    c["person_suffix"] = re.compile(str(ps)) if ps else None
    c["not_person_nouns"] = frozenset(str(x).lower() for x in t.get("not_person_nouns", []) or [])
    c["additive"] = sorted(
        (tuple(str(x).lower().split()) for x in t.get("additive_coordinators", []) or [] if str(x).strip()),
        key=lambda ph: -len(ph),
    )
    c["stock_events"] = frozenset(str(x) for x in t.get("stock_events", ["hosted", "idps"]))
    c["time_back"] = frozenset(str(x).lower() for x in t.get("time_back_words", []) or [])
    c["member_nouns"] = frozenset(str(x).lower() for x in t.get("including_singular_nouns", []) or [])
    singular = [str(x) for x in t.get("including_singular_nouns", []) or []]
    c["article_subject_re"] = (
        re.compile(r"(?i)(?<![\w-])an?\s+(?:[\w'’-]+\s+){0,2}?(?:" + trie_alt(singular) + r")\s+(?:was|has|had|is)\b")
        if singular
        else None
    )
    c["share_words"] = frozenset(str(x).lower() for x in t.get("share_words", []) or [])
    c["identify_as"] = frozenset(str(x).lower() for x in t.get("identify_as_verbs", []) or [])
    c["members_of"] = frozenset(str(x).lower() for x in t.get("members_of", []) or [])
    c["list_openers"] = frozenset(str(x).lower() for x in t.get("list_openers", []) or [])
    c["sibling_next"] = frozenset(
        str(x).lower() for x in t.get("elliptic_next_words", [".", ",", ";", "in", "on", "at", "across", "from"])
    )
    c["partitive_pronouns"] = frozenset(str(x).lower() for x in t.get("partitive_pronouns", []) or [])
    c["group_openers"] = frozenset(str(x).lower() for x in t.get("group_openers", []) or [])
    c["group_dets"] = frozenset(str(x).lower() for x in t.get("group_determiners", []) or [])
    c["group_links"] = frozenset(str(x).lower() for x in t.get("group_links", []) or [])
    c["coord_poss"] = frozenset(str(x).lower() for x in t.get("coordinated_possessives", []) or [])
    c["whole_dets"] = frozenset(str(x).lower() for x in t.get("whole_determiners", []) or [])
    c["q_words"] = frozenset(w for ph in lex.qualifiers_before for w in ph)
    c["background_days"] = int(t.get("background_after_days", 365))
    c["background_preps"] = frozenset(str(x).lower() for x in t.get("background_time_preps", []) or [])
    c["background_period"] = frozenset(str(x).lower() for x in t.get("background_period_words", []) or [])
    c["object_preps"] = frozenset(str(x).lower() for x in t.get("partitive_object_prepositions", []) or [])
    c["reporting_verbs"] = frozenset(str(x).lower() for x in t.get("reporting_aside_verbs", []) or [])
    c["age_words"] = frozenset(str(x).lower() for x in t.get("age_words", []) or [])
    c["label_words"] = int(t.get("key_figure_label_words", 4))
    c["plus_signs"] = lex.numbers.plus_signs
    c["object_verbs"] = frozenset(
        tuple(str(x).lower().split()) for x in t.get("non_figure_object_verbs", []) or [] if str(x).strip()
    )
    c["subject_verbs"] = frozenset(
        tuple(str(x).lower().split()) for x in t.get("non_figure_subject_verbs", []) or [] if str(x).strip()
    )
    c["care_nouns"] = frozenset(tuple(str(x).lower().split()) for x in t.get("care_nouns", []) or [])
    c["response_families"] = frozenset(str(x) for x in t.get("non_figure_response_families", []) or [])
    ob = t.get("outbreak") or {}
    c["outbreak_disease_re"] = _word_re(ob.get("diseases"))
    c["outbreak_word_re"] = _word_re(ob.get("words"))
    pj = t.get("projection") or {}
    modals = _alt_words(pj.get("modals"))
    change = _alt_words(pj.get("change"))
    verbs = _alt_words([*(pj.get("change") or []), *(pj.get("amount") or [])])
    # a modal (or expectation) and a verb a few words before the number: "could rise to", "is expected to climb
    # above", "could well exceed"
    tail_words = "to|above|over|past|beyond|between|well|as|high|much|many|more|than|nearly|almost|some|about|around|at"
    tail = rf"\w*(?:\s+(?:{tail_words}|least|even)){{0,4}}\s+$"
    c["projection_change_re"] = (
        re.compile(rf"(?i)\b(?:{modals})\s+(?:\w+\s+){{0,2}}?(?:{change}){tail}") if modals and change else None
    )
    c["projection_re"] = (
        re.compile(rf"(?i)\b(?:{modals})\s+(?:\w+\s+){{0,2}}?(?:{verbs}){tail}") if modals and verbs else None
    )
    # the figure's own verb after it under a modal: "up to 1 million refugees could flee" (not "may have died")
    c["modal_after_re"] = (
        re.compile(rf"(?i)(?:\s+[\w'’-]+){{0,3}}?\s+(?:{modals})\s+(?!have\b|already\b)") if modals else None
    )
    c["forecast_re"] = _word_re(pj.get("forecast_words"))
    c["projection_families"] = frozenset(str(x) for x in pj.get("families", []) or [])
    c["restated_min"] = int(t.get("restated_class_min_value", 50))
    # an event's generic indicator (its class "people") -> the indicators of classes that say who (civilian or not)
    refine: dict[str, set[str]] = {}
    for ev in lex.events:
        gen = ev.indicators.get("people")
        for cl, ind in ev.indicators.items() if gen is not None else ():
            info = lex.classes.get(cl)
            if ind != gen and info is not None and info.civilian is not None:
                refine.setdefault(gen, set()).add(ind)
    c["refine"] = {k: frozenset(v) for k, v in refine.items()}
    dl = t.get("dateline_pattern")
    c["dateline_re"] = re.compile(str(dl)) if dl else None
    # every furniture rule in one alternation (global inline flags made local): a line it does not match needs
    # no rule-by-rule pass
    parts = []
    for _rid, rx in lex.furniture:
        src = rx.pattern
        fm = re.match(r"\(\?([aiLmsux]+)\)", src)
        parts.append(f"(?{fm.group(1)}:{src[fm.end() :]})" if fm else f"(?:{src})")
    c["furniture_any"] = re.compile("|".join(parts)) if parts else None
    c["split_re"] = re.compile(r"\n|[.!?][\"'”’)\]]*[ \t]+(?=[\"'“‘(\[]?[A-Z0-9])")
    object.__setattr__(lex, "_engine", c)
    return c


def _alt_words(words: Any) -> str:
    """A longest-first alternation of words or phrases (spaces match any whitespace), "" when none."""
    items = sorted({str(w).strip() for w in words or [] if str(w).strip()}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def _word_re(words: Any) -> re.Pattern[str] | None:
    """A case-blind whole-word matcher for a word list (None when the list is empty)."""
    alt = _alt_words(words)
    return re.compile(rf"(?i)(?<![\w-])(?:{alt})(?![\w-])") if alt else None


# -- sentences ---------------------------------------------------------------------------------------


def split_sentences(text: str, lex: Lexicon) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) for each sentence, in one linear pass; long runs are cut at whitespace."""
    c = engine_regexes(lex)
    out: list[tuple[int, int, int]] = []
    para = 0
    start = 0
    maxlen = c["max_sent"]
    abbrev = c["abbrev"]

    def emit(a: int, b: int) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        while b - a > maxlen:
            cut = text.rfind(" ", a + maxlen // 2, a + maxlen)
            if cut <= a:
                cut = a + maxlen
            out.append((a, cut, para))
            a = cut
            while a < b and text[a].isspace():
                a += 1
        if b > a:
            out.append((a, b, para))

    for m in c["split_re"].finditer(text):
        ch = text[m.start()]
        if ch == "\n":
            if _figure_over_label(text, start, m.start()):
                continue  # a key-figures box: "57,012" over "Palestinians killed since 7 October" is one statement
            emit(start, m.start())
            para += 1
            start = m.end()
            continue
        if ch == ".":
            w = text[max(start, m.start() - 24) : m.start()].rsplit(None, 1)
            word = w[-1].lstrip("(\"'“‘[") if w else ""
            if word.lower() in abbrev or re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word):
                continue
        cut = m.start() + 1 + len(m.group(0)[1:].rstrip())
        emit(start, cut)
        start = cut
    emit(start, len(text))
    return out


# a key-figures box line holding a figure alone ("57,012", "1.2M", "450,000+"), and the short label line under it
FIGURE_LINE = re.compile(
    r"[ \t]*(?:[~≈>]|(?:over|nearly|about|some|almost|more than)[ \t]+)?\d[\d,.]*(?:[ \t]?(?:[kKmM]|mn|bn|million|"
    r"billion|thousand)\b)?\+?[ \t]*\*?[ \t]*",
    re.IGNORECASE,
)
LABEL_LINE = re.compile(r"[ \t]*[A-Za-z][^\n]{0,100}(?:\n|$)")


def _figure_over_label(text: str, line_start: int, nl: int) -> bool:
    """Whether the line text[line_start:nl] is a figure alone and the next line a short label naming it."""
    return (
        nl - line_start <= 24
        and FIGURE_LINE.fullmatch(text, line_start, nl) is not None
        and LABEL_LINE.match(text, nl + 1) is not None
    )


# a line that starts a list item, heading or table row is never the continuation of the line before
LINE_START_ITEM = re.compile(r"(?:[-*•·▪–—#|>]|\d{1,3}[.)]\s)")


def unwrap(text: str, lex: Lexicon) -> str:
    """A hard-wrapped text (wire copy, e-mail) with its soft line breaks made spaces; other texts unchanged.

    The result has the same length, so every offset still points into the original text. A text is hard-wrapped
    when no line is longer than text.hard_wrap.max_width and several lines are filled to near that width and end
    mid-sentence; a newline after a filled line that does not end a sentence is then a soft break.
    """
    cfg = lex.text.get("hard_wrap") or {}
    max_width = int(cfg.get("max_width", 100))
    if "\n" not in text:
        return text
    lines = text.split("\n")
    width = max(len(x.rstrip()) for x in lines)
    if width > max_width or width < 30:
        return text
    fill = float(cfg.get("fill", 0.6)) * width
    ends = ".!?:\"”'’)]"
    filled = [x.rstrip() for x in lines if len(x.rstrip()) >= fill and x.rstrip()[-1:] not in ends]
    if len(filled) < int(cfg.get("min_lines", 3)):
        return text
    out = list(text)
    pos = 0
    for k, line in enumerate(lines[:-1]):
        pos += len(line)
        body = line.rstrip()
        nxt = lines[k + 1].strip()
        # two lines that both open with a number are a list of key figures, not one wrapped sentence
        listed = body.lstrip()[:1].isdigit() and nxt[:1].isdigit()
        if len(body) >= fill and body[-1:] not in ends and nxt and not LINE_START_ITEM.match(nxt) and not listed:
            out[pos] = " "
        pos += 1
    return "".join(out)

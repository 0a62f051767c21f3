"""The extraction lexicon: every word list and rule of config/extract/*.yaml, validated and compiled once.

Built-in files come first; each user folder's *.yaml then replaces rules by id (or removes them with
`disable: [ids]`) and extends word lists. Mistakes become one ConfigError naming file:line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError
from sitrep.extract.dates import DateScanner
from sitrep.extract.numbers import NUM_LEAD, NUM_PATTERN, NumberScanner, fast_alt
from sitrep.model import FAMILIES, QUALIFIERS
from sitrep.resources import config_dir
from sitrep.yamlio import KeyPath, Loaded, load_yaml, validation_error

KINDS = ("numbers", "dates", "qualifiers", "furniture", "subjects", "family", "attribution", "places", "text")
RULE_SECTIONS = {"numbers": ("rules",), "dates": ("rules",), "qualifiers": ("rules",), "furniture": ("rules",),
                 "family": ("events", "patterns"), "attribution": ("rules",), "places": ("rules",),
                 "subjects": (), "text": ()}  # fmt: skip
EVENT_KEYS = {"id", "event", "left", "right", "heads", "head_modifiers", "head_classes", "indicators", "examples",
              "require_head", "set_class", "only_classes", "exclude_modifiers", "rate", "place_from", "priority",
              "large", "head_needs_rate"}  # fmt: skip
PATTERN_KEYS = {"id", "event", "class", "regex", "examples", "keywords", "place_from", "indicator"}
Phrase = tuple[str, ...]


@dataclass
class EventRule:
    """Words that say what happened to the counted people, and the indicator for each subject class."""

    id: str
    family: str
    event: str
    left: list[Phrase]
    right: list[Phrase]
    heads: list[Phrase]
    head_modifiers: list[str]
    head_classes: list[str]
    indicators: dict[str, str]
    require_head: bool = False
    set_class: str | None = None
    only_classes: list[str] | None = None
    exclude_modifiers: frozenset[str] = frozenset()
    rate: dict[str, Any] | None = None
    rate_words: list[Phrase] = field(default_factory=list)
    target_words: frozenset[str] = frozenset()
    target_phrases: list[Phrase] = field(default_factory=list)
    place_from: str | None = None
    large: dict[str, Any] | None = None
    head_needs_rate: bool = False
    source: str = ""


@dataclass
class PatternRule:
    """A whole construction as a regex with number slots ({N1}, {N2}) for what the word rules cannot see.

    The regex is compiled the first time a sentence passes the rule's keywords: most runs need a few of the
    hundred-odd patterns, and compiling them all cost more than reading a report's articles."""

    id: str
    family: str
    event: str | None
    cls: str | None
    pattern: str | re.Pattern[str]
    keywords: list[str]
    place_from: str | None = None
    indicator: str | None = None
    source: str = ""

    @property
    def regex(self) -> re.Pattern[str]:
        if isinstance(self.pattern, str):
            self.pattern = re.compile(self.pattern)
        return self.pattern


@dataclass
class ClassInfo:
    name: str
    civilian: bool | None
    unit: str


@dataclass
class Lexicon:
    """Everything the engine needs, compiled. Build it with load_lexicon()."""

    numbers: NumberScanner
    dates: DateScanner
    qualifiers_before: dict[Phrase, tuple[str, str]]
    qualifiers_after: dict[Phrase, tuple[str, str]]
    furniture: list[tuple[str, re.Pattern[str]]]
    classes: dict[str, ClassInfo]
    subjects: dict[Phrase, str]
    nationality: re.Pattern[str]
    not_nationals: frozenset[str]
    class_modifiers: dict[str, str]
    modifier_words: frozenset[str]
    of_determiners: frozenset[str]
    events: list[EventRule]
    patterns: list[PatternRule]
    revisions: list[re.Pattern[str]]
    skips: list[re.Pattern[str]]
    revision_check: re.Pattern[str]
    skip_check: re.Pattern[str]
    change_words: frozenset[str]
    attribution: dict[str, Any]
    places: dict[str, Any]
    text: dict[str, Any]
    prefilter: re.Pattern[str]
    examples: dict[str, dict[str, list[str]]]
    rule_sources: dict[str, str]
    # derived indexes
    left_index: dict[str, list[tuple[Phrase, EventRule]]] = field(default_factory=dict)
    right_index: dict[str, list[tuple[Phrase, EventRule]]] = field(default_factory=dict)
    head_index: dict[Phrase, EventRule] = field(default_factory=dict)
    max_subject_len: int = 1
    # nouns that are never people ("700,000 head of livestock"): a number counting one is no figure
    not_subjects: frozenset[str] = frozenset()

    def vague_reading(self, vague: str) -> int | None:
        """The documented numeric policy for a vague amount (ACLED-style: dozens = 12, hundreds = 100)."""
        return self.numbers.vague_reading.get(vague)


def _phr(s: str) -> Phrase:
    return tuple(t for t in re.split(r"\s+", str(s).strip()) if t)


def _low_phr(s: str) -> Phrase:
    return tuple(t if t.startswith("{") else t.lower() for t in _phr(s))


# -- loading --------------------------------------------------------------------------------------


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.y*ml") if p.is_file())


def _check_examples(loaded: Loaded, kp: KeyPath, ex: Any, problems: list[tuple[KeyPath, str]]) -> None:
    if ex is None:
        return
    if not isinstance(ex, dict) or set(ex) - {"match", "no_match"}:
        problems.append((kp, "examples must be a mapping with `match` and/or `no_match` lists of sentences"))
        return
    for k in ("match", "no_match"):
        v = ex.get(k, [])
        if not isinstance(v, list) or not all(isinstance(s, str) for s in v):
            problems.append((kp + (k,), f"examples.{k} must be a list of sentences (strings)"))


def _validate(loaded: Loaded, builtin: bool) -> None:
    """Collect every problem in one file, then raise once."""
    d = loaded.data
    problems: list[tuple[KeyPath, str]] = []
    if not isinstance(d, dict):
        raise validation_error(loaded, [((), "an extraction rules file must be a mapping with a `kind:` key")])
    kind = d.get("kind")
    if kind not in KINDS:
        problems.append((("kind",), f"`kind` must be one of {', '.join(KINDS)} (got {kind!r})"))
        raise validation_error(loaded, problems)
    if kind == "family" and d.get("family") not in FAMILIES:
        problems.append((("family",), f"`family` must be one of {', '.join(FAMILIES)} (got {d.get('family')!r})"))
    if "disable" in d and not (isinstance(d["disable"], list) and all(isinstance(x, str) for x in d["disable"])):
        problems.append((("disable",), "`disable` must be a list of rule ids"))
    for section in RULE_SECTIONS[kind]:
        items = d.get(section, [])
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(((section,), f"`{section}` must be a list of rules"))
            continue
        for i, r in enumerate(items):
            kp: KeyPath = (section, i)
            if not isinstance(r, dict):
                problems.append((kp, "each rule must be a mapping with an `id`"))
                continue
            if not isinstance(r.get("id"), str) or not r.get("id"):
                problems.append((kp, "rule has no `id` (a unique name like casualties.killed)"))
            _check_examples(loaded, kp + ("examples",), r.get("examples"), problems)
            if kind == "family" and section == "events":
                for k in set(r) - EVENT_KEYS:
                    problems.append((kp + (k,), f"unknown key {k!r}; valid keys: {', '.join(sorted(EVENT_KEYS))}"))
                if not isinstance(r.get("indicators"), dict) or not r.get("indicators"):
                    problems.append((kp + ("indicators",), "`indicators` must map subject classes to indicator ids"))
                for k in ("left", "right", "heads", "head_modifiers", "head_classes"):
                    v = r.get(k, [])
                    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                        problems.append((kp + (k,), f"`{k}` must be a list of words or phrases"))
                if not isinstance(r.get("event"), str):
                    problems.append((kp + ("event",), "`event` must name what happened (killed, displaced, ...)"))
            if kind == "family" and section == "patterns":
                for k in set(r) - PATTERN_KEYS:
                    problems.append((kp + (k,), f"unknown key {k!r}; valid keys: {', '.join(sorted(PATTERN_KEYS))}"))
                rx = r.get("regex")
                if not isinstance(rx, str) or "{N1}" not in rx:
                    problems.append((kp + ("regex",), "`regex` must be a string containing the number slot {N1}"))
                elif not builtin:  # the built-ins' regexes are compiled by the test suite, not at every run
                    try:
                        re.compile(rx.replace("{N1}", "1").replace("{N2}", "2").replace("{Q}", ""))
                    except re.error as exc:
                        problems.append((kp + ("regex",), f"invalid regular expression: {exc}"))
            if kind == "qualifiers" and r.get("qualifier") not in QUALIFIERS:
                problems.append((kp + ("qualifier",), f"`qualifier` must be one of {', '.join(QUALIFIERS)}"))
            if kind == "furniture":
                try:
                    re.compile(str(r.get("pattern", "")))
                except re.error as exc:
                    problems.append((kp + ("pattern",), f"invalid regular expression: {exc}"))
                if not r.get("pattern"):
                    problems.append((kp + ("pattern",), "furniture rule needs a `pattern` (a regex)"))

    def walk(x: Any, kp: KeyPath) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                walk(v, (*kp, k))
        elif isinstance(x, list):
            for i, v in enumerate(x):
                if isinstance(v, bool) or v is None:
                    problems.append(
                        ((*kp, i), "a bare yes/no/on/off/true/false (or empty item) is read by YAML as a boolean; "
                         "put the word in quotes")
                    )  # fmt: skip
                walk(v, (*kp, i))

    walk(d, ())
    if builtin and kind == "numbers":
        for k in ("units", "tens", "scales", "scale_suffixes", "fractions", "vague"):
            if k not in d:
                problems.append(((k,), f"numbers config needs `{k}`"))
    if problems:
        raise validation_error(loaded, problems)


def _merge(base: dict[str, Loaded], user: Loaded, rule_sources: dict[str, str], disabled: set[str]) -> None:
    """Apply one user file: rules replace built-in ones by id, lists extend, mappings update."""
    d = user.data
    kind = d["kind"]
    disabled.update(d.get("disable") or [])
    key = f"family:{d['family']}" if kind == "family" else kind
    target = base.get(key)
    if target is None:
        base[key] = user
        for section in RULE_SECTIONS[kind]:
            for i, r in enumerate(d.get(section) or []):
                rule_sources[r["id"]] = user.where((section, i))
        return
    td = target.data
    for k, v in d.items():
        if k in ("kind", "family", "disable"):
            continue
        if k in RULE_SECTIONS[kind]:
            items = list(td.get(k) or [])
            index = {r.get("id"): n for n, r in enumerate(items)}
            for i, r in enumerate(v or []):
                rule_sources[r["id"]] = user.where((k, i))
                if r["id"] in index:
                    items[index[r["id"]]] = r
                else:
                    items.append(r)
            td[k] = items
        elif isinstance(v, list) and isinstance(td.get(k), list):
            td[k] = [*td[k], *v]
        elif isinstance(v, dict) and isinstance(td.get(k), dict):
            td[k] = {**td[k], **v}
        else:
            td[k] = v


def load_lexicon(extra_dirs: Sequence[Path] = ()) -> Lexicon:
    """The built-in lexicon, then each user folder's *.yaml overriding rules by id (`disable:` removes)."""
    if not extra_dirs:
        return _builtin()
    return _build(tuple(Path(p) for p in extra_dirs))


@functools.lru_cache(maxsize=1)
def _builtin() -> Lexicon:
    return _build(())


def _build(extra: tuple[Path, ...]) -> Lexicon:
    folder = config_dir() / "extract"
    base: dict[str, Loaded] = {}
    rule_sources: dict[str, str] = {}
    for p in _files(folder):
        loaded = load_yaml(p)
        _validate(loaded, builtin=True)
        d = loaded.data
        key = f"family:{d['family']}" if d["kind"] == "family" else d["kind"]
        if key in base:
            raise ConfigError(f"{p}: a second built-in `{key}` file ({base[key].path} has it already); merge them.")
        base[key] = loaded
        for section in RULE_SECTIONS[d["kind"]]:
            for i, r in enumerate(d.get(section) or []):
                if r["id"] in rule_sources:
                    raise validation_error(
                        loaded,
                        [((section, i, "id"), f"rule id {r['id']!r} is already used at {rule_sources[r['id']]}")],
                    )
                rule_sources[r["id"]] = loaded.where((section, i))
    disabled: set[str] = set()
    for folder_x in extra:
        if not folder_x.is_dir():
            raise ConfigError(f"{folder_x}: rules folder not found; pass a folder of *.yaml rule files.")
        for p in _files(folder_x):
            loaded = load_yaml(p)
            _validate(loaded, builtin=False)
            _merge(base, loaded, rule_sources, disabled)
    for k in ("numbers", "dates", "qualifiers", "subjects", "attribution", "places", "text", "furniture"):
        if k not in base:
            raise ConfigError(f"{folder}: the built-in `{k}` rules file is missing; reinstall sitrep.")
    return _compile(base, rule_sources, disabled)


def _compile(base: dict[str, Loaded], rule_sources: dict[str, str], disabled: set[str]) -> Lexicon:
    g = {k: v.data for k, v in base.items()}
    examples: dict[str, dict[str, list[str]]] = {}

    def keep(rules: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for r in rules or []:
            if r["id"] in disabled:
                continue
            if r.get("examples"):
                examples[r["id"]] = {
                    "match": list(r["examples"].get("match") or []),
                    "no_match": list(r["examples"].get("no_match") or []),
                }
            out.append(r)
        return out

    nums_cfg = g["numbers"]
    keep(nums_cfg.get("rules", []))
    numbers = NumberScanner(nums_cfg)
    dates = DateScanner(g["dates"], {**numbers.units, **numbers.tens})
    keep(g["dates"].get("rules", []))

    q_before: dict[Phrase, tuple[str, str]] = {}
    q_after: dict[Phrase, tuple[str, str]] = {}
    for r in keep(g["qualifiers"].get("rules", [])):
        for w in r.get("before", []) or []:
            q_before[_low_phr(w)] = (r["qualifier"], r["id"])
        for w in r.get("after", []) or []:
            q_after[_low_phr(w)] = (r["qualifier"], r["id"])

    furniture = [(r["id"], re.compile(r["pattern"])) for r in keep(g["furniture"].get("rules", []))]

    subj = g["subjects"]
    classes: dict[str, ClassInfo] = {}
    subjects: dict[Phrase, str] = {}
    for name, info in (subj.get("classes") or {}).items():
        classes[name] = ClassInfo(name, info.get("civilian"), info.get("unit", "people"))
        for n in info.get("nouns", []) or []:
            subjects[_low_phr(n)] = name
    cm = (subj.get("modifiers") or {}).get("class", {}) or {}
    class_modifiers = {str(k).lower(): str(v) for k, v in cm.items()}
    modifier_words = frozenset(str(w).lower() for w in (subj.get("modifiers") or {}).get("words", []) or [])

    events: list[EventRule] = []
    patterns: list[PatternRule] = []
    # {N1}/{N2} match a number the scanner already read, masked in the sentence (see mask_numbers): a short
    # pattern instead of inlining the whole number grammar into every rule, which made loading slow.
    num_src = NUM_PATTERN
    # {Q}: the qualifier right before the number ("nearly", "more than") as one to four of the qualifier
    # phrases' words; the engine reads which qualifier it is. Inlining every phrase into every pattern made
    # the patterns slow to compile.
    q_words = "|".join(re.escape(w) for w in sorted({w for p in q_before for w in p}, key=lambda w: (-len(w), w)))
    q_slot = rf"(?:(?:{q_words})\s+){{1,4}}?(?={NUM_LEAD})"
    q_slot = rf"(?:{q_slot})?"
    for key, d in g.items():
        if not key.startswith("family:"):
            continue
        fam = d["family"]
        for r in keep(d.get("events", [])):
            ev = EventRule(
                id=r["id"],
                family=fam,
                event=r["event"],
                left=[_low_phr(x) for x in r.get("left", []) or []],
                right=[_low_phr(x) for x in r.get("right", []) or []],
                heads=[_low_phr(x) for x in r.get("heads", []) or []],
                head_modifiers=[str(x).lower() for x in r.get("head_modifiers", []) or []],
                head_classes=list(r.get("head_classes", []) or []),
                indicators={str(k): str(v) for k, v in r["indicators"].items()},
                require_head=bool(r.get("require_head", False)),
                set_class=r.get("set_class"),
                only_classes=r.get("only_classes"),
                exclude_modifiers=frozenset(str(x).lower() for x in r.get("exclude_modifiers", []) or []),
                rate=r.get("rate"),
                place_from=r.get("place_from"),
                large=r.get("large"),
                head_needs_rate=bool(r.get("head_needs_rate", False)),
                source=rule_sources.get(r["id"], ""),
            )
            if ev.rate:
                ev.rate_words = [_low_phr(x) for x in ev.rate.get("words", [])]
                tw = [_low_phr(x) for x in ev.rate.get("target_words", [])]
                ev.target_words = frozenset(p[0] for p in tw if len(p) == 1)
                ev.target_phrases = [p for p in tw if len(p) > 1]
            events.append(ev)
        for r in keep(d.get("patterns", [])):
            src = str(r["regex"])
            src = src.replace("{Q}", q_slot)
            src = src.replace("{N1}", rf"(?P<n1>{num_src})").replace("{N2}", rf"(?P<n2>{num_src})")
            patterns.append(
                PatternRule(
                    id=r["id"],
                    family=fam,
                    event=r.get("event"),
                    cls=r.get("class"),
                    pattern=src,
                    keywords=[str(k).lower() for k in r.get("keywords", []) or []],
                    place_from=r.get("place_from"),
                    indicator=r.get("indicator"),
                    source=rule_sources.get(r["id"], ""),
                )
            )
    skips = []
    for src in nums_cfg.get("skip_patterns", []) or []:
        skips.append(re.compile(src.replace("{N1}", rf"(?P<n1>{num_src})"), re.IGNORECASE))
    revisions = []
    for src in nums_cfg.get("revision_patterns", []) or []:
        src = src.replace("{N1}", rf"(?P<n1>{num_src})").replace("{N2}", rf"(?P<n2>{num_src})")
        revisions.append(re.compile(src, re.IGNORECASE))

    for name in ("attribution", "places"):
        keep(g[name].get("rules", []))

    # prefilter: a sentence without any of these words cannot hold a figure
    words: set[str] = set()

    def key_word(p: Phrase) -> str:
        """The phrase's longest word: the rarest, so the prefilter lets few sentences through."""
        return max((w for w in p if not w.startswith("{")), key=len, default="")

    for ev in events:
        for p in ev.left + ev.right + ev.heads:
            words.add(key_word(p))
        words.update(key_word(tuple(m.split())) for m in ev.head_modifiers)
        for c in ev.head_classes:
            words.update(key_word(ph) for ph, cl in subjects.items() if cl == c)
    for pr in patterns:
        words.update(pr.keywords)
    words = {w for w in words if w and not w.startswith("{")}
    # case-blind: a lexicon word written in capitals in the text ("IDPs", "Killed") still lets the sentence through
    prefilter = re.compile(rf"\b{fast_alt(words)}", re.IGNORECASE)

    lex = Lexicon(
        numbers=numbers,
        dates=dates,
        qualifiers_before=q_before,
        qualifiers_after=q_after,
        furniture=furniture,
        classes=classes,
        subjects=subjects,
        nationality=re.compile(str(subj.get("nationality_suffix", r"^$"))),
        not_nationals=frozenset(str(x) for x in subj.get("not_nationals", []) or []),
        class_modifiers=class_modifiers,
        modifier_words=modifier_words,
        of_determiners=frozenset(str(x).lower() for x in subj.get("of_determiners", []) or []),
        not_subjects=frozenset(str(x).lower() for x in subj.get("not_subjects", []) or []),
        events=events,
        patterns=patterns,
        revisions=revisions,
        skips=skips,
        revision_check=re.compile(rf"\b{fast_alt([str(w) for w in nums_cfg.get('revision_keywords', [])] or ['x'])}\b"),
        skip_check=re.compile(rf"\b{fast_alt([str(w) for w in nums_cfg.get('skip_keywords', [])] or ['x'])}\b"),
        change_words=frozenset(str(w).lower() for w in nums_cfg.get("change_words", []) or []),
        attribution=g["attribution"],
        places=g["places"],
        text=g["text"],
        prefilter=prefilter,
        examples=examples,
        rule_sources=rule_sources,
    )
    for ev in events:
        for p in ev.left:
            lex.left_index.setdefault(p[-1], []).append((p, ev))
        for p in ev.right:
            lex.right_index.setdefault(p[0], []).append((p, ev))
        for p in ev.heads:
            lex.head_index.setdefault(p, ev)
        for c in ev.head_classes:
            for ph, cl in subjects.items():
                if cl == c:
                    lex.head_index.setdefault(ph, ev)
    for idx in (lex.left_index, lex.right_index):
        for v in idx.values():
            v.sort(key=lambda pe: -len(pe[0]))
    lex.max_subject_len = max([len(p) for p in subjects] + [len(p) for p in lex.head_index] + [1])
    return lex

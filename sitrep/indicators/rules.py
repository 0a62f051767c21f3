"""Indicator rules and credibility tiers: built-in YAML under config/, overridden by a report file.

Every problem is collected with its key path and line, then reported once (yamlio.validation_error),
so a user fixing a rules file sees all mistakes at the first run.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sitrep.model import FAMILIES, QUALIFIERS, VAGUE_AMOUNTS
from sitrep.resources import config_dir
from sitrep.yamlio import KeyPath, Loaded, load_yaml, pydantic_problems, validation_error

KINDS: tuple[str, ...] = ("running_total", "events", "rate", "stock", "target")
ORDER_KEYS: tuple[str, ...] = ("tier", "latest", "precision", "corroboration")
Kind = Literal["running_total", "events", "rate", "stock", "target"]
Scope = Literal["totals", "events", "all"]
OrderKey = Literal["tier", "latest", "precision", "corroboration"]
_HXL = r"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$"
_RULE_KEYS = [
    *("id", "label", "family", "kind", "unit", "hxl", "mentions", "description", "civilian", "place", "quote"),
    *("qualifiers", "period_start", "period_required", "last_days", "scope", "target_of", "headline_order"),
    *("window_days", "disagreement_share", "examples"),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _regex(value: str | None) -> str | None:
    if value is not None:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression ({exc}): {value!r}") from None
    return value


class Example(_Strict):
    """A mention a rule must take (`match`) or leave out (`no_match`): the rule's own test case."""

    indicator: str
    quote: str
    value: int | None = None
    vague: Literal[VAGUE_AMOUNTS] | None = None  # type: ignore[valid-type]
    qualifier: Literal[QUALIFIERS] = "exact"  # type: ignore[valid-type]
    civilian: bool | None = None
    as_of: dt.date | None = None
    period_start: dt.date | None = None
    place: str | None = None
    attributed_to: str | None = None
    published: dt.date | None = None  # the article's publication date


class Examples(_Strict):
    match: list[Example] = Field(default_factory=list)
    no_match: list[Example] = Field(default_factory=list)


class Rule(_Strict):
    """One indicator rule as written in YAML (see config/indicators.yaml for the meaning of each key)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    family: str
    kind: Kind
    unit: str = "people"
    hxl: str
    mentions: list[str] = Field(min_length=1)
    description: str = ""
    civilian: bool | None = None
    place: str | None = None
    quote: str | None = None
    qualifiers: list[Literal[QUALIFIERS]] | None = None  # type: ignore[valid-type]
    period_start: dt.date | None = None
    period_required: bool = False
    last_days: int | None = Field(default=None, ge=1)
    scope: Scope | None = None
    target_of: str | None = None
    headline_order: list[OrderKey] | None = None
    window_days: int | None = Field(default=None, ge=0)
    disagreement_share: float | None = Field(default=None, ge=0)
    examples: Examples | None = None

    @field_validator("family")
    @classmethod
    def _family(cls, v: str) -> str:
        if v not in FAMILIES:
            raise ValueError(f"unknown family {v!r}; choose one of {', '.join(FAMILIES)}")
        return v

    @field_validator("hxl")
    @classmethod
    def _hxl(cls, v: str) -> str:
        if not re.match(_HXL, v):
            raise ValueError(
                f"not an HXL hashtag: {v!r}; write '#' + a lowercase tag, then '+attribute's, e.g. '#affected+idps'"
            )
        return v

    @field_validator("place", "quote")
    @classmethod
    def _re(cls, v: str | None) -> str | None:
        return _regex(v)

    @property
    def counts(self) -> str:
        """Which mentions count: running totals take totals, events take single incidents."""
        if self.scope:
            return self.scope
        return {"running_total": "totals", "events": "events"}.get(self.kind, "all")


class Defaults(_Strict):
    headline_order: list[OrderKey] = Field(default_factory=lambda: ["tier", "latest", "precision"])
    window_days: int = Field(default=7, ge=0)
    disagreement_share: float = Field(default=0.05, ge=0)
    disagreement_max_tier: int | None = Field(default=None, ge=1)
    outlier_ratio: float = Field(default=5.0, gt=1)
    period_tolerance_days: int = Field(default=31, ge=0)
    wire_similarity: float = Field(default=0.9, gt=0, le=1)
    short_period_days: int = Field(default=2, ge=0)


class VagueReading(_Strict):
    reading: int = Field(ge=0)
    min: int = Field(ge=0)
    max: int | None = None


class QualifierReading(_Strict):
    low: float = Field(ge=0)
    high: float | None = None


class RulesFile(_Strict):
    defaults: Defaults = Field(default_factory=Defaults)
    vague: dict[Literal[VAGUE_AMOUNTS], VagueReading]  # type: ignore[valid-type]
    qualifiers: dict[Literal[QUALIFIERS], QualifierReading]  # type: ignore[valid-type]
    precision: list[list[Literal[(*QUALIFIERS, "range", "vague")]]]  # type: ignore[valid-type]
    total_words: list[str] = Field(default_factory=list)
    incident_words: list[str] = Field(default_factory=list)
    so_far_words: list[str] = Field(default_factory=list)
    promote_warnings: list[str] = Field(default_factory=list)
    indicators: list[dict[str, Any]]


class Tier(_Strict):
    id: str
    rank: int = Field(ge=1)
    label: str = ""
    names: list[str] = Field(default_factory=list)
    acronyms: list[str] = Field(default_factory=list)


class TierPatch(_Strict):
    id: str
    rank: int | None = Field(default=None, ge=1)
    label: str | None = None
    names: list[str] = Field(default_factory=list)
    acronyms: list[str] = Field(default_factory=list)


class CredibilityFile(_Strict):
    tiers: list[Tier] = Field(min_length=1)


class CredibilityPatch(_Strict):
    replace: bool = False
    tiers: list[TierPatch] = Field(default_factory=list)


class ReportKeys(BaseModel):
    """The report-file keys this stage reads; other keys belong to the report config."""

    model_config = ConfigDict(extra="ignore")
    indicators: list[dict[str, Any]] | None = None
    disable: list[str] | None = None
    credibility: CredibilityPatch | None = None


@dataclass(frozen=True)
class Credibility:
    """Tiers in rank order with compiled matchers; `tier_of` never fails (unknown = lowest)."""

    tiers: tuple[Tier, ...]
    _patterns: tuple[tuple[Tier, re.Pattern[str] | None, re.Pattern[str] | None], ...] = field(repr=False)

    @classmethod
    def from_tiers(cls, tiers: list[Tier]) -> Credibility:
        ordered = tuple(sorted(tiers, key=lambda t: t.rank))
        pats = []
        for t in ordered:
            names = "|".join(re.escape(n) for n in sorted(t.names, key=len, reverse=True))
            acr = "|".join(re.escape(n) for n in sorted(t.acronyms, key=len, reverse=True))
            pats.append(
                (
                    t,
                    re.compile(rf"(?<!\w)(?:{names})(?!\w)", re.IGNORECASE) if names else None,
                    re.compile(rf"(?<!\w)(?:{acr})(?!\w)") if acr else None,
                )
            )
        return cls(ordered, tuple(pats))

    @property
    def lowest(self) -> int:
        return max(t.rank for t in self.tiers)

    def match(self, text: str | None) -> Tier | None:
        """The most credible tier whose names occur in `text`, or None."""
        if not text:
            return None
        for tier, names, acr in self._patterns:
            if (names and names.search(text)) or (acr and acr.search(text)):
                return tier
        return None

    def tier_of(self, attributed_to: str | None, outlet: str | None) -> tuple[int, str]:
        """(rank, label) for a figure: who the text credits first, then the outlet; unknown -> lowest."""
        tier = self.match(attributed_to) or self.match(outlet)
        if tier:
            return tier.rank, tier.label or tier.id
        return self.lowest, "unknown source (lowest tier)"

    def label_of(self, rank: int) -> str:
        for t in self.tiers:
            if t.rank == rank:
                return t.label or t.id
        return f"tier {rank}"


@dataclass(frozen=True)
class IndicatorRules:
    """The effective rules: built-ins merged with a report's overrides, plus where each came from."""

    rules: tuple[Rule, ...]
    credibility: Credibility
    defaults: Defaults
    vague: dict[str, VagueReading]
    qualifiers: dict[str, QualifierReading]
    precision: dict[str, int]  # qualifier / "range" / "vague" -> level (0 = most precise)
    origins: dict[str, str] = field(default_factory=dict)  # rule id -> "file:line"
    total_words: re.Pattern[str] | None = None  # words that make a sentence's figure a total, not an incident
    incident_words: re.Pattern[str] | None = None  # words that make a same-day figure an incident
    so_far_words: re.Pattern[str] | None = None  # a count so far ("have been killed"): not an incident
    promote_warnings: re.Pattern[str] | None = None  # mention warnings the brief's reader must see

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def _prefix(problems: list[tuple[KeyPath, str]], prefix: KeyPath) -> list[tuple[KeyPath, str]]:
    return [(prefix + tuple(kp), msg) for kp, msg in problems]


def _unknown_key_hint(problems: list[tuple[KeyPath, str]], valid: list[str]) -> list[tuple[KeyPath, str]]:
    out = []
    for kp, msg in problems:
        if msg.startswith("unknown key"):
            msg += f" (valid keys: {', '.join(valid)})"
        out.append((kp, msg))
    return out


def _validate_rule(data: Any, where: KeyPath, problems: list[tuple[KeyPath, str]]) -> Rule | None:
    if not isinstance(data, dict):
        problems.append((where, f"expected a mapping of rule keys, got {data!r}"))
        return None
    try:
        return Rule.model_validate(data)
    except ValidationError as exc:
        problems.extend(_prefix(_unknown_key_hint(pydantic_problems(exc), _RULE_KEYS), where))
        return None


def _read(path: Any, model: type[BaseModel]) -> tuple[Loaded, BaseModel]:
    loaded = load_yaml(path)
    try:
        return loaded, model.model_validate(loaded.data or {})
    except ValidationError as exc:
        raise validation_error(loaded, pydantic_problems(exc)) from None


def load_rules(report: Loaded | None = None) -> IndicatorRules:
    """Built-in config/indicators.yaml + credibility.yaml, then the report's `indicators`, `disable`, `credibility`."""
    rules_loaded, rf = _read(config_dir() / "indicators.yaml", RulesFile)
    assert isinstance(rf, RulesFile)
    problems: list[tuple[KeyPath, str]] = []
    rules: dict[str, Rule] = {}
    origins: dict[str, str] = {}
    for i, raw in enumerate(rf.indicators):
        rule = _validate_rule(raw, ("indicators", i), problems)
        if rule:
            rules[rule.id] = rule
            origins[rule.id] = rules_loaded.where(("indicators", i))
    for i, raw in enumerate(rf.indicators):
        target = raw.get("target_of")
        if target and target not in rules:
            problems.append((("indicators", i, "target_of"), f"no rule with id {target!r}; known: {', '.join(rules)}"))
    if problems:
        raise validation_error(rules_loaded, problems)
    cred_loaded, cf = _read(config_dir() / "credibility.yaml", CredibilityFile)
    assert isinstance(cf, CredibilityFile)
    tiers = {t.id: t for t in cf.tiers}

    if report is not None:
        try:
            keys = ReportKeys.model_validate(report.data or {})
        except ValidationError as exc:
            raise validation_error(report, pydantic_problems(exc)) from None
        for i, raw in enumerate(keys.indicators or []):
            where: KeyPath = ("indicators", i)
            rid = raw.get("id") if isinstance(raw, dict) else None
            if isinstance(rid, str) and rid in rules:
                merged = {**rules[rid].model_dump(exclude_defaults=True), **raw}
                if "examples" not in raw:
                    merged.pop("examples", None)  # the built-in examples tested the built-in filters
                rule = _validate_rule(merged, where, problems)
            else:
                rule = _validate_rule(raw, where, problems)
            if rule:
                rules[rule.id] = rule
                origins[rule.id] = report.where(where)
        # A report "since 1 December" counts its running totals (and incidents) from that day, unless a
        # rule says otherwise (a rule's own `period_start`, even `null`, wins).
        period = report.data.get("period_start") if isinstance(report.data, dict) else None
        if isinstance(period, dt.date):
            explicit = {r.get("id") for r in keys.indicators or [] if isinstance(r, dict) and "period_start" in r}
            for rid, rule in list(rules.items()):
                if (
                    rule.kind in ("running_total", "events")
                    and rule.period_start is None
                    and not rule.last_days
                    and rid not in explicit
                ):
                    rules[rid] = rule.model_copy(update={"period_start": period})
        for i, rid in enumerate(keys.disable or []):
            if rid not in rules:
                problems.append((("disable", i), f"no rule with id {rid!r}; known ids: {', '.join(sorted(rules))}"))
            else:
                del rules[rid]
                origins.pop(rid, None)
        if keys.credibility:
            if keys.credibility.replace:
                tiers = {}
            for j, patch in enumerate(keys.credibility.tiers):
                old = tiers.get(patch.id)
                if old is None and patch.rank is None:
                    problems.append((("credibility", "tiers", j, "rank"), f"new tier {patch.id!r} needs a rank"))
                    continue
                tiers[patch.id] = Tier(
                    id=patch.id,
                    rank=patch.rank if patch.rank is not None else old.rank,  # type: ignore[union-attr]
                    label=patch.label if patch.label is not None else (old.label if old else patch.id),
                    names=[*(old.names if old else []), *patch.names],
                    acronyms=[*(old.acronyms if old else []), *patch.acronyms],
                )
            if not tiers:
                problems.append((("credibility",), "no credibility tiers left; give at least one tier"))
        from_report = {r.get("id"): i for i, r in enumerate(keys.indicators or []) if isinstance(r, dict)}
        disabled = {rid: i for i, rid in enumerate(keys.disable or [])}
        for rule in rules.values():
            if rule.target_of and rule.target_of not in rules:
                if rule.id in from_report:
                    where_t: KeyPath = ("indicators", from_report[rule.id], "target_of")
                    problems.append((where_t, f"no rule with id {rule.target_of!r}; known: {', '.join(rules)}"))
                else:
                    problems.append(
                        (
                            ("disable", disabled.get(rule.target_of, 0)),
                            f"{rule.target_of!r} is the rate that {rule.id!r} sets a target for; disable both",
                        )
                    )
        if problems:
            raise validation_error(report, problems)

    levels: dict[str, int] = {}
    for level, names in enumerate(rf.precision):
        for n in names:
            levels[n] = level
    for name in (*QUALIFIERS, "range", "vague"):
        levels.setdefault(name, len(rf.precision))
    return IndicatorRules(
        rules=tuple(rules.values()),
        credibility=Credibility.from_tiers(list(tiers.values())),
        defaults=rf.defaults,
        vague=dict(rf.vague),
        qualifiers=dict(rf.qualifiers),
        precision=levels,
        origins={**origins, "credibility": cred_loaded.where(())},
        total_words=_words(rf.total_words),
        incident_words=_words(rf.incident_words),
        so_far_words=_words(rf.so_far_words),
        promote_warnings=_words(rf.promote_warnings),
    )


def _words(words: list[str]) -> re.Pattern[str] | None:
    """Whole-word, case-insensitive; `...` inside a phrase stands for a few words ("bringing ... to")."""
    if not words:
        return None
    parts = [r"\W+(?:\w+\W+){0,6}?".join(re.escape(p.strip()) for p in w.split("...")) for w in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def method_notes(rules: IndicatorRules) -> tuple[tuple[str, str], ...]:
    """The policies behind every headline, in words for the brief's Method section."""
    vague = "; ".join(
        f"“{name}” is read as {v.reading:,}"
        + (f" (between {v.min:,} and {v.max:,})" if v.max else f" (at least {v.min:,})")
        for name, v in rules.vague.items()
    )
    tiers = "; ".join(f"{t.rank}. {t.label or t.id}" for t in sorted(rules.credibility.tiers, key=lambda t: t.rank))
    order = ", then ".join(rules.defaults.headline_order)
    return (
        (
            "Vague amounts",
            f"Vague amounts are never shown as numbers. For comparisons and sanity checks only, {vague} "
            "(the ACLED convention).",
        ),
        (
            "Credibility tiers",
            f"Sources rank as: {tiers}. A figure is ranked by who the text credits, else by the outlet; "
            "unknown sources rank last.",
        ),
        (
            "Headline choice",
            f"Among the figures of the {rules.defaults.window_days} days up to the newest, the headline is chosen by "
            f"{order}. The same sentence printed by several outlets counts as one claim. Figures that differ by "
            f"more than {rules.defaults.disagreement_share:.0%} are shown as a range with a note citing each side.",
        ),
    )

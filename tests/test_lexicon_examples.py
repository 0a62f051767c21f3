"""Every rule in config/extract/*.yaml carries example sentences; this runs them all.

A `match` sentence must make the rule fire (its id is among the rules the engine used on that sentence);
a `no_match` sentence must not. Rules without examples are listed by test_every_rule_has_examples.
"""

from __future__ import annotations

import pytest

from sitrep.extract import fired_rules, load_lexicon

LEX = load_lexicon()
CASES = [
    pytest.param(rid, kind, sentence, id=f"{rid}:{kind}:{n}")
    for rid, ex in sorted(LEX.examples.items())
    for kind in ("match", "no_match")
    for n, sentence in enumerate(ex[kind])
]


@pytest.mark.parametrize(("rule_id", "kind", "sentence"), CASES)
def test_rule_example(rule_id: str, kind: str, sentence: str) -> None:
    fired = fired_rules(sentence, LEX)
    if kind == "match":
        assert rule_id in fired, (
            f"{rule_id} ({LEX.rule_sources.get(rule_id)}) did not fire on: {sentence!r}; fired: {sorted(fired)}"
        )
    else:
        assert rule_id not in fired, (
            f"{rule_id} ({LEX.rule_sources.get(rule_id)}) fired on a no_match example: {sentence!r}"
        )


def test_every_rule_has_examples() -> None:
    """A rule without examples is a rule nobody checked."""
    missing = [rid for rid in LEX.rule_sources if rid not in LEX.examples]
    assert not missing, f"rules without examples: {missing}"


def test_every_builtin_pattern_compiles() -> None:
    """Pattern regexes compile lazily at run time; a broken built-in one must fail here, not in a user's build."""
    for pr in LEX.patterns:
        assert pr.regex.pattern, pr.id

"""Rules live in YAML: users override them by id, disable them, and get file:line when they get one wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.extract import extract, load_lexicon
from sitrep.model import Document

PUB = dt.date(2023, 10, 25)


def values(text: str, lex) -> list[tuple[str, int | None]]:
    return [(m.indicator, m.value) for m in extract(Document(id="t", text=text, published=PUB), lex)]


def test_builtin_load_is_cached() -> None:
    assert load_lexicon() is load_lexicon()


def test_every_rule_knows_its_file_and_line() -> None:
    lex = load_lexicon()
    assert lex.rule_sources["casualties.killed"].endswith(
        ".yaml:" + lex.rule_sources["casualties.killed"].rsplit(":", 1)[1]
    )
    assert "casualties.yaml" in lex.rule_sources["casualties.killed"]


def test_user_rule_replaces_builtin_by_id(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        """
kind: family
family: casualties
events:
  - id: casualties.killed
    event: killed
    right: [perished]
    indicators: {people: people_killed}
""",
        encoding="utf-8",
    )
    lex = load_lexicon([tmp_path])
    assert values("Some 20 people perished in the fire.", lex) == [("people_killed", 20)]
    # the replaced rule no longer knows "killed" on the right
    assert values("Some 20 people were killed in the fire.", lex) == []
    assert str(tmp_path / "mine.yaml") in lex.rule_sources["casualties.killed"]


def test_user_can_add_and_disable_rules(tmp_path: Path) -> None:
    (tmp_path / "extra.yaml").write_text(
        """
kind: family
family: displacement
disable: [displacement.returnees]
events:
  - id: displacement.relocated
    event: displaced
    right: [relocated]
    indicators: {people: people_displaced}
    examples: {match: ["Some 300 people were relocated."], no_match: []}
""",
        encoding="utf-8",
    )
    lex = load_lexicon([tmp_path])
    assert values("Some 300 people were relocated.", lex) == [("people_displaced", 300)]
    assert values("Some 1.2 million people have returned to their homes.", lex) == []
    assert values("Some 1.2 million people have returned to their homes.", load_lexicon()) == [("returnees", 1200000)]


def test_user_word_lists_extend_builtins(tmp_path: Path) -> None:
    (tmp_path / "subjects.yaml").write_text(
        "kind: subjects\nclasses:\n  civilian:\n    civilian: true\n    nouns: [civilians, villagers, herders]\n",
        encoding="utf-8",
    )
    lex = load_lexicon([tmp_path])
    assert values("Gunmen killed 14 herders.", lex) == [("civilians_killed", 14)]


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        (
            "kind: family\nfamily: casualties\nevents:\n  - id: x\n    event: killed\n"
            "    lefty: [a]\n    indicators: {people: p}\n",
            6,
            "unknown key 'lefty'",
        ),
        ("kind: family\nfamily: weather\n", 2, "family"),
        ("kind: nonsense\n", 1, "kind"),
        ("kind: places\nprepositions: [in, on, off]\n", 2, "quotes"),
        (
            'kind: family\nfamily: casualties\npatterns:\n  - id: p\n    regex: "(unclosed {N1}"\n',
            5,
            "regular expression",
        ),
        ("kind: family\nfamily: casualties\nevents:\n  - event: killed\n    indicators: {people: p}\n", 4, "id"),
        ("kind: family\nfamily: casualties\nevents: [\n", 4, "YAML syntax"),
    ],
)
def test_bad_rules_file_names_file_and_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_lexicon([tmp_path])
    msg = str(err.value.message)
    assert f"{f}:{line}" in msg, msg
    assert words in msg, msg


def test_missing_rules_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="rules folder not found"):
        load_lexicon([tmp_path / "nope"])


def test_workers_use_the_callers_lexicon(tmp_path: Path) -> None:
    """--rules with --workers 2: the user's rules must reach the worker processes."""
    from sitrep.extract import extract_all

    (tmp_path / "mine.yaml").write_text(
        "kind: family\nfamily: displacement\nevents:\n  - id: displacement.relocated\n    event: displaced\n"
        "    right: [relocated]\n    indicators: {people: people_displaced}\n",
        encoding="utf-8",
    )
    lex = load_lexicon([tmp_path])
    docs = [Document(id=str(i), text=f"Some {i + 5} people were relocated.", published=PUB) for i in range(10)]
    out = list(extract_all(iter(docs), lex, workers=2))
    assert [[m.value for m in ms] for _, ms in out] == [[i + 5] for i in range(10)]

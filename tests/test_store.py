"""The extraction cache: a second build reads no article again, any change to an article or to the rules
reads it again, and a cache that cannot be used never stops a build."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from sitrep.build import build_report, gather
from sitrep.config import load_report
from sitrep.model import Document
from sitrep.store import MentionCache, rules_fingerprint

from .conftest import EXAMPLE


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SITREP_CACHE_DIR", str(folder))
    return folder


def _copy_example(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE.parent, tmp_path / "example")
    return tmp_path / "example" / "report.yaml"


def test_second_build_takes_every_article_from_the_cache_and_gives_the_same_report(
    cache_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = build_report(EXAMPLE)
    with caplog.at_level(logging.INFO, logger="sitrep.build"):
        second = build_report(EXAMPLE)
    assert "6 of 6 articles' figures taken from the extraction cache" in caplog.text
    assert second.mentions == first.mentions and second.indicators == first.indicators
    assert build_report(EXAMPLE, cache=False).mentions == first.mentions


def test_an_edited_article_or_changed_rules_are_read_again(cache_dir: Path, tmp_path: Path) -> None:
    report = _copy_example(tmp_path)
    settings = load_report(report)
    gather(settings)
    article = report.parent / "sources" / "2020-02-27-ocha-flash-update.md"
    article.write_text(article.read_text(encoding="utf-8").replace("948,000", "949,000"), encoding="utf-8")
    values = {m.value for m in gather(load_report(report)).mentions}
    assert 949000 in values  # read again, not served from the cache

    doc = Document(id="d", text="Some 300 people were relocated.", published=None)
    rules = tmp_path / "rules"
    rules.mkdir()
    before = MentionCache(rules_fingerprint([rules]), cache_dir)
    before.put(doc, [])
    before.close()
    (rules / "mine.yaml").write_text(
        "kind: family\nfamily: displacement\nevents:\n  - id: displacement.relocated\n    event: displaced\n"
        "    right: [relocated]\n    indicators: {people: people_displaced}\n",
        encoding="utf-8",
    )
    after = MentionCache(rules_fingerprint([rules]), cache_dir)
    assert after.get(doc) is None  # new rules: the old entry does not apply
    assert MentionCache(before.fingerprint, cache_dir).get(doc) == []


def test_a_cache_that_cannot_be_used_never_stops_a_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SITREP_CACHE_DIR", str(blocked))  # cannot create a folder there
    assert build_report(EXAMPLE).mentions
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "mentions.sqlite3").write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("SITREP_CACHE_DIR", str(damaged))
    assert build_report(EXAMPLE).mentions

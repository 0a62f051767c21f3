"""The caches: a second build reads no article again, any change to an article or to the rules reads it again;
compiled templates are kept until a template changes; a cache that cannot be used never stops a build."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.build import build_report, gather
from sitrep.cli import main
from sitrep.config import load_report
from sitrep.model import Document
from sitrep.render import render_html
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


def _templates(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "brief.html").write_text(
        '{% extends "base:brief.html" %}{% block masthead %}' + body + "{% endblock %}", encoding="utf-8"
    )
    return folder


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(cache_dir: Path, tmp_path: Path) -> None:
    report = build_report(EXAMPLE)
    plain = render_html(report)
    assert render_html(report, cache=True) == plain
    kept = list(cache_dir.glob("templates-*/*.cache"))
    assert kept  # the brief's templates, compiled once
    assert render_html(report, cache=True) == plain  # served from the cache, same bytes
    folder = _templates(tmp_path, "<p>first masthead</p>")
    assert "first masthead" in render_html(report, folder, cache=True)
    _templates(tmp_path, "<p>second masthead</p>")
    html = render_html(report, folder, cache=True)
    assert "second masthead" in html and "first masthead" not in html


def test_an_unwritable_template_cache_never_stops_a_brief(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = build_report(EXAMPLE, cache=False)
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SITREP_CACHE_DIR", str(blocked))
    assert render_html(report, cache=True) == render_html(report)
    damaged = tmp_path / "damaged"
    monkeypatch.setenv("SITREP_CACHE_DIR", str(damaged))
    plain = render_html(report)
    render_html(report, cache=True)
    for f in damaged.glob("templates-*/*.cache"):
        f.write_bytes(b"not bytecode" * 10)
    assert render_html(report, cache=True) == plain  # damaged entries: compiled again
    import jinja2.bccache

    def disk_full(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path / "full"))
    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", disk_full)
    assert render_html(report, cache=True) == plain


def test_no_cache_build_leaves_the_cache_folder_empty(cache_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--out", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert not cache_dir.exists() or not any(cache_dir.rglob("*"))
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (cache_dir / "mentions.sqlite3").is_file() and list(cache_dir.glob("templates-*/*.cache"))

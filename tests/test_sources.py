"""Reading articles: front matter, manifest, undated articles, bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.errors import ConfigError, SourceError
from sitrep.sources import read_sources


def write(p: Path, text: str | bytes) -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def test_front_matter_gives_metadata_and_body_offsets_start_after_it(tmp_path: Path) -> None:
    write(
        tmp_path / "a.md",
        "---\ntitle: Convoy reaches Gaza\npublisher: Example Wire\npublished: 2023-10-21\n"
        "url: https://example.org/a\n---\nTwenty trucks entered on Saturday.\n",
    )
    (doc,) = read_sources([tmp_path]).documents
    assert doc.id == "a"
    assert doc.title == "Convoy reaches Gaza"
    assert doc.publisher == "Example Wire"
    assert doc.published == dt.date(2023, 10, 21)
    assert doc.url == "https://example.org/a"
    assert doc.text.startswith("Twenty trucks")


def test_manifest_gives_metadata_to_raw_files_and_front_matter_wins(tmp_path: Path) -> None:
    write(tmp_path / "x.txt", "Raw pasted article text.")
    write(tmp_path / "y.md", "---\npublished: 2024-01-02\n---\nBody.")
    write(
        tmp_path / "manifest.yaml",
        "documents:\n  x:\n    title: Raw one\n    publisher: Wire\n    published: 2024-01-01\n"
        "  y:\n    publisher: Other\n    published: 2023-12-31\n",
    )
    docs = {d.id: d for d in read_sources([tmp_path]).documents}
    assert docs["x"].title == "Raw one" and docs["x"].published == dt.date(2024, 1, 1)
    assert docs["y"].publisher == "Other" and docs["y"].published == dt.date(2024, 1, 2)


def test_undated_article_is_kept_and_warned_about(tmp_path: Path) -> None:
    write(tmp_path / "u.txt", "Some 5,000 people fled.")
    result = read_sources([tmp_path])
    assert [d.published for d in result.documents] == [None]
    assert any("no publication date" in p.message and not p.fatal for p in result.problems)


def test_binary_and_empty_files_are_listed_not_read(tmp_path: Path) -> None:
    write(tmp_path / "bin.txt", b"\x00\x01\x02junk")
    write(tmp_path / "empty.md", "---\ntitle: t\n---\n   \n")
    write(tmp_path / "ok.txt", "Text.")
    result = read_sources([tmp_path])
    assert [d.id for d in result.documents] == ["ok"]
    fatal = {Path(p.path).name for p in result.problems if p.fatal}
    assert fatal == {"bin.txt", "empty.md"}


def test_articles_in_formats_sitrep_does_not_read_are_listed_not_skipped_silently(tmp_path: Path) -> None:
    write(tmp_path / "flash-update.pdf", b"%PDF-1.7 ...")
    write(tmp_path / "story.html", "<p>More than 300 people were killed.</p>")
    write(tmp_path / "photo.jpg", b"\xff\xd8")  # not an article: no note
    write(tmp_path / "ok.txt", "Text.")
    result = read_sources([tmp_path])
    assert [d.id for d in result.documents] == ["ok"]
    notes = {Path(p.path).name: p for p in result.problems if p.fatal}
    assert set(notes) == {"flash-update.pdf", "story.html"}
    assert all("save the article's text as .txt or .md" in p.message for p in notes.values())


def test_non_utf8_text_is_read_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "l1.txt", "Caf\xe9 owners fled.".encode("cp1252"))
    result = read_sources([tmp_path])
    assert result.documents[0].text == "Café owners fled."
    assert any("UTF-8" in p.message for p in result.problems)


def test_bad_front_matter_keeps_the_text_and_names_the_line(tmp_path: Path) -> None:
    write(tmp_path / "b.md", "---\ntitle: ok\npublished: someday\n---\nBody text.")
    result = read_sources([tmp_path])
    assert result.documents[0].text == "Body text."
    assert result.documents[0].published is None
    (bad,) = [p for p in result.problems if "someday" in p.message]
    assert bad.line == 3


def test_malformed_manifest_stops_with_file_and_line(tmp_path: Path) -> None:
    write(tmp_path / "x.txt", "Text.")
    write(tmp_path / "manifest.yaml", "documents:\n  x:\n    publsher: Typo\n")
    with pytest.raises(ConfigError) as exc:
        read_sources([tmp_path])
    assert "manifest.yaml:3" in str(exc.value.message)
    assert "publsher" in exc.value.message


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file or folder"):
        read_sources([tmp_path / "nope"])


def test_reads_the_seed_manifest(shared: Path) -> None:
    result = read_sources([shared / "seeds"])
    assert len(result.documents) == 5
    assert all(d.published and d.publisher for d in result.documents)
    assert not result.problems

"""`sitrep build` end to end: the example and the real seed articles give an HTML and a PDF whose
figures and footnotes read back; a failing run writes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.build import build_report
from sitrep.cli import main

from .conftest import EXAMPLE

pypdf = pytest.importorskip("pypdf")


def squash(text: str) -> str:
    """PDF text extraction breaks lines and hyphenates: compare on words only."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def fmt(value: int) -> str:
    return f"{value:,}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    html, pdf = out / "idlib-2020-2020-02-28.html", out / "idlib-2020-2020-02-28.pdf"
    assert html.is_file() and pdf.is_file()
    return html, pdf


def pdf_text(pdf: Path) -> str:
    reader = pypdf.PdfReader(str(pdf))
    return squash(" ".join(page.extract_text() or "" for page in reader.pages))


def test_example_pdf_has_every_headline_figure_and_its_source(built: tuple[Path, Path]) -> None:
    _html, pdf = built
    text = pdf_text(pdf)
    report = build_report(EXAMPLE)
    assert report.title in text and "28 February 2020" in text
    shown = [i for i in report.indicators if i.value is not None]
    assert len(shown) >= 4
    for ind in shown:
        assert fmt(ind.value) in text or _compact(ind.value) in text, f"{ind.id} headline {ind.value} not in PDF"
        ev = ind.sources[0]
        sentence = squash(ev.mention.quote)
        assert sentence[:60] in text, f"footnote sentence for {ind.id} missing: {sentence[:60]!r}"
    for doc in report.documents:
        assert doc.publisher and doc.publisher in text


def _compact(value: int) -> str:
    """3,600,000 may be shown as '3.6 million'."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}".rstrip("0").rstrip(".") + " million"
    return fmt(value)


def test_example_html_cites_each_figure(built: tuple[Path, Path]) -> None:
    html, _pdf = built
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
    assert "<img" in page and 'alt="' in page  # at least one chart, with alt text
    assert 'lang="en"' in page


def test_build_from_the_real_seed_articles(shared: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["build", str(EXAMPLE), "--sources", str(shared / "seeds"), "--as-of", "2020-02-28", "--out", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "idlib-2020-2020-02-28.pdf"
    text = pdf_text(pdf)
    assert "948,000" in text
    for publisher in ("The New Arab", "Zaman al-Wasl", "The Jordan Times"):
        assert publisher in text


def test_a_failing_template_writes_nothing(tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "brief.html").write_text("{{ no_such_variable }}", encoding="utf-8")
    cfg = tmp_path / "report.yaml"
    cfg.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("sources: sources/", f"sources: {EXAMPLE.parent / 'sources'}")
        + f"templates: {templates}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(cfg), "--out", str(out)])
    assert result.exit_code != 0
    assert "Traceback" not in result.output and "no_such_variable" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_as_of_before_every_article_builds_an_empty_but_honest_brief(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--as-of", "2019-12-15", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "idlib-2020-2019-12-15.pdf").is_file()


def test_missing_pango_stops_with_the_package_to_install(tmp_path: Path) -> None:
    """Simulate a machine without Pango: WeasyPrint's import raises OSError as cffi does there."""
    import os
    import subprocess
    import sys

    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "weasyprint.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file\")\n",
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=str(fake))
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "sitrep", "build", str(EXAMPLE), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "pango" in proc.stderr.lower() and "apt" in proc.stderr and "brew" in proc.stderr
    assert not out.exists()


def test_briefs_are_written_with_the_usual_permissions(built: tuple[Path, Path]) -> None:
    import os
    import stat

    mask = os.umask(0)
    os.umask(mask)
    for path in built:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_strict_fails_on_warnings_and_writes_nothing(tmp_path: Path) -> None:
    """The example has data warnings (the misprinted '950,0000'), so --strict must refuse to write."""
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--out", str(out), "--strict"])
    assert result.exit_code == 1 and "--strict" in result.output
    assert not out.exists()

"""A real PDF from the sample report, read back with pypdf: pages, metadata, figures, footnotes, safety."""

from __future__ import annotations

import io
import logging
import re

import pytest

from sitrep.render import check_pdf_backend, render_html, render_pdf
from sitrep.render.pdf import safe_fetcher
from tests.test_render import sample_report, with_charts

pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def rendered() -> tuple[bytes, str]:
    check_pdf_backend()
    report = with_charts(sample_report())
    html = render_html(report)
    return render_pdf(html, report), html


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_pages_and_metadata(rendered: tuple[bytes, str]) -> None:
    pdf, _ = rendered
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert 3 <= len(reader.pages) <= 8
    meta = reader.metadata
    assert meta.title == "Recent Developments in Northwest Syria"
    assert meta.author == "Relief Coordination Unit"
    assert "Situation Report No. 9" in meta.subject
    assert meta["/CreationDate"] == "D:20200228"  # the as-of date, not today
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"]  # tagged (PDF/UA-1)
    assert "/StructTreeRoot" in root


def test_every_key_figure_and_its_footnote(rendered: tuple[bytes, str]) -> None:
    pdf, html = rendered
    text = _text(pdf)
    for figure in ("950,000", "400", "16", "120", "50", "3.6 million"):
        assert figure in text
    for quote in (
        "Close to 950,000 people have been displaced since 1 December",
        "More than 400 civilians have been killed",
        "Up to 16 soldiers died in an air strike",
        "Turkey already hosts 3.6 million Syrian refugees",
        "from 50 to 100 trucks a day",
    ):
        assert quote in text, quote
    assert "Agence Wire, “North-west offensive pushes displacement close to a million”, 25 Feb 2020" in text
    assert re.search(r"page 1 of \d", text)
    notes = len(re.findall(r'class="fn" data-n=', html))
    for n in range(1, notes + 1):
        assert re.search(rf"(^| ){n}\. \S", text), f"footnote {n} missing"


def test_hostile_text_is_text_and_nothing_is_fetched(
    rendered: tuple[bytes, str], caplog: pytest.LogCaptureFixture
) -> None:
    pdf, _ = rendered
    text = _text(pdf)
    assert '<script>alert("x")</script>' in text
    assert "file:///etc/passwd" in text
    report = with_charts(sample_report())
    with caplog.at_level(logging.WARNING):
        render_pdf(render_html(report), report)
    assert "refused to fetch" not in caplog.text  # the hostile <img> never reached the renderer as a tag
    assert "passwd" not in caplog.text


def test_fetcher_refuses_files_outside_templates_and_network() -> None:
    fetcher = safe_fetcher()
    for url in ("file:///etc/passwd", "https://example.org/x.png", "ftp://example.org/x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.refused == ["file:///etc/passwd", "https://example.org/x.png", "ftp://example.org/x"]
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


def test_pdf_bytes_are_deterministic(rendered: tuple[bytes, str]) -> None:
    pdf, html = rendered
    assert render_pdf(html, with_charts(sample_report())) == pdf

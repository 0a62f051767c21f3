"""The example PDF is a tagged PDF/UA-1 document: language, title shown, structure tree with one H1,
headings below it, tables with header cells, and every figure (chart) with its alt text."""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

import pytest

from sitrep.build import build_report
from sitrep.render import render_html, render_pdf

from .conftest import EXAMPLE

pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Any:
    report = build_report(EXAMPLE)
    path: Path = tmp_path_factory.mktemp("a11y") / "brief.pdf"
    path.write_bytes(render_pdf(render_html(report), report))
    return pypdf.PdfReader(str(path))


def _walk(node: Any, out: list[Any]) -> None:
    node = node.get_object()
    if isinstance(node, pypdf.generic.ArrayObject):
        for kid in node:
            _walk(kid, out)
    elif isinstance(node, pypdf.generic.DictionaryObject):
        if "/S" in node:
            out.append(node)
        if "/K" in node:
            _walk(node["/K"], out)


def test_catalog_declares_language_title_and_pdf_ua(pdf: Any) -> None:
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert root["/MarkInfo"]["/Marked"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp  # PDF/UA-1 identification
    assert pdf.metadata.title == "Northwest Syria: Idlib offensive"


def test_structure_tree_has_headings_tables_and_alt_text(pdf: Any) -> None:
    elements: list[Any] = []
    _walk(pdf.trailer["/Root"]["/StructTreeRoot"]["/K"], elements)
    kinds = collections.Counter(str(e["/S"]) for e in elements)
    assert kinds["/H1"] == 1 and kinds["/H2"] >= 5
    assert kinds["/Table"] >= 4 and kinds["/TH"] >= kinds["/Table"]
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert len(figures) >= 4, "one tagged figure per chart"
    for fig in figures:
        alt = str(fig.get("/Alt", ""))
        assert len(alt) > 40 and "chart" in alt.lower(), f"chart without useful alt text: {alt!r}"

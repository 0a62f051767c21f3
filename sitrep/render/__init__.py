"""Render stage: Report -> standalone HTML (Jinja) and tagged PDF (WeasyPrint).

Light at import: Jinja and WeasyPrint load inside the functions that use them.
"""

from __future__ import annotations

from sitrep.render.html import render_html
from sitrep.render.pdf import check_pdf_backend, render_pdf

__all__ = ["check_pdf_backend", "render_html", "render_pdf"]

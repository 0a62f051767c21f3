"""The PDF writer: WeasyPrint with a locked-down URL fetcher, tagged PDF/UA, no wall-clock dates."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from sitrep.errors import RenderError
from sitrep.model import Report
from sitrep.resources import templates_dir

log = logging.getLogger(__name__)

PANGO_HELP = (
    "WeasyPrint cannot load the Pango text library it needs to make PDFs ({detail}). "
    "Install it, then run again: Debian/Ubuntu `sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
    "libharfbuzz-subset0`, macOS `brew install pango`. The HTML brief does not need it."
)


def check_pdf_backend() -> None:
    """Fail early, with the package to install, when WeasyPrint's system libraries are missing."""
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:  # cffi could not dlopen pango/gobject/harfbuzz
        raise RenderError(
            PANGO_HELP.format(detail=str(exc).splitlines()[0] if str(exc) else "library not found")
        ) from None
    except ImportError as exc:
        raise RenderError(f"WeasyPrint is not installed ({exc}); run `pip install weasyprint`.") from exc


def _fetcher_class() -> type:
    from weasyprint import URLFetcher

    class SafeFetcher(URLFetcher):
        """Only data: URIs and files inside the template folders; anything else is refused and logged."""

        def __init__(self, allowed: list[Path], **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.allowed = [p.resolve() for p in allowed]
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlparse(url).path)).resolve()
                if any(path.is_relative_to(root) for root in self.allowed):
                    return super().fetch(url, headers)
            self.refused.append(url)
            log.warning("refused to fetch %s while rendering the PDF (only template folders and data: URIs)", url)
            raise ValueError(f"sitrep does not fetch {url}")

    return SafeFetcher


def safe_fetcher(template_dir: Path | None = None) -> Any:
    """A WeasyPrint URL fetcher allowing only the template folders and data: URIs."""
    allowed = [templates_dir()] + ([Path(template_dir)] if template_dir is not None else [])
    return _fetcher_class()(allowed)


def render_pdf(html: str, report: Report, template_dir: Path | None = None, **options: Any) -> bytes:
    """The brief as a tagged PDF (PDF/UA-1), metadata from the HTML head, dated as_of, never today."""
    check_pdf_backend()
    import weasyprint

    fetcher = safe_fetcher(template_dir)
    base = Path(template_dir) if template_dir is not None else templates_dir()
    # No wall clock in the bytes: created/modified come from <meta dcterms.*> (the as-of date); the
    # file identifier is a hash of the content; SOURCE_DATE_EPOCH is pinned for any library reading it.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(_midnight(report).timestamp()))
    try:
        document = weasyprint.HTML(string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=fetcher)
        pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=True, **options)
    except Exception as exc:
        raise RenderError(f"PDF rendering failed: {exc}") from exc
    finally:
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    assert isinstance(pdf, bytes)
    return pdf


def _midnight(report: Report):  # -> datetime
    import datetime as dt

    return dt.datetime.combine(report.as_of, dt.time(), tzinfo=dt.UTC)

"""The standalone HTML brief looks right in a real browser: headless Chromium renders it with its
charts (inline data: URIs) and no network. Skipped where Chromium is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sitrep.build import build_report
from sitrep.render import render_html

from .conftest import EXAMPLE, ROOT


@pytest.mark.skipif(
    not any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")),
    reason="Chromium not installed (apt install chromium)",
)
def test_example_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    import numpy as np
    from PIL import Image

    html = tmp_path / "brief.html"
    html.write_text(render_html(build_report(EXAMPLE)), encoding="utf-8")
    png = tmp_path / "brief.png"
    subprocess.run(
        [str(ROOT / "scripts" / "screenshot-html.sh"), str(html), str(png), "1100x2400"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    image = Image.open(png).convert("RGB")
    assert image.size == (1100, 2400)
    # The masthead title is dark navy text near the top; charts draw the navy series colour further down.
    navy = (0x1F, 0x38, 0x64)

    pixels = np.asarray(image).astype(int)

    def navy_pixels(box: tuple[int, int, int, int]) -> int:
        left, top, right, bottom = box
        region = pixels[top:bottom, left:right]
        return int((np.abs(region - np.array(navy)).max(axis=2) < 40).sum())

    assert navy_pixels((0, 0, 1100, 200)) > 500, "the masthead did not render"
    assert navy_pixels((0, 600, 1100, 2400)) > 5000, "the charts (inline SVG data: URIs) did not render"

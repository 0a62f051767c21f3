"""Golden HTML of the bundled example: a fresh build must match tests/golden/idlib-2020.html.

Regenerate after an intended change: SITREP_REGEN_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "idlib-2020" / "report.yaml"
GOLDEN = ROOT / "tests" / "golden" / "idlib-2020.html"


def test_example_matches_golden_html() -> None:
    build = pytest.importorskip("sitrep.build", reason="sitrep.build is not there yet")
    if not hasattr(build, "build_report") or not EXAMPLE.is_file():
        pytest.skip("build_report or the example is not there yet")
    from sitrep.charts import make_charts
    from sitrep.render import render_html

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        report = build.build_report(str(EXAMPLE.relative_to(ROOT)))
    finally:
        os.chdir(cwd)
    if not report.charts:
        report = replace(report, charts=tuple(make_charts(report.indicators, report.theme)))
    html = render_html(report)
    if os.environ.get("SITREP_REGEN_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(html, encoding="utf-8")
        pytest.skip(f"regenerated {GOLDEN.relative_to(ROOT)}")
    if not GOLDEN.is_file():
        pytest.fail(f"no golden file; create it with: SITREP_REGEN_GOLDEN=1 pytest {Path(__file__).name}")
    assert html == GOLDEN.read_text(encoding="utf-8"), (
        "the example's HTML changed; if intended, regenerate: SITREP_REGEN_GOLDEN=1 pytest tests/test_golden.py"
    )

"""Benchmark: `sitrep build` of the example against a bare floor doing the same rendering work.

The floor is a fresh Python process that imports WeasyPrint and matplotlib and renders the
same charts (Figure API, SVG) and the same HTML to PDF: the unavoidable cost of the stack.
All run in the same session, alternating, several times; prints medians and the ratios (target <= 1.3x):
a repeated build (articles' figures from the extraction cache, as a scheduled report mostly is) and a
--no-cache build (every article read).

    .venv/bin/python bench/bench_build.py [--runs 5]
"""

from __future__ import annotations

import argparse
import base64
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "idlib-2020" / "report.yaml"
BIN = Path(sys.executable).parent

FLOOR = textwrap.dedent(
    """
    import io, sys
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter
    import weasyprint
    html_path, panels, out = sys.argv[1], [int(n) for n in sys.argv[2].split(",")], sys.argv[3]
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "x"}):
        for n in panels:
            # what a sitrep chart draws, per panel: two labelled series, ticks, legend, grid
            fig = Figure(figsize=(6.4, 2.5))
            for ax in fig.subplots(1, n, squeeze=False)[0]:
                for k in range(2):
                    bars = ax.bar([x + k * 0.3 for x in range(4)], [1e5, 3e5, 6e5, 9e5], width=0.28, label=f"s{k}")
                    ax.bar_label(bars, labels=["100k", "300k", "600k", "900k"], fontsize=7)
                ax.set_xticks(range(4), ["29 Jan", "23 Feb", "27 Feb", "28 Feb"])
                ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v / 1e3:.0f}k"))
                ax.grid(axis="y"); ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=4, frameon=False)
            fig.subplots_adjust(left=0.08, right=0.99, top=0.86, bottom=0.12)
            fig.savefig(io.BytesIO(), format="svg", metadata={"Date": None})
    html = open(html_path, encoding="utf-8").read()
    weasyprint.HTML(string=html).write_pdf(out, pdf_variant="pdf/ua-1")
    """
)


def _panels(html: str) -> list[int]:
    """How many sets of axes each chart of the brief has (its SVGs are base64 data: URIs)."""
    found = re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", html)
    return [base64.b64decode(s).count(b'<g id="axes_') for s in found]


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sitrep = shutil.which("sitrep", path=str(BIN)) or "sitrep"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        build = [sitrep, "build", str(EXAMPLE), "--out", str(out / "build")]
        cold = [*build, "--no-cache"]  # every article read again, as on a first run or after a rules change
        subprocess.run(build, check=True, capture_output=True, cwd=ROOT)  # warm caches, get the HTML
        html = next((out / "build").glob("*.html"))
        panels = _panels(html.read_text(encoding="utf-8"))  # axes per chart, so the floor draws as much
        charts = len(panels)
        floor = [sys.executable, "-c", FLOOR, str(html), ",".join(map(str, panels)), str(out / "floor.pdf")]
        builds, colds, floors = [], [], []
        for _ in range(args.runs):
            builds.append(_time(build))
            colds.append(_time(cold))
            floors.append(_time(floor))
    b, c, f = statistics.median(builds), statistics.median(colds), statistics.median(floors)
    print(f"sitrep build (example, {charts} charts, {sum(panels)} panels), articles cached: median {b:.2f} s")
    print(f"sitrep build --no-cache (every article read):              median {c:.2f} s")
    print(f"bare WeasyPrint + matplotlib floor:                         median {f:.2f} s  ({args.runs} runs each)")
    print(f"ratio {b / f:.2f}x cached, {c / f:.2f}x uncached (target <= 1.3x)")


if __name__ == "__main__":
    main()

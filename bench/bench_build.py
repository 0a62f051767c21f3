"""Benchmark: `sitrep build` of the example against a bare floor doing the same rendering work.

The floor is a fresh Python process that imports WeasyPrint and matplotlib and renders the
same charts (Figure API, SVG) and the same HTML to PDF: the unavoidable cost of the stack. It runs
twice: as a bare script (Python's defaults), and with the interpreter settings the `sitrep` command
makes (garbage-collector threshold, gc.freeze at exit), which isolates sitrep's own work.
All run in the same session, alternating, several times; prints medians and the ratios (target <= 1.3x)
for three states of sitrep's cache folder (SITREP_CACHE_DIR, a private one here):
- repeated: the same articles again (their figures from the extraction cache), as a re-run is;
- new articles: every article read, compiled templates kept, as a daily scheduled run with new articles is;
- first run: an empty cache folder, as a user's first build after installing is.
sitrep's modules are byte-compiled first, as `pip install` does (a source checkout run with
PYTHONDONTWRITEBYTECODE set would otherwise compile them on every run).

    .venv/bin/python bench/bench_build.py [--runs 5]
"""

from __future__ import annotations

import argparse
import base64
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "idlib-2020" / "report.yaml"
BIN = Path(sys.executable).parent

FLOOR = textwrap.dedent(
    """
    import gc, io, sys
    if sys.argv[4] == "tuned":
        gc.set_threshold(200_000, 30, 30)  # as sitrep.cli.run
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
    if sys.argv[4] == "tuned":
        gc.freeze()  # as sitrep.cli.run
    """
)


def _panels(html: str) -> list[int]:
    """How many sets of axes each chart of the brief has (its SVGs are base64 data: URIs)."""
    found = re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", html)
    return [base64.b64decode(s).count(b'<g id="axes_') for s in found]


def _time(cmd: list[str], env: dict[str, str], before: Callable[[], None] = lambda: None) -> float:
    before()  # not timed
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sitrep = shutil.which("sitrep", path=str(BIN)) or "sitrep"
    compileall.compile_dir(ROOT / "sitrep", quiet=1)  # as pip does when it installs the package
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        cache = out / "cache"
        env = {**os.environ, "SITREP_CACHE_DIR": str(cache)}
        build = [sitrep, "build", str(EXAMPLE), "--out", str(out / "build")]
        subprocess.run(build, check=True, capture_output=True, cwd=ROOT, env=env)  # fill the cache, get the HTML
        html = next((out / "build").glob("*.html"))
        panels = _panels(html.read_text(encoding="utf-8"))  # axes per chart, so the floor draws as much
        floor = [sys.executable, "-c", FLOOR, str(html), ",".join(map(str, panels)), str(out / "floor.pdf")]
        floors = {"floor": [*floor, "bare"], "tuned floor": [*floor, "tuned"]}

        def new_articles() -> None:
            (cache / "mentions.sqlite3").unlink(missing_ok=True)

        def first_run() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        cases = {"repeated": lambda: None, "new articles": new_articles, "first run": first_run}
        times: dict[str, list[float]] = {name: [] for name in [*cases, *floors]}
        for _ in range(args.runs):
            for name, before in cases.items():
                times[name].append(_time(build, env, before))
            for name, cmd in floors.items():
                times[name].append(_time(cmd, env))
    med = {name: statistics.median(ts) for name, ts in times.items()}
    f, t = med["floor"], med["tuned floor"]
    print(f"sitrep build of the example ({len(panels)} charts, {sum(panels)} panels), medians of {args.runs} runs:")
    for name in cases:
        m = med[name]
        print(f"  {name + ':':14s} {m:.2f} s  = {m / f:.2f}x the floor, {m / t:.2f}x the tuned floor")
    print(f"  {'floor:':14s} {f:.2f} s  (bare script: WeasyPrint + matplotlib, same HTML and panels)")
    print(f"  {'tuned floor:':14s} {t:.2f} s  (the same script with sitrep's interpreter settings)")
    print("target <= 1.3x the floor")


if __name__ == "__main__":
    main()

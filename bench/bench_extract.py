"""Benchmark: sitrep extraction against a bare regex number scan and quantulum3, on one >= 5 MB corpus.

    python bench/bench_extract.py [--mb 5] [--quantulum-kb 200]

The corpus is the five seed articles (../shared/seeds, when present) plus every sentence of tests/cases/*.yaml,
repeated until it reaches --mb megabytes, cut into documents of the seeds' size. Prints KB/s for each engine,
sitrep's ratio to the bare regex, and peak RSS. quantulum3 is timed on a slice and extrapolated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitrep.extract import extract_all, load_lexicon  # noqa: E402
from sitrep.model import Document  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


def corpus_texts(seeds_only: bool = False) -> list[str]:
    """The seed articles and the case-file sentences (as paragraphs of one text per file)."""
    import yaml

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    if seeds_only and texts:
        return texts
    for f in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        texts.append("\n\n".join(str(c.get("text", "")) for c in data.get("cases") or []))
    return [t for t in texts if t.strip()]


def build_docs(mb: float, seeds_only: bool = False) -> list[Document]:
    texts = corpus_texts(seeds_only)
    docs: list[Document] = []
    size = 0
    target = int(mb * 1_000_000)
    i = 0
    while size < target:
        t = texts[i % len(texts)]
        docs.append(Document(id=f"d{i}", text=t, published=dt.date(2023, 10, 25)))
        size += len(t.encode("utf-8"))
        i += 1
    return docs


def kbps(nbytes: int, seconds: float) -> float:
    return nbytes / 1000 / seconds if seconds > 0 else float("inf")


def bare_regex(docs: list[Document]) -> float:
    words = (
        "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
        "hundred|thousand|million|billion|dozens|hundreds|thousands|millions"
    )
    rx = re.compile(rf"\d[\d,.]*|\b(?:{words})\b", re.IGNORECASE)
    t0 = time.perf_counter()
    n = 0
    for d in docs:
        n += sum(1 for _ in rx.finditer(d.text))
    return time.perf_counter() - t0


def sitrep(docs: list[Document], workers: int) -> tuple[float, int]:
    lex = load_lexicon()
    t0 = time.perf_counter()
    n = 0
    for _d, ms in extract_all(iter(docs), lex, workers=workers):
        n += len(ms)
    return time.perf_counter() - t0, n


def quantulum(docs: list[Document], kb: int) -> float | None:
    try:
        from quantulum3 import parser
    except ImportError:
        return None
    budget = kb * 1000
    used = 0
    t0 = time.perf_counter()
    for d in docs:
        if used >= budget:
            break
        for para in d.text.split("\n"):
            if para.strip():
                parser.parse(para)
        used += len(d.text.encode("utf-8"))
    return kbps(used, time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument("--quantulum-kb", type=int, default=200, help="slice quantulum3 is timed on (default 200 KB)")
    ap.add_argument(
        "--seeds-only", action="store_true", help="only the five seed articles, repeated (the issue's reference corpus)"
    )
    args = ap.parse_args()
    load_lexicon()  # compile once, outside the timings
    docs = build_docs(args.mb, args.seeds_only)
    nbytes = sum(len(d.text.encode("utf-8")) for d in docs)
    print(f"corpus: {len(docs)} documents, {nbytes / 1e6:.2f} MB")
    t_re = bare_regex(docs)
    print(f"bare regex scan (digits + number words): {kbps(nbytes, t_re):10.0f} KB/s")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t1, n1 = sitrep(docs, 1)
    print(
        f"sitrep extract, 1 worker:                {kbps(nbytes, t1):10.0f} KB/s  ({n1} mentions, "
        f"{t1 / t_re:.1f}x the bare regex time)"
    )
    t2, n2 = sitrep(docs, 2)
    print(
        f"sitrep extract, --workers 2:             {kbps(nbytes, t2):10.0f} KB/s  ({n2} mentions, "
        f"{t2 / t_re:.1f}x the bare regex time)"
    )
    q = quantulum(docs, args.quantulum_kb)
    if q is None:
        print("quantulum3: not installed (pip install quantulum3) - skipped")
    else:
        print(
            f"quantulum3 (on {args.quantulum_kb} KB, extrapolated): {q:10.1f} KB/s  "
            f"(sitrep 1 worker is {kbps(nbytes, t1) / q:.0f}x faster)"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"peak RSS: {rss / 1024:.0f} MB (before extraction: {rss_before / 1024:.0f} MB; the corpus itself is in memory)"
    )


if __name__ == "__main__":
    main()

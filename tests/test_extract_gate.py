"""Quality gate: the shared scorer on the seed articles through the real CLI, against a pinned floor.

tests/extract_floor.txt holds the floor; a change may raise it but not lower it (trafilatura's eval gate).
Skipped when ../shared (seeds, gold, scorer) is absent.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOOR = Path(__file__).resolve().parent / "extract_floor.txt"
TARGETS = {"F1": 0.95, "qualifier": 0.90, "civilian": 0.90, "as_of": 0.90, "period_start": 0.90, "attributed_to": 0.90}


def floors() -> dict[str, float]:
    out = {}
    for line in FLOOR.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, value = line.split()
            out[name] = float(value)
    return out


def test_floor_never_below_the_issue_targets() -> None:
    f = floors()
    for name, target in TARGETS.items():
        assert f.get(name, 0.0) >= target, f"{FLOOR}: {name} floor {f.get(name)} is below the target {target}"


def test_seed_score_meets_the_floor() -> None:
    scorer = SHARED / "eval" / "score.py"
    gold = SHARED / "gold" / "seeds.yaml"
    seeds = SHARED / "seeds"
    if not (scorer.is_file() and gold.is_file() and seeds.is_dir()):
        pytest.skip(f"{SHARED} (scorer, gold, seeds) is not available")
    run = f"{shlex.quote(sys.executable)} -m sitrep extract {shlex.quote(str(seeds))} --format jsonl"
    out = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(gold), "--run", run, "-v"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    got: dict[str, float] = {}
    m = re.search(r"^F1 ([0-9.]+)\s*$", out.stdout, re.M)
    assert m, out.stdout
    got["F1"] = float(m.group(1))
    for name, value in re.findall(r"^  (\w+)\s+\d+/\d+\s+([0-9.]+)$", out.stdout, re.M):
        got[name] = float(value)
    low = {k: (got.get(k), v) for k, v in floors().items() if got.get(k, 0.0) + 1e-9 < v}
    assert not low, f"below the floor in {FLOOR} (got, floor): {low}\n{out.stdout}"

"""A second quality gate, on the project's own texts about other crises (Sudan, Gaza, Ukraine, Lebanon,
Haiti, Afghanistan, Tigray, Pakistan, Libya, Somalia, Myanmar, the 2023 earthquake...): extraction must keep
its F1 there, so rules tuned to one crisis show up. Scored like ../shared/eval/score.py (figures paired by
family and amount; optional figures neither rewarded nor punished), without needing ../shared."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sitrep.extract import extract_all
from sitrep.sources import read_sources

GOLD = Path(__file__).parent / "gold" / "other-crises"
# Pinned floors: a change may raise them, never lower them.
FLOOR_F1 = 0.97
FLOOR_QUALIFIER = 0.95
FLOOR_ATTRIBUTED_TO = 0.95


def _amount(item: dict[str, Any]) -> tuple[Any, Any, Any]:
    return item.get("value"), item.get("value_max"), item.get("vague")


def _families(item: dict[str, Any]) -> set[str]:
    return {item.get("family"), item.get("alt_family")} - {None}  # type: ignore[return-value]


def _attr_ok(name: str, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    g, p = gold[name], pred.get(name)
    if name == "attributed_to":
        return bool(p) and (str(g).lower() in str(p).lower() or str(p).lower() in str(g).lower())
    return g == p


def test_extraction_f1_on_other_crises() -> None:
    gold = yaml.safe_load((GOLD / "gold.yaml").read_text(encoding="utf-8"))["documents"]
    preds: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
    for doc, mentions in extract_all(read_sources([GOLD]).documents):
        for m in mentions:
            row = m.to_json()
            preds.setdefault(doc.id, {}).setdefault((row["family"], row["indicator"], *_amount(row)), row)
    tp = fp = fn = 0
    hits = {"qualifier": [0, 0], "attributed_to": [0, 0]}
    misses: list[str] = []
    for doc, body in gold.items():
        items = list(preds.get(doc, {}).values())
        used = [False] * len(items)
        for g in body.get("figures") or []:
            found = next(
                (
                    i
                    for i, p in enumerate(items)
                    if not used[i] and p["family"] in _families(g) and _amount(p) == _amount(g)
                ),
                None,
            )
            if found is None:
                fn += 1
                misses.append(f"FN {doc} {g['family']} {_amount(g)}")
                continue
            used[found] = True
            tp += 1
            for name, counts in hits.items():
                if g.get(name) is not None:
                    counts[1] += 1
                    counts[0] += _attr_ok(name, g, items[found])
        optional = body.get("optional") or []
        for i, p in enumerate(items):
            if used[i] or any(p["family"] in _families(o) and _amount(p) == _amount(o) for o in optional):
                continue
            fp += 1
            misses.append(f"FP {doc} {p['family']} {_amount(p)}: {p['quote'][:80]}")
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    detail = "\n".join(misses)
    assert f1 >= FLOOR_F1, f"F1 {f1:.3f} below the floor {FLOOR_F1}:\n{detail}"
    assert hits["qualifier"][0] / hits["qualifier"][1] >= FLOOR_QUALIFIER
    assert hits["attributed_to"][0] / hits["attributed_to"][1] >= FLOOR_ATTRIBUTED_TO
    assert tp >= 110, "the gold set has 118 figures; a large drop in matches is a regression"

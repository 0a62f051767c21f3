"""Runs every case file under tests/cases/*.yaml through the extraction engine.

A case file gives a default `published` date and a list of `cases`, each a sentence (`text`) with the
mentions it must yield (`expect`). Each expected item pairs with an extracted mention of the same family,
value, value_max and vague; every attribute it lists must then be equal (place and attributed_to:
case-insensitive substring either way; dates compared as ISO strings). Unless `allow_extra: true`, an
extracted mention that pairs with nothing fails the case. `xfail: "reason"` marks a case the engine
cannot read yet (pytest xfail, not strict).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from sitrep.extract import extract, load_lexicon
from sitrep.model import Document, Mention
from sitrep.yamlio import load_yaml

CASES = Path(__file__).resolve().parent / "cases"
AMOUNT = ("family", "value", "value_max", "vague")


def _iso(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v.isoformat()[:10]
    return str(v)[:10]


def _collect() -> list[Any]:
    params = []
    for f in sorted(CASES.glob("*.yaml")):
        loaded = load_yaml(f)
        data = loaded.data or {}
        default_pub = data.get("published")
        for i, case in enumerate(data.get("cases") or []):
            line = loaded.line(("cases", i)) or 0
            marks = [pytest.mark.xfail(reason=str(case["xfail"]), strict=False)] if case.get("xfail") else []
            params.append(pytest.param(f.name, line, case, default_pub, id=f"{f.stem}:{line}", marks=marks))
    return params


def _amount(d: dict[str, Any]) -> tuple[Any, ...]:
    return (d.get("family"), d.get("value"), d.get("value_max"), d.get("vague"))


def _attr_ok(name: str, want: Any, got: Any) -> bool:
    if name in ("as_of", "period_start"):
        return _iso(want) == _iso(got)
    if name in ("place", "attributed_to"):
        if want is None or got is None:
            return want is None and got is None
        w, g = str(want).lower(), str(got).lower()
        return w in g or g in w
    return bool(want == got)


def _show(m: dict[str, Any]) -> str:
    keys = ("family", "indicator", "value", "value_max", "vague", "qualifier", "civilian", "as_of", "period_start",
            "place", "attributed_to", "rule")  # fmt: skip
    return "{" + ", ".join(f"{k}: {m.get(k)!r}" for k in keys if m.get(k) is not None) + "}"


def check_case(case: dict[str, Any], default_pub: Any) -> list[str]:
    """Problems with one case (empty when it passes); used by the test and handy from a REPL."""
    pub = case.get("published", default_pub)
    if isinstance(pub, str):
        pub = dt.date.fromisoformat(pub)
    mentions: list[Mention] = extract(Document(id="case", text=str(case["text"]), published=pub), load_lexicon())
    got = [m.to_json() for m in mentions]
    expect = [dict(e) for e in (case.get("expect") or [])]
    used = [False] * len(got)
    problems: list[str] = []
    for e in expect:
        e.setdefault("value_max", None)
        e.setdefault("vague", None)
        same = [i for i, g in enumerate(got) if not used[i] and _amount(g) == _amount(e)]
        full = [i for i in same if all(_attr_ok(k, v, got[i].get(k)) for k, v in e.items() if k not in AMOUNT)]
        if full:
            used[full[0]] = True
        elif same:
            used[same[0]] = True
            g = got[same[0]]
            bad = [
                f"{k}: want {v!r} got {g.get(k)!r}"
                for k, v in e.items()
                if k not in AMOUNT and not _attr_ok(k, v, g.get(k))
            ]
            problems.append(f"wrong attributes for {_show(e)}: " + "; ".join(bad))
        else:
            problems.append(f"missing {_show(e)}")
    if not case.get("allow_extra"):
        for i, g in enumerate(got):
            if not used[i]:
                problems.append(f"unexpected {_show(g)}")
    return problems


@pytest.mark.parametrize(("fname", "line", "case", "default_pub"), _collect())
def test_case(fname: str, line: int, case: dict[str, Any], default_pub: Any) -> None:
    problems = check_case(case, default_pub)
    if problems:
        pytest.fail(f"{fname}:{line}: {case['text']!r}\n  " + "\n  ".join(problems), pytrace=False)


def test_case_files_exist() -> None:
    """The runner must have something to run: at least one case file with cases."""
    params = _collect()
    assert params, f"no cases found under {CASES}"

"""Issue 4 acceptance: the five real Idlib articles, as of 2020-02-28.

Two runs: (1) hand-made mentions mirroring the analyst's gold figures, so this stage is proven whatever
the extractor's quality; (2) the real reader and extractor end to end. Both skip when ../shared is absent.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitrep.indicators import build_indicators, format_indicators, load_rules
from sitrep.model import Document, Mention
from sitrep.yamlio import load_yaml

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
AS_OF = dt.date(2020, 2, 28)

# What examples/idlib-2020/report.yaml sets for this crisis (the built-in rules carry no dates).
REPORT = r"""
period_start: 2019-12-01
indicators:
  - {id: people_displaced, label: People displaced since 1 December 2019}
  - {id: civilians_killed, label: Civilians killed since 1 December 2019}
  - id: military_killed
    label: Turkish soldiers killed in February 2020
    quote: '\bTurk(?:ish|ey)\b(?!-backed)'
    period_start: 2020-02-01
  - {id: refugees_hosted, label: Syrian refugees hosted in Turkey, place: Turk}
"""


def _need_shared() -> None:
    if not (SHARED / "seeds").is_dir() or not (SHARED / "gold" / "seeds.yaml").is_file():
        pytest.skip("../shared is not present (only on the developers' machines and CI)")


def _rules(tmp_path: Path):
    path = tmp_path / "report.yaml"
    path.write_text(REPORT, encoding="utf-8")
    return load_rules(load_yaml(path))


def _documents() -> list[Document]:
    manifest = yaml.safe_load((SHARED / "seeds" / "manifest.yaml").read_text(encoding="utf-8"))["documents"]
    docs = []
    for p in sorted((SHARED / "seeds").glob("*.txt")):
        meta = manifest.get(p.stem, {})
        docs.append(
            Document(
                id=p.stem,
                text=p.read_text(encoding="utf-8"),
                title=meta.get("title"),
                publisher=meta.get("publisher"),
                published=meta.get("published"),
                published_estimated=bool(meta.get("published_estimated")),
            )
        )
    return docs


def _sentence(text: str, quote: str) -> tuple[str, int, int]:
    """The whole sentence around the gold's (abridged) quote, as the extractor would give it."""
    probe = re.escape(quote.strip('"').split(" - ")[0][:40]).replace(r"\ ", r"\s+")
    m = re.search(probe, text)
    if not m:
        return quote, 0, len(quote)
    start = max(text.rfind(". ", 0, m.start()) + 2, text.rfind("\n", 0, m.start()) + 1, 0)
    end_dot = text.find(". ", m.end())
    end_nl = text.find("\n", m.end())
    end = min(x for x in (end_dot + 1 if end_dot >= 0 else len(text), end_nl if end_nl >= 0 else len(text)))
    return text[start:end].strip(), m.start(), m.end()


def gold_mentions(docs: list[Document]) -> list[Mention]:
    gold = yaml.safe_load((SHARED / "gold" / "seeds.yaml").read_text(encoding="utf-8"))["documents"]
    by_id = {d.id: d for d in docs}
    out = []
    for doc_id, entry in gold.items():
        for f in entry["figures"]:
            quote, start, end = _sentence(by_id[doc_id].text, f["quote"])
            warnings = (
                (f"malformed number {f['malformed_in_source']!r} read as {f['value']:,}",)
                if "malformed_in_source" in f
                else ()
            )
            out.append(
                Mention(
                    doc=doc_id,
                    family=f["family"],
                    indicator=f["indicator"],
                    value=f.get("value"),
                    value_max=f.get("value_max"),
                    vague=f.get("vague"),
                    qualifier=f.get("qualifier", "exact"),
                    civilian=f.get("civilian"),
                    as_of=f.get("as_of"),
                    period_start=f.get("period_start"),
                    place=f.get("place"),
                    attributed_to=f.get("attributed_to"),
                    quote=quote,
                    start=start,
                    end=end,
                    warnings=warnings,
                )
            )
    return out


def check_acceptance(out: list[dict[str, Any]]) -> None:
    """The figures issue 4 asks for, checked on the JSON output."""
    by_id = {o["id"]: o for o in out}
    pd = by_id["people_displaced"]
    assert (pd["value"], pd["qualifier"], pd["as_of"], pd["period_start"]) == (
        948000,
        "exact",
        "2020-02-27",
        "2019-12-01",
    )
    assert re.search(r"\bU\.?N\.?\b|United Nations", pd["sources"][0]["originator"])
    note = pd["disagreement"]
    assert note and "950,000" in note and "Jordan Times" in note and "nearly a million" in note
    assert pd["range"]["min"] == 948000 and pd["range"]["max"] >= 1000000
    # The two New Arab articles' shared sentences count once, with both outlets.
    new_arab = [s for s in pd["sources"] if s["outlet"] == "The New Arab"]
    assert len(new_arab) <= 1
    ck = by_id["civilians_killed"]
    assert ck["range"] == {"min": 300, "max": 400}
    assert ck["value"] == 400 and ck["qualifier"] == "more_than"
    assert "more than 300" in ck["disagreement"] and "more than 400" in ck["disagreement"]
    assert "Observatory" in ck["disagreement"] and "Zaman al-Wasl" in ck["disagreement"]
    mk = by_id["military_killed"]
    assert (mk["value"], mk["as_of"]) == (19, "2020-02-27")
    assert [p["value"] for p in mk["series"]] == [16, 18, 19]
    trucks = by_id["aid_trucks_per_day"]
    assert trucks["value"] == 50
    assert len(trucks["sources"]) == 1 and trucks["sources"][0]["also_in"], "wire copy: one claim, two outlets"
    target = by_id["aid_trucks_per_day_target"]
    assert target["value"] == 100 and target["target_of"] == "aid_trucks_per_day"
    assert re.search(r"U\.?N\.?|United Nations", target["sources"][0]["originator"])
    assert by_id["refugees_hosted"]["value"] == 3600000


def test_acceptance_on_gold_mentions(tmp_path: Path) -> None:
    _need_shared()
    docs = _documents()
    result = build_indicators(gold_mentions(docs), docs, _rules(tmp_path), AS_OF)
    out = json.loads(format_indicators(result, "json"))
    check_acceptance(out)
    pd = {o["id"]: o for o in out}["people_displaced"]
    # The "since April 2019" figure is another period: not compared, but said so in the method.
    assert "since 1 Apr 2019" in pd["method"]
    assert [p["value"] for p in pd["series"]] == [350000, 948000, 950000]
    # The malformed "950,0000" reaches the brief's warnings.
    assert any("950,0000" in w for w in result.warnings)


def test_acceptance_with_real_reader_and_extractor(tmp_path: Path) -> None:
    _need_shared()
    try:
        from sitrep import extract as ex
        from sitrep.sources import read_sources

        load_lexicon = ex.load_lexicon
    except (ImportError, AttributeError) as exc:  # the extraction engine is being built in parallel
        pytest.skip(f"extraction not available yet: {exc}")
    docs = list(read_sources([SHARED / "seeds"]).documents)
    lexicon = load_lexicon()
    if hasattr(ex, "extract_all"):
        mentions = [m for _doc, found in ex.extract_all(docs, lexicon) for m in found]
    else:
        mentions = [m for d in docs for m in ex.extract(d, lexicon)]
    result = build_indicators(mentions, docs, _rules(tmp_path), AS_OF)
    check_acceptance(json.loads(format_indicators(result, "json")))


def test_report_overrides_keep_rule_examples_consistent(tmp_path: Path) -> None:
    from sitrep.indicators import check_examples

    assert check_examples(_rules(tmp_path)) == []

"""The CLI as a user runs it: extract's JSON Lines contract, build end to end, indicators, check."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main

from .conftest import EXAMPLE, ROOT

CONTRACT = ("doc", "family", "indicator", "value", "value_max", "vague", "qualifier", "civilian", "as_of")
CONTRACT += ("period_start", "place", "attributed_to", "quote", "start", "end")


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "gaza-convoy.md").write_text(
        "---\ntitle: Aid convoy\npublisher: Example Wire\npublished: 2023-10-21\n---\n"
        "Twenty trucks carrying food and medicine entered Gaza through the Rafah crossing on Saturday, "
        "the United Nations said.\n",
        encoding="utf-8",
    )
    (folder / "sudan.txt").write_text(
        "More than 600,000 refugees have crossed into Chad since April 2023, according to UNHCR.\n",
        encoding="utf-8",
    )
    return folder


def test_extract_jsonl_follows_the_contract(articles: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(articles), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert rows, "expected figures from both articles"
    for row in rows:
        assert set(CONTRACT) <= set(row)
        assert row["quote"] and row["family"] in ("displacement", "casualties", "aid_trucks", "border")
    trucks = [r for r in rows if r["doc"] == "gaza-convoy" and r["family"] == "aid_trucks"]
    assert trucks and trucks[0]["value"] == 20 and trucks[0]["as_of"] == "2023-10-21"
    undated = [r for r in rows if r["doc"] == "sudan"]
    assert undated and all(r["as_of"] is None for r in undated), "an undated article's figures get no date"
    assert any(r["value"] == 600000 and r["qualifier"] == "more_than" for r in undated)


def test_extract_offsets_point_at_the_figure(articles: Path) -> None:
    from sitrep.sources import read_sources

    docs = {d.id: d for d in read_sources([articles]).documents}
    result = CliRunner().invoke(main, ["extract", str(articles)])
    for line in result.stdout.splitlines():
        row = json.loads(line)
        span = docs[row["doc"]].text[row["start"] : row["end"]]
        assert span and span in row["quote"]


def test_extract_csv_and_table(articles: Path) -> None:
    out = CliRunner().invoke(main, ["extract", str(articles), "--format", "csv"]).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and set(CONTRACT) <= set(rows[0])
    table = CliRunner().invoke(main, ["extract", str(articles), "--format", "table"]).stdout
    assert "indicator" in table.splitlines()[0] and "figures)" in table


def test_every_command_has_help() -> None:
    for cmd in ("build", "extract", "indicators", "check"):
        result = CliRunner().invoke(main, [cmd, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_python_dash_m_runs_the_cli() -> None:
    proc = subprocess.run([sys.executable, "-m", "sitrep", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and "sitrep" in proc.stdout


def test_check_validates_the_example() -> None:
    result = CliRunner().invoke(main, ["check", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "idlib-2020" in result.output and "sources" in result.output
    # the effective rules, each with where it came from: the report file overrides military_killed
    assert "military_killed" in result.output and "report.yaml:" in result.output
    assert "indicators.yaml:" in result.output


def test_check_lists_and_tests_a_rules_folder(tmp_path: Path) -> None:
    """A user's extraction rules are listed with their file:line and their examples run: a rule whose own
    example does not fire fails the check, before any build."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text(
        "kind: family\nfamily: displacement\nevents:\n  - id: displacement.relocated\n    event: displaced\n"
        "    right: [relocated]\n    indicators: {people: people_displaced}\n"
        "    examples: {match: ['Some 300 people were relocated.', 'Some 300 people were moved.'], no_match: []}\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.yaml"
    report.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("sources: sources", f"sources: {EXAMPLE.parent / 'sources'}")
        + f"rules: {rules}\ncharts: [{{id: toll, family: casualties, panels: [[civilians_killed]]}}]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(report)])
    assert result.exit_code == 1, result.output
    assert "displacement.relocated" in result.output and "mine.yaml:4" in result.output
    assert "does not fire on its match example 'Some 300 people were moved.'" in result.output
    assert "'Some 300 people were relocated.'" not in result.output.split("!")[-1]
    assert "charts     1: toll civilians_killed" in result.output


def test_indicators_json_on_the_example() -> None:
    result = CliRunner().invoke(main, ["indicators", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ids = {i["id"] for i in data}
    assert {"people_displaced", "civilians_killed"} <= ids

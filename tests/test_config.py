"""A malformed report file names file, line and what was expected, exits non-zero and writes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.config import load_report
from sitrep.errors import ConfigError

GOOD = """\
id: test-report
title: Test
as_of: 2024-03-01
sources: articles/
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("Some 1,000 people fled.", encoding="utf-8")
    return tmp_path


def run_build(folder: Path, text: str) -> tuple[int, str]:
    cfg = folder / "report.yaml"
    cfg.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(cfg), "--out", str(folder / "out")])
    assert not (folder / "out").exists(), "a failed build must write nothing"
    return result.exit_code, result.output


def test_good_file_resolves_paths_against_the_file(folder: Path) -> None:
    (folder / "report.yaml").write_text(GOOD, encoding="utf-8")
    s = load_report(folder / "report.yaml")
    assert s.sources == (folder / "articles",)
    assert s.as_of == dt.date(2024, 3, 1)
    assert s.output_stem == "test-report-2024-03-01"


def test_overrides_replace_sources_date_and_out(folder: Path, tmp_path: Path) -> None:
    (folder / "report.yaml").write_text(GOOD, encoding="utf-8")
    s = load_report(folder / "report.yaml", sources=folder, as_of=dt.date(2024, 4, 2), out=tmp_path / "o")
    assert s.sources == (folder,) and s.as_of == dt.date(2024, 4, 2) and s.out == tmp_path / "o"


def test_yaml_syntax_error(folder: Path) -> None:
    code, out = run_build(folder, GOOD + "theme:\n  primary: [unclosed\n")
    assert code != 0
    assert "report.yaml:7" in out and "YAML syntax error" in out and "starts at line 6" in out
    assert "Traceback" not in out


def test_unknown_key_names_its_line(folder: Path) -> None:
    code, out = run_build(folder, GOOD + "titel: typo\n")
    assert code != 0
    assert "report.yaml:5" in out and "titel" in out and "unknown key" in out


def test_wrong_type_names_line_and_value(folder: Path) -> None:
    code, out = run_build(folder, GOOD.replace("2024-03-01", "next tuesday"))
    assert code != 0
    assert "report.yaml:3" in out and "as_of" in out and "next tuesday" in out


def test_missing_required_key(folder: Path) -> None:
    code, out = run_build(folder, GOOD.replace("title: Test\n", ""))
    assert code != 0 and "title" in out and "required" in out


def test_missing_sources_folder(folder: Path) -> None:
    code, out = run_build(folder, GOOD.replace("articles/", "nowhere/"))
    assert code != 0
    assert "report.yaml:4" in out and "does not exist" in out


def test_every_problem_is_reported_at_once(folder: Path) -> None:
    text = GOOD + "theme:\n  primary: url(file:///etc/passwd)\ncolour: red\n"
    code, out = run_build(folder, text)
    assert code != 0
    assert "2 problems" in out
    assert "report.yaml:6: theme.primary" in out and "expected a colour" in out
    assert "report.yaml:7: colour" in out and "unknown key" in out


def test_theme_values_reach_the_report(folder: Path) -> None:
    (folder / "report.yaml").write_text(GOOD + "theme:\n  accent: navy\n  font: '\"Noto Sans\", Arial'\n")
    assert load_report(folder / "report.yaml").theme == {"accent": "navy", "font": '"Noto Sans", Arial'}


def test_empty_and_non_mapping_files(folder: Path) -> None:
    for text in ("", "- just\n- a list\n"):
        cfg = folder / "report.yaml"
        cfg.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError):
            load_report(cfg)


def test_missing_report_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(tmp_path / "none.yaml")])
    assert result.exit_code != 0 and "file not found" in result.output

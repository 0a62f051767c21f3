"""The report file (report.yaml): load, validate every key with file:line, resolve paths.

Paths resolve against the file that declares them. The whole file is validated and every
problem reported at once, then the run stops before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sitrep.errors import ConfigError
from sitrep.yamlio import KeyPath, Loaded, load_yaml, pydantic_problems, validation_error

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class OrganisationModel(_Strict):
    name: str = ""
    logo: str | None = None


_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|rgba?\([0-9., %]+\))$")
_FONT = re.compile(r"^[A-Za-z0-9 ,\"'_-]*$")


class ThemeModel(_Strict):
    """Colours and fonts of the brief; unset keys keep the template's defaults. Checked here, with the
    file's line numbers, because the values go into CSS."""

    primary: str | None = None
    accent: str | None = None
    secondary: str | None = None
    muted: str | None = None
    text: str | None = None
    background: str | None = None
    highlight: str | None = None
    font: str | None = None
    heading_font: str | None = None

    @field_validator("primary", "accent", "secondary", "muted", "text", "background", "highlight")
    @classmethod
    def _colour(cls, v: str | None) -> str | None:
        if v is not None and not _COLOUR.match(v.strip()):
            raise ValueError(f"expected a colour such as '#1f3864', 'rgb(31, 56, 100)' or 'navy', got {v!r}")
        return v

    @field_validator("font", "heading_font")
    @classmethod
    def _font(cls, v: str | None) -> str | None:
        if v is not None and not _FONT.match(v):
            raise ValueError(f"expected a font list such as '\"Source Sans Pro\", Arial', got {v!r}")
        return v


class ReportModel(_Strict):
    """Schema of report.yaml. `indicators`, `disable`, `credibility` are checked by the indicators stage, `charts`
    by the charts stage."""

    id: str
    title: str
    as_of: dt.date
    sources: str | list[str]
    area: str = ""
    number: int | None = None
    period_start: dt.date | None = None
    next_report: dt.date | None = None
    language: str = "en"
    out: str | None = None
    templates: str | None = None
    rules: str | None = Field(default=None, description="folder of extraction rule overrides (*.yaml)")
    organisation: OrganisationModel = OrganisationModel()
    theme: ThemeModel = ThemeModel()
    indicators: list[Any] | None = None
    disable: list[str] | None = None
    credibility: Any = None
    charts: list[Any] | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"expected letters, digits, '.', '_' or '-' (it names output files), got {v!r}")
        return v


@dataclass(frozen=True)
class ReportSettings:
    """A validated report file with every path resolved: what the build runs on."""

    path: Path
    loaded: Loaded
    id: str
    title: str
    as_of: dt.date
    sources: tuple[Path, ...]
    out: Path
    area: str = ""
    number: int | None = None
    period_start: dt.date | None = None
    next_report: dt.date | None = None
    language: str = "en"
    templates: Path | None = None
    rules: Path | None = None
    organisation: str = ""
    logo: Path | None = None
    theme: dict[str, str] = field(default_factory=dict)

    @property
    def output_stem(self) -> str:
        """`<report-id>-<as_of>`: the file name of the brief, without extension."""
        return f"{self.id}-{self.as_of.isoformat()}"


def load_report(
    path: str | Path,
    *,
    sources: str | Path | None = None,
    as_of: dt.date | None = None,
    out: str | Path | None = None,
) -> ReportSettings:
    """Read and validate a report file; `sources`, `as_of` and `out` override it (scheduled runs, tests)."""
    p = Path(path)
    if p.is_dir():
        raise ConfigError(f"{p}: is a folder; give the report file inside it (for example {p / 'report.yaml'}).")
    loaded = load_yaml(p)
    data = loaded.data
    if data is None:
        raise ConfigError(f"{p}: the file is empty; it needs at least id, title, as_of and sources.")
    if not isinstance(data, dict):
        raise validation_error(loaded, [((), "expected a mapping of keys (id, title, as_of, sources, ...)")])
    problems: list[tuple[KeyPath, str]] = []
    # CLI overrides stand in for missing keys, so a scheduled run can omit them from the file.
    probe = dict(data)
    if as_of is not None:
        probe["as_of"] = as_of
    if sources is not None:
        probe["sources"] = str(sources)
    try:
        model = ReportModel.model_validate(probe)
    except ValidationError as exc:
        raise validation_error(loaded, pydantic_problems(exc)) from None

    base = p.resolve().parent

    def resolve(value: str) -> Path:
        q = Path(value).expanduser()
        return q if q.is_absolute() else base / q

    if sources is not None:
        src_paths = (Path(sources),)
        if not src_paths[0].exists():
            raise ConfigError(f"--sources {sources}: no such file or folder.")
    else:
        raw = [model.sources] if isinstance(model.sources, str) else list(model.sources)
        src_paths = tuple(resolve(s) for s in raw)
        for i, sp in enumerate(src_paths):
            if not sp.exists():
                kp: KeyPath = ("sources",) if isinstance(model.sources, str) else ("sources", i)
                problems.append((kp, f"folder {sp} does not exist; create it or point `sources` at your articles"))
    templates = resolve(model.templates) if model.templates else None
    if templates is not None and not templates.is_dir():
        problems.append((("templates",), f"template folder {templates} does not exist"))
    rules = resolve(model.rules) if model.rules else None
    if rules is not None and not rules.is_dir():
        problems.append((("rules",), f"rules folder {rules} does not exist"))
    logo = resolve(model.organisation.logo) if model.organisation.logo else None
    if logo is not None and not logo.is_file():
        problems.append((("organisation", "logo"), f"logo file {logo} does not exist"))
    if model.period_start and model.period_start > model.as_of:
        problems.append((("period_start",), f"period_start {model.period_start} is after as_of {model.as_of}"))
    if problems:
        raise validation_error(loaded, problems)

    if out is not None:
        out_dir = Path(out)
    elif model.out:
        out_dir = resolve(model.out)
    else:
        out_dir = Path("out") / model.id
    return ReportSettings(
        path=p,
        loaded=loaded,
        id=model.id,
        title=model.title,
        as_of=model.as_of,
        sources=src_paths,
        out=out_dir,
        area=model.area,
        number=model.number,
        period_start=model.period_start,
        next_report=model.next_report,
        language=model.language,
        templates=templates,
        rules=rules,
        organisation=model.organisation.name,
        logo=logo,
        theme={k: v for k, v in model.theme.model_dump().items() if v is not None},
    )

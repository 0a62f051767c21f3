"""Where the built-in templates and config live: beside the package in a checkout,
inside it in an installed wheel (pyproject force-includes them as sitrep/_templates
and sitrep/_config)."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _first(*candidates: Path) -> Path:
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[0]


def templates_dir() -> Path:
    """The built-in template folder."""
    return _first(_PKG / "_templates", _PKG.parent / "templates")


def config_dir() -> Path:
    """The built-in config folder (lexicons, indicator rules, credibility tiers)."""
    return _first(_PKG / "_config", _PKG.parent / "config")

"""Words around the figures: phrases (templates/phrases.yaml), numbers, dates, qualifiers.

Shared by the charts and the HTML context so a figure reads the same in a box, a sentence,
a chart label and a data table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import RenderError
from sitrep.resources import templates_dir
from sitrep.yamlio import load_yaml

PHRASES_FILE = "phrases.yaml"


@dataclass(frozen=True)
class Phrases:
    """The phrase book: nested mapping from phrases.yaml, read with `get("a.b")`."""

    data: Mapping[str, Any]

    def get(self, key: str, default: str | None = None) -> Any:
        """The value at a dotted key; `default` (or a RenderError naming the key) when absent."""
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                if default is not None:
                    return default
                raise RenderError(
                    f"{PHRASES_FILE}: no phrase {key!r}; add it to your template folder's {PHRASES_FILE}."
                )
            node = node[part]
        return node

    def text(self, key: str, **values: object) -> str:
        """A phrase with its {placeholders} filled."""
        template = self.get(key)
        try:
            return str(template).format(**values)
        except (KeyError, IndexError) as exc:
            raise RenderError(f"{PHRASES_FILE}: phrase {key!r} uses unknown placeholder {exc}.") from None

    def month(self, d: dt.date, short: bool = False) -> str:
        names = self.get("months_short" if short else "months")
        return str(names[d.month - 1])

    def date(self, d: dt.date | None, short: bool = False) -> str:
        """`28 February 2020` (or `28 Feb 2020`): month names from the phrase book, never the locale."""
        if d is None:
            return ""
        return f"{d.day} {self.month(d, short)} {d.year}"


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_phrases(template_dir: Path | None = None) -> Phrases:
    """Built-in phrases, with a user template folder's phrases.yaml laid over them key by key."""
    data = load_yaml(templates_dir() / PHRASES_FILE).data
    if template_dir is not None and (Path(template_dir) / PHRASES_FILE).is_file():
        loaded = load_yaml(Path(template_dir) / PHRASES_FILE)
        if not isinstance(loaded.data, Mapping):
            raise RenderError(f"{loaded.path}: expected a mapping of phrases (see the built-in {PHRASES_FILE}).")
        data = _merge(data, loaded.data)
    return Phrases(data)


def number(n: int) -> str:
    """`350,000`; round millions as `1 million` / `3.6 million` (how sitreps print them)."""
    if abs(n) >= 1_000_000 and n % 100_000 == 0:
        millions = n / 1_000_000
        text = f"{millions:.1f}".rstrip("0").rstrip(".")
        return f"{text} million"
    return f"{n:,}"


def amount(
    phrases: Phrases,
    value: int | None,
    value_max: int | None = None,
    qualifier: str = "exact",
    vague: str | None = None,
) -> str:
    """A figure as words: `nearly 1 million`, `50–80`, `hundreds`, `more than 400`."""
    if value is None:
        return vague or "unknown"
    text = number(value) if value_max is None or value_max == value else f"{number(value)}–{number(value_max)}"
    word = str(phrases.get(f"qualifiers.{qualifier}", "")) if qualifier else ""
    return f"{word} {text}" if word else text


def signed(n: int) -> str:
    """`+650,000` / `−20`: a change, with a true minus sign."""
    return f"+{n:,}" if n > 0 else f"−{abs(n):,}" if n < 0 else "0"


def capitalise(text: str) -> str:
    """Upper-case the first letter only (`nearly 1 million` -> `Nearly 1 million`)."""
    return text[:1].upper() + text[1:]

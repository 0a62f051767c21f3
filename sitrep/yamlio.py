"""YAML loading that remembers where every key came from, so errors can name file and line.

Every config file (report files and the rule files under config/) is read through here:
`yaml.SafeLoader` only, `!ENV NAME` for secrets, and a map from key path to line number.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import ConfigError

KeyPath = tuple[str | int, ...]


# libyaml's C parser reads our rule files ~9x faster than the pure-Python one and keeps the same marks.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader plus `!ENV NAME` (value read from the environment when the file is loaded)."""


def _env(loader: _Loader, node: yaml.Node) -> str:
    name = loader.construct_scalar(node)  # type: ignore[arg-type]
    value = os.environ.get(str(name))
    if value is None:
        mark = node.start_mark
        raise ConfigError(
            f"{mark.name}:{mark.line + 1}: environment variable {name!r} is not set "
            f"(the file asks for it with !ENV {name}); export it before running."
        )
    return value


_Loader.add_constructor("!ENV", _env)


@dataclass(frozen=True)
class Loaded:
    """A parsed YAML document and the line (1-based) of each key path in it."""

    path: Path
    data: Any
    lines: dict[KeyPath, int]

    def line(self, keypath: KeyPath) -> int | None:
        """The line of `keypath`, or of its nearest parent that has one."""
        kp = tuple(keypath)
        while kp:
            if kp in self.lines:
                return self.lines[kp]
            kp = kp[:-1]
        return self.lines.get((), None)

    def where(self, keypath: KeyPath) -> str:
        """`file:line` for messages."""
        line = self.line(keypath)
        return f"{self.path}:{line}" if line else str(self.path)


def _walk(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            lines[path + (k,)] = key.start_mark.line + 1
            _walk(value, path + (k,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            _walk(item, path + (i,), lines)


def load_yaml(path: str | os.PathLike[str], text: str | None = None) -> Loaded:
    """Parse a YAML file safely; a syntax error becomes a ConfigError with file and line."""
    p = Path(path)
    if text is None:
        try:
            text = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"{p}: file not found.") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8.") from None
        except OSError as exc:
            raise ConfigError(f"{p}: cannot read ({exc.strerror}).") from None
    try:
        loader = _Loader(text)
        loader.name = str(p)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        what = exc.problem or "invalid YAML"
        ctx = exc.context_mark
        if exc.context and ctx is not None and (mark is None or ctx.line != mark.line):
            what += f" ({exc.context} that starts at line {ctx.line + 1})"
        raise ConfigError(f"{p}{line}: YAML syntax error: {what}. Check indentation, colons and quotes.") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{p}: YAML error: {exc}") from None
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return Loaded(path=p, data=data, lines=lines)


def format_keypath(keypath: KeyPath) -> str:
    """`indicators[2].rule` style, as users see it in the file."""
    out = ""
    for part in keypath:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def validation_error(loaded: Loaded, problems: list[tuple[KeyPath, str]]) -> ConfigError:
    """One ConfigError listing every problem with its file:line and key path, sorted by line."""
    rows = sorted(problems, key=lambda kp_msg: (loaded.line(kp_msg[0]) or 0, format_keypath(kp_msg[0])))
    body = "\n".join(f"  {loaded.where(kp)}: {format_keypath(kp)}: {msg}" for kp, msg in rows)
    n = len(rows)
    return ConfigError(f"{loaded.path}: {n} problem{'s' if n != 1 else ''} in this file:\n{body}")


def pydantic_problems(exc: Any) -> list[tuple[KeyPath, str]]:
    """Turn a pydantic ValidationError into (key path, message) pairs users can act on."""
    out: list[tuple[KeyPath, str]] = []
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        kind = err.get("type", "")
        if kind == "extra_forbidden":
            msg = "unknown key; remove it or check its spelling"
        elif kind == "missing":
            msg = "required key is missing"
        else:
            msg = str(err.get("msg", "invalid value"))
            got = err.get("input")
            if got is not None and not isinstance(got, (dict, list)):
                msg += f" (got {got!r})"
        out.append((loc, msg))
    return out

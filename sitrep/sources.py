"""Read source articles (.txt / .md, optional YAML front matter, optional manifest.yaml) into Documents.

One unreadable source never sinks a run: it becomes a SourceProblem that the brief lists.
A source with no known date is kept; its figures later get no as_of rather than a guessed one.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError, SourceError
from sitrep.model import Document, SourceProblem
from sitrep.yamlio import Loaded, load_yaml, validation_error

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
# Files a user may drop in a sources folder expecting them to be read; sitrep says it skipped them.
UNREAD_SUFFIXES = (".html", ".htm", ".xhtml", ".pdf", ".doc", ".docx", ".odt", ".rtf", ".xml", ".rss", ".atom", ".eml")
MANIFEST_NAME = "manifest.yaml"
META_KEYS = ("title", "publisher", "published", "published_estimated", "url", "language")
# Keys a front matter or manifest entry may carry without effect (kept for people, ignored here).
IGNORED_KEYS = ("original_title", "author", "notes", "tags")

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class SourceSet:
    """The documents read, in a stable order, and every problem met on the way."""

    documents: tuple[Document, ...]
    problems: tuple[SourceProblem, ...] = field(default_factory=tuple)


def iter_source_files(paths: Sequence[str | Path], skipped: list[Path] | None = None) -> Iterator[Path]:
    """Every article file named by `paths` (files as given, folders' text files sorted by name).

    Files in a folder that look like articles in a format sitrep does not read go to `skipped`."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.iterdir()):
                if not child.is_file() or child.name.startswith("."):
                    continue
                if child.suffix.lower() in TEXT_SUFFIXES:
                    yield child
                elif skipped is not None and child.suffix.lower() in UNREAD_SUFFIXES:
                    skipped.append(child)
        elif p.is_file():
            yield p
        else:
            raise SourceError(f"{p}: no such file or folder. Give a folder of .txt/.md articles or article files.")


def read_sources(paths: Sequence[str | Path]) -> SourceSet:
    """Read every article under `paths`; metadata from front matter first, then the folder's manifest.yaml."""
    docs: list[Document] = []
    problems: list[SourceProblem] = []
    manifests: dict[Path, dict[str, dict[str, Any]]] = {}
    seen_ids: dict[str, Path] = {}
    skipped: list[Path] = []
    for f in iter_source_files(paths, skipped):
        folder = f.parent
        if folder not in manifests:
            manifests[folder] = _read_manifest(folder / MANIFEST_NAME, problems)
        meta = manifests[folder].get(f.stem, {})
        doc = _read_one(f, meta, problems)
        if doc is None:
            continue
        if doc.id in seen_ids:
            problems.append(
                SourceProblem(str(f), f"same document id {doc.id!r} as {seen_ids[doc.id]}; both are kept, rename one")
            )
        seen_ids.setdefault(doc.id, f)
        docs.append(doc)
    for f in skipped:
        problems.append(
            SourceProblem(
                str(f),
                f"a {f.suffix.lower()} file, and sitrep reads .txt and .md articles only: save the article's "
                "text as .txt or .md (title, publisher and date in its front matter or the folder's manifest.yaml); "
                "not read",
                fatal=True,
            )
        )
    for folder, entries in manifests.items():
        for doc_id in entries:
            if not any((folder / f"{doc_id}{s}").is_file() for s in TEXT_SUFFIXES):
                problems.append(
                    SourceProblem(str(folder / MANIFEST_NAME), f"lists {doc_id!r} but no such article file is here")
                )
    for p in problems:
        log.warning("%s: %s", p.path + (f":{p.line}" if p.line else ""), p.message)
    return SourceSet(tuple(docs), tuple(problems))


def _read_manifest(path: Path, problems: list[SourceProblem]) -> dict[str, dict[str, Any]]:
    """Metadata per document id; a malformed manifest stops the run with file:line (it governs every article)."""
    if not path.is_file():
        return {}
    loaded = load_yaml(path)
    data = loaded.data or {}
    if not isinstance(data, dict) or not isinstance(data.get("documents", {}), dict):
        raise validation_error(loaded, [((), "expected a mapping `documents:` of document id -> metadata")])
    out: dict[str, dict[str, Any]] = {}
    errors: list[tuple[tuple[str | int, ...], str]] = []
    for doc_id, entry in (data.get("documents") or {}).items():
        meta, errs = _check_meta(entry, loaded, ("documents", str(doc_id)))
        errors.extend(errs)
        out[str(doc_id)] = meta
    if errors:
        raise validation_error(loaded, errors)
    return out


def _check_meta(
    entry: Any, loaded: Loaded | None, base: tuple[str | int, ...]
) -> tuple[dict[str, Any], list[tuple[tuple[str | int, ...], str]]]:
    """Validate one metadata mapping; returns the clean values and (key path, message) problems."""
    errors: list[tuple[tuple[str | int, ...], str]] = []
    if entry is None:
        return {}, errors
    if not isinstance(entry, dict):
        return {}, [(base, f"expected a mapping of {', '.join(META_KEYS)}")]
    meta: dict[str, Any] = {}
    for key, value in entry.items():
        kp = base + (str(key),)
        if key in IGNORED_KEYS:
            continue
        if key not in META_KEYS:
            errors.append((kp, f"unknown key {key!r}; valid keys: {', '.join(META_KEYS)}"))
            continue
        if key == "published":
            if value is None:
                continue
            parsed = _as_date(value)
            if parsed is None:
                errors.append((kp, f"expected a date YYYY-MM-DD, got {value!r}"))
            else:
                meta[key] = parsed
        elif key == "published_estimated":
            if not isinstance(value, bool):
                errors.append((kp, f"expected true or false, got {value!r}"))
            else:
                meta[key] = value
        elif value is not None:
            meta[key] = str(value)
    return meta, errors


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _decode(raw: bytes, path: Path, problems: list[SourceProblem]) -> str | None:
    """UTF-8 (BOM tolerated); else Windows-1252 with a warning; binary files are refused."""
    if b"\x00" in raw[:4096]:
        problems.append(SourceProblem(str(path), "not a text file (binary content); not read", fatal=True))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(
            SourceProblem(
                str(path),
                f"not valid UTF-8 (byte {exc.start}); read as Windows-1252 — check accented names and quotes",
            )
        )
        return raw.decode("cp1252", errors="replace")


def _read_one(path: Path, manifest_meta: dict[str, Any], problems: list[SourceProblem]) -> Document | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(SourceProblem(str(path), f"cannot read ({exc.strerror}); not read", fatal=True))
        return None
    text = _decode(raw, path, problems)
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta = dict(manifest_meta)
    m = _FRONT_MATTER.match(text)
    if m:
        body = text[m.end() :]
        try:
            loaded = load_yaml(path, text=m.group(1))
        except ConfigError as exc:
            # Keep the article: its text is still evidence; only its metadata is doubtful.
            problems.append(SourceProblem(str(path), f"front matter unreadable, ignored: {_strip_path(exc, path)}"))
        else:
            fm_meta, errs = _check_meta(loaded.data, loaded, ())
            for kp, msg in errs:
                line = loaded.line(kp)
                problems.append(
                    SourceProblem(str(path), f"front matter: {'.'.join(map(str, kp))}: {msg}", line=(line or 0) + 1)
                )
            meta.update(fm_meta)
    else:
        body = text
    if not body.strip():
        problems.append(SourceProblem(str(path), "empty article (no text after front matter); not read", fatal=True))
        return None
    published = meta.get("published")
    if published is None:
        problems.append(
            SourceProblem(
                str(path),
                "no publication date (add `published: YYYY-MM-DD` to its front matter or the folder's manifest.yaml); "
                "kept as undated, its figures get no date",
            )
        )
    return Document(
        id=path.stem,
        text=body,
        title=meta.get("title") or _first_line(body),
        publisher=meta.get("publisher"),
        url=meta.get("url"),
        published=published,
        published_estimated=bool(meta.get("published_estimated", False)),
        language=meta.get("language", "en"),
        path=str(path),
    )


def _first_line(body: str) -> str | None:
    for line in body.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return None


def _strip_path(exc: Exception, path: Path) -> str:
    msg = str(getattr(exc, "message", exc))
    return msg.replace(f"{path}:", "line ").replace(str(path), "").strip()

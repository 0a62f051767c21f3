"""What sitrep keeps between runs: the figures read from each article (SQLite, from the standard library),
and the brief's templates compiled to Python bytecode (Jinja's own bytecode cache).

A scheduled report re-reads a folder that mostly holds the articles it read yesterday, and reading an article
(importing and compiling the extraction rules, then the text) costs more than the rest of a small build. So a
build keeps each article's mentions under a key made of the article itself (every field, text included) and a
fingerprint of everything that decides what is read from it: the built-in and user rule files, and the
extraction code. Any change to either reads the article again; nothing is ever served stale.

Compiling the templates costs about as much as rendering them; Jinja keys each compiled template by its name,
file and a checksum of its source, and sitrep keeps them in a folder named for the Jinja version and the
environment's options, so an edited template, another Jinja or other options never get old code.

The cache lives in `$SITREP_CACHE_DIR`, else `$XDG_CACHE_HOME/sitrep`, else `~/.cache/sitrep`; `--no-cache`
skips it. It can only save time: if it cannot be opened, read or written, the run goes on without it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from sitrep.model import Document, Mention
from sitrep.resources import config_dir

log = logging.getLogger(__name__)

SCHEMA = 1
_CODE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """Where the cache lives (see the module docstring)."""
    if os.environ.get("SITREP_CACHE_DIR"):
        return Path(os.environ["SITREP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitrep"


def rules_fingerprint(extra_dirs: Sequence[Path] = ()) -> str:
    """A hash of everything that decides which figures an article yields: rule files and extraction code."""
    h = hashlib.sha256(f"schema {SCHEMA}".encode())
    files: list[Path] = sorted((config_dir() / "extract").glob("*.yaml"))
    for folder in extra_dirs:
        files += sorted(Path(folder).glob("*.yaml"))
    files += sorted((_CODE / "extract").glob("*.py")) + [_CODE / "model.py"]
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def _doc_key(doc: Document, fingerprint: str) -> str:
    fields = json.dumps(dataclasses.asdict(doc), sort_keys=True, default=str)
    return hashlib.sha256(f"{fingerprint}\n{fields}".encode()).hexdigest()


def _dump(mentions: Iterable[Mention]) -> str:
    return json.dumps([dataclasses.asdict(m) for m in mentions], default=str)


def _load(payload: str) -> list[Mention]:
    out = []
    for d in json.loads(payload):
        for k in ("as_of", "period_start"):
            if d.get(k):
                d[k] = dt.date.fromisoformat(d[k])
        d["warnings"] = tuple(d.get("warnings") or ())
        out.append(Mention(**d))
    return out


class MentionCache:
    """Mentions per article, keyed by the article and the rules' fingerprint. Never raises on I/O trouble."""

    def __init__(self, fingerprint: str, folder: Path | None = None) -> None:
        self.fingerprint = fingerprint
        self.db: sqlite3.Connection | None = None
        self.hits = 0
        path = (folder or cache_dir()) / "mentions.sqlite3"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path)
            self.db.execute("CREATE TABLE IF NOT EXISTS mentions (key TEXT PRIMARY KEY, payload TEXT NOT NULL)")
        except (OSError, sqlite3.Error) as exc:
            self._off(f"cannot open the extraction cache at {path} ({exc})")

    def _off(self, why: str) -> None:
        log.info("%s; reading every article", why)
        if self.db is not None:
            self.db.close()
        self.db = None

    def get(self, doc: Document) -> list[Mention] | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT payload FROM mentions WHERE key = ?", (_doc_key(doc, self.fingerprint),))
            found = row.fetchone()
            if found is None:
                return None
            mentions = _load(found[0])
        except (sqlite3.Error, ValueError, TypeError) as exc:  # a damaged entry: read the article again
            log.info("extraction cache entry for %s unreadable (%s)", doc.id, exc)
            return None
        self.hits += 1
        return mentions

    def put(self, doc: Document, mentions: Sequence[Mention]) -> None:
        if self.db is None:
            return
        try:
            self.db.execute(
                "INSERT OR REPLACE INTO mentions (key, payload) VALUES (?, ?)",
                (_doc_key(doc, self.fingerprint), _dump(mentions)),
            )
        except sqlite3.Error as exc:
            self._off(f"cannot write the extraction cache ({exc})")

    def close(self) -> None:
        if self.db is None:
            return
        try:
            self.db.commit()
        except sqlite3.Error as exc:
            log.info("cannot save the extraction cache (%s)", exc)
        self.db.close()
        self.db = None


def template_cache(options: dict[str, object], folder: Path | None = None):  # -> jinja2.BytecodeCache | None
    """Jinja's file-system bytecode cache in a folder keyed by Jinja's version and `options`; None if unusable."""
    import jinja2

    class _QuietCache(jinja2.FileSystemBytecodeCache):
        """A cache that cannot be written is skipped, not a failed brief."""

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError as exc:
                log.info("cannot write the template cache (%s)", exc)

    settings = json.dumps({k: repr(v) for k, v in sorted(options.items())})
    key = hashlib.sha256(f"jinja {jinja2.__version__}\n{settings}".encode()).hexdigest()[:16]
    path = (folder or cache_dir()) / f"templates-{key}"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.info("cannot open the template cache at %s (%s)", path, exc)
        return None
    return _QuietCache(str(path))

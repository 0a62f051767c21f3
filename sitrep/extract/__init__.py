"""Extraction stage: Document -> Mentions, driven by the YAML lexicon under config/extract/.

from sitrep.extract import load_lexicon, extract, extract_all, Lexicon
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.extract.lexicon import Lexicon, load_lexicon
from sitrep.extract.mentions import extract as _sentences
from sitrep.extract.mentions import fired_rules, split_sentences
from sitrep.extract.tables import LIST_GUARD, aligned_table_mentions, heading_list_mentions, table_mentions
from sitrep.model import Document, Mention

__all__ = [
    "Lexicon",
    "check_rule_examples",
    "extract",
    "extract_all",
    "fired_rules",
    "load_lexicon",
    "split_sentences",
]

log = logging.getLogger(__name__)
_WORKER_LEX: Lexicon | None = None


# Readers of what sentences miss, in this order, each given the mentions found so far (so nothing is taken twice):
# lists under a heading, space-aligned tables, `|`/tab tables. A reader runs only on a text its cheap test passes.
_READERS = (
    ("lists", lambda text: LIST_GUARD.search(text) is not None, heading_list_mentions),
    ("aligned tables", lambda text: "  " in text, aligned_table_mentions),
    ("tables", lambda text: "|" in text or "\t" in text, table_mentions),
)


def extract(doc: Document, lexicon: Lexicon | None = None) -> list[Mention]:
    """Every figure mention in one document: its sentences, then its lists and the cells of its plain-text tables."""
    lex = lexicon or load_lexicon()
    found = _sentences(doc, lex)
    if not isinstance(doc.text, str):
        return found
    for name, present, reader in _READERS:
        if not present(doc.text):
            continue
        try:
            found += reader(doc, found, lambda d: _sentences(d, lex))
        except Exception:  # like the sentence reader, never sink a document
            log.warning("extract: could not read the %s of %s", name, doc.id, exc_info=True)
    return found


def _init_worker(lexicon: Lexicon | None, extra_dirs: tuple[Path, ...]) -> None:
    global _WORKER_LEX
    _WORKER_LEX = lexicon if lexicon is not None else load_lexicon(extra_dirs)


def _work(doc: Document) -> tuple[Document, list[Mention]]:
    return doc, extract(doc, _WORKER_LEX)


def extract_all(
    docs: Iterable[Document],
    lexicon: Lexicon | None = None,
    workers: int = 1,
    extra_dirs: tuple[Path, ...] = (),
) -> Iterator[tuple[Document, list[Mention]]]:
    """Stream (document, mentions) pairs in input order; memory does not grow with the corpus.

    workers > 1 runs a process pool over bounded batches of documents (imap keeps order). Each worker gets the
    caller's lexicon (inherited on fork, pickled otherwise), or builds the built-in one plus `extra_dirs`.
    """
    if workers <= 1:
        lex = lexicon or load_lexicon(extra_dirs)
        for doc in docs:
            yield doc, extract(doc, lex)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    it = iter(docs)
    batch = 64 * workers
    with ctx.Pool(workers, initializer=_init_worker, initargs=(lexicon, tuple(extra_dirs))) as pool:
        while True:
            chunk = list(itertools.islice(it, batch))
            if not chunk:
                break
            yield from pool.imap(_work, chunk, chunksize=max(1, len(chunk) // (workers * 4)))


def check_rule_examples(lexicon: Lexicon, ids: Iterable[str] | None = None) -> list[str]:
    """Run the `examples` of the given rules (all by default): a `match` sentence must fire the rule, a
    `no_match` one must not. Returns one message per failure, naming the rule's file:line."""
    problems = []
    for rid in sorted(lexicon.examples if ids is None else set(ids) & set(lexicon.examples)):
        ex = lexicon.examples[rid]
        where = lexicon.rule_sources.get(rid, "")
        for sentence in ex["match"]:
            if rid not in fired_rules(sentence, lexicon):
                problems.append(f"{where}: rule {rid} does not fire on its match example {sentence!r}")
        for sentence in ex["no_match"]:
            if rid in fired_rules(sentence, lexicon):
                problems.append(f"{where}: rule {rid} fires on its no_match example {sentence!r}")
    return problems

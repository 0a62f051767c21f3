"""Figures in plain-text tables: "Governorate | Killed | Injured" then "Jenin | 72 | 142".

OCHA updates and agency reports pasted as text keep their tables as rows of cells split by `|` or tabs.
A sentence reader sees "Jenin | 72 | 142" as three bare numbers. Here each data cell is read as the key-figure
line its column header makes of it ("Killed: 72"), through the same lexicon as any sentence, so the table knows
no word the rules do not; the row's first cell is the figure's place. The cells' own offsets, the row as the
quote, and the date, period and source of the sentence that introduces the table complete the mention.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from sitrep.model import Document, Mention

SPLIT = re.compile(r"\s*(?:\||\t)\s*")
ROW = re.compile(r"^[^\n]*(?:\||\t)[^\n]*$", re.MULTILINE)
NUMBER = re.compile(r"^[~≈]?\d[\d,.  ]*\+?$")
TOTAL = re.compile(r"^(?:total|overall|all)\b", re.IGNORECASE)
INTRO_CHARS = 400  # how far before a table its introducing sentence may end


def _cells(line: str, at: int) -> list[tuple[str, int, int]]:
    """The row's cells with their offsets in the document (leading/trailing pipes dropped)."""
    out = []
    pos = 0
    for part in SPLIT.split(line):
        start = line.index(part, pos) if part else pos
        pos = start + len(part)
        if part.strip():
            out.append((part.strip(), at + start, at + start + len(part.strip())))
    return out


def _blocks(text: str) -> list[list[re.Match[str]]]:
    """Runs of at least two consecutive table rows."""
    blocks: list[list[re.Match[str]]] = []
    for m in ROW.finditer(text):
        if blocks and text[blocks[-1][-1].end() : m.start()].strip() == "":
            blocks[-1].append(m)
        else:
            blocks.append([m])
    return [b for b in blocks if len(b) >= 2]


def table_mentions(doc: Document, found: Sequence[Mention], read: Callable[[Document], list[Mention]]) -> list[Mention]:
    """Mentions for the number cells of every table in `doc` that `found` (the sentence reader's) lacks.

    `read` extracts from a document (the engine with its lexicon): it reads each synthetic "Header: value".
    """
    text = doc.text
    taken = {(m.family, m.start) for m in found}
    out: list[Mention] = []
    for block in _blocks(text):
        header = _cells(block[0].group(0), block[0].start())
        if len(header) < 2 or any(NUMBER.match(c[0]) for c in header[1:]):
            continue  # no header row of words: not a table sitrep can read
        intro = [m for m in found if block[0].start() - INTRO_CHARS <= m.end <= block[0].start()]
        for row in block[1:]:
            cells = _cells(row.group(0), row.start())
            if not cells or NUMBER.match(cells[0][0]):
                continue
            place = None if TOTAL.match(cells[0][0]) else cells[0][0]
            for (label, _hs, _he), (value, start, end) in zip(header[1:], cells[1:], strict=False):
                if not NUMBER.match(value):
                    continue
                synthetic = f"{label}: {value}"
                for m in read(dataclasses.replace(doc, text=synthetic)):
                    if (m.family, start) in taken:
                        continue
                    context = next((i for i in reversed(intro) if i.family == m.family), None)
                    out.append(
                        dataclasses.replace(
                            m,
                            doc=doc.id,
                            quote=f"{block[0].group(0).strip()} / {row.group(0).strip()}",
                            start=start,
                            end=end,
                            place=place or (context.place if context else None),
                            as_of=context.as_of if context else m.as_of,
                            period_start=context.period_start if context else m.period_start,
                            attributed_to=context.attributed_to if context else m.attributed_to,
                            rule="table." + (m.rule or "cell"),
                        )
                    )
                    taken.add((m.family, start))
    return out

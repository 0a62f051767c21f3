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


# "- Egypt: 575,000 (Government estimate)": a list line whose label names a place and whose value ends the line
# (or opens a bracketed note); prose after the number ("Chad: 9,250 new arrivals were recorded") is a sentence
LIST_LINE = re.compile(
    r"^[ \t]*(?:[-•*·▪–][ \t]+)?([A-Z][^:\n]{0,48}?)[ \t]*:[ \t]*([~≈]?\d[\d,.]*(?:[ \t]?(?:million|M|m|k|K)\b)?)"
    r"[ \t]*(?:\([^\n]*\))?[ \t]*$",
    re.MULTILINE,
)
HEADING_WORDS = 12  # a heading longer than this is prose, not the title of a list


def _heading_phrase(line: str) -> str | None:
    """The list's title as words a sentence can carry ("ARRIVALS BY COUNTRY SINCE 15 APRIL 2023" -> "arrivals by
    country since 15 April 2023"); None for a line that is prose or another list line."""
    line = line.strip().strip("#*=").strip().rstrip(":").strip()
    if not line or line[-1] in ".!?;," or len(line.split()) > HEADING_WORDS or LIST_LINE.match(line):
        return None
    if any(c.isalpha() for c in line) and line.upper() == line:
        # an all-caps heading: lower case, but a word next to a number keeps a capital (a month: "15 April 2023")
        words = line.lower().split()
        near = {i for i, w in enumerate(words) if w[:1].isdigit()}
        line = " ".join(w.capitalize() if {i - 1, i + 1} & near else w for i, w in enumerate(words))
    return line


def heading_list_mentions(
    doc: Document, found: Sequence[Mention], read: Callable[[Document], list[Mention]]
) -> list[Mention]:
    """Mentions for the lines of a list whose heading says what they count: "ARRIVALS BY COUNTRY SINCE 15 APRIL
    2023" over "- Egypt: 575,000", "- Uganda: 39,000".

    Each value is read as the sentence "575,000 arrivals by country since 15 April 2023." through the same lexicon
    as any sentence (so the heading's words decide the figure, and a heading that names no event, "KEY FIGURES",
    gives nothing); the line's label is the figure's place. Lists of two lines or more only.
    """
    text = doc.text
    taken = {(m.family, m.start) for m in found}
    known = {(m.family, m.indicator, m.value) for m in found}  # a figure the prose states already stays one
    lines = list(LIST_LINE.finditer(text))
    out: list[Mention] = []
    i = 0
    while i < len(lines):
        block = [lines[i]]
        while i + 1 < len(lines) and text[block[-1].end() : lines[i + 1].start()].strip() == "":
            i += 1
            block.append(lines[i])
        i += 1
        if len(block) < 2:
            continue
        before = text[: block[0].start()].rstrip("\n").rsplit("\n", 1)[-1]
        heading = _heading_phrase(before)
        if heading is None:
            continue
        for m in block:
            value, start, end = m.group(2), m.start(2), m.end(2)
            synthetic = f"{value} {heading}."
            for r in read(dataclasses.replace(doc, text=synthetic)):
                if r.start != 0 or (r.family, start) in taken or (r.family, r.indicator, r.value) in known:
                    continue
                label = m.group(1).strip()
                out.append(
                    dataclasses.replace(
                        r,
                        doc=doc.id,
                        quote=f"{before.strip()} / {m.group(0).strip()}",
                        start=start,
                        end=end,
                        place=None if TOTAL.match(label) else label,
                        rule="list." + (r.rule or "line"),
                    )
                )
                taken.add((r.family, start))
    return out

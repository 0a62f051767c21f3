"""Figures in plain-text tables: "Governorate | Killed | Injured" then "Jenin | 72 | 142".

OCHA updates and agency reports pasted as text keep their tables as rows of cells split by `|` or tabs.
A sentence reader sees "Jenin | 72 | 142" as three bare numbers. Here each data cell is read as the key-figure
line its column header makes of it ("Killed: 72"), through the same lexicon as any sentence, so the table knows
no word the rules do not; the row's first cell is the figure's place. The cells' own offsets, the row as the
quote, and the date, period and source of the sentence that introduces the table complete the mention.
The same idea reads space-aligned tables (columns set apart by runs of spaces, as text pasted from a PDF keeps
them) and lists under a heading ("ARRIVALS BY COUNTRY" over "- Egypt: 575,000").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import Any

from sitrep.model import Document, Mention

SPLIT = re.compile(r"\s*(?:\||\t)\s*")
ROW = re.compile(r"^[^\n]*(?:\||\t)[^\n]*$", re.MULTILINE)
NUMBER = re.compile(r"^[~≈]?\d[\d,.  ]*\+?$")
TOTAL = re.compile(r"^(?:total|overall|all)\b", re.IGNORECASE)
INTRO_CHARS = 400  # how far before a table its introducing sentence may end


def _cells(line: str, at: int, splitter: re.Pattern[str] = SPLIT) -> list[tuple[str, int, int]]:
    """The row's cells with their offsets in the document (at = the line's start; empty cells dropped).

    `splitter`: pipes and tabs (SPLIT), or runs of two or more spaces for space-aligned tables (GAP)."""
    out = []
    pos = 0
    for part in splitter.split(line):
        start = line.index(part, pos) if part else pos
        pos = start + len(part)
        if part.strip():
            lead = len(part) - len(part.lstrip())
            out.append((part.strip(), at + start + lead, at + start + lead + len(part.strip())))
    return out


def _at_cell(m: Mention, doc: Document, quote: str, start: int, end: int, kind: str, **changes: Any) -> Mention:
    """A mention read from a cell's synthetic sentence, placed back at the cell in the document (rule `<kind>.<id>`)."""
    rule = f"{kind}.{m.rule or 'cell'}"
    return dataclasses.replace(m, doc=doc.id, quote=quote, start=start, end=end, rule=rule, **changes)


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
                        _at_cell(
                            m,
                            doc,
                            f"{block[0].group(0).strip()} / {row.group(0).strip()}",
                            start,
                            end,
                            "table",
                            place=place or (context.place if context else None),
                            as_of=context.as_of if context else m.as_of,
                            period_start=context.period_start if context else m.period_start,
                            attributed_to=context.attributed_to if context else m.attributed_to,
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
# the same line, cheaply: only a text holding one has its lists read
LIST_GUARD = re.compile(r"(?m)^[ \t]*(?:[-•*·▪–][ \t]+)?[A-Z][^:\n]{0,48}:[ \t]*[~≈]?\d[\d,.]*[^\n\w]*$")
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
                quote = f"{before.strip()} / {m.group(0).strip()}"
                out.append(_at_cell(r, doc, quote, start, end, "list", place=None if TOTAL.match(label) else label))
                taken.add((r.family, start))
    return out


# a space-aligned table (columns set apart by runs of two or more spaces, as text pasted from a PDF or a fixed-width
# report keeps them): "Crossing point   Province    From Iran   From Pakistan" over "Islam Qala   Herat   71,930   -"
ALIGNED_GUARD = re.compile(r"(?m)^[^\n|\t]*\S {2,}[^\n|\t]*\d[^\n|\t]* {2,}\S")
GAP = re.compile(r" {2,}")
SOURCE_LINE = re.compile(r"^\s*(?:Sources?|Data)\s*:\s*(\S[^\n]{0,120}?)\s*$", re.IGNORECASE)
COLUMN_SLACK = 2  # how far left of its header a left-aligned cell may start
TITLE_DATE = re.compile(r",\s+(?=\d)")  # "Returns by crossing point, 10-16 August 2025": the title's date after a comma
LABEL_PLACE = re.compile(r"^(?:(?i:from|in|to|into)\s+)?((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})$")


def aligned_table_mentions(
    doc: Document, found: Sequence[Mention], read: Callable[[Document], list[Mention]]
) -> list[Mention]:
    """Mentions for the number cells of space-aligned tables: each cell goes to the header column it stands under.

    A column header that names what it counts ("Killed") is read with the value as a key-figure line ("Killed:
    72"); one that names only a part ("From Iran") leaves the table's title line to say it: "Returns by crossing
    point, 10-16 August 2025" is read as "71,930 returns by crossing point on 10-16 August 2025." (so the title
    gives the event and the period, through the same lexicon as any sentence). The row's first cell is the place;
    a total row takes its place from a column header naming one ("From Iran"). A "Source:" line under the table
    is its source. Only a header of words over at least two rows holding numbers is read.
    """
    text = doc.text
    if ALIGNED_GUARD.search(text) is None:
        return []
    taken = {(m.family, m.start) for m in found}
    # a table that repeats a figure the prose states ("79 civilians were killed in Kharkiv" over "Kharkiv  79")
    # adds no figure: the prose one stands, with its fuller reading
    stated = {(m.family, m.value) for m in found if m.value is not None}
    lines: list[tuple[str, int]] = []
    pos = 0
    for ln in text.split("\n"):
        lines.append((ln, pos))
        pos += len(ln) + 1
    out: list[Mention] = []
    i = 0
    while i < len(lines):
        ln, at = lines[i]
        header = _cells(ln, at, GAP) if "|" not in ln and "\t" not in ln else []
        if len(header) < 2 or any(NUMBER.match(c[0]) for c in header):
            i += 1
            continue
        rows: list[list[tuple[str, int, int]]] = []
        j = i + 1
        while j < len(lines):
            cells = _cells(*lines[j], GAP) if "|" not in lines[j][0] and "\t" not in lines[j][0] else []
            if len(cells) < 2 or NUMBER.match(cells[0][0]) or not any(NUMBER.match(c[0]) for c in cells[1:]):
                break
            rows.append(cells)
            j += 1
        if len(rows) < 2:
            i += 1
            continue
        title = ""
        if i > 0 and (title := lines[i - 1][0].strip()) and (title[-1] in ".!?;:," or len(title.split()) > 12):
            title = ""  # prose, not the table's title
        source = None
        k = j
        while k < len(lines) and not lines[k][0].strip() and k < j + 2:
            k += 1
        if k < len(lines) and (sm := SOURCE_LINE.match(lines[k][0])) is not None:
            source = sm.group(1)
        starts = [h[1] - at for h in header]
        head_line = ln.strip()
        for cells in rows:
            row_at = cells[0][1]
            line_at = next(a for lt, a in lines if a <= row_at < a + len(lt) + 1)
            first = cells[0][0]
            for value, start, end in cells[1:]:
                if not NUMBER.match(value):
                    continue
                col = max((c for c, h in enumerate(starts) if h <= start - line_at + COLUMN_SLACK), default=0)
                if col == 0:
                    continue
                label = header[col][0]
                got = read(dataclasses.replace(doc, text=f"{label}: {value}"))
                if not got and title:
                    said = f"{value} {TITLE_DATE.sub(' on ', title)}."
                    got = [m for m in read(dataclasses.replace(doc, text=said)) if m.start == 0]
                lp = LABEL_PLACE.match(label)
                for m in got[:1]:
                    if (m.family, start) in taken or (m.family, m.value) in stated:
                        continue
                    place = (lp.group(1) if lp else None) if TOTAL.match(first) else first
                    notes = tuple(w for w in m.warnings if not w.startswith("place "))
                    quote = f"{title or header[0][0]} / {head_line} / {text[line_at : cells[-1][2]].strip()}"
                    out.append(
                        _at_cell(
                            m,
                            doc,
                            quote,
                            start,
                            end,
                            "aligned_table",
                            place=place or m.place,
                            attributed_to=source or m.attributed_to,
                            warnings=notes if place else m.warnings,
                        )
                    )
                    taken.add((m.family, start))
        i = j
    return out

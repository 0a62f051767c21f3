"""The render stage on a hand-built Report: HTML structure, escaping, overrides, determinism.

`sample_report()` is shared by the chart and PDF tests (imported from here).
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitrep.errors import RenderError
from sitrep.model import Document, Evidence, Indicator, Mention, Report, SeriesPoint, SourceProblem
from sitrep.render import render_html
from sitrep.render.context import quote_highlight

D = dt.date
HOSTILE = '<script>alert("x")</script> <img src="file:///etc/passwd">'

WIRE = Document(
    id="wire-0225",
    publisher="Agence Wire",
    title="North-west offensive pushes displacement close to a million",
    published=D(2020, 2, 25),
    url="https://example.org/wire/0225",
    text=(
        "IDLIB, 25 Feb - Close to 950,000 people have been displaced since 1 December, the UN said on Tuesday, "
        "most of them women and children sheltering near the Turkish border.\n\n"
        "Dozens of soldiers and fighters were killed on both sides over the weekend, a monitor said.\n\n"
        "The UN plans to raise cross-border deliveries from 50 to 100 trucks a day, its regional coordinator said "
        "on Monday.\n\nTurkey already hosts 3.6 million Syrian refugees and says it cannot take more."
    ),
)
HERALD = Document(
    id="herald-0129",
    publisher="Daily Herald",
    title="Exodus grows as government forces take Maarat al-Numan",
    published=D(2020, 1, 29),
    published_estimated=True,
    url="https://example.org/herald/exodus",
    text=(
        "Nearly 350,000 people have left their homes since December, aid agencies say.\n"
        "Almost 300 civilians have been killed since mid-December, according to a monitoring group."
    ),
)
MONITOR = Document(
    id="monitor-0227",
    publisher="Observatory Bulletin",
    title="Daily casualty update",
    published=D(2020, 2, 27),
    url="javascript:alert(1)",
    text=(
        "More than 400 civilians have been killed since the offensive began in December.\n"
        "Up to 16 soldiers died in an air strike on Thursday.\n"
        "Some 900,000 people are now displaced, the monitor estimates."
    ),
)
BLOG = Document(
    id="blog-undated",
    publisher="Local <b>blog</b>",
    title=f"Eyewitness notes {HOSTILE}",
    text=f"Witnesses said 120 civilians were injured {HOSTILE} in the market strike.",
)
DOCS = (WIRE, HERALD, MONITOR, BLOG)


def mention(doc: Document, quote: str, words: str, indicator: str, family: str, **kw: object) -> Mention:
    """A mention whose offsets point at `words` inside `quote` inside the document text."""
    q = doc.text.index(quote)
    w = doc.text.index(words, q)
    return Mention(doc=doc.id, family=family, indicator=indicator, quote=quote, start=w, end=w + len(words), **kw)


def ev(m: Mention, tier: int = 2, originator: str | None = None, outlets: tuple[str, ...] = ()) -> Evidence:
    return Evidence(mention=m, outlets=outlets or (m.doc,), originator=originator, tier=tier)


def sample_report(**changes: object) -> Report:
    """A realistic report: series, a disagreement, a target, a vague figure, an undated hostile source."""
    disp_new = ev(
        mention(
            WIRE,
            "Close to 950,000 people have been displaced since 1 December, the UN said on Tuesday, "
            "most of them women and children sheltering near the Turkish border.",
            "Close to 950,000",
            "people_displaced",
            "displacement",
            value=950_000,
            qualifier="nearly",
            as_of=D(2020, 2, 25),
        ),
        tier=1,
        originator="UN",
    )
    disp_mon = ev(
        mention(
            MONITOR,
            "Some 900,000 people are now displaced, the monitor estimates.",
            "Some 900,000",
            "people_displaced",
            "displacement",
            value=900_000,
            qualifier="approx",
            as_of=D(2020, 2, 27),
        ),
        tier=2,
    )
    disp_old = ev(
        mention(
            HERALD,
            "Nearly 350,000 people have left their homes since December, aid agencies say.",
            "Nearly 350,000",
            "people_displaced",
            "displacement",
            value=350_000,
            qualifier="nearly",
            as_of=D(2020, 1, 29),
        )
    )
    civ_new = ev(
        mention(
            MONITOR,
            "More than 400 civilians have been killed since the offensive began in December.",
            "More than 400",
            "civilians_killed",
            "casualties",
            value=400,
            qualifier="more_than",
            as_of=D(2020, 2, 27),
        ),
        originator="Syrian Observatory for Human Rights",
    )
    civ_old = ev(
        mention(
            HERALD,
            "Almost 300 civilians have been killed since mid-December, according to a monitoring group.",
            "Almost 300",
            "civilians_killed",
            "casualties",
            value=300,
            qualifier="nearly",
            as_of=D(2020, 1, 29),
        )
    )
    mil_vague = ev(
        mention(
            WIRE,
            "Dozens of soldiers and fighters were killed on both sides over the weekend, a monitor said.",
            "Dozens",
            "military_killed",
            "casualties",
            value=None,
            vague="dozens",
            as_of=D(2020, 2, 23),
        )
    )
    mil = ev(
        mention(
            MONITOR,
            "Up to 16 soldiers died in an air strike on Thursday.",
            "Up to 16",
            "military_killed",
            "casualties",
            value=16,
            qualifier="up_to",
            as_of=D(2020, 2, 27),
        )
    )
    injured = ev(
        mention(
            BLOG,
            f"Witnesses said 120 civilians were injured {HOSTILE} in the market strike.",
            "120",
            "civilians_injured",
            "casualties",
            value=120,
        ),
        tier=3,
    )
    trucks_quote = (
        "The UN plans to raise cross-border deliveries from 50 to 100 trucks a day, its regional coordinator said "
        "on Monday."
    )
    trucks = ev(
        mention(WIRE, trucks_quote, "50", "aid_trucks_per_day", "aid_trucks", value=50, as_of=D(2020, 2, 24)),
        tier=1,
        originator="United Nations",
    )
    target = ev(
        mention(
            WIRE,
            trucks_quote,
            "100 trucks a day",
            "aid_trucks_per_day_target",
            "aid_trucks",
            value=100,
            as_of=D(2020, 2, 24),
        ),
        tier=1,
        originator="United Nations",
    )
    refugees = ev(
        mention(
            WIRE,
            "Turkey already hosts 3.6 million Syrian refugees and says it cannot take more.",
            "3.6 million",
            "refugees_hosted",
            "border",
            value=3_600_000,
            place="Turkey",
            as_of=D(2020, 2, 25),
        ),
        outlets=("wire-0225", "herald-0129"),
    )
    rule = "latest dated figure, most credible tier first (rule: latest_most_credible)"
    indicators = (
        Indicator(
            id="people_displaced",
            label="People displaced",
            family="displacement",
            kind="running_total",
            unit="people",
            hxl="#affected+idps",
            value=950_000,
            qualifier="nearly",
            as_of=D(2020, 2, 25),
            period_start=D(2019, 12, 1),
            range=(900_000, 950_000),
            disagreement="reports for 25–27 Feb range from 900,000 [3] to 950,000 [1]; the UN figure (tier 1) stands.",
            sources=(disp_new, disp_mon),
            series=(
                SeriesPoint(D(2020, 1, 29), 350_000, qualifier="nearly", evidence=(disp_old,)),
                SeriesPoint(D(2020, 2, 25), 950_000, qualifier="nearly", evidence=(disp_new,)),
            ),
            method=rule,
        ),
        Indicator(
            id="civilians_killed",
            label="Civilians killed",
            family="casualties",
            kind="running_total",
            unit="people",
            hxl="#affected+killed+civilians",
            value=400,
            qualifier="more_than",
            as_of=D(2020, 2, 27),
            period_start=D(2019, 12, 1),
            sources=(civ_new,),
            series=(
                SeriesPoint(D(2020, 1, 29), 300, qualifier="nearly", evidence=(civ_old,)),
                SeriesPoint(D(2020, 2, 27), 400, qualifier="more_than", evidence=(civ_new,)),
            ),
            method=rule,
        ),
        Indicator(
            id="military_killed",
            label="Fighters and soldiers killed",
            family="casualties",
            kind="events",
            unit="people",
            hxl="#affected+killed+military",
            value=16,
            qualifier="up_to",
            as_of=D(2020, 2, 27),
            sources=(mil,),
            series=(
                SeriesPoint(D(2020, 2, 23), None, vague="dozens", evidence=(mil_vague,)),
                SeriesPoint(D(2020, 2, 27), 16, qualifier="up_to", evidence=(mil,)),
            ),
            method="largest event count of the latest day",
        ),
        Indicator(
            id="civilians_injured",
            label="Civilians injured",
            family="casualties",
            kind="events",
            unit="people",
            hxl="#affected+injured+civilians",
            value=120,
            as_of=None,
            confidence="low",
            sources=(injured,),
            method=rule,
            warnings=("the only source is undated: the figure has no date",),
        ),
        Indicator(
            id="aid_trucks_per_day",
            label="Aid trucks a day",
            family="aid_trucks",
            kind="rate",
            unit="trucks/day",
            hxl="#capacity+trucks",
            value=50,
            as_of=D(2020, 2, 24),
            sources=(trucks,),
            series=(SeriesPoint(D(2020, 2, 24), 50, evidence=(trucks,)),),
            method=rule,
        ),
        Indicator(
            id="aid_trucks_per_day_target",
            label="Aid trucks a day (target)",
            family="aid_trucks",
            kind="target",
            unit="trucks/day",
            hxl="#capacity+trucks+target",
            value=100,
            as_of=D(2020, 2, 24),
            sources=(target,),
            series=(SeriesPoint(D(2020, 2, 24), 100, evidence=(target,)),),
            target_of="aid_trucks_per_day",
            method=rule,
        ),
        Indicator(
            id="refugees_hosted",
            label="Syrian refugees in Turkey",
            family="border",
            kind="stock",
            unit="people",
            hxl="#affected+refugees",
            value=3_600_000,
            as_of=D(2020, 2, 25),
            sources=(refugees,),
            series=(SeriesPoint(D(2020, 2, 25), 3_600_000, evidence=(refugees,)),),
            method=rule,
        ),
    )
    report = Report(
        id="nw-syria",
        title="Recent Developments in Northwest Syria",
        as_of=D(2020, 2, 28),
        area="Idlib and western Aleppo",
        number=9,
        period_start=D(2019, 12, 1),
        next_report=D(2020, 3, 6),
        organisation="Relief Coordination Unit",
        documents=DOCS,
        indicators=indicators,
        mentions=tuple(e.mention for e in (disp_new, disp_mon, disp_old, civ_new, civ_old, mil, injured, trucks)),
        warnings=("Two outlets carried the same wire sentence on refugees: counted once.",),
        problems=(SourceProblem("sources/scan.pdf", "not a text file (PDF scans are not read)", fatal=True),),
        method_notes=(
            ("Vague amounts", "“Dozens”, “hundreds” and the like are shown as words and never charted or summed."),
            ("Credibility tiers", "Tier 1: UN agencies; tier 2: wires and monitors; tier 3: local media and blogs."),
        ),
        theme={"primary": "#1f3864", "accent": "#e56a54"},
    )
    if changes:
        from dataclasses import replace

        report = replace(report, **changes)
    return report


def with_charts(report: Report) -> Report:
    from dataclasses import replace

    from sitrep.charts import make_charts

    return replace(report, charts=tuple(make_charts(report.indicators, report.theme)))


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(with_charts(sample_report()))


class _Outline(HTMLParser):
    """Collects headings, images and the html lang attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.imgs: list[dict[str, str | None]] = []
        self.lang: str | None = None
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "img":
            self.imgs.append(dict(attrs))


def outline(html: str) -> _Outline:
    o = _Outline()
    o.feed(html)
    return o


def test_sections_in_order(html: str) -> None:
    ids = [
        "masthead",
        "h-highlights",
        "h-key-figures",
        "h-overview",
        "h-data-notes",
        "h-sources",
        "h-evidence",
        "h-method",
    ]
    positions = [html.index(i) for i in ids]
    assert positions == sorted(positions)


def test_masthead(html: str) -> None:
    assert "Situation Report No. 9" in html
    assert "As of 28 February 2020" in html
    assert "Covering 1 December 2019 – 28 February 2020" in html
    assert "Next report: 6 March 2020" in html
    assert "Relief Coordination Unit" in html


def test_lang_headings_and_alt(html: str) -> None:
    o = outline(html)
    assert o.lang == "en"
    assert o.headings[0] == 1 and o.headings.count(1) == 1
    for prev, cur in zip(o.headings, o.headings[1:], strict=False):
        assert cur <= prev + 1, f"heading level jumps from h{prev} to h{cur}"
    assert len(o.imgs) == 4  # the four charts, no logo
    for img in o.imgs:
        assert img["alt"] and len(img["alt"]) > 20
        assert (img["src"] or "").startswith("data:image/svg+xml;base64,")


def test_untrusted_text_is_escaped(html: str) -> None:
    assert "<script" not in html
    assert '<img src="file:' not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "Local &lt;b&gt;blog&lt;/b&gt;" in html
    assert 'href="javascript:' not in html  # a non-http URL is shown, never linked


def test_highlights_and_key_figures(html: str) -> None:
    section = html[html.index("h-highlights") : html.index("h-key-figures")]
    items = re.findall(r"<li>(.*?)</li>", section, re.S)
    assert 3 <= len(items) <= 6
    assert all('class="fn"' in i or 'class="fnref"' in i for i in items), "every highlight number is footnoted"
    kf = html[html.index("h-key-figures") : html.index("h-overview")]
    assert 4 <= kf.count('class="box"') <= 6
    assert '<span class="kf-qualifier">nearly</span>' in kf
    assert "950,000" in kf and "3.6 million" in kf
    assert "Up from" in kf and "(+600,000)" in kf  # change since the previous point of the series
    assert "date unknown" in kf  # the undated figure says so
    assert "target" in kf and "100" in kf


def test_footnotes_numbered_once_per_sentence(html: str) -> None:
    numbers = [int(n) for n in re.findall(r'class="fn" data-n="(\d+)"', html)]
    assert numbers == list(range(1, len(numbers) + 1))
    rows = re.findall(r'<tr id="fn-(\d+)">', html)
    assert [int(r) for r in rows] == numbers  # every footnote has its evidence row (browser notes)
    refs = {int(n) for n in re.findall(r'href="#fn-(\d+)"', html)}
    assert refs == set(numbers)


def test_evidence_highlights_the_figure_words(html: str) -> None:
    assert "<mark>Close to 950,000</mark> people have been displaced" in html
    assert "from <mark>50</mark> to 100 trucks a day" in html
    assert "from 50 to <mark>100 trucks a day</mark>" in html


def test_data_notes(html: str) -> None:
    notes = html[html.index("h-data-notes") : html.index("h-sources")]
    assert "range from 900,000" in notes
    assert "carries no publication date" in notes and "Eyewitness notes" in notes
    assert "estimated from the text" in notes
    assert "sources/scan.pdf could not be read" in notes
    assert "may be revised" in notes
    assert "the only source is undated" in notes


def test_sources_numbered_with_undated(html: str) -> None:
    src = html[html.index("h-sources") : html.index("h-evidence")]
    assert re.findall(r'<li id="src-(\d+)"', src) == ["1", "2", "3", "4"]
    assert '<a href="https://example.org/wire/0225">' in src
    assert '<span class="undated">undated</span>' in src


def test_method(html: str) -> None:
    m = html[html.index("h-method") :]
    assert "latest_most_credible" in m and "Credibility tiers" in m and "Vague amounts" in m


def test_deterministic() -> None:
    report = with_charts(sample_report())
    assert render_html(report) == render_html(report)
    assert render_html(with_charts(sample_report())) == render_html(report)


def test_override_extends_base_and_replaces_one_block(tmp_path: Path) -> None:
    (tmp_path / "brief.html").write_text(
        '{% extends "base:brief.html" %}{% block method %}<section><h2>Our method</h2>{{ masthead.title }}'
        "</section>{% endblock %}",
        encoding="utf-8",
    )
    html = render_html(sample_report(), template_dir=tmp_path)
    assert "<h2>Our method</h2>Recent Developments in Northwest Syria</section>" in html
    assert "latest_most_credible" not in html  # the built-in method block is replaced
    assert "h-highlights" in html  # everything else is the built-in


def test_override_partial_and_phrases(tmp_path: Path) -> None:
    (tmp_path / "_method.html").write_text("<p>partial replaced</p>", encoding="utf-8")
    (tmp_path / "phrases.yaml").write_text("sections:\n  highlights: Key points\n", encoding="utf-8")
    html = render_html(sample_report(), template_dir=tmp_path)
    assert "<p>partial replaced</p>" in html
    assert ">Key points</h2>" in html and ">Key figures</h2>" in html


def test_misspelt_variable_fails(tmp_path: Path) -> None:
    (tmp_path / "_method.html").write_text("{{ no_such_thing }}", encoding="utf-8")
    with pytest.raises(RenderError, match="no_such_thing"):
        render_html(sample_report(), template_dir=tmp_path)


def test_theme_applies_and_is_checked() -> None:
    html = render_html(sample_report(theme={"primary": "#005a9c", "font": "Noto Sans"}))
    assert "#005a9c" in html and 'Noto Sans, "DejaVu Sans"' in html
    with pytest.raises(RenderError, match=r"theme\.primary"):
        render_html(sample_report(theme={"primary": "red;}</style><script>"}))
    with pytest.raises(RenderError, match="unknown key"):
        render_html(sample_report(theme={"primry": "#000"}))


def test_logo_inlined(tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8")
    html = render_html(sample_report(logo=str(logo)))
    assert 'class="logo" src="data:image/svg+xml;base64,' in html
    with pytest.raises(RenderError, match="cannot read"):
        render_html(sample_report(logo=str(tmp_path / "missing.png")))


def test_quote_highlight_offsets() -> None:
    doc = Document(id="d", text="Intro.  Nearly   350,000 people fled.  Later, 350,000 again.")
    start = doc.text.index("350,000")
    quote, hl = quote_highlight("Nearly 350,000 people fled.", start, start + 7, doc)
    assert hl is not None and quote[hl[0] : hl[1]] == "350,000"
    second = doc.text.rindex("350,000")
    quote, hl = quote_highlight("Later, 350,000 again.", second, second + 7, doc)
    assert quote[hl[0] : hl[1]] == "350,000" and quote.startswith("Later")  # type: ignore[index]

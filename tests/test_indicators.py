"""The indicators stage on small hand-made mention sets: one test per rule kind and reconciliation case."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import ConfigError, SitrepError
from sitrep.indicators import IndicatorRules, build_indicators, check_examples, format_indicators, load_rules
from sitrep.model import Document, Indicator, Mention
from sitrep.yamlio import load_yaml

D = dt.date
AS_OF = D(2020, 3, 1)


def doc(id: str, publisher: str, published: D | None) -> Document:
    return Document(id=id, text="", publisher=publisher, published=published)


def m(
    doc: str,
    indicator: str,
    value: int | None,
    as_of: D | None,
    quote: str | None = None,
    **kw: Any,
) -> Mention:
    family = kw.pop("family", "displacement" if "displac" in indicator else "casualties")
    start = kw.pop("start", 0)
    return Mention(
        doc=doc,
        family=family,
        indicator=indicator,
        value=value,
        quote=quote or f"{indicator} {value} {as_of} {doc}",
        start=start,
        end=start + 1,
        as_of=as_of,
        **kw,
    )


def rules_with(tmp_path: Path, text: str) -> IndicatorRules:
    p = tmp_path / "report.yaml"
    p.write_text(text, encoding="utf-8")
    return load_rules(load_yaml(p))


def only(result: Any, rule_id: str) -> Indicator:
    found = [i for i in result.indicators if i.id == rule_id]
    assert found, f"{rule_id} not built; got {[i.id for i in result.indicators]}"
    return found[0]


DOCS = [
    doc("un", "ReliefWeb", D(2020, 2, 27)),
    doc("afp", "AFP", D(2020, 2, 28)),
    doc("local", "Local Times", D(2020, 2, 27)),
    doc("local2", "Other Paper", D(2020, 2, 27)),
    doc("jan", "Le Monde", D(2020, 1, 29)),
    doc("na", "The New Arab", D(2020, 2, 25)),
    doc("later", "Late News", D(2020, 3, 5)),
    doc("undated", "Blog", None),
]
SINCE_DEC = "indicators:\n  - {id: people_displaced, period_start: 2019-12-01}\n"


# --- running totals -------------------------------------------------------------------------------------


def test_running_total_headline_by_tier_then_series_and_note(tmp_path: Path) -> None:
    ms = [
        m("jan", "people_displaced", 350000, D(2020, 1, 29), qualifier="nearly", period_start=D(2019, 12, 1)),
        m("un", "people_displaced", 948000, D(2020, 2, 27), attributed_to="OCHA"),
        m("afp", "people_displaced", 950000, D(2020, 2, 28), qualifier="approx"),
        m("local", "people_displaced", 1000000, D(2020, 2, 27), qualifier="nearly"),
    ]
    ind = only(build_indicators(ms, DOCS, rules_with(tmp_path, SINCE_DEC), AS_OF), "people_displaced")
    assert (ind.value, ind.as_of, ind.qualifier) == (948000, D(2020, 2, 27), "exact")
    assert ind.sources[0].originator == "OCHA" and ind.sources[0].tier == 1
    assert [p.value for p in ind.series] == [350000, 948000, 950000]
    assert ind.range == (948000, 1000000)
    assert ind.disagreement is not None
    assert "OCHA via ReliefWeb: 948,000" in ind.disagreement
    assert "AFP: some 950,000 (28 Feb 2020)" in ind.disagreement
    assert "Local Times: nearly a million" in ind.disagreement
    assert ind.period_start == D(2019, 12, 1)


def test_agreeing_figures_make_no_disagreement_and_share_is_configurable(tmp_path: Path) -> None:
    ms = [
        m("un", "people_displaced", 948000, D(2020, 2, 27), attributed_to="UNHCR"),
        m("afp", "people_displaced", 950000, D(2020, 2, 28), qualifier="approx"),
    ]
    ind = only(build_indicators(ms, DOCS, rules_with(tmp_path, SINCE_DEC), AS_OF), "people_displaced")
    assert ind.disagreement is None and ind.range is None
    strict = SINCE_DEC.replace("}", ", disagreement_share: 0.0001}")
    ind = only(build_indicators(ms, DOCS, rules_with(tmp_path, strict), AS_OF), "people_displaced")
    # A later, higher figure is progress for a running total: only a lower later one contradicts it.
    assert ind.disagreement is None
    ms.append(m("local", "people_displaced", 900000, D(2020, 2, 28)))
    ind = only(build_indicators(ms, DOCS, rules_with(tmp_path, strict), AS_OF), "people_displaced")
    assert ind.disagreement and "900,000" in ind.disagreement


def test_same_figure_twice_in_one_article_is_one_claim(tmp_path: Path) -> None:
    ms = [
        m("local", "people_displaced", 1000000, D(2020, 2, 27), "Nearly a million fled.", qualifier="nearly"),
        m(
            "local",
            "people_displaced",
            1000000,
            D(2020, 2, 27),
            "The war sent nearly a million fleeing.",
            qualifier="nearly",
        ),
        m("un", "people_displaced", 948000, D(2020, 2, 27), attributed_to="UN"),
    ]
    ind = only(build_indicators(ms, DOCS, load_rules(), AS_OF), "people_displaced")
    assert ind.disagreement is not None and ind.disagreement.count("nearly a million") == 1


def test_series_drops_a_rough_figure_a_later_precise_one_shows_was_high(tmp_path: Path) -> None:
    ms = [
        m("na", "people_displaced", 1000000, D(2020, 2, 25), qualifier="nearly"),
        m("un", "people_displaced", 948000, D(2020, 2, 27), attributed_to="UN"),
    ]
    ind = only(build_indicators(ms, DOCS, load_rules(), AS_OF), "people_displaced")
    assert [p.value for p in ind.series] == [948000]
    assert ind.disagreement and "nearly a million (25 Feb 2020)" in ind.disagreement  # still cited
    assert not [w for w in ind.warnings if "falls" in w]


def test_running_total_that_falls_is_a_warning(tmp_path: Path) -> None:
    ms = [
        m("jan", "civilians_killed", 300, D(2020, 1, 29), qualifier="more_than", civilian=True),
        m("local", "civilians_killed", 250, D(2020, 2, 27), civilian=True),
    ]
    result = build_indicators(ms, DOCS, load_rules(), AS_OF)
    ind = only(result, "civilians_killed")
    assert any(
        "leaves out" in w
        and "more than 300 (29 Jan 2020)" in w
        and "would make the running total fall" in w
        and "against Local Times: 250" in w
        for w in ind.warnings
    )
    assert ind.warnings[0] in result.warnings
    assert [p.value for p in ind.series] == [250]  # the chart agrees with the headline


def test_running_total_chart_never_falls_and_keeps_the_headline(tmp_path: Path) -> None:
    """A lower figure reported later by another source is not a fall of the total: the chart keeps the
    headline's figure, leaves the lower one out, and the data notes cite both."""
    ms = [
        m("jan", "civilians_killed", 200, D(2020, 1, 29), qualifier="more_than", civilian=True),
        m("na", "civilians_killed", 400, D(2020, 2, 25), qualifier="more_than", civilian=True, attributed_to="SOHR"),
        m("local", "civilians_killed", 300, D(2020, 2, 27), qualifier="more_than", civilian=True),
        m("afp", "civilians_killed", 420, D(2020, 2, 28), civilian=True, attributed_to="SOHR"),
    ]
    ind = only(build_indicators(ms, DOCS, load_rules(), AS_OF), "civilians_killed")
    assert ind.value == 420
    assert [(p.as_of, p.value) for p in ind.series] == [
        (D(2020, 1, 29), 200),
        (D(2020, 2, 25), 400),
        (D(2020, 2, 28), 420),
    ]
    values = [p.value or 0 for p in ind.series]
    assert values == sorted(values)
    assert not [w for w in ind.warnings if "leaves out" in w]  # two lower bounds: both can be true
    precise = [*ms[:2], m("local", "civilians_killed", 250, D(2020, 2, 27), civilian=True)]
    ind = only(build_indicators(precise, DOCS, load_rules(), AS_OF), "civilians_killed")
    assert ind.value == 400 and [p.value for p in ind.series] == [200, 400]
    assert any("leaves out" in w and "250 (27 Feb 2020)" in w for w in ind.warnings) or (
        ind.disagreement and "250 (27 Feb 2020)" in ind.disagreement
    )


def test_more_than_is_a_lower_bound_so_a_later_lower_bound_is_no_fall(tmp_path: Path) -> None:
    ms = [
        m("jan", "civilians_killed", 300, D(2020, 1, 29), qualifier="more_than", civilian=True),
        m("local", "civilians_killed", 250, D(2020, 2, 27), qualifier="more_than", civilian=True),
    ]
    ind = only(build_indicators(ms, DOCS, load_rules(), AS_OF), "civilians_killed")
    assert not [w for w in ind.warnings if "falls" in w]


def test_running_total_same_day_counts_are_steps_and_increments_are_not_totals(tmp_path: Path) -> None:
    sentence = "The ministry said two soldiers were killed, taking its losses this month to 19."
    ms = [
        m("na", "military_killed", 16, D(2020, 2, 25), qualifier="up_to", civilian=False),
        m("local2", "military_killed", 18, D(2020, 2, 27), civilian=False),
        m("afp", "military_killed", 19, D(2020, 2, 27), sentence, civilian=False, attributed_to="defence ministry"),
        m("afp", "military_killed", 2, D(2020, 2, 27), sentence, civilian=False, attributed_to="defence ministry"),
    ]
    ind = only(build_indicators(ms, DOCS, load_rules(), AS_OF), "military_killed")
    assert (ind.value, ind.as_of) == (19, D(2020, 2, 27))
    assert [p.value for p in ind.series] == [16, 18, 19]
    assert ind.disagreement is None


def test_incident_before_publication_does_not_feed_a_running_total(tmp_path: Path) -> None:
    ms = [
        m("afp", "civilians_killed", 9, D(2020, 2, 26), "Nine were killed on Wednesday.", civilian=True),
        m("afp", "civilians_killed", 400, D(2020, 2, 28), qualifier="more_than", civilian=True),
    ]
    result = build_indicators(ms, DOCS, load_rules(), AS_OF)
    assert only(result, "civilians_killed").value == 400
    assert only(result, "civilians_killed_incidents").value == 9
    # ... unless its sentence announces a total: then it is the total as of that day.
    ms[0] = m(
        "afp", "civilians_killed", 450, D(2020, 2, 26), "Wednesday's strikes took the toll to 450.", civilian=True
    )
    result = build_indicators(ms, DOCS, load_rules(), AS_OF)
    ind = only(result, "civilians_killed")
    # the chart agrees with the headline (more than 400, newer); the higher 450 is cited in the data notes
    assert [p.value for p in ind.series] == [400]
    assert ind.disagreement and "450 (26 Feb 2020)" in ind.disagreement


def test_period_filter_keeps_other_periods_apart(tmp_path: Path) -> None:
    ms = [
        m("un", "people_displaced", 948000, D(2020, 2, 27), period_start=D(2019, 12, 1)),
        m("local", "people_displaced", 1000000, D(2020, 2, 27), qualifier="nearly", period_start=D(2019, 4, 1)),
        m("local2", "people_displaced", 980000, D(2020, 2, 27), qualifier="nearly", period_start=D(2019, 11, 27)),
        m("jan", "people_displaced", 5000, D(2019, 11, 1)),  # dated before the period began
    ]
    ind = only(build_indicators(ms, DOCS, rules_with(tmp_path, SINCE_DEC), AS_OF), "people_displaced")
    assert {e.mention.value for e in ind.sources} <= {948000, 980000}
    assert "Local Times: nearly a million since 1 Apr 2019" in ind.method
    required = SINCE_DEC.replace("}", ", period_required: true}")
    ms.append(m("afp", "people_displaced", 2000000, D(2020, 2, 28)))  # no period stated
    ind = only(build_indicators(ms, DOCS, rules_with(tmp_path, required), AS_OF), "people_displaced")
    assert ind.value == 948000


# --- events, rates, stocks, targets -----------------------------------------------------------------------


def test_events_distinct_incidents_summed_same_incident_counted_once(tmp_path: Path) -> None:
    day = D(2020, 2, 26)
    ms = [
        m(
            "afp",
            "civilians_killed",
            5,
            day,
            "Five civilians were killed in Ariha on Wednesday.",
            place="Ariha",
            civilian=True,
        ),
        m(
            "local",
            "civilians_killed",
            6,
            day,
            "Strikes killed six in Ariha.",
            place="Ariha",
            attributed_to="White Helmets",
            civilian=True,
        ),
        m("afp", "civilians_killed", 3, day, "Three died in Saraqeb.", place="Saraqeb", civilian=True),
        # The same sentence reprinted by another outlet is one claim, not a second incident.
        m("local2", "civilians_killed", 3, day, "Three died in Saraqeb.", place="Saraqeb", civilian=True),
        m("jan", "civilians_killed", 7, D(2020, 1, 20), civilian=True),  # outside the last 7 days
    ]
    ind = only(build_indicators(ms, DOCS, load_rules(), AS_OF), "civilians_killed_incidents")
    assert ind.kind == "events"
    assert ind.value == 6 + 3  # the White Helmets' 6 beats AFP's 5 for the Ariha incident
    assert [(p.as_of, p.value) for p in ind.series] == [(day, 9)]
    saraqeb = [e for e in ind.sources if e.mention.place == "Saraqeb"]
    assert len(saraqeb) == 1 and set(saraqeb[0].outlets) == {"afp", "local2"}
    assert ind.disagreement and "Ariha" not in ind.disagreement and "6" in ind.disagreement


def test_unplaced_reports_from_different_sources_are_not_summed(tmp_path: Path) -> None:
    """9 (one outlet) and "at least 21" (another) on one day may be the same strikes: adding them to 30
    would overstate the toll, so one figure stands and a warning says why."""
    ms = [
        m("afp", "civilians_killed", 9, D(2020, 2, 26), civilian=True),
        m("local", "civilians_killed", 21, D(2020, 2, 26), qualifier="at_least", civilian=True),
    ]
    ind = only(build_indicators(ms, DOCS, load_rules(), AS_OF), "civilians_killed_incidents")
    assert ind.value in (9, 21)
    assert any("may describe the same incident" in w and "not added up" in w for w in ind.warnings)
    assert ind.disagreement is None  # the warning says it once; no second note for the same two reports


def test_incidents_in_one_article_or_at_different_places_are_summed(tmp_path: Path) -> None:
    day = D(2020, 2, 26)
    one_article = [
        m("afp", "civilians_killed", 4, day, "Four killed in a strike.", civilian=True),
        m("afp", "civilians_killed", 3, day, "Three killed by shells.", civilian=True, start=40),
    ]
    ind = only(build_indicators(one_article, DOCS, load_rules(), AS_OF), "civilians_killed_incidents")
    assert ind.value == 7 and not ind.warnings
    places = [
        m("afp", "civilians_killed", 4, day, civilian=True, place="Ariha"),
        m("local", "civilians_killed", 3, day, civilian=True, place="Saraqeb"),
    ]
    ind = only(build_indicators(places, DOCS, load_rules(), AS_OF), "civilians_killed_incidents")
    assert ind.value == 7


def test_rate_and_target(tmp_path: Path) -> None:
    q = "The UN is trying to double deliveries from 50 to 100 trucks a day."
    ms = [
        m("un", "aid_trucks_per_day", 50, D(2020, 2, 24), q, family="aid_trucks", attributed_to="UN", unit="trucks"),
        m("un", "aid_trucks_per_day_target", 100, D(2020, 2, 24), q, family="aid_trucks", attributed_to="UN"),
    ]
    result = build_indicators(ms, DOCS, load_rules(), AS_OF)
    rate, target = only(result, "aid_trucks_per_day"), only(result, "aid_trucks_per_day_target")
    assert (rate.kind, rate.value, rate.unit) == ("rate", 50, "trucks per day")
    assert (target.kind, target.value, target.target_of) == ("target", 100, "aid_trucks_per_day")


def test_stock_takes_latest_within_tier_and_independent_agreement_is_high_confidence(tmp_path: Path) -> None:
    ms = [
        m(
            "local",
            "refugees_hosted",
            3600000,
            D(2020, 2, 25),
            "Turkey hosts 3.6 million.",
            family="border",
            place="Turkey",
        ),
        m(
            "afp",
            "refugees_hosted",
            3600000,
            D(2020, 2, 28),
            "Turkey has about 3.6 million.",
            family="border",
            qualifier="approx",
            place="Turkey",
        ),
        m(
            "afp",
            "refugees_hosted",
            1000000,
            D(2020, 2, 28),
            "Lebanon hosts a million.",
            family="border",
            place="Lebanon",
        ),
    ]
    rules = rules_with(tmp_path, "indicators:\n  - {id: refugees_hosted, place: Turk}\n")
    ind = only(build_indicators(ms, DOCS, rules, AS_OF), "refugees_hosted")
    assert (ind.kind, ind.value, ind.as_of) == ("stock", 3600000, D(2020, 2, 28))
    assert ind.confidence == "high"


# --- reconciliation -----------------------------------------------------------------------------------------


def test_wire_copy_is_one_claim_not_corroboration(tmp_path: Path) -> None:
    q = "Turkey has already taken in 3.6 million Syrian refugees."
    ms = [
        m("local", "refugees_hosted", 3600000, D(2020, 2, 27), q, family="border"),
        m(
            "local2",
            "refugees_hosted",
            3600000,
            D(2020, 2, 27),
            "  turkey has ALREADY taken in 3.6 million Syrian refugees ",
            family="border",
        ),
    ]
    ind = only(build_indicators(ms, DOCS, load_rules(), AS_OF), "refugees_hosted")
    assert len(ind.sources) == 1 and ind.sources[0].outlets == ("local", "local2")
    assert ind.confidence != "high"  # two outlets, one claim, a media source


def test_vague_amount_never_shown_as_number_but_compared_by_reading(tmp_path: Path) -> None:
    ms = [m("local", "military_killed", None, D(2020, 2, 27), vague="hundreds", civilian=False)]
    ind = only(build_indicators(ms, DOCS, load_rules(), AS_OF), "military_killed")
    assert ind.value is None and ind.vague == "hundreds"
    out = json.loads(format_indicators([ind], "json"))[0]
    assert out["value"] is None and out["vague"] == "hundreds"
    # An exact figure of the same tier and day beats the vague one; "dozens" (12) vs 150 is a disagreement.
    ms = [
        m("local", "military_killed", None, D(2020, 2, 27), vague="dozens", civilian=False),
        m("local2", "military_killed", 150, D(2020, 2, 27), civilian=False),
    ]
    ind = only(build_indicators(ms, DOCS, load_rules(), AS_OF), "military_killed")
    assert ind.value == 150
    assert ind.disagreement is None  # dozens on the same day is lower: a step of the count, not a contradiction


def test_credibility_attributed_first_then_outlet_unknown_lowest(tmp_path: Path) -> None:
    rules = load_rules()
    cred = rules.credibility
    assert cred.tier_of("the U.N.", "Some Paper")[0] == 1
    assert cred.tier_of("Syrian Observatory for Human Rights", "AFP")[0] == 2
    assert cred.tier_of("Turkish defence ministry", None)[0] == 3
    assert cred.tier_of(None, "UNHCR")[0] == 1
    assert cred.tier_of("who knows", "Unheard-of Gazette")[0] == cred.lowest
    assert cred.tier_of("", None)[0] == cred.lowest
    rules = rules_with(tmp_path, "credibility:\n  tiers:\n    - {id: monitor, names: [Unheard-of Gazette]}\n")
    assert rules.credibility.tier_of(None, "Unheard-of Gazette")[0] == 2


def test_headline_order_is_configurable(tmp_path: Path) -> None:
    ms = [
        m("un", "people_displaced", 948000, D(2020, 2, 27), attributed_to="UN"),
        m("afp", "people_displaced", 960000, D(2020, 2, 28)),
    ]
    ind = only(build_indicators(ms, DOCS, load_rules(), AS_OF), "people_displaced")
    assert ind.value == 948000
    latest_first = "indicators:\n  - {id: people_displaced, headline_order: [latest, tier]}\n"
    ind = only(build_indicators(ms, DOCS, rules_with(tmp_path, latest_first), AS_OF), "people_displaced")
    assert ind.value == 960000


def test_outlier_is_set_aside_with_a_warning(tmp_path: Path) -> None:
    ms = [
        m("un", "people_displaced", 948000, D(2020, 2, 27), attributed_to="UN"),
        m("afp", "people_displaced", 950000, D(2020, 2, 28)),
        m("local", "people_displaced", 9500000, D(2020, 2, 27)),
    ]
    result = build_indicators(ms, DOCS, load_rules(), AS_OF)
    ind = only(result, "people_displaced")
    assert ind.range is None and 9500000 not in [p.value for p in ind.series]
    assert any("order of magnitude" in w and "9.5 million" in w for w in result.warnings)


def test_malformed_number_warning_reaches_the_brief(tmp_path: Path) -> None:
    notes = ("malformed number '950,0000' read as 950,000", "date taken from the previous sentence")
    ms = [m("afp", "people_displaced", 950000, D(2020, 2, 28), warnings=notes)]
    result = build_indicators(ms, DOCS, load_rules(), AS_OF)
    assert any("malformed number" in w and "950,0000" in w and "AFP" in w for w in result.warnings)
    assert not any("previous sentence" in w for w in result.warnings)  # the extractor's working notes stay there


def test_nothing_after_as_of_is_seen(tmp_path: Path) -> None:
    ms = [
        m("un", "people_displaced", 948000, D(2020, 2, 27)),
        m("afp", "people_displaced", 990000, D(2020, 2, 28)),
        m("later", "people_displaced", 999000, D(2020, 2, 27)),  # printed 5 March
    ]
    ind = only(build_indicators(ms, DOCS, load_rules(), D(2020, 2, 27)), "people_displaced")
    assert ind.value == 948000 and [p.value for p in ind.series] == [948000]


def test_undated_mentions_only_when_nothing_dated(tmp_path: Path) -> None:
    undated = m("undated", "people_displaced", 700000, None)
    result = build_indicators([undated], DOCS, load_rules(), AS_OF)
    ind = only(result, "people_displaced")
    assert ind.value == 700000 and ind.as_of is None and ind.series == () and ind.confidence == "low"
    assert any("undated" in w for w in result.warnings)
    result = build_indicators([undated, m("un", "people_displaced", 948000, D(2020, 2, 27))], DOCS, load_rules(), AS_OF)
    ind = only(result, "people_displaced")
    assert ind.value == 948000 and all(e.mention.as_of for e in ind.sources)
    assert not any("undated" in w for w in result.warnings)


def test_filters_civilian_place_quote_qualifier(tmp_path: Path) -> None:
    ms = [
        m("local", "military_killed", 18, D(2020, 2, 27), "Clashes killed 18 Turkish soldiers.", civilian=False),
        m(
            "local2",
            "military_killed",
            40,
            D(2020, 2, 27),
            "Dozens of fighters died as Turkish-backed rebels advanced.",
            civilian=False,
        ),
        m("afp", "military_killed", 50, D(2020, 2, 28), "50 Turkish soldiers?", civilian=None),
        m(
            "un",
            "military_killed",
            25,
            D(2020, 2, 27),
            "More than 25 Turkish troops died.",
            civilian=False,
            qualifier="more_than",
        ),
    ]
    text = (
        "indicators:\n  - id: military_killed\n    quote: '\\bTurk(?:ish|ey)\\b(?!-backed)'\n"
        "    civilian: false\n    qualifiers: [exact]\n"
    )
    ind = only(build_indicators(ms, DOCS, rules_with(tmp_path, text), AS_OF), "military_killed")
    assert ind.value == 18 and len(ind.sources) == 1


# --- rules files --------------------------------------------------------------------------------------------


def test_report_overrides_add_update_disable(tmp_path: Path) -> None:
    rules = rules_with(
        tmp_path,
        "title: x\nindicators:\n"
        "  - {id: people_displaced, label: Displaced since December, period_start: 2019-12-01}\n"
        "  - {id: schools_hit, label: Schools hit, family: casualties, kind: events, unit: schools,\n"
        "     hxl: '#affected+schools', mentions: [schools_hit]}\n"
        "disable: [idps]\n",
    )
    pd = rules.get("people_displaced")
    assert pd and pd.label == "Displaced since December" and pd.kind == "running_total"
    assert pd.hxl == "#affected+idps" and pd.period_start == D(2019, 12, 1)
    assert rules.get("schools_hit") and rules.get("idps") is None
    assert rules.origins["people_displaced"].endswith("report.yaml:3")


def test_bad_rules_name_file_line_keypath_value_and_choices(tmp_path: Path) -> None:
    text = (
        "indicators:\n"
        "  - {id: people_displaced, kind: totl}\n"
        "  - id: new_one\n"
        "    label: New\n"
        "    family: weather\n"
        "    kind: stock\n"
        "    hxl: 'no hash'\n"
        "    mentions: [x]\n"
        "    place: '('\n"
        "    colour: red\n"
        "disable: [nope]\n"
    )
    with pytest.raises(ConfigError) as exc:
        rules_with(tmp_path, text)
    msg = str(exc.value.message)
    assert "report.yaml:2: indicators[0].kind" in msg and "'totl'" in msg and "running_total" in msg
    assert "report.yaml:5: indicators[1].family" in msg and "weather" in msg and "displacement" in msg
    assert "indicators[1].hxl" in msg and "indicators[1].place" in msg and "regular expression" in msg
    assert "indicators[1].colour" in msg and "unknown key" in msg and "valid keys" in msg
    assert "report.yaml:11: disable[0]" in msg and "nope" in msg


def test_new_rule_without_required_keys(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as exc:
        rules_with(tmp_path, "indicators:\n  - {id: brand_new, label: X}\n")
    msg = str(exc.value.message)
    assert "indicators[0].kind: required key is missing" in msg and "indicators[0].mentions" in msg


def test_builtin_rules_load_and_every_target_names_a_rule() -> None:
    rules = load_rules()
    ids = {r.id for r in rules.rules}
    assert {"people_displaced", "civilians_killed", "military_killed", "aid_trucks_per_day", "refugees_hosted"} <= ids
    assert all(r.target_of in ids for r in rules.rules if r.target_of)
    assert all(r.kind in ("running_total", "events", "rate", "stock", "target") for r in rules.rules)


# --- output formats -----------------------------------------------------------------------------------------


def _sample() -> Any:
    ms = [
        m("un", "people_displaced", 948000, D(2020, 2, 27), attributed_to="UN", period_start=D(2019, 12, 1)),
        m("local", "people_displaced", 1000000, D(2020, 2, 27), qualifier="nearly"),
        m("local", "military_killed", None, D(2020, 2, 27), vague="dozens", civilian=False),
    ]
    return build_indicators(ms, DOCS, load_rules(), AS_OF)


def test_json_contract() -> None:
    out = json.loads(format_indicators(_sample(), "json"))
    pd = next(o for o in out if o["id"] == "people_displaced")
    for key in (
        "id",
        "label",
        "family",
        "kind",
        "unit",
        "hxl",
        "value",
        "value_max",
        "qualifier",
        "as_of",
        "period_start",
        "range",
        "disagreement",
        "sources",
        "series",
    ):
        assert key in pd
    assert pd["range"] == {"min": 948000, "max": 1000000}
    assert pd["sources"][0] == {
        "outlet": "ReliefWeb",
        "originator": "UN",
        "doc": "un",
        "quote": pd["sources"][0]["quote"],
        "tier": 1,
        "as_of": "2020-02-27",
        "value": 948000,
        "qualifier": "exact",
        "vague": None,
        "also_in": [],
    }
    assert pd["series"] == [
        {"as_of": "2020-02-27", "value": 948000, "value_max": None, "qualifier": "exact", "vague": None}
    ]


def test_csv_one_row_per_indicator() -> None:
    import csv

    result = _sample()
    rows = list(csv.DictReader(io.StringIO(format_indicators(result, "csv"))))
    assert [r["id"] for r in rows] == [i.id for i in result.indicators]
    assert rows[0]["range_min"] == "948000" and "ReliefWeb" in rows[0]["sources"]


def test_hxl_loads_with_libhxl() -> None:
    hxl = pytest.importorskip("hxl")
    text = format_indicators(_sample(), "hxl")
    data = hxl.data(io.BytesIO(text.encode("utf-8")))
    rows = list(data)
    assert [r.get("#indicator+code") for r in rows] == ["people_displaced", "military_killed"]
    assert rows[0].get("#indicator+value+num") == "948000"
    assert rows[0].get("#meta+hxl") == "#affected+idps"
    assert rows[1].get("#indicator+vague") == "dozens"


def test_table_is_aligned_and_unknown_format_fails() -> None:
    text = format_indicators(_sample(), "table")
    lines = text.splitlines()
    assert lines[0].startswith("ID") and "people_displaced" in lines[1]
    assert lines[1].index("948,000") == lines[0].index("FIGURE")
    assert "sources differ" in text
    with pytest.raises(SitrepError):
        format_indicators(_sample(), "xml")


def test_report_period_start_is_the_default_start_of_running_totals(tmp_path: Path) -> None:
    rules = rules_with(
        tmp_path,
        "period_start: 2019-12-01\nindicators:\n  - {id: people_killed, period_start: null}\n"
        "  - {id: military_killed, period_start: 2020-02-01}\n",
    )
    assert rules.get("people_displaced").period_start == D(2019, 12, 1)  # type: ignore[union-attr]
    assert rules.get("people_killed").period_start is None  # type: ignore[union-attr]
    assert rules.get("military_killed").period_start == D(2020, 2, 1)  # type: ignore[union-attr]
    assert rules.get("refugees_hosted").period_start is None  # type: ignore[union-attr]  # a stock has no period
    assert rules.get("civilians_killed_incidents").period_start is None  # type: ignore[union-attr]  # last 7 days


def test_builtin_rule_examples_all_pass() -> None:
    rules = load_rules()
    assert sum(1 for r in rules.rules if r.examples) >= 5
    assert check_examples(rules) == []


def test_a_failing_example_is_reported(tmp_path: Path) -> None:
    rules = rules_with(
        tmp_path,
        "indicators:\n  - id: refugees_hosted\n    place: Turk\n    examples:\n      match:\n"
        "        - {indicator: refugees_hosted, value: 5, place: Chad, quote: 'Chad hosts 5 refugees.'}\n",
    )
    problems = check_examples(rules)
    assert problems == ["refugees_hosted: should take the example 'Chad hosts 5 refugees.' but does not"]


def test_disabling_a_rate_but_not_its_target_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as exc:
        rules_with(tmp_path, "disable: [aid_trucks_per_day]\n")
    assert "report.yaml:1: disable[0]" in exc.value.message and "aid_trucks_per_day_target" in exc.value.message
    rules = rules_with(tmp_path, "disable: [aid_trucks_per_day, aid_trucks_per_day_target]\n")
    assert rules.get("aid_trucks_per_day") is None


def test_increment_beside_a_total_of_another_period_is_still_a_part(tmp_path: Path) -> None:
    sentence = "The ministry said two soldiers were killed, taking its losses this month to 19."
    ms = [
        m("afp", "military_killed", 19, D(2020, 2, 27), sentence, civilian=False, period_start=D(2020, 2, 1)),
        m("afp", "military_killed", 2, D(2020, 2, 27), sentence, civilian=False),
        m("local", "military_killed", 18, D(2020, 2, 27), civilian=False),
    ]
    rules = rules_with(tmp_path, "indicators:\n  - {id: military_killed, period_start: 2019-12-01}\n")
    ind = only(build_indicators(ms, DOCS, rules, AS_OF), "military_killed")
    assert [e.mention.value for e in ind.sources] == [18] and not ind.warnings


def test_events_of_only_vague_amounts_stay_vague(tmp_path: Path) -> None:
    ms = [
        m("afp", "civilians_killed", None, D(2020, 2, 26), "Dozens died on Wednesday.", vague="dozens", civilian=True)
    ]
    ind = only(build_indicators(ms, DOCS, load_rules(), AS_OF), "civilians_killed_incidents")
    assert ind.value is None and ind.vague == "dozens"


def test_a_same_day_incident_is_not_a_running_total(tmp_path: Path) -> None:
    """In Saturday's paper, "a strike killed 14 on Saturday" is an incident; "38,300 have been killed" is
    the toll so far. Only the toll feeds the running total; the incident feeds the incidents rule."""
    sat = D(2020, 2, 27)
    ms = [
        m(
            "un",
            "civilians_killed",
            14,
            sat,
            "An air strike killed 14 civilians in the town on Thursday.",
            civilian=True,
        ),
        m("local", "civilians_killed", 3830, sat, "The ministry says 3,830 civilians have been killed.", civilian=True),
    ]
    result = build_indicators(ms, DOCS, load_rules(), AS_OF)
    assert only(result, "civilians_killed").value == 3830
    assert only(result, "civilians_killed_incidents").value == 14
    # a count over the past 24 hours is a day's increment, not the total
    day = m("un", "civilians_killed", 40, sat, "Forty civilians were killed in the past 24 hours.", civilian=True)
    day = replace(day, period_start=D(2020, 2, 26))
    result = build_indicators([*ms, day], DOCS, load_rules(), AS_OF)
    assert only(result, "civilians_killed").value == 3830
    assert only(result, "civilians_killed_incidents").value == 54


def test_a_running_total_that_collapses_is_set_aside(tmp_path: Path) -> None:
    """A later figure an order of magnitude below an earlier total from a source at least as credible is
    not the same count (a site, an incident): it is left out with a warning, not made the headline."""
    ms = [
        m("na", "people_displaced", 450000, D(2020, 2, 25), attributed_to="UNRWA", qualifier="nearly"),
        m("afp", "people_displaced", 2000, D(2020, 2, 28), attributed_to="a staff member", qualifier="approx"),
    ]
    ind = only(build_indicators(ms, DOCS, load_rules(), AS_OF), "people_displaced")
    assert ind.value == 450000
    assert any("some 2,000" in w and "order of magnitude below" in w for w in ind.warnings)
    # the other way round (the less credible figure came first), the later UN figure stands
    ms = [
        m("na", "people_displaced", 450000, D(2020, 2, 25), qualifier="nearly"),
        m("afp", "people_displaced", 2000, D(2020, 2, 28), attributed_to="UNRWA", qualifier="approx"),
    ]
    ind = only(build_indicators(ms, DOCS, load_rules(), AS_OF), "people_displaced")
    assert ind.value == 2000 and not any("order of magnitude below" in w for w in ind.warnings)

"""Figures, times and the conflicts between two statements of one fact."""

from __future__ import annotations

import pytest

from newsprism.compare._conflicts import clock_times, figure_clashes
from newsprism.compare._quantities import quantities_in


@pytest.mark.parametrize(
    ("text", "language", "low", "high", "kind"),
    [
        ("fined $45 million by the regulator", "en", 45e6, 45e6, "USD"),
        ("a $54m penalty", "en", 54e6, 54e6, "USD"),
        ("about 2,000 residents", "en", 1800, 2200, "count"),
        ("between 30 and 35 patients", "en", 30, 35, "count"),
        ("more than 300 runners", "en", 300, float("inf"), "count"),
        ("roughly three hundred workers", "en", 270, 330, "count"),
        ("fordert 8,5 Prozent mehr Lohn", "de", 8.5, 8.5, "percent"),
        ("rund 4.000 Beschäftigte", "de", 3600, 4400, "count"),
        ("built in 1868", "en", 1868, 1868, "year"),
        ("reached the gallery within four minutes", "en", 0, 4, "count"),
    ],
)
def test_a_figure_reads_as_an_interval_of_its_kind(text, language, low, high, kind):
    (figure,) = quantities_in(text, language)
    assert figure.low == pytest.approx(low) and figure.high == pytest.approx(high) and figure.kind == kind


def test_model_names_are_not_figures():
    assert quantities_in("the second flight of the Skylark-2 rocket") == []
    assert [q.text for q in quantities_in("the council voted 9-3 in favour")] == ["9-3"]


def test_times_of_day_are_not_figures():
    assert quantities_in("the train left shortly after 7:30 p.m.") == []
    assert [value for value, _, _ in clock_times("left shortly after 7:30 p.m., not at 8pm")] == ["7:30 p.m.", "8pm"]


def test_figures_of_different_outcomes_never_clash():
    dead, injured = quantities_in("3 people died"), quantities_in("12 people were injured")
    assert figure_clashes(dead, injured) == []


def test_figures_of_the_same_thing_clash_when_no_value_fits():
    two, five = quantities_in("Two people were taken to hospital"), quantities_in("Five people were taken to hospital")
    assert [(x.text, y.text) for x, y in figure_clashes(two, five)] == [("Two", "Five")]
    about, roughly = quantities_in("about 1,200 hectares burned"), quantities_in("roughly 1,200 hectares burned")
    assert figure_clashes(about, roughly) == []


def test_a_figure_that_fits_another_is_no_conflict_with_a_third():
    runners = quantities_in("Nearly 1,200 runners failed to finish")
    field = quantities_in("1,187 competitors dropped out of a field of about 12,000 runners")
    assert figure_clashes(runners, field) == []


def test_two_counts_that_add_up_to_the_other_reports_count_are_no_conflict():
    parts = quantities_in("a jet carrying 212 passengers and 11 crew members landed safely")
    total = quantities_in("the jet, with 223 people on board, landed safely")
    assert figure_clashes(parts, total) == []


def test_counts_far_apart_measure_different_scopes_not_a_conflict():
    assert figure_clashes(quantities_in("has cut 600 jobs since January"), quantities_in("lost 4,000 jobs")) == []
    assert figure_clashes(quantities_in("2,000 residents evacuated"), quantities_in("3,000 residents evacuated"))


def test_amounts_clash_whatever_word_follows_them():
    clashes = figure_clashes(quantities_in("will hit $2.3 billion of goods"), quantities_in("$3.2bn worth of imports"))
    assert [(x.text, y.text) for x, y in clashes] == [("$2.3 billion", "$3.2bn")]


RACE_A = (
    "Heat thins marathon field\n\n"
    "Some 9,500 runners started the race in Seville on Sunday. Medics treated more than 300 runners for heat "
    "exhaustion at first-aid tents along the course."
)
RACE_B = (
    "Runners wilt in Seville heat\n\n"
    "With temperatures passing 30C before midday, 1,187 competitors dropped out of a field of about 12,000 runners "
    "who set off at dawn. The organisers said the start would move earlier next year."
)


def test_a_figure_finds_its_counterpart_among_several_in_one_statement():
    from newsprism import analyze_many
    from newsprism.compare._align import align_facts
    from newsprism.ingest import build_article

    analyses = analyze_many(
        [
            build_article(name, {"title": text.split("\n\n")[0], "text": text.split("\n\n")[1], "language": "en"})
            for name, text in (("race-a", RACE_A), ("race-b", RACE_B))
        ]
    )
    groups = align_facts(analyses)
    conflicts = [g.conflict for g in groups if g.conflict is not None]
    assert [(c.kind, c.a_value, c.b_value) for c in conflicts] == [("number", "9,500", "12,000")]
    paired = [g for g in groups if len(g.articles) > 1 and g.conflict is None]
    assert not any("9,500" in m.fact.text for g in paired for m in g.members)


def test_dates_naming_only_a_month_conflict_by_month():
    from newsprism.compare._conflicts import Statement, date_disagreement
    from newsprism.types import Article, DateRef, Fact

    def statement(text: str, month: str) -> Statement:
        from newsprism.analyze import analyze

        analysis = analyze(Article(id=month, title="", text=text, language="en"))
        fact = Fact(0, len(text), text, 0)
        assert any(isinstance(d, DateRef) and d.granularity == "month" for d in analysis.dates)
        return Statement(fact, analysis)

    september = statement("The mill will close at the end of September.", "a")
    december = statement("Production at the mill will stop in December.", "b")
    found = date_disagreement(september, december)
    assert found is not None and found.kind == "date" and "September" in found.a_value
    assert date_disagreement(december, statement("The mill shuts in December.", "c")) is None


@pytest.mark.parametrize(
    ("rest", "title"),
    [
        (", managing director of Fenwyck Water, said", "managing director"),
        (", the spokeswoman, said", "spokeswoman"),
        (", 54, said", ""),
        (", who leads the union", ""),
        (", a software engineer travelling home", ""),
    ],
)
def test_title_after_a_name(rest, title):
    from newsprism.compare._conflicts import title_after

    assert title_after(rest) == title


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("said Deputy Fire Chief Tom Okafor", "Tom", "Deputy Fire Chief"),
        ("presented by Deputy Mayor Rosa Imbert", "Rosa", "Deputy Mayor"),
        ("Transport Minister Eamon Strachan, who", "Eamon", "Minister"),
        ("said Tom Okafor", "Tom", ""),
    ],
)
def test_title_before_a_name(text, name, title):
    from newsprism.compare._conflicts import title_before

    assert title_before(text, text.index(name)) == title


def test_one_title_held_by_two_people_is_a_name_conflict():
    from newsprism import analyze_many
    from newsprism.compare._conflicts import Statement, name_disagreement
    from newsprism.ingest import build_article
    from newsprism.types import Fact

    texts = (
        "Transport Minister Eamon Strachan has summoned both sides to talks on Monday.",
        "Deputy Transport Minister Fiona Lisle called the union and the company to talks on Monday.",
    )
    analyses = analyze_many(
        [build_article(f"m{i}", {"title": "", "text": t, "language": "en"}) for i, t in enumerate(texts)]
    )
    a, b = (Statement(Fact(0, len(t), t, 0), x) for t, x in zip(texts, analyses, strict=True))
    found = name_disagreement(a, b)
    assert found is not None and "Strachan" in found.a_value and "Lisle" in found.b_value


def _analysed(*texts: str, published: str = "2025-06-11T12:00:00"):
    from newsprism import analyze_many
    from newsprism.ingest import build_article

    items = [{"title": "", "text": t, "language": "en", "published": published} for t in texts]
    return analyze_many([build_article(f"r{i}", item) for i, item in enumerate(items)])


def test_a_title_the_tagger_took_into_the_name_still_counts_as_the_title():
    from newsprism.compare._conflicts import Statement, name_disagreement
    from newsprism.types import Fact

    texts = (
        "The plan was presented to the chamber by Deputy Mayor Rosa Imbert.",
        "Councillor Owen Lasko presented the plan to the chamber.",
    )
    a, b = (Statement(Fact(0, len(t), t, 0), x) for t, x in zip(texts, _analysed(*texts), strict=True))
    found = name_disagreement(a, b)
    assert found is not None and found.b_value == "Councillor Owen Lasko"


def test_the_date_of_an_attribution_belongs_to_the_statement_it_reports():
    from newsprism.compare._conflicts import Statement, _dates_of

    (analysis,) = _analysed("Estmark announced on Tuesday that it will impose new tariffs on its neighbour's exports.")
    reported = next(f for f in analysis.facts if f.text.startswith("it will impose"))
    assert [text for text, _ in _dates_of(Statement(reported, analysis))] == ["Tuesday"]


def _conflicts(a: str, b: str):
    from newsprism.compare._align import align_facts

    return [g.conflict for g in align_facts(_analysed(a, b)) if g.conflict is not None]


def test_the_only_times_of_day_two_reports_give_are_compared_even_in_loosely_matching_sentences():
    a = (
        "A regional train derailed near Hollingbrook on Monday evening, injuring 11 people. "
        "The service left the tracks shortly after 7:30 p.m. as it rounded a bend in heavy rain."
    )
    b = (
        "Eleven passengers were hurt when a train came off the rails outside Carrow Bridge. "
        "The derailment happened at around 8pm, a rail official said."
    )
    found = [c for c in _conflicts(a, b) if c.kind == "time"]
    assert [(c.a_value, c.b_value) for c in found] == [("7:30 p.m.", "8pm")]


def test_figures_in_a_unit_each_report_uses_once_are_counterparts_in_loosely_matching_sentences():
    import math

    from newsprism.compare._conflicts import Statement
    from newsprism.compare._figure_counterparts import figure_conflicts

    texts = (
        "The fire, which started near a campground, burned 1,800 to 2,000 acres. Crews saved 40 homes.",
        "Fanned by dry winds, the blaze eventually scorched about 3,500 acres. Some 25 homes were lost.",
    )
    sides = []
    for analysis in _analysed(*texts):
        sides.append([Statement(f, analysis) for f in analysis.facts if any(ch.isdigit() for ch in f.text)])
    unlike, loose = (lambda i, j: -math.inf), (lambda i, j: 0.2)
    assert list(figure_conflicts(sides[0], sides[1], unlike, -math.inf, False)) == []
    found = [c for _, _, c in figure_conflicts(sides[0], sides[1], unlike, -math.inf, False, loose)]
    assert [(c.a_value, c.b_value) for c in found] == [("1,800 to 2,000", "3,500")]


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("About 4,200 residents were ordered out", "the fire scorched about 3,500 acres", False),
        ("Some 9,500 runners started the race", "Medics treated more than 300 runners", False),
        ("more than 300 runners were treated", "medics treated 320 runners", True),
        ("the gang spent under six minutes inside", "a guard arrived within four minutes", False),
        ("the gang spent under six minutes inside", "the thieves were inside for five minutes", True),
        ("Nearly 1,200 runners failed to finish", "1,187 competitors dropped out", True),
        ("burned about 3,400 acres", "scorched some 3,500 acres", True),
    ],
)
def test_the_same_figure_needs_a_fitting_unit_and_an_open_bound_near_the_value(a, b, agree):
    from newsprism.compare._align import figures_agree

    (x,), (y,) = quantities_in(a), quantities_in(b)
    assert figures_agree(x, y) is agree


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("Jens Kolbe", "Jörg Kolbe", True),
        ("Anneke Brouwer", "Anneke Brauer", True),
        ("Ewan MacRory", "Euan McRory", True),
        ("Ray Sturgis", "Raymond Sturgis", False),
        ("Carolina Ibáñez", "Carolina Ibanez", False),
        ("Rosa Imbert", "Owen Lasko", False),
    ],
)
def test_one_name_spelled_two_ways(a, b, alike):
    from newsprism.compare._conflicts import _spelled_alike

    assert _spelled_alike(a, b, across_languages=False) is alike


def test_a_person_each_report_spells_differently_is_a_name_conflict():
    a = "The ferry's master, Captain Ewan MacRory, reported the grounding to the coastguard late on Sunday."
    b = "Captain Euan McRory, who commands the ferry, reported the grounding to the coastguard on Sunday night."
    found = [(c.a_value, c.b_value) for c in _conflicts(a, b) if c.kind == "name"]
    assert found == [("Ewan MacRory", "Euan McRory")]


def test_the_only_sums_of_money_of_two_statements_clash_beside_other_figures():
    valued = quantities_in("which is valued at about £1.8 million")
    worth = quantities_in("escaped with a 300-year-old violin worth an estimated £1.6m.")
    assert [(x.text, y.text) for x, y in figure_clashes(valued, worth)] == [("£1.8 million", "£1.6m")]
    fined = quantities_in("fined £2 million for 300 spills")
    assert figure_clashes(fined, quantities_in("a fine of £2m after 300 spills")) == []


def test_a_landing_place_and_a_diversion_elsewhere_are_a_place_conflict():
    from newsprism.compare._conflicts import Statement, place_disagreement
    from newsprism.types import Fact

    texts = (
        "A Skyvale jet flying to Toronto made an emergency landing in Dublin on Monday.",
        "The pilots declared an emergency and diverted the aircraft to Glasgow on Monday.",
    )
    a, b = (Statement(Fact(0, len(t), t, 0), x) for t, x in zip(texts, _analysed(*texts), strict=True))
    found = place_disagreement(a, b)
    assert found is not None and (found.a_value, found.b_value) == ("Dublin", "Glasgow")


def test_one_person_titled_differently_in_attributions_is_a_name_conflict():
    a = (
        'Fenwyck Water has banned garden hoses across the county. "We have to protect supplies," said Sarah '
        "Pengelly, managing director of Fenwyck Water."
    )
    b = (
        "A hosepipe ban starts on Friday for a million customers. Chief executive Sarah Pengelly urged customers "
        "to cut back. The company said reservoirs were low."
    )
    found = [(c.a_value, c.b_value) for c in _conflicts(a, b) if c.kind == "name"]
    assert found == [("managing director Sarah Pengelly", "Chief executive Sarah Pengelly")]


def test_a_former_title_or_a_shorter_form_of_the_title_is_no_name_conflict():
    a = '"We acted at once," said Ruth Hale, the former transport minister.'
    b = "Transport Minister Ruth Hale resigned in May. Minister Hale spoke to reporters on Monday."
    assert [c for c in _conflicts(a, b) if c.kind == "name"] == []


@pytest.mark.parametrize(
    ("a", "b", "wrong"),
    [
        ("Anneke Brouwer", "Anneke Brauer", True),
        ("Ewan MacRory", "Euan McRory", True),
        ("Jens Kolbe", "Anna Kolbe", False),
        ("Ray Sturgis", "Raymond Sturgis", False),
        ("Maria Lopez", "Maria Garcia", False),
    ],
)
def test_a_misspelled_full_name(a, b, wrong):
    from newsprism.compare._conflicts import misspelled

    assert misspelled(a, b, across_languages=False) is wrong


def test_a_name_one_report_misspells_where_it_quotes_the_person_is_a_name_conflict():
    a = (
        'Voltaro is recalling 38,000 e-bike batteries. "Safety comes first," said Anneke Brouwer, who heads the '
        "firm's European business."
    )
    b = "Regulators ordered the recall on Tuesday. Anneke Brauer, Voltaro's head of Europe, apologised to riders."
    found = [(c.a_value, c.b_value) for c in _conflicts(a, b) if c.kind == "name"]
    assert ("Anneke Brouwer", "Anneke Brauer") in found

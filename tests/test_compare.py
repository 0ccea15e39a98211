"""Comparison: verdicts, scores with evidence, fact alignment with conflicts, naming, cited summary."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism import DIMENSIONS, NotFittedError, SimilarityModel, compare_analyses
from newsprism.compare import load_model, pair_features
from newsprism.report import CONTRACT_KEYS, comparison_dict


def test_same_story_reports_are_recognised(bridge_comparison):
    assert bridge_comparison.same_story
    assert set(bridge_comparison.scores) == set(DIMENSIONS)
    assert all(1.0 <= s <= 4.0 for s in bridge_comparison.scores.values())


def test_unrelated_reports_are_not_the_same_story(bridge_analyses, orchard_analysis):
    comparison = compare_analyses([bridge_analyses[0], orchard_analysis])
    assert not comparison.same_story
    assert comparison.scores["overall"] > 3.0


def test_scores_come_with_evidence(bridge_comparison):
    evidence = bridge_comparison.evidence
    assert "Elena Marsh" in evidence["entities"]["shared_entities"]
    assert evidence["time"]["publication_gap_days"] == 0.0
    assert evidence["narrative"]["aligned"] and evidence["narrative"]["aligned"][0]["cosine"] >= 0.6


def test_conflicting_days_and_counts_are_flagged_with_both_values(bridge_comparison):
    conflicts = {g.kind: g for g in bridge_comparison.facts.conflicting}
    assert [v.value for v in conflicts["date"].values] == ["Friday", "Thursday"]
    assert "2025-06-06" in conflicts["date"].reason and "2025-06-05" in conflicts["date"].reason
    assert [v.value for v in conflicts["number"].values] == ["ten", "fifteen"]
    assert all(v.article == i for g in conflicts.values() for i, v in enumerate(g.values))


def test_shared_and_unique_facts(bridge_comparison):
    shared = [[f.text for f in g.facts] for g in bridge_comparison.facts.shared]
    assert any(all("three weeks" in text for text in group) for group in shared)
    only_b = " ".join(f.text for f in bridge_comparison.facts.only_in(1))
    assert "Ruth Hale" in only_b
    only_a = " ".join(f.text for f in bridge_comparison.facts.only_in(0))
    assert "feared losing customers" in only_a


def test_summary_cites_exactly_the_reports_that_state_each_fact(bridge_comparison):
    summary = bridge_comparison.summary
    assert summary and any(row.articles == [0, 1] for row in summary)
    assert {row.from_article for row in summary} == {0, 1}
    shared = [{(f.article, f.start) for f in g.facts} for g in bridge_comparison.facts.shared]
    conflicting = {(f.article, f.start) for g in bridge_comparison.facts.conflicting for f in g.facts}
    for row in summary:
        article = bridge_comparison.articles[row.from_article]
        assert article.full_text[row.start : row.end] == row.text
        assert (row.from_article, row.start) not in conflicting
        if row.articles == [0, 1]:
            assert any((row.from_article, row.start) in group for group in shared)
        else:
            assert row.articles == [row.from_article]


def test_json_contract_has_every_key(bridge_comparison):
    data = comparison_dict(bridge_comparison)
    assert list(data)[: len(CONTRACT_KEYS)] == [k for k in data if k in CONTRACT_KEYS]
    assert set(CONTRACT_KEYS) <= set(data)
    assert {"shared", "only_a", "only_b", "conflicting"} <= set(data["facts"])


def test_three_articles_give_per_article_unique_facts(bridge_analyses, orchard_analysis):
    comparison = compare_analyses([*bridge_analyses, orchard_analysis])
    assert [entry.article for entry in comparison.facts.only] == [0, 1, 2]
    assert "only_a" not in comparison.to_dict()["facts"]
    assert not comparison.same_story
    assert len(comparison.evidence["pairs"]) == 3


def test_pair_features_are_symmetric_enough(bridge_analyses):
    a, b = bridge_analyses
    fab, _ = pair_features(a, b)
    fba, _ = pair_features(b, a)
    assert fab["doc_cosine"] == pytest.approx(fba["doc_cosine"], abs=1e-6)
    assert fab["ent_all_jaccard"] == pytest.approx(fba["ent_all_jaccard"])


def test_unfitted_model_refuses_to_predict():
    with pytest.raises(NotFittedError):
        SimilarityModel().predict([{"x": 1.0}])


def test_model_fit_validates_target_shape():
    with pytest.raises(ValueError, match="shape"):
        SimilarityModel().fit([{"x": 1.0}], np.ones((1, 3)))


def test_model_scores_rows_without_optional_features_by_its_fallback():
    rng = np.random.default_rng(0)
    e5 = rng.uniform(0, 1, 300)
    rows = [{"e5_cosine": float(x), "noise": float(rng.uniform())} for x in e5]
    targets = np.tile((4 - 3 * e5)[:, None], (1, len(DIMENSIONS)))
    model = SimilarityModel(params={"n_estimators": 200, "learning_rate": 0.1, "min_child_samples": 5}).fit(
        rows, targets
    )
    assert model.feature_names_in_.tolist() == ["e5_cosine", "noise"]
    close, far = model.predict([{"e5_cosine": 0.9, "noise": 0.5}, {"e5_cosine": 0.1, "noise": 0.5}])[:, 0]
    assert close < 2 and far > 3  # the full variant listens to the E5 cosine
    without = model.predict([{"noise": 0.5}])  # a machine without E5: scored by the variant that never saw it
    assert without.shape == (1, len(DIMENSIONS)) and 1.5 < without[0, 0] < 3.5
    with pytest.raises(ValueError, match="lack"):
        model.predict([{"other": 1.0}])


def test_model_averages_trees_kernel_and_ridge_as_scikit_learn_computes_them():
    from sklearn.linear_model import RidgeCV
    from sklearn.svm import SVR

    from newsprism.compare._model import KERNEL_C, KERNEL_EPSILON, RIDGE_ALPHAS, _matrix, _standardise

    rng = np.random.default_rng(1)
    signal = rng.uniform(0, 1, 200)
    rows = [{"a": float(x), "b": float(x * x + rng.normal(0, 0.1)), "c": float(rng.normal())} for x in signal]
    targets = np.column_stack([4 - 3 * signal + rng.normal(0, 0.2, 200) for _ in DIMENSIONS])
    model = SimilarityModel(params={"n_estimators": 50}).fit(rows, targets)
    names, regressors = model.variants_[0]
    matrix = _matrix(rows, names)
    standard = _standardise(matrix, regressors.center, regressors.scale, regressors.low, regressors.high)
    kernel = np.column_stack(
        [SVR(C=KERNEL_C, epsilon=KERNEL_EPSILON).fit(standard, targets[:, i]).predict(standard[:20]) for i in range(7)]
    )
    ridge = RidgeCV(alphas=RIDGE_ALPHAS).fit(standard, targets).predict(standard[:20])
    trees = np.column_stack([regressors.trees[d].predict(matrix[:20]) for d in DIMENSIONS])
    assert model.predict(rows[:20]) == pytest.approx(np.clip((trees + kernel + ridge) / 3, 1, 4), abs=1e-6)
    # A missing value is read as the training mean, never turned into a NaN score.
    assert np.isfinite(model.predict([{"a": float("nan"), "b": 0.5, "c": 0.0}])).all()
    # Far beyond the training range, the kernel and linear parts answer as at its edge, not by extrapolating.
    top = {name: max(row[name] for row in rows) for name in ("a", "b")}
    edge, beyond = model.predict([{**top, "c": 0.0}, {"a": 50 * top["a"], "b": 2500 * top["b"], "c": 0.0}])
    assert beyond == pytest.approx(edge, abs=1e-6)


def test_shipped_model_loads_and_predicts_the_scale(bridge_analyses):
    model = load_model()
    features, _ = pair_features(*bridge_analyses)
    prediction = model.predict([features])
    assert prediction.shape == (1, len(DIMENSIONS))
    assert ((prediction >= 1) & (prediction <= 4)).all()


def test_translated_report_of_the_same_story_is_recognised(bridge_analyses, orchard_analysis, german_bridge_analysis):
    german = german_bridge_analysis
    assert german.article.language == "de"
    assert compare_analyses([bridge_analyses[0], german]).same_story
    assert not compare_analyses([orchard_analysis, german]).same_story


def test_same_statement_quoted_by_two_outlets_is_matched(bridge_comparison):
    marsh = [q for q in bridge_comparison.quotes if q.speaker == "Elena Marsh" and "three weeks" in q.text]
    assert {q.article for q in marsh} == {0, 1}
    assert len({q.statement for q in marsh}) == 1
    others = {q.statement for q in bridge_comparison.quotes if q not in marsh}
    assert marsh[0].statement not in others


def test_one_persons_quotes_share_a_speaker_id_across_reports(bridge_comparison):
    by_speaker: dict[int, set[str]] = {}
    for quote in bridge_comparison.quotes:
        by_speaker.setdefault(quote.speaker_id, set()).add(quote.speaker)
    marsh = {q.speaker_id for q in bridge_comparison.quotes if "Marsh" in q.speaker}
    assert len(marsh) == 1 and {q.article for q in bridge_comparison.quotes if q.speaker_id in marsh} == {0, 1}
    assert all(len({s.split()[-1] for s in names}) == 1 for names in by_speaker.values())


def test_timeline_flags_the_conflicting_inspection_day(bridge_comparison):
    days = {event["date"]: event for event in bridge_comparison.timeline}
    assert days["2025-06-06"]["conflict"].startswith("dates differ")
    assert days["2025-06-06"]["articles"] == [0] and days["2025-06-05"]["articles"] == [1]


def test_undated_reports_naming_the_same_day_share_it_without_a_year():
    from newsprism import analyze_many
    from newsprism.types import Article

    first = Article(id="u1", title="Jobless claims fall", text="Claims fell to 881,000 in the week ended Aug. 29.")
    second = Article(id="u2", title="Fewer file for benefits", text="In the week ending August 29, claims fell again.")
    third = Article(id="u3", title="Claims rise", text="Claims rose to 719,000 in the week ended March 27.")
    a, b, c = analyze_many([first, second, third])
    same, evidence = pair_features(a, b)
    assert same["time_calendar_day_jaccard"] == 1.0 and same["time_month_jaccard"] == 1.0
    assert evidence["time"]["shared_calendar_days"] == ["--08-29"]
    other, evidence = pair_features(a, c)
    assert other["time_calendar_day_jaccard"] == 0.0 and other["time_has_months"] == 1.0
    assert evidence["time"]["shared_calendar_days"] == []


def test_capitalised_word_count_takes_names_and_german_nouns_but_not_function_words():
    from newsprism.compare._features import _capitalised_word_count
    from newsprism.types import Analysis, Article

    def count(text: str, language: str) -> int:
        article = Article(id="c", title="", text=text, language=language)
        return _capitalised_word_count(Analysis(article, [], [], [], [], [], [], np.zeros(0), np.zeros((0, 0))))

    assert count("Die Polizei sperrt die Brücke in Hamburg. Die Polizei bleibt.", "de") == 3
    assert count("Un incendio en Birmingham. Fue el tercero, dijo Cameron Rayford.", "es") == 3


def test_a_sentence_holding_a_clause_only_one_report_gives_cites_that_report_alone():
    from newsprism import analyze_many
    from newsprism.compare._align import FactRef, align_facts
    from newsprism.compare._summary import _inner_facts_stated_by, _stated_by
    from newsprism.ingest import build_article

    texts = (
        "Flight SV412, a jet that had left Lisbon four hours earlier, made an emergency landing in Dublin on Monday "
        "after smoke filled the cabin.",
        "A Skyvale jet made an emergency landing in Dublin on Monday after smoke filled the cabin.",
    )
    analyses = analyze_many(
        [build_article(f"r{i}", {"title": "", "text": t, "language": "en"}) for i, t in enumerate(texts)]
    )
    groups = align_facts(analyses)
    landing = next(g for g in groups if g.articles == [0, 1] and any("Dublin" in m.fact.text for m in g.members))
    stated_by = _stated_by(groups)
    own = {m.article: m for m in landing.members}
    assert "left Lisbon" in own[0].fact.text  # the clause stays inside the sentence that states the landing
    assert not _inner_facts_stated_by(own[0], [0, 1], analyses, stated_by)
    assert _inner_facts_stated_by(own[1], [0, 1], analyses, stated_by)
    assert _inner_facts_stated_by(FactRef(0, own[0].fact), [0], analyses, stated_by)


def test_one_shared_word_is_not_most_of_a_short_clause():
    from newsprism.analyze._facts import terms_in
    from newsprism.compare._align import TermWeights
    from newsprism.types import Fact

    texts = [
        "the strike would continue",
        "union leaders would review the strike every fortnight",
        "Filling paddling pools and cleaning patios with pressure washers is banned",
        "Filling paddling pools and jet-washing patios are also banned",
        "Reservoir levels fell to their lowest since records began",
        "Customers were urged to take shorter showers",
    ]
    facts = [Fact(0, len(t), t, i, terms=terms_in(t)) for i, t in enumerate(texts)]
    weights = TermWeights(facts)
    assert weights.shared_share(facts[0], facts[1]) < 0.35
    assert weights.shared_share(facts[2], facts[3]) > 0.5

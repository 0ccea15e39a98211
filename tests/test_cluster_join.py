"""The words of a stream and the join verdict: TF-IDF over the stream, candidates by shared words, the join model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsprism._errors import NotFittedError
from newsprism.cluster import StoryClusterer
from newsprism.cluster._join import JOIN_FEATURES, JoinModel, load_join_model
from newsprism.cluster._lexical import MIN_DOCUMENTS, LexicalIndex, term_frequencies

FIXTURES = Path(__file__).parent / "fixtures"


def test_term_frequencies_are_sublinear_and_cut_unspaced_scripts_into_pairs():
    terms = term_frequencies("Ferry ferry FERRY strike at 6 a.m.")
    assert terms["ferry"] == pytest.approx(1 + np.log(3))
    assert "6" not in terms and "a" not in terms  # digits alone and one-letter words carry no topic
    assert set(term_frequencies("港口罢工")) == {"港口", "口罢", "罢工"}


def test_function_words_are_dropped_by_language():
    # Words count by lemma, so "said" is "say", which English lists among its function words.
    assert set(term_frequencies("The council said that it would close the bridge", "en")) == {
        "council",
        "close",
        "bridge",
    }
    assert "und" not in term_frequencies("Die Brücke und der Hafen", "de")
    assert "the" in term_frequencies("The bridge", "")  # no language known: nothing is dropped


def test_words_count_from_the_start_only_where_function_words_are_known(bridge_analyses):
    courier, gazette = bridge_analyses
    clusterer = StoryClusterer()
    clusterer.add(courier)
    clusterer.observe(gazette)
    assert [c.words_count for c in clusterer.candidate_evidence(gazette)] == [True]  # English: stop list known
    index = LexicalIndex()
    for _ in range(MIN_DOCUMENTS):
        assert index.informative("en") and not index.informative("sw")  # no Swahili list: wait for the stream
        index.observe(["word"])
    assert index.informative("sw")


def _index_of(texts: dict[int, str]) -> LexicalIndex:
    index = LexicalIndex()
    for text in texts.values():
        index.observe(term_frequencies(text))
    for key, text in texts.items():
        index.add_to_story(key, term_frequencies(text))
    return index


def test_rare_shared_words_outweigh_common_ones():
    index = _index_of(
        {
            1: "The council said the Valeport harbour bridge will close for repairs.",
            2: "The council said the new library will open in the spring.",
            3: "The minister said the budget will grow.",
        }
    )
    article = "Valeport harbour bridge shut, the council said"
    terms = term_frequencies(article)
    index.observe(terms)
    weights = index.weigh(terms)
    assert index.cosine(weights, 1) > index.cosine(weights, 2) > 0
    assert index.candidates(weights, 1) == [1]


def test_removed_story_is_neither_candidate_nor_similar():
    index = _index_of({1: "Valeport harbour bridge closes", 2: "Orchard festival opens"})
    weights = index.weigh(term_frequencies("Valeport harbour bridge"))
    index.remove_story(1)
    assert index.candidates(weights, 5) == [] and index.cosine(weights, 1) == 0.0


def test_merged_story_takes_the_other_story_words():
    index = _index_of({1: "Valeport harbour bridge closes", 2: "Orchard festival opens"})
    index.merge_stories(1, 2)
    assert index.candidates(index.weigh(term_frequencies("orchard festival")), 5) == [1]


@pytest.mark.parametrize("e5", [0.6, float("nan")], ids=["with-e5", "without-e5"])
def test_join_model_more_evidence_never_lowers_the_probability(e5):
    model = load_join_model()
    base = [0.4, 0.2, 0.5, e5]
    for position in range(len(JOIN_FEATURES)):
        if np.isnan(base[position]):
            continue
        higher = list(base)
        higher[position] += 0.3
        low, high = model.predict_proba([base, higher], [True, True])[:, 1]
        assert high > low, JOIN_FEATURES[position]


def test_join_model_without_e5_ignores_the_missing_cosine():
    model = load_join_model()
    rows = [[0.6, 0.3, 0.6, float("nan")], [0.6, 0.3, 0.6, float("nan")]]
    first, second = model.predict_proba(rows, [True, False])[:, 1]
    assert 0 < first < 1 and 0 < second < 1 and not np.isnan([first, second]).any()


def test_join_model_ignores_words_across_languages():
    model = load_join_model()
    without_shared_words = [0.9, 0.0, 0.7, 0.85]
    same_language, other_language = model.predict_proba([without_shared_words] * 2, [True, False])[:, 1]
    assert other_language > same_language  # a translation shares no words and is not punished for it


def test_join_model_must_be_fitted_and_learn_from_both_classes():
    with pytest.raises(NotFittedError):
        JoinModel().predict_proba([[0.5, 0.5, 0.5, 0.5]], [True])
    with pytest.raises(ValueError, match="both"):
        JoinModel().fit([[0.5, 0.5, 0.5, 0.5]] * 3, np.array([1, 1, 1]))


def test_join_model_fits_e5_variants_only_on_rows_that_have_it():
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 2, 400)
    rows = np.column_stack([rng.uniform(size=(400, 3)) * 0.2 + labels[:, None] * 0.3, labels * 0.5 + 0.2])
    rows[:200, 3] = np.nan  # half the stream was analysed without E5
    model = JoinModel().fit(rows.tolist(), labels)
    assert set(model.weights_) == {"with_words", "with_words_e5", "without_words", "without_words_e5"}
    assert set(model.describe()["with_words_e5"]) == set(JOIN_FEATURES)
    assert "e5_centroid_cosine" not in model.describe()["with_words"]
    with pytest.raises(ValueError, match="4 features"):
        JoinModel().fit([[0.5, 0.5]] * 3, np.array([1, 0, 1]))


def test_translated_report_joins_the_story_of_the_original(bridge_analyses, orchard_analysis, german_bridge_analysis):
    courier, _ = bridge_analyses
    german = german_bridge_analysis
    clusterer = StoryClusterer()
    story = clusterer.add(courier).story_id
    joined = clusterer.add(german)
    assert joined.story_id == story and not joined.new_story
    assert clusterer.add(orchard_analysis).new_story
    assert clusterer.stories[story].languages == ["en", "de"]


@pytest.mark.data
@pytest.mark.slow
def test_train_joins_replays_known_stories_and_writes_a_usable_model(shared_data, tmp_path):
    from typer.testing import CliRunner

    from newsprism.cli import app

    target = tmp_path / "join.npz"
    source = shared_data / "allsides-neus" / "train.source"
    result = CliRunner().invoke(
        app, ["train", "joins", str(source), "--first", "1301", "--limit", "1340", "-o", str(target), "--quiet"]
    )
    assert result.exit_code == 0, result.stderr
    figures = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line and "{" not in line)
    assert float(figures["roc_auc"]) > 0.75  # the right story is told from the other candidates
    model = load_join_model(target)
    close, far = model.predict_proba([[0.9, 0.6, 0.8, 0.85], [0.05, 0.0, 0.3, 0.6]], [True, True])[:, 1]
    assert close > 0.5 > far


def test_join_fit_is_the_logistic_optimum_and_never_weighs_evidence_against_the_story():
    from sklearn.linear_model import LogisticRegression

    from newsprism.cluster._join import _fit_non_negative

    rng = np.random.default_rng(0)
    features = rng.normal(size=(400, 3))
    labels = (features @ np.array([1.5, 0.8, 0.3]) + rng.normal(size=400) > 0).astype(int)
    reference = LogisticRegression(C=1.0, tol=1e-10, max_iter=10_000).fit(features, labels)
    fitted = _fit_non_negative(features, labels, 1.0)
    assert np.allclose(fitted, np.append(reference.coef_[0], reference.intercept_[0]), atol=1e-3)
    # A feature that speaks against the label gets no weight rather than a negative one.
    against = np.column_stack([features[:, :2], -features[:, 2]])
    assert LogisticRegression(C=1.0).fit(against, labels).coef_[0][2] < 0
    weights = _fit_non_negative(against, labels, 1.0)
    assert weights[2] == 0.0 and weights[0] > 0 and weights[1] > 0

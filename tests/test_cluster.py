"""Story clustering: copies, stable ids, cold stories, merges recorded, and the metrics."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.cluster import ClusterOptions, DuplicateIndex, StoryClusterer
from newsprism.evaluate._clusters import bcubed


def _copy(analysis, new_id: str, outlet: str, shift_days: float = 0.0, text: str | None = None):
    article = analysis.article
    moved = replace(
        article,
        id=new_id,
        outlet=outlet,
        text=text or article.text,
        published=article.published + timedelta(days=shift_days),
    )
    return replace(analysis, article=moved)


def test_bcubed_of_known_clusterings():
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    perfect = bcubed(gold, {"a": "x", "b": "x", "c": "y", "d": "y"})
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    lumped = bcubed(gold, {k: "x" for k in gold})
    assert lumped.recall == 1.0 and lumped.precision == 0.5
    split = bcubed(gold, {k: k for k in gold})
    assert split.precision == 1.0 and split.recall == 0.5


def test_near_duplicate_text_is_found_and_different_text_is_not():
    index = DuplicateIndex()
    wire = (
        "The central bank raised its main interest rate by half a point on Thursday, the third rise this "
        "year, saying inflation remained far above its target and wages were rising quickly."
    )
    now = datetime(2025, 1, 9)
    assert index.check_and_add("w1", wire, now) is None
    assert index.check_and_add("w2", wire.replace("Thursday", "Thursday afternoon"), now) == "w1"
    assert index.check_and_add("x", "Heavy snow closed schools across the northern region.", now) is None


def test_stories_group_reports_mark_copies_and_keep_unrelated_apart(bridge_analyses, orchard_analysis):
    courier, gazette = bridge_analyses
    wire_copy = _copy(courier, "courier-copy", "Syndicating Site")
    clusterer = StoryClusterer()
    first = clusterer.add(courier)
    assert first.new_story
    assert clusterer.add(gazette).story_id == first.story_id
    copy = clusterer.add(wire_copy)
    assert copy.duplicate_of == courier.article.id and copy.story_id == first.story_id
    assert clusterer.add(orchard_analysis).new_story
    story = clusterer.stories[first.story_id]
    assert story.outlets == ["Valeport Courier", "Eastbank Gazette"]
    assert story.duplicates == {"courier-copy": courier.article.id}


def test_cold_story_is_not_joined_months_later(bridge_analyses):
    courier, gazette = bridge_analyses
    clusterer = StoryClusterer(ClusterOptions(cold_after_days=4))
    first = clusterer.add(courier)
    late = _copy(gazette, "gazette-late", "Eastbank Gazette", shift_days=120)
    assert clusterer.add(late).story_id != first.story_id


def test_cli_cluster_keeps_story_ids_on_rerun_and_append(tmp_path, examples):
    db = tmp_path / "s.db"
    runner = CliRunner()
    bridge = [str(examples / "harbour-bridge-valeport-courier.txt")]
    first = runner.invoke(app, ["cluster", *bridge, "--db", str(db)])
    assert first.exit_code == 0, first.stderr
    ids_before = dict(line.split("\t") for line in first.stdout.strip().splitlines())
    appended = runner.invoke(app, ["cluster", str(examples), "--db", str(db)])
    ids_after = dict(line.split("\t") for line in appended.stdout.strip().splitlines())
    for article_id, story_id in ids_before.items():
        assert ids_after[article_id] == story_id
    assert len(set(ids_after.values())) == 2
    rerun = runner.invoke(app, ["cluster", str(examples), "--db", str(db)])
    assert dict(line.split("\t") for line in rerun.stdout.strip().splitlines()) == ids_after
    story = ids_after[next(iter(ids_before))]
    page = runner.invoke(app, ["report", story, "--db", str(db), "--format", "md"])
    assert page.exit_code == 0 and "Elena Marsh" in page.stdout


def test_report_of_unknown_story_is_one_error_line(tmp_path):
    result = CliRunner().invoke(app, ["report", "s-nope", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1 and "s-nope" in result.stderr


@pytest.mark.data
@pytest.mark.slow
def test_eval_clusters_on_basil(shared_data):
    result = CliRunner().invoke(app, ["eval", "clusters", "--basil", str(shared_data / "basil"), "--quiet"])
    assert result.exit_code == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("bcubed_f1=") and float(last.split("=")[1]) > 0.8


class _DriftingModel:
    """Same-story stand-in: every report matches, except a story's first report once the story has drifted."""

    def __init__(self) -> None:
        self.drifted = False

    def predict_proba(self, rows):
        import numpy as np

        values = np.full(len(rows), 0.95)
        if self.drifted:
            values[0] = 0.01  # the first row of the (single) candidate story: its first report
        return np.column_stack([1 - values, values])


def test_drifted_story_is_split_and_the_split_recorded(bridge_analyses, orchard_analysis):
    courier, gazette = bridge_analyses
    clusterer = StoryClusterer()
    model = _DriftingModel()
    clusterer._same_story = model  # the verdicts are scripted; the clusterer's bookkeeping is what is tested
    first = clusterer.add(courier)
    clusterer.add(gazette)
    clusterer.add(_copy(gazette, "g2", "Outlet 2", text=orchard_analysis.article.text))
    model.drifted = True
    later = clusterer.add(_copy(gazette, "g-late", "Outlet late", text="Ferry crews went on strike at dawn today."))
    assert later.new_story and later.story_id != first.story_id
    kinds = {(story, kind) for story, kind, _ in clusterer.events}
    assert (first.story_id, "split") in kinds and (later.story_id, "split-from") in kinds
    assert clusterer.story_of(courier.article.id) == first.story_id


def test_cli_cluster_jsonl_explains_each_placement(tmp_path, examples):
    import json

    from newsprism.cluster._join import JOIN_FEATURES

    result = CliRunner().invoke(app, ["cluster", str(examples), "--db", str(tmp_path / "s.db"), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    stories = [json.loads(line) for line in result.stdout.strip().splitlines()]
    bridge = next(s for s in stories if len(s["articles"]) == 2)
    opened, joined = bridge["assignments"]
    assert opened["new_story"] and opened["join_probability"] is None
    assert not joined["new_story"] and joined["join_probability"] >= ClusterOptions().join_min_probability
    assert set(JOIN_FEATURES[:3]) <= set(joined["evidence"]) <= set(JOIN_FEATURES)  # E5's only where it runs
    assert joined["evidence"]["probability_max"] > 0.5
    assert sorted(bridge["outlets"]) == ["Eastbank Gazette", "Valeport Courier"]


def test_restored_story_needs_only_its_representatives_and_knows_every_member(bridge_analyses):
    from newsprism.cluster import representative_ids
    from newsprism.types import Story

    courier, gazette = bridge_analyses
    ids = ["a1", "a2", "a3", "a4", "a5", "a6"]
    story = Story(
        id="s-kept",
        title="Bridge",
        article_ids=ids,
        outlets=["X"],
        languages=["en"],
        first_seen=courier.article.published,
        last_seen=courier.article.published,
        duplicates={"a6": "a5"},
    )
    assert representative_ids(story) == ["a1", "a3", "a4", "a5"]  # the first, the latest three; never the copy
    members = [_copy(courier if i == "a1" else gazette, i, "X") for i in representative_ids(story)]
    clusterer = StoryClusterer()
    clusterer.restore(story, members)
    assert clusterer.add(_copy(gazette, "a2", "X")).story_id == "s-kept"  # known, though never loaded
    joined = clusterer.add(_copy(courier, "b1", "Y", text=courier.article.text + " Traffic was diverted."))
    assert joined.story_id == "s-kept" and not joined.new_story


def test_publication_order_puts_dated_first_then_undated_in_input_order():
    from newsprism._clustering import _in_publication_order

    day = datetime(2025, 6, 10)
    entries = [
        (None, 0, "u0"),
        (day + timedelta(days=1), 1, "late"),
        (None, 2, "u2"),
        (day, 4, "early-b"),
        (day, 3, "early-a"),
        (day + timedelta(days=1), 5, "late"),  # the same article given twice counts once, where first seen
    ]
    assert _in_publication_order(entries) == ["early-a", "early-b", "late", "u0", "u2"]


def test_eval_clusters_on_a_labelled_jsonl_stream(tmp_path, examples):
    import json

    from newsprism import read_article

    def record(path, story):
        article = read_article(examples / path)
        fields = {"title": article.title, "text": article.text, "outlet": article.outlet, "story": story}
        return json.dumps({**fields, "published": article.published.isoformat() if article.published else None})

    stream = tmp_path / "gold.jsonl"
    lines = [
        record("harbour-bridge-valeport-courier.txt", "bridge"),
        record("orchard-festival.json", "orchard"),
        record("harbour-bridge-eastbank-gazette.html", "bridge"),
        json.dumps({"title": "No label", "text": "A report that names no story at all, so it cannot be scored."}),
    ]
    stream.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(app, ["eval", "clusters", "--gold", str(stream), "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert "gold.jsonl:4" in result.stderr and "no gold story" in result.stderr
    assert "n=3 " in result.stdout and result.stdout.strip().splitlines()[-1] == "bcubed_f1=1.0000"


def test_eval_clusters_refuses_a_gold_stream_whose_reports_share_an_id(tmp_path):
    """Scores are kept per id: two reports under one id would be scored as one, so the stream is refused."""
    import json

    records = [
        {
            "id": "a-1",
            "title": "Bridge closed",
            "text": "The harbour bridge closed for repairs on Monday.",
            "story": "x",
        },
        {"id": "a-1", "title": "Festival opens", "text": "The orchard festival opened on Saturday.", "story": "y"},
    ]
    stream = tmp_path / "gold.jsonl"
    stream.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    result = CliRunner().invoke(app, ["eval", "clusters", "--gold", str(stream), "--quiet"])
    assert result.exit_code == 1
    assert "'a-1' (2 times)" in result.stderr and "bcubed_f1" not in result.stdout


@pytest.mark.data
def test_every_basil_article_is_its_own_report_in_the_gold_stream(shared_data):
    from newsprism.evaluate._clusters import basil_stream, repeated_ids

    stream = basil_stream(shared_data / "basil")
    assert len(stream) == 150 and not repeated_ids(stream)
    assert len({story for _, story in stream}) == 50


def test_cli_cluster_join_threshold_trades_recall_for_purity(tmp_path, examples):
    runner = CliRunner()
    strict = runner.invoke(
        app,
        ["cluster", str(examples), "--db", str(tmp_path / "s.db"), "--join-min-probability", "1.0", "--no-refine"],
    )
    assert strict.exit_code == 0, strict.stderr
    assert len(set(line.split("\t")[1] for line in strict.stdout.strip().splitlines())) == 3
    # The review at the end of the run links the two bridge reports all the same, and says so.
    reviewed = runner.invoke(
        app,
        ["cluster", str(examples), "--db", str(tmp_path / "r.db"), "--join-min-probability", "1.0", "-f", "jsonl"],
    )
    assert reviewed.exit_code == 0, reviewed.stderr
    stories = [json.loads(line) for line in reviewed.stdout.strip().splitlines()]
    assert sorted(len(s["articles"]) for s in stories) == [1, 2]
    merged = next(s for s in stories if len(s["articles"]) == 2)
    assert any(e["kind"] == "merge" and "reviewed" in e["reason"] for e in merged["events"])


def test_bridging_article_joins_the_surviving_story_when_its_best_match_is_the_younger(
    bridge_analyses, orchard_analysis, monkeypatch
):
    courier, gazette = bridge_analyses
    clusterer = StoryClusterer()
    dated = replace(orchard_analysis.article, id="orchard-dated", published=courier.article.published)
    older = clusterer.add(replace(orchard_analysis, article=dated)).story_id
    younger = clusterer.add(_copy(courier, "courier-later", "Courier", shift_days=1)).story_id
    assert older != younger
    real_candidates = clusterer.candidates

    def both_stories_sure(analysis):
        found = {c.story_id: c for c in real_candidates(analysis)}
        best_younger = replace(found[younger], join_probability=0.97)
        older_state = clusterer._by_id[older]
        other = replace(best_younger, state=older_state, join_probability=0.95)
        return [best_younger, other]

    monkeypatch.setattr(clusterer, "candidates", both_stories_sure)
    bridging = clusterer.add(_copy(gazette, "gazette-later", "Gazette", shift_days=1))
    # The older story survives the merge, and the article that bridged both is in it, not in the absorbed one.
    assert bridging.story_id == older and bridging.merged == (younger,)
    assert list(clusterer.stories) == [older]
    assert set(clusterer.stories[older].article_ids) == {"orchard-dated", "courier-later", "gazette-later"}
    assert clusterer.story_of("gazette-later") == clusterer.story_of("courier-later") == older


def test_without_e5_vectors_the_fallback_models_still_group_the_story(bridge_analyses, orchard_analysis):
    # As on a machine where the optional encoder does not run, or for articles stored before it.
    courier, gazette, orchard = (replace(a, e5_embedding=None) for a in (*bridge_analyses, orchard_analysis))
    clusterer = StoryClusterer()
    first = clusterer.add(courier)
    joined = clusterer.add(gazette)
    assert joined.story_id == first.story_id and "e5_centroid_cosine" not in joined.evidence
    assert clusterer.add(orchard).new_story


def test_single_report_story_is_merged_at_the_end_of_the_batch_once_its_coverage_gathered(
    bridge_analyses, orchard_analysis
):
    courier, gazette = bridge_analyses
    gazette_again = _copy(gazette, "gazette-update", "Eastbank Gazette", shift_days=0.1)

    def stream(options: ClusterOptions) -> StoryClusterer:
        # The courier's report opened a story on its own; the gazette's two reports gathered in another.
        clusterer = StoryClusterer(options)
        alone = clusterer.place(courier, None)
        gathered = clusterer.place(gazette, None)
        clusterer.place(gazette_again, gathered)
        clusterer.place(orchard_analysis, None)
        assert alone != gathered
        return clusterer

    clusterer = stream(ClusterOptions(refine_stories=False))  # the re-examination alone (the review comes first)
    absorbed = clusterer.finish_batch()
    survivor = clusterer.story_of(courier.article.id)
    assert len(absorbed) == 1 and absorbed[0] not in clusterer.stories
    assert clusterer.story_of(gazette.article.id) == clusterer.story_of("gazette-update") == survivor
    assert sorted(clusterer.stories[survivor].article_ids) == sorted(
        [courier.article.id, gazette.article.id, "gazette-update"]
    )
    assert clusterer.story_of(orchard_analysis.article.id) != survivor  # unrelated: still a story of its own
    reasons = [reason for story, kind, reason in clusterer.events if kind == "merge" and story == survivor]
    assert len(reasons) == 1 and "re-examined" in reasons[0] and "join probability" in reasons[0]

    untouched = stream(ClusterOptions(reexamine_single_reports=False, refine_stories=False))
    assert untouched.finish_batch() == [] and len(untouched.stories) == 3


def test_single_report_story_is_reexamined_as_it_goes_cold(bridge_analyses, orchard_analysis):
    courier, gazette = bridge_analyses
    clusterer = StoryClusterer(ClusterOptions(cold_after_days=4))
    alone = clusterer.place(courier, None)
    gathered = clusterer.place(gazette, None)
    clusterer.place(_copy(gazette, "gazette-update", "Eastbank Gazette", shift_days=0.1), gathered)
    # A month later: both stories go cold, and the single report is looked at once more before it does.
    later = _copy(orchard_analysis, "orchard-later", "Orchard Times", shift_days=0)
    later = replace(later, article=replace(later.article, published=courier.article.published + timedelta(days=30)))
    clusterer.add(later)
    assert clusterer.story_of(courier.article.id) == clusterer.story_of(gazette.article.id)
    assert clusterer.absorbed == [alone] or clusterer.absorbed == [gathered]
    assert any("re-examined as it went cold" in reason for _, kind, reason in clusterer.events if kind == "merge")
    assert clusterer.finish_batch() == []  # nothing single is left warm but the new article's own story


def test_restored_single_report_is_only_reexamined_against_what_changed_in_this_run(bridge_analyses):
    courier, gazette = bridge_analyses
    earlier = StoryClusterer()
    alone, other = earlier.place(courier, None), earlier.place(gazette, None)
    stories = [replace(earlier.stories[i], article_ids=list(earlier.stories[i].article_ids)) for i in (alone, other)]

    rerun = StoryClusterer()
    rerun.restore(stories[0], [courier])
    rerun.restore(stories[1], [gazette])
    # Running again on the same input: both stories were judged when they were made; nothing may change.
    assert rerun.add(courier).story_id == alone and rerun.add(gazette).story_id == other
    assert rerun.finish_batch() == [] and set(rerun.stories) == {alone, other}
    # A new report joins one of them: that story is new evidence, and the single report is looked at against it.
    rerun.add(_copy(gazette, "gazette-update", "Eastbank Gazette", shift_days=0.1))
    assert len(rerun.finish_batch()) == 1
    assert rerun.story_of(courier.article.id) == rerun.story_of(gazette.article.id)


def test_cluster_options_from_the_command_line_keep_the_shipped_defaults_unless_given():
    from newsprism.cli import _cluster_options
    from newsprism.cluster._refine import CLEAR_RATIO

    assert _cluster_options(None, True, True, None, None).refine_clear_ratio == CLEAR_RATIO
    off = _cluster_options(None, True, True, 0.2, 0.0, cold_after_days=2.0)
    assert (off.refine_clear_ratio, off.refine_min_link, off.cold_after_days) == (0.0, 0.2, 2.0)


def test_cli_cluster_keeps_a_wire_copy_from_another_outlet_as_a_copy(tmp_path, examples):
    """The same text on two outlets' sites: both are placed in the story, the later one marked as a copy."""
    import json

    from newsprism import read_article

    article = read_article(examples / "harbour-bridge-valeport-courier.txt")
    published = article.published.isoformat() if article.published else None
    feed = tmp_path / "wire.jsonl"
    records = [
        {"title": article.title, "text": article.text, "outlet": outlet, "published": published}
        for outlet in ("Valeport Courier", "Coastal Wire Desk")
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    result = CliRunner().invoke(app, ["cluster", str(feed), "--db", str(tmp_path / "s.db"), "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    (story,) = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert len(story["articles"]) == 2
    first, copy = story["articles"]
    assert story["duplicates"] == {copy: first}

"""The public surface: one sorted `__all__`, every name importable, one exception root."""

import newsprism


def test_all_is_sorted_and_importable():
    assert newsprism.__all__ == sorted(newsprism.__all__)
    for name in newsprism.__all__:
        assert hasattr(newsprism, name)


def test_errors_share_one_root():
    for error in (newsprism.InputError, newsprism.StoreError, newsprism.ModelError, newsprism.NotFittedError):
        assert issubclass(error, newsprism.NewsprismError)


def test_stream_api_clusters_reports_and_keeps_them(bridge_analyses, tmp_path):
    clusterer = newsprism.StoryClusterer(newsprism.ClusterOptions(cold_after_days=2))
    placed = [clusterer.add(analysis) for analysis in bridge_analyses]
    assert placed[0].new_story and placed[1].story_id == placed[0].story_id
    assert placed[1].evidence["probability_max"] > 0.5
    with newsprism.open_store(tmp_path / "s.db") as store:
        for analysis in bridge_analyses:
            store.add(analysis)
        store.save_story(clusterer.stories[placed[0].story_id])
        assert store.get_story(placed[0].story_id).article_ids == [a.article.id for a in bridge_analyses]

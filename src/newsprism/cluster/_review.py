"""The clusterer's review of its own placements: at the end of a batch, and as a story goes cold.

`_refine` says where a report belongs (mean links to the members of nearby stories); this applies it to the
clusterer's stories: a report moves with its copies, a lone report's story is merged away, the stories' records,
word vectors and centroids follow, and every move is recorded with its reason. A mixin of `StoryClusterer`: it
works on the clusterer's indexes and story states, kept in one place with the rest of the clusterer's state.
"""

from __future__ import annotations

import heapq
from datetime import datetime
from typing import TYPE_CHECKING

from newsprism.cluster._lexical import LexicalIndex
from newsprism.cluster._links import ReportVectors, load_link_model
from newsprism.cluster._refine import REFINE_ROUNDS, LinkJudge, Move, MoveRule, best_move, order_of_review
from newsprism.cluster._state import StoryState, single_report
from newsprism.types import Story

if TYPE_CHECKING:
    from newsprism.cluster._online import ClusterOptions


class Review:
    """End-of-batch and going-cold review for `StoryClusterer`, which provides the state below and the methods
    `_merge`, `_reindex` and `_candidate_keys`."""

    options: ClusterOptions
    stories: dict[str, Story]
    events: list[tuple[str, str, str]]
    _lexical: LexicalIndex
    _warm: dict[int, StoryState]
    _by_id: dict[str, StoryState]
    _article_story: dict[str, str]
    _touched: set[int]
    _vectors: dict[str, ReportVectors]  # reports of warm stories
    _fresh: dict[str, None]  # reports placed in this run, in order
    _quiet: list[tuple[datetime, int]]  # (last seen, index key): the cooling heap

    def refine_stories(self) -> list[str]:
        """Move each report placed in this run to the warm story it links to best, if that is not its own (see
        `_refine`). A story's first report stays (it names the story); a report alone in its story takes the
        story with it (a merge). Every move is recorded with its reason. Returns the ids of the stories absorbed.
        """
        judge = self._judge()
        absorbed: list[str] = []
        for _ in range(REFINE_ROUNDS):
            moved = 0
            review = order_of_review(self._vectors, [i for i in self._fresh if i in self._vectors])
            # Reports that share their story first, then reports alone: a misplaced report leaves a story before
            # a lone report is judged against it.
            for article_id, lone_pass in [(i, False) for i in review] + [(i, True) for i in review]:
                state = self._by_id[self._article_story[article_id]]
                if single_report(state.story) != lone_pass or state.index_key not in self._warm:
                    continue
                outcome = self._review(article_id, "at the end of the batch", judge)
                if outcome is not None:
                    moved += 1
                    absorbed += [outcome] if outcome else []
            if not moved:
                break
        return absorbed

    def _judge(self) -> LinkJudge:
        """Links between reports, weighed with the stream's word frequencies as they are now."""
        return LinkJudge(load_link_model(self.options.link_model_path), self._lexical, self._vectors)

    def _review(self, article_id: str, when: str, judge: LinkJudge, only_into: StoryState | None = None) -> str | None:
        """Move one report of this run to the warm story it links to best, if that is not its own: None when it
        stays, else the id of the story absorbed by the move (its own, when it was alone there) or ''."""
        state = self._by_id[self._article_story[article_id]]
        alone = single_report(state.story)
        if not alone and state.first.article.id == article_id:  # the first report names the story
            return None
        nearby = [s for s in self._nearby(article_id, judge) if s.index_key in self._warm]
        rule = MoveRule(
            min_link=self.options.refine_min_link,
            clear_min_link=self.options.refine_clear_min_link,
            clear_ratio=self.options.refine_clear_ratio,
            clear_min_members=self.options.refine_clear_min_members,
        )
        move = best_move(article_id, state, nearby, judge, rule)
        if move is None or (only_into is not None and move.target is not only_into):
            return None
        if not alone:
            self._move(move, when)
            return ""
        clear = (
            ""
            if move.runner_up is None
            else f", {move.link_there / max(move.runner_up, 1e-9):.1f} times its next story's"
        )
        reason = (
            f"reviewed {when}: its only report {article_id} links to {move.target.story.id} "
            f"(mean link probability {move.link_there:.2f}{clear})"
        )
        return self._merge(move.target, state, reason)[1]

    def _nearby(self, article_id: str, judge: LinkJudge) -> list[StoryState]:
        """Warm stories near a placed report, found as an arriving article's candidates are."""
        vectors = self._vectors[article_id]
        keys = self._candidate_keys(vectors.muse, vectors.e5, judge.weights(article_id), self.options.candidates + 1)
        return [self._warm[k] for k in keys]

    def _move(self, move: Move, when: str) -> None:
        """Take a report (and its copies) from one story to another, and record why in both."""
        source, target, article_id = move.source, move.target, move.article_id
        copies = [c for c, original in source.story.duplicates.items() if original == article_id]
        carried = {article_id, *copies}
        source.story.article_ids = [i for i in source.story.article_ids if i not in carried]
        target.story.article_ids += [article_id, *copies]
        for copy in copies:
            target.story.duplicates[copy] = source.story.duplicates.pop(copy)
        for moved_id in carried:
            self._article_story[moved_id] = target.story.id
        vectors = self._vectors[article_id]
        source.vector_sum = source.vector_sum - vectors.muse
        target.vector_sum = target.vector_sum + vectors.muse
        if vectors.e5 is not None:
            source.e5_sum = None if source.e5_sum is None else source.e5_sum - vectors.e5
            target.e5_sum = vectors.e5 if target.e5_sum is None else target.e5_sum + vectors.e5
        source.recent = [a for a in source.recent if a.article.id != article_id]
        self._lexical.remove_from_story(source.index_key, vectors.terms)
        self._lexical.add_to_story(target.index_key, vectors.terms)
        self._describe_again(source)
        self._describe_member(target.story, vectors)
        for state in (source, target):
            self._touched.add(state.index_key)
            if state.index_key in self._warm:
                self._reindex(state)
                if state.story.last_seen is not None:  # its quiet period now counts from this date
                    heapq.heappush(self._quiet, (state.story.last_seen, state.index_key))
        here = f"{move.link_here:.2f}" if move.link_here is not None else "none"
        reason = (
            f"reviewed {when}: mean link probability {move.link_there:.2f} there, {here} with the rest of "
            f"{source.story.id}"
        )
        self.events.append((source.story.id, "move", f"article {article_id} moved to {target.story.id}: {reason}"))
        self.events.append((target.story.id, "move-in", f"article {article_id} came from {source.story.id}: {reason}"))

    @staticmethod
    def _describe_member(story: Story, vectors: ReportVectors) -> None:
        """Add one report's outlet, language and date to a story's record."""
        if vectors.outlet and vectors.outlet not in story.outlets:
            story.outlets.append(vectors.outlet)
        if vectors.language and vectors.language not in story.languages:
            story.languages.append(vectors.language)
        if vectors.published:
            story.first_seen = min(filter(None, [story.first_seen, vectors.published]))
            story.last_seen = max(filter(None, [story.last_seen, vectors.published]))

    def _describe_again(self, state: StoryState) -> None:
        """Outlets, languages and dates of a story that lost a report, from its members, when all are known (a
        restored story whose older reports were not loaded keeps its record as it was)."""
        story = state.story
        originals = [i for i in story.article_ids if i not in story.duplicates]
        if not all(i in self._vectors for i in originals):
            return
        story.outlets, story.languages, story.first_seen, story.last_seen = [], [], None, None
        for article_id in originals:
            self._describe_member(story, self._vectors[article_id])

    def _review_going_cold(self, state: StoryState) -> bool:
        """Review a story about to go cold (in a dated stream the end of the batch finds only the last days warm):
        its own reports of this run, then the lone reports of this run near it, which may belong to it (the last
        chance to join it). True when the story stays warm: merged into a warm one, or a lone report merged in."""
        own = [i for i in state.story.article_ids if i in self._fresh and i in self._vectors]
        judge = self._judge()
        for article_id in own:
            if self._review(article_id, "as its story went cold", judge):
                return True
        lone = {
            near.first.article.id
            for article_id in own
            if article_id in self._vectors
            for near in self._nearby(article_id, judge)
            if near is not state and single_report(near.story) and near.first.article.id in self._fresh
        }
        absorbed = [
            self._review(i, "as a story near it went cold", judge, only_into=state)
            for i in sorted(lone)
            if i in self._vectors
        ]
        return any(absorbed) and state.index_key in self._warm and state.story.id in self.stories

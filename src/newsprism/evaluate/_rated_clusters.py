"""Clustering judged by human-rated pairs: does a stream put the reports people call one story together?

Gold story streams (BASIL, AllSides) are English. SemEval's rated pairs cover ten languages and cross-lingual
pairs, but they are pairs, not stories, so B-cubed cannot use them. Instead every text of the rated pairs is
clustered as one undated stream, and each pair is looked up afterwards: a pair rated very similar overall
(`RATED_SAME_MAX_OVERALL`) should share a story, a pair rated dissimilar (`RATED_DIFFERENT_MIN_OVERALL`) should
not; pairs rated in between are left out. The same cut-offs decide which rated pairs train the same-story model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsprism.evaluate._semeval import RatedPair
from newsprism.types import DIMENSIONS

# Rated SemEval pairs this similar (Overall, 1–4) count as one story, this dissimilar as two; between is unsure.
RATED_SAME_MAX_OVERALL = 1.5
RATED_DIFFERENT_MIN_OVERALL = 3.0

_OVERALL = DIMENSIONS.index("overall")


@dataclass(frozen=True, slots=True)
class PairVerdicts:
    """How many rated-same and rated-different pairs of one group ended up in one story."""

    same: int = 0
    same_together: int = 0
    different: int = 0
    different_together: int = 0

    @property
    def recall(self) -> float:
        """Share of the pairs rated one story that the clustering put together."""
        return self.same_together / self.same if self.same else float("nan")

    @property
    def false_joins(self) -> float:
        """Share of the pairs rated different stories that the clustering put together."""
        return self.different_together / self.different if self.different else float("nan")

    def add(self, rated_same: bool, together: bool) -> PairVerdicts:
        if rated_same:
            return PairVerdicts(self.same + 1, self.same_together + together, self.different, self.different_together)
        return PairVerdicts(self.same, self.same_together, self.different + 1, self.different_together + together)

    def line(self, name: str) -> str:
        return (
            f"{name:<10} same n={self.same:<4} together={self.recall:.3f}   "
            f"different n={self.different:<4} together={self.false_joins:.3f}"
        )


def rated_clearly(pair: RatedPair) -> bool | None:
    """True for a pair rated one story, False for one rated different stories, None in between or unrated."""
    rated = pair.scores[_OVERALL]
    if rated <= RATED_SAME_MAX_OVERALL:
        return True
    return False if rated >= RATED_DIFFERENT_MIN_OVERALL else None


def rated_verdicts(pairs: list[RatedPair], same_story: Callable[[int], bool]) -> dict[str, PairVerdicts]:
    """Verdicts per language pair and over all (`"all"`, `"same-lang"`, `"cross-lang"`); `same_story(i)` says
    whether the clustering put the two texts of row i in one story."""
    verdicts: dict[str, PairVerdicts] = {}
    for index, pair in enumerate(pairs):
        one_story = rated_clearly(pair)
        if one_story is None:
            continue
        together = same_story(index)
        kind = "same-lang" if pair.lang1 == pair.lang2 else "cross-lang"
        for key in ("all", kind, pair.language_pair):
            verdicts[key] = verdicts.get(key, PairVerdicts()).add(one_story, together)
    return verdicts


def verdict_lines(verdicts: dict[str, PairVerdicts]) -> list[str]:
    """Summary groups first, then one line per language pair, then the two machine-readable figures."""
    summary = [key for key in ("all", "same-lang", "cross-lang") if key in verdicts]
    heading = (
        f"# rated pairs put in one story: rated one story (Overall <= {RATED_SAME_MAX_OVERALL}), "
        f"rated different stories (Overall >= {RATED_DIFFERENT_MIN_OVERALL})"
    )
    lines = [heading, *(verdicts[key].line(key) for key in summary)]
    lines += [verdicts[key].line(key) for key in sorted(set(verdicts) - set(summary))]
    overall = verdicts.get("all", PairVerdicts())
    lines.append(f"rated_same_together={overall.recall:.4f}")
    lines.append(f"rated_different_together={overall.false_joins:.4f}")
    return lines

"""Coverage against hand-written gold: shared facts, conflicts, citations, speakers, aliases and dates.

A case is a folder with two reports (`a.txt`, `b.txt`) and a `gold.json` in the format of the project's coverage
gold: every gold string is an exact substring of its report. The figures are read from the comparison's JSON form
(the same dict `newsprism compare --format json` prints), so what is measured is what users get. Matching is by
text: a fact matches a gold string when either contains the other (whitespace aside).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism._errors import InputError
from newsprism.analyze import alias_key
from newsprism.ingest._text import _FRONT_MATTER

ARTICLE_FILES = ("a.txt", "b.txt")
GOLD_FILE = "gold.json"
_SIDES = {"a": 0, "b": 1}


@dataclass(frozen=True, slots=True)
class CoverageCase:
    """One pair of reports and what a careful reader says of their coverage."""

    name: str
    paths: tuple[Path, Path]
    gold: dict[str, Any]


@dataclass(slots=True)
class Tally:
    """A hit count over a total, printed as a ratio."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += int(hit)
        self.total += 1

    def text(self) -> str:
        ratio = f"{self.hits / self.total:.3f}" if self.total else "nan"
        return f"{ratio} ({self.hits}/{self.total})"


@dataclass(slots=True)
class CoverageScores:
    """Every coverage figure, summed over cases."""

    shared_recall: Tally = field(default_factory=Tally)
    false_pairing: Tally = field(default_factory=Tally)
    conflict_recall: Tally = field(default_factory=Tally)
    conflict_kind: Tally = field(default_factory=Tally)
    conflict_precision: Tally = field(default_factory=Tally)
    citation_precision: Tally = field(default_factory=Tally)
    quote_recall: Tally = field(default_factory=Tally)
    speaker_accuracy: Tally = field(default_factory=Tally)
    alias_recall: Tally = field(default_factory=Tally)
    date_accuracy: Tally = field(default_factory=Tally)
    verdict_accuracy: Tally = field(default_factory=Tally)

    def lines(self) -> list[str]:
        return [f"{name}={getattr(self, name).text()}" for name in self.__slots__]

    def merge(self, other: CoverageScores) -> None:
        for name in self.__slots__:
            mine, theirs = getattr(self, name), getattr(other, name)
            mine.hits += theirs.hits
            mine.total += theirs.total


def _normal(text: str) -> str:
    return " ".join(text.split())


def matches(fact: str, gold: str) -> bool:
    """A fact states a gold string when either text contains the other."""
    fact, gold = _normal(fact), _normal(gold)
    return bool(fact and gold) and (gold in fact or fact in gold)


def report_text(path: Path) -> str:
    """A report's title and body as the gold strings see it: the file without its front matter."""
    raw = path.read_text(encoding="utf-8")
    found = _FRONT_MATTER.match(raw)
    return raw[found.end() :] if found else raw


def find_cases(paths: Iterable[Path]) -> Iterator[CoverageCase | InputError]:
    """Every case folder under `paths` (a case folder itself, or a folder of them), in name order."""
    for root in paths:
        if (root / GOLD_FILE).is_file():
            folders = [root]
        else:
            folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
        if not folders:
            yield InputError(str(root), "no coverage case here (a folder with a.txt, b.txt and gold.json)")
            continue
        for folder in folders:
            try:
                yield read_case(folder)
            except InputError as error:
                yield error


def read_case(folder: Path) -> CoverageCase:
    """Read and check one case: each gold string must occur exactly once in its report, each alias in one report
    at least."""
    paths = tuple(folder / name for name in ARTICLE_FILES)
    missing = [p.name for p in (*paths, folder / GOLD_FILE) if not p.is_file()]
    if missing:
        raise InputError(str(folder), f"missing {', '.join(missing)}")
    try:
        gold = json.loads((folder / GOLD_FILE).read_text(encoding="utf-8"))
        texts = [report_text(p) for p in paths]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(folder), f"unreadable case ({exc})") from exc
    for side, string in _gold_strings(gold):
        count = texts[side].count(string)
        if count != 1:
            raise InputError(str(folder), f"gold string {string[:60]!r} occurs {count} times in {ARTICLE_FILES[side]}")
    for names in gold.get("aliases", []):
        absent = [name for name in names if not any(_stands_alone(name, names, text) for text in texts)]
        if absent:
            raise InputError(str(folder), f"alias {absent[0][:60]!r} occurs on its own in neither report")
    return CoverageCase(folder.name, paths, gold)  # type: ignore[arg-type]


def _stands_alone(name: str, group: list[str], text: str) -> bool:
    """Whether `name` occurs in `text` other than inside a longer name of its group ("Okafor" in "Rosalind Okafor")."""
    inside = sum(text.count(other) for other in group if other != name and name in other)
    return text.count(name) > inside


def _gold_strings(gold: dict[str, Any]) -> Iterator[tuple[int, str]]:
    for row in gold.get("shared", []) + gold.get("conflicts", []):
        yield 0, row["a"]
        yield 1, row["b"]
    yield from ((0, s) for s in gold.get("only_a", []))
    yield from ((1, s) for s in gold.get("only_b", []))
    yield from ((_SIDES[q["article"]], q["text"]) for q in gold.get("quotes", []))
    yield from ((_SIDES[d["article"]], d["text"]) for d in gold.get("dates", []))


def _has(group: dict[str, Any], article: int, gold: str) -> bool:
    return any(f["article"] == article and matches(f["text"], gold) for f in group["facts"])


def _holds_pair(groups: list[dict[str, Any]], row: dict[str, Any]) -> bool:
    return any(_has(g, 0, row["a"]) and _has(g, 1, row["b"]) for g in groups)


def score_case(case: CoverageCase, data: dict[str, Any]) -> CoverageScores:
    """The figures of one case, from the JSON form of its comparison."""
    gold, scores = case.gold, CoverageScores()
    scores.verdict_accuracy.add(data["same_story"] == gold.get("same_story", True))
    _score_facts(gold, data, scores)
    _score_summary(gold, data, scores)
    _score_quotes(gold, data, scores)
    for names in gold.get("aliases", []):
        forms = [{_normal(f) for fs in e["forms"].values() for f in fs} for e in data["entities"]]
        scores.alias_recall.add(any({_normal(n) for n in names} <= held for held in forms))
    for row in gold.get("dates", []):
        article = _SIDES[row["article"]]
        scores.date_accuracy.add(
            any(
                d["article"] == article and matches(d["text"], row["text"]) and d["date"] == row["date"]
                for d in data["dates"]
            )
        )
    return scores


def _score_facts(gold: dict[str, Any], data: dict[str, Any], scores: CoverageScores) -> None:
    shared, conflicting = data["facts"]["shared"], data["facts"]["conflicting"]
    for row in gold.get("shared", []):
        scores.shared_recall.add(_holds_pair(shared, row))
    only = [(0, s) for s in gold.get("only_a", [])] + [(1, s) for s in gold.get("only_b", [])]
    if gold.get("same_story", True):
        for group in shared:
            scores.false_pairing.add(any(_has(group, side, s) for side, s in only))
    for row in gold.get("conflicts", []):
        found = [g for g in conflicting if _has(g, 0, row["a"]) and _has(g, 1, row["b"])]
        scores.conflict_recall.add(bool(found))
        if found:
            scores.conflict_kind.add(any(g.get("kind") == row["kind"] for g in found))
    for group in conflicting:
        scores.conflict_precision.add(
            any(_has(group, 0, row["a"]) and _has(group, 1, row["b"]) for row in gold.get("conflicts", []))
        )


def _score_summary(gold: dict[str, Any], data: dict[str, Any], scores: CoverageScores) -> None:
    wrong = [*gold.get("only_a", []), *gold.get("only_b", [])]
    wrong += [row[side] for row in gold.get("conflicts", []) for side in "ab"]
    for sentence in data["summary"]:
        if {0, 1} <= set(sentence["articles"]):
            scores.citation_precision.add(not any(matches(sentence["text"], s) for s in wrong))


def _score_quotes(gold: dict[str, Any], data: dict[str, Any], scores: CoverageScores) -> None:
    for row in gold.get("quotes", []):
        article = _SIDES[row["article"]]
        found = [q for q in data["quotes"] if q["article"] == article and _normal(row["text"]) in _normal(q["text"])]
        scores.quote_recall.add(bool(found))
        names = {alias_key(n) for n in [row["speaker"], *row.get("speaker_aliases", [])]}
        scores.speaker_accuracy.add(any(alias_key(q["speaker"]) in names for q in found))


def evaluate_coverage(
    paths: Iterable[Path], compare: Callable[[CoverageCase], dict[str, Any]], on_error: Callable[[str], None]
) -> tuple[CoverageScores, list[tuple[str, CoverageScores]]]:
    """Score every case under `paths` with `compare` (a case → the JSON form of its comparison)."""
    total, per_case = CoverageScores(), []
    for case in find_cases(paths):
        if isinstance(case, InputError):
            on_error(str(case))
            continue
        scores = score_case(case, compare(case))
        per_case.append((case.name, scores))
        total.merge(scores)
    return total, per_case


def compare_case(case: CoverageCase) -> dict[str, Any]:
    """Analyse and compare the two reports of a case, as `newsprism compare a.txt b.txt --format json` does."""
    from newsprism.analyze import analyze_many
    from newsprism.compare import compare_analyses
    from newsprism.ingest import read_article
    from newsprism.report import comparison_dict

    analyses = analyze_many([read_article(path) for path in case.paths])
    return comparison_dict(compare_analyses(analyses))


def coverage_report(paths: Iterable[Path], on_error: Callable[[str], None]) -> str:
    """Per-case figures, then the totals, one `name=ratio (hits/total)` per line."""
    total, per_case = evaluate_coverage(paths, compare_case, on_error)
    if not per_case:
        raise InputError(", ".join(map(str, paths)), "no readable coverage case")
    lines = []
    for name, scores in per_case:
        figures = (line.replace("=", " ").split(" (")[0] for line in scores.lines())
        lines.append(f"{name}: " + ", ".join(f for f in figures if not f.endswith("nan")))
    return "\n".join([*lines, f"cases={len(per_case)}", *total.lines()])

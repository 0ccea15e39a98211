"""Extraction against BASIL's span annotations: quotes (recall, speaker accuracy) and loaded wording (recall).

BASIL marks spans with `quote` = yes and a `speaker`, and spans of `bias` = lex (loaded wording). Offsets in the
files are relative to paragraphs that are not identified, so each span is located by its text in the article.
Speakers named `other_*` (unnamed sources) or empty count for recall but not for speaker accuracy.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsprism.analyze import alias_key, analyze_many
from newsprism.ingest import build_article
from newsprism.types import Analysis

BATCH = 32


@dataclass(slots=True)
class ExtractionScores:
    """Counts behind the BASIL extraction figures."""

    quotes: int = 0
    quotes_found: int = 0
    named_speakers: int = 0
    speakers_right: int = 0
    lex_spans: int = 0
    lex_found: int = 0
    flagged_words: int = 0
    articles: int = 0

    def lines(self) -> list[str]:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.4f}" if b else "nan"

        return [
            f"articles={self.articles}",
            f"quote_recall={ratio(self.quotes_found, self.quotes)} ({self.quotes_found}/{self.quotes})",
            f"speaker_accuracy={ratio(self.speakers_right, self.named_speakers)} "
            f"({self.speakers_right}/{self.named_speakers} found quotes with a named speaker)",
            f"lex_recall={ratio(self.lex_found, self.lex_spans)} ({self.lex_found}/{self.lex_spans})",
            f"loaded_words_flagged_per_article={self.flagged_words / max(self.articles, 1):.1f}",
        ]


def basil_pairs(folder: str | Path) -> Iterator[tuple[dict, dict, Path]]:
    """(article json, annotation json, path) for every annotated BASIL article."""
    root = Path(folder)
    for path in sorted(root.glob("articles/*/*.json")):
        annotation = root / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        if annotation.is_file():
            yield json.loads(path.read_text(encoding="utf-8")), json.loads(annotation.read_text(encoding="utf-8")), path


def _speaker_matches(gold: str, predicted: str) -> bool:
    """Gold "Michael_Steele" matches "Steele", "Michael Steele" or "Mr. Steele"."""
    gold_tokens = alias_key(gold.replace("_", " ")).split()
    predicted_tokens = set(alias_key(predicted).split())
    return bool(gold_tokens) and gold_tokens[-1] in predicted_tokens


def score_article(analysis: Analysis, spans: list[dict], scores: ExtractionScores) -> None:
    full = analysis.article.full_text
    loaded = [(label.start, label.end) for label in analysis.labels if label.loaded]
    scores.articles += 1
    scores.flagged_words += len(loaded)
    for span in spans:
        text = (span.get("txt") or "").strip().strip('“”"')
        start = full.find(text) if text else -1
        if start < 0:
            continue
        end = start + len(text)
        if span.get("quote") == "yes":
            scores.quotes += 1
            hits = [q for q in analysis.quotes if q.start < end and start < q.end]
            if hits:
                scores.quotes_found += 1
                speaker = span.get("speaker") or ""
                if speaker and not speaker.lower().startswith("other"):
                    scores.named_speakers += 1
                    scores.speakers_right += any(_speaker_matches(speaker, q.speaker) for q in hits)
        if span.get("bias") == "lex":
            scores.lex_spans += 1
            scores.lex_found += any(a < end and start < b for a, b in loaded)


def evaluate_basil(folder: str | Path) -> ExtractionScores:
    """Analyse every annotated BASIL article and count what newsprism finds of the annotations."""
    scores = ExtractionScores()
    batch: list[tuple[object, list[dict]]] = []
    for article_json, annotation, path in basil_pairs(folder):
        text = "\n\n".join(" ".join(p) for p in article_json["body-paragraphs"])
        article = build_article(
            str(path),
            {
                "title": article_json["title"],
                "text": text,
                "language": "en",
                "published": article_json.get("date"),
                "outlet": article_json["source"],
            },
        )
        batch.append((article, annotation.get("phrase-level-annotations", [])))
    for start in range(0, len(batch), BATCH):
        chunk = batch[start : start + BATCH]
        for analysis, (_, spans) in zip(analyze_many([a for a, _ in chunk]), chunk, strict=True):
            score_article(analysis, spans, scores)
    return scores

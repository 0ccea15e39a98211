"""Extraction against BASIL's span annotations: quotes (recall, speaker accuracy) and loaded wording (recall).

BASIL marks spans with `quote` = yes and a `speaker`, and spans of `bias` = lex (loaded wording). A span's
`start`/`end` are offsets into one sentence of `body-paragraphs` (which one is not said): a span is placed at the
first sentence where those offsets hold its text, else at the first occurrence of its text in the article.
Speakers named `other_*` (unnamed sources) or empty count for recall but not for speaker accuracy. A speaker label
that names a class of people rather than a person or an organisation ("Democratic_Lawmakers",
"internet_companies": a plural head that is nobody's family name in the article) cannot be checked against the
person the text quotes (Rep. Gregory Meeks); those quotes are counted apart as group speakers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsprism.analyze import alias_key, analyze_many
from newsprism.ingest import build_article
from newsprism.types import Analysis, Article, Quote

BATCH = 32
PARAGRAPH_GLUE = "\n\n"
SENTENCE_GLUE = " "
OFFSET_KEY = "body_offset"  # where `locate_spans` placed a span in the article body


@dataclass(slots=True)
class ExtractionScores:
    """Counts behind the BASIL extraction figures."""

    quotes: int = 0
    quotes_found: int = 0
    named_speakers: int = 0
    speakers_right: int = 0
    group_speakers: int = 0
    groups_right: int = 0
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
            f"({self.speakers_right}/{self.named_speakers} found quotes with a named speaker; "
            f"group speakers {self.groups_right}/{self.group_speakers})",
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


def locate_spans(paragraphs: list[list[str]], spans: list[dict]) -> list[dict]:
    """Copies of the spans with OFFSET_KEY: where each one starts in the body built from `paragraphs`."""
    starts, position = [], 0
    for paragraph in paragraphs:
        for sentence in paragraph:
            starts.append((position, sentence))
            position += len(sentence) + len(SENTENCE_GLUE)
        position += len(PARAGRAPH_GLUE) - len(SENTENCE_GLUE)
    located = []
    for span in spans:
        text, start, end = span.get("txt") or "", span.get("start"), span.get("end")
        at = next((p + start for p, s in starts if isinstance(start, int) and text and s[start:end] == text), None)
        located.append({**span, OFFSET_KEY: at} if at is not None else dict(span))
    return located


def _speaker_matches(gold: str, predicted: str) -> bool:
    """Gold "Michael_Steele" matches "Steele", "Michael Steele" or "Mr. Steele"."""
    gold_tokens = alias_key(gold.replace("_", " ")).split()
    predicted_tokens = set(alias_key(predicted).split())
    return bool(gold_tokens) and gold_tokens[-1] in predicted_tokens


def _quote_matches(gold: str, quote: Quote, family_names: set[str]) -> bool:
    """The gold speaker is the quote's speaker, or, for a gold organisation, the one the speaker's role says it
    speaks for: gold "NAACP" and "Ben Jealous", "president of the NAACP" (BASIL labels a spokesperson's words with
    the organisation). A gold person must be the speaker: "aide to Barack Obama" is not Obama."""
    if _speaker_matches(gold, quote.speaker):
        return True
    return _head(gold) not in family_names and _speaker_matches(gold, quote.role)


def _is_group(gold: str, family_names: set[str]) -> bool:
    """A label for a class of people: its head is a plural that is no person's family name in the article."""
    words = gold.replace("_", " ").split()
    plural = bool(words) and words[-1].lower().endswith("s") and not words[-1].lower().endswith("ss")
    return plural and _head(gold) not in family_names


def _head(gold: str) -> str:
    words = alias_key(gold.replace("_", " ")).split()
    return words[-1] if words else ""


def _family_names(analysis: Analysis) -> set[str]:
    return {e.key.split()[-1] for e in analysis.entities if e.label == "PERSON" and e.key}


def _span_position(full: str, body_offset: int, span: dict) -> tuple[int, int] | None:
    """(start, end) of a span's text, without its quotation marks, in the full text."""
    raw = span.get("txt") or ""
    text = raw.strip().strip('“”"')
    if not text:
        return None
    at = span.get(OFFSET_KEY)
    start = body_offset + at + raw.find(text) if at is not None else full.find(text)
    if start < 0 or full[start : start + len(text)] != text:
        start = full.find(text)
    return (start, start + len(text)) if start >= 0 else None


def _score_quote(analysis: Analysis, span: dict, start: int, end: int, scores: ExtractionScores) -> None:
    scores.quotes += 1
    hits = [q for q in analysis.quotes if q.start < end and start < q.end]
    if not hits:
        return
    scores.quotes_found += 1
    speaker = span.get("speaker") or ""
    if not speaker or speaker.lower().startswith("other"):
        return
    family_names = _family_names(analysis)
    right = any(_quote_matches(speaker, q, family_names) for q in hits)
    if _is_group(speaker, family_names):
        scores.group_speakers += 1
        scores.groups_right += right
    else:
        scores.named_speakers += 1
        scores.speakers_right += right


def score_article(analysis: Analysis, spans: list[dict], scores: ExtractionScores) -> None:
    full = analysis.article.full_text
    loaded = [(label.start, label.end) for label in analysis.labels if label.loaded]
    scores.articles += 1
    scores.flagged_words += len(loaded)
    for span in spans:
        position = _span_position(full, analysis.article.body_offset, span)
        if position is None:
            continue
        start, end = position
        if span.get("quote") == "yes":
            _score_quote(analysis, span, start, end, scores)
        if span.get("bias") == "lex":
            scores.lex_spans += 1
            scores.lex_found += any(a < end and start < b for a, b in loaded)


def basil_articles(folder: str | Path) -> list[tuple[Article, list[dict]]]:
    """Every annotated BASIL article as an `Article` (title, then the body paragraphs) with its located spans."""
    found = []
    for article_json, annotation, path in basil_pairs(folder):
        text = PARAGRAPH_GLUE.join(SENTENCE_GLUE.join(p) for p in article_json["body-paragraphs"])
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
        spans = locate_spans(article_json["body-paragraphs"], annotation.get("phrase-level-annotations", []))
        found.append((article, spans))
    return found


def score_articles(annotated: list[tuple[Article, list[dict]]]) -> ExtractionScores:
    """Analyse the articles in batches and count what newsprism finds of their annotated spans."""
    scores = ExtractionScores()
    for start in range(0, len(annotated), BATCH):
        chunk = annotated[start : start + BATCH]
        for analysis, (_, spans) in zip(analyze_many([a for a, _ in chunk]), chunk, strict=True):
            score_article(analysis, spans, scores)
    return scores

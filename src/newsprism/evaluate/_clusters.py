"""Clustering metrics (B-cubed precision, recall, F1 and ARI) and the gold streams to compute them on.

Gold streams: BASIL (each triplet-uuid is one event covered by three outlets, dated), AllSides/NeuS (each
line of a `.source` file is one story of three reports, undated), and any JSON/JSONL file of articles whose
records carry their story (`labelled_stream`). Undated reports are shuffled with a fixed seed, so the reports
of one story do not arrive together.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsprism._errors import InputError
from newsprism.ingest import build_article, read_fields
from newsprism.types import Article

_ALLSIDES_REPORT = re.compile(r"TITLE=>\s*(?P<title>.*?)\s*ARTICLE=>\s*(?P<text>.*)", re.DOTALL)
SHUFFLE_SEED = 13
# The field of a labelled record that names its gold story, in order of preference.
GOLD_FIELDS = ("story", "story_id", "cluster", "cluster_id", "event", "event_id")


@dataclass(frozen=True, slots=True)
class ClusterScores:
    """B-cubed precision, recall, F1 and the adjusted Rand index of one clustering."""

    precision: float
    recall: float
    f1: float
    ari: float
    items: int
    gold_clusters: int
    predicted_clusters: int

    def line(self, name: str) -> str:
        return (
            f"{name:<10} n={self.items:<6} gold={self.gold_clusters:<5} predicted={self.predicted_clusters:<5} "
            f"P={self.precision:.4f} R={self.recall:.4f} F1={self.f1:.4f} ARI={self.ari:.4f}"
        )


def bcubed(gold: dict[str, str], predicted: dict[str, str]) -> ClusterScores:
    """B-cubed over the items present in both mappings (Bagga & Baldwin 1998)."""
    from sklearn.metrics import adjusted_rand_score

    items = sorted(set(gold) & set(predicted))
    if not items:
        raise ValueError("no item has both a gold and a predicted cluster")
    pairs = Counter((gold[i], predicted[i]) for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    pred_sizes = Counter(predicted[i] for i in items)
    precision = sum(pairs[(gold[i], predicted[i])] / pred_sizes[predicted[i]] for i in items) / len(items)
    recall = sum(pairs[(gold[i], predicted[i])] / gold_sizes[gold[i]] for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ari = adjusted_rand_score([gold[i] for i in items], [predicted[i] for i in items])
    return ClusterScores(precision, recall, f1, float(ari), len(items), len(gold_sizes), len(pred_sizes))


def basil_stream(folder: str | Path) -> list[tuple[Article, str]]:
    """BASIL articles with their event (triplet-uuid) as gold story."""
    stream = []
    for path in sorted(Path(folder).glob("articles/*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(p) for p in data["body-paragraphs"])
        fields = {
            "id": f"basil-{path.stem}",  # the file's name: BASIL's own uuid field is "empty" in a few files
            "title": data["title"],
            "text": text,
            "outlet": data["source"],
            "published": data["date"],
            "url": data.get("url", ""),
            "language": "en",
        }
        stream.append((build_article(str(path), fields), f"basil-{data['triplet-uuid']}"))
    return stream


def allsides_stream(source_file: str | Path, limit: int | None = None, first: int = 1) -> list[tuple[Article, str]]:
    """AllSides/NeuS reports, each line one story of (usually) three reports; lines `first` to `limit` (1-based)."""
    path = Path(source_file)
    stream = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if limit is not None and number > limit:
                break
            if number < first:
                continue
            for index, report in enumerate(line.split(" [SEP] ")):
                match = _ALLSIDES_REPORT.search(report)
                if not match:
                    continue
                fields = {
                    "id": f"allsides-{path.stem}-{number}-{index}",
                    "title": match["title"],
                    "text": match["text"].strip(),
                    "outlet": f"allsides-{index}",
                    "language": "en",
                }
                try:
                    stream.append((build_article(f"{path}:{number}", fields), f"allsides-{path.stem}-{number}"))
                except InputError:
                    continue
    return stream


def labelled_stream(path: str | Path) -> tuple[list[tuple[Article, str]], list[InputError]]:
    """Articles of a JSON or JSON Lines file whose records name their gold story (one of `GOLD_FIELDS`), and the
    records that could not be used. Gold labels are kept apart per file: the same label in two files is two stories."""
    stream, errors = [], []
    for where, fields in read_fields(path):
        if isinstance(fields, InputError):
            errors.append(fields)
            continue
        label = next((fields[name] for name in GOLD_FIELDS if fields.get(name) not in (None, "")), None)
        if label is None:
            errors.append(InputError(where, f"no gold story (one of the fields {', '.join(GOLD_FIELDS)})"))
            continue
        try:
            stream.append((build_article(where, fields), f"{Path(path).name}:{label}"))
        except InputError as exc:
            errors.append(exc)
    return stream, errors


def repeated_ids(stream: list[tuple[Article, str]]) -> dict[str, int]:
    """Ids that more than one report of a gold stream carries, with how often: scores keyed by id would count
    one of them only, so the stream is refused."""
    counts = Counter(article.id for article, _ in stream)
    return {article_id: n for article_id, n in counts.items() if n > 1}


def mixed_stream(parts: Iterable[list[tuple[Article, str]]]) -> list[tuple[Article, str]]:
    """Dated reports in date order, then undated ones in a fixed shuffled order."""
    everything = [item for part in parts for item in part]
    dated = sorted((x for x in everything if x[0].published), key=lambda x: (x[0].published, x[0].id))
    undated = [x for x in everything if not x[0].published]
    random.Random(SHUFFLE_SEED).shuffle(undated)
    return dated + undated

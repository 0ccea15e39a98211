"""Record what the shipped models predict for the input rows of tests/data/model_outputs.json.

Run after the shipped models are retrained and installed. The similarity model's rows are computed again from our
own fixtures (every ordered pair of the example reports and the German fixture), since its features follow the
analysis; the other models' rows (their few evidence columns) stay as recorded. The predictions and the models'
sha256 are replaced, so `tests/test_models.py` checks from then on that the model code keeps scoring those rows
exactly so.

    python tools/record_model_outputs.py
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np

from newsprism.cluster._join import JoinModel
from newsprism.cluster._links import LinkModel
from newsprism.compare._model import SimilarityModel
from newsprism.compare._same_story import SameStoryModel
from newsprism.models import MODEL_FILES, package_dir
from newsprism.models._manifest import file_sha256

OUTPUTS = Path(__file__).resolve().parents[1] / "tests" / "data" / "model_outputs.json"


ROOT = Path(__file__).resolve().parents[1]
FIXTURES = (
    ROOT / "examples" / "harbour-bridge-valeport-courier.txt",
    ROOT / "examples" / "harbour-bridge-eastbank-gazette.html",
    ROOT / "examples" / "orchard-festival.json",
    ROOT / "tests" / "fixtures" / "harbour-bridge-rundschau-de.txt",
)


def similarity_rows(columns: list[str]) -> list[list[float | None]]:
    """Feature rows of every ordered pair of the fixtures, in the model's column order (None where missing)."""
    from newsprism.analyze import analyze_many
    from newsprism.compare import pair_features
    from newsprism.ingest import read_article

    analyses = analyze_many([read_article(path) for path in FIXTURES])
    rows = []
    for a in analyses:
        for b in analyses:
            if a is not b:
                features = pair_features(a, b)[0]
                rows.append([features.get(name) for name in columns])
    return rows


def _rows(rows: list) -> list:
    return [[float("nan") if value is None else value for value in row] for row in rows]


def main() -> None:
    recorded = json.loads(OUTPUTS.read_text(encoding="utf-8"))
    path = {name: package_dir() / MODEL_FILES[name] for name in MODEL_FILES}
    similarity = SimilarityModel.from_file(path["similarity"])
    recorded["similarity"]["rows"] = similarity_rows([str(name) for name in similarity.feature_names_in_])
    recorded["similarity"]["scores"] = np.asarray(similarity.predict(_rows(recorded["similarity"]["rows"]))).tolist()
    same_story = SameStoryModel.from_file(path["same_story"])
    rows = _rows(recorded["same_story"]["rows"])
    recorded["same_story"]["probability"] = same_story.predict_proba(rows)[:, 1].tolist()
    for name, kind in (("story_join", JoinModel), ("report_link", LinkModel)):
        model = kind.from_file(path[name])
        entry = recorded[name]
        entry["probability"] = model.predict_proba(_rows(entry["rows"]), entry["words_count"])[:, 1].tolist()
    recorded["models"] = {name: file_sha256(path[name]) for name in MODEL_FILES}
    recorded["commit"] = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    OUTPUTS.write_text(json.dumps(recorded, indent=1) + "\n", encoding="utf-8")
    print(f"recorded {OUTPUTS} for models {recorded['models']}")


if __name__ == "__main__":
    main()

"""Record what the shipped models predict for the fixed input rows of tests/data/model_outputs.json.

Run after the shipped models are retrained and installed: the rows stay as they are (numbers computed once from our
own fixtures), the predictions and the models' sha256 are replaced, so `tests/test_models.py` checks from then on
that the model code keeps scoring those rows exactly so.

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


def _rows(rows: list) -> list:
    return [[float("nan") if value is None else value for value in row] for row in rows]


def main() -> None:
    recorded = json.loads(OUTPUTS.read_text(encoding="utf-8"))
    path = {name: package_dir() / MODEL_FILES[name] for name in MODEL_FILES}
    similarity = SimilarityModel.from_file(path["similarity"])
    recorded["similarity"]["scores"] = np.asarray(similarity.predict(recorded["similarity"]["rows"])).tolist()
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

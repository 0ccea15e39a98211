"""The coverage harness: gold cases checked on reading, figures read from the JSON of compare."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism._errors import InputError
from newsprism.cli import app
from newsprism.evaluate._coverage import read_case, score_case

CASES = Path(__file__).parent / "data" / "coverage"


def _write_case(folder: Path, gold: dict) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text("---\noutlet: A\n---\nTitle A\n\nTwo people were hurt in the fire.\n")
    (folder / "b.txt").write_text("---\noutlet: B\n---\nTitle B\n\nFive people were hurt in the blaze.\n")
    (folder / "gold.json").write_text(json.dumps(gold))
    return folder


def test_a_gold_string_missing_from_its_report_is_refused(tmp_path):
    folder = _write_case(tmp_path / "bad", {"only_a": ["Three people were hurt"]})
    with pytest.raises(InputError, match=r"occurs 0 times in a\.txt"):
        read_case(folder)


def test_scores_come_from_the_comparison_json(tmp_path):
    gold = {"conflicts": [{"a": "Two people were hurt", "b": "Five people were hurt", "kind": "number"}]}
    case = read_case(_write_case(tmp_path / "case", gold))
    found = {"facts": [{"article": 0, "text": "Two people were hurt in the fire"}]}
    found["facts"].append({"article": 1, "text": "Five people were hurt in the blaze"})
    data = {"same_story": True, "facts": {"shared": [], "conflicting": [{"kind": "number", **found}]}}
    data |= {"summary": [], "quotes": [], "entities": [], "dates": []}
    scores = score_case(case, data)
    assert (scores.conflict_recall.hits, scores.conflict_precision.hits, scores.conflict_kind.hits) == (1, 1, 1)
    data["facts"]["conflicting"][0]["kind"] = "date"
    assert score_case(case, data).conflict_kind.hits == 0


def test_eval_coverage_prints_every_figure_for_a_case():
    result = CliRunner().invoke(app, ["eval", "coverage", str(CASES / "case01")])
    assert result.exit_code == 0, result.output
    figures = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    assert figures["cases"] == "1"
    assert {"shared_recall", "false_pairing", "conflict_recall", "citation_precision", "alias_recall"} <= set(figures)
    assert figures["conflict_recall"].endswith("/2)")

"""The SemEval harness on the human-rated sample: reading, grouping, and the printed report."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.evaluate import read_pairs

pytestmark = pytest.mark.data


def test_translated_pairs_share_a_group(shared_data):
    pairs = read_pairs(shared_data / "semeval2022-task8" / "train-sample.csv")
    assert len(pairs) == 1283
    suffixed = [p for p in pairs if p.pair_id != p.group]
    assert suffixed and all(not any(ch.isalpha() for ch in p.group) for p in suffixed)


def _training_rows(shared_data, target, count: int | None = None):
    """The first `count` rows of the training CSV, written as a CSV of their own (another file, same texts)."""
    import csv
    import io

    source = (shared_data / "semeval2022-task8" / "train-sample.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(source)))
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[:count])
    return target


def test_eval_semeval_refuses_the_training_csv(shared_data):
    result = CliRunner().invoke(app, ["eval", "semeval", str(shared_data / "semeval2022-task8" / "train-sample.csv")])
    assert result.exit_code == 1
    assert "refusing in-sample figures" in result.stderr and "similarity was fitted on" in result.stderr
    assert "overall_pearson" not in result.stdout


def test_eval_semeval_refuses_rows_of_the_training_csv_copied_into_another_file(shared_data, tmp_path):
    subset = _training_rows(shared_data, tmp_path / "subset.csv", 5)
    result = CliRunner().invoke(app, ["eval", "semeval", str(subset), "--quiet"])
    assert result.exit_code == 1 and "refusing in-sample figures" in result.stderr


@pytest.mark.slow
def test_eval_semeval_allowed_in_sample_marks_every_figure(shared_data, tmp_path):
    subset = _training_rows(shared_data, tmp_path / "subset.csv", 120)
    result = CliRunner().invoke(app, ["eval", "semeval", str(subset), "--allow-in-sample", "--quiet"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("# in_sample=true")
    figures = [line for line in lines if not line.startswith("#") and any(ch.isdigit() for ch in line)]
    assert figures and all(line.endswith(" in_sample=true") for line in figures)
    assert lines[-1].startswith("overall_pearson=")
    assert float(lines[-1].split()[0].split("=")[1]) > 0.5  # fitted on these rows: a sanity floor, not a score
    assert any(line.startswith("en-en") for line in lines)


def test_csv_without_required_columns_is_an_input_error(tmp_path):
    from newsprism import InputError

    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="missing CSV columns"):
        read_pairs(bad)

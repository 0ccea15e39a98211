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


@pytest.mark.slow
def test_eval_semeval_prints_pearson_per_dimension(shared_data, tmp_path):
    source = (shared_data / "semeval2022-task8" / "train-sample.csv").read_text(encoding="utf-8")
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(source)))
    subset = tmp_path / "subset.csv"
    with subset.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[:120])
    result = CliRunner().invoke(app, ["eval", "semeval", str(subset), "--quiet"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith("overall_pearson=")
    assert float(lines[-1].split("=")[1]) > 0.5  # the model was fitted on these rows: a sanity floor, not a score
    assert any(line.startswith("en-en") for line in lines)


def test_csv_without_required_columns_is_an_input_error(tmp_path):
    from newsprism import InputError

    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="missing CSV columns"):
        read_pairs(bad)

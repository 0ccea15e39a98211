"""Write the word lists newsprism ships as data, from the packages they come from.

Run: python tools/build_word_lists.py (needs spaCy and textblob installed; newsprism itself reads only the files
this writes, so that no command imports a whole library for a list of words).

- `stop_words.json`: spaCy's function-word list of every language it has one for (importing
  `spacy.lang.<code>` for it costs seconds for some languages: French reads its whole tokenizer data).
- `subjective_adjectives.txt`: the strongly subjective, strongly polar one-word adjectives of the
  pattern/TextBlob subjectivity lexicon (importing textblob imports NLTK and SciPy).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import xml.etree.ElementTree as ET
from pathlib import Path

import spacy.lang

OUT = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "analyze" / "data"
# Lexicon adjectives count as loaded only when this subjective and this polar.
MIN_SUBJECTIVITY = 0.8
MIN_ABS_POLARITY = 0.5


def spacy_stop_words() -> dict[str, list[str]]:
    """Language code -> sorted lower-cased stop words, for every spaCy language whose list imports here."""
    lists = {}
    for info in pkgutil.iter_modules(spacy.lang.__path__):
        if not info.ispkg or not info.name.isalpha():
            continue
        try:
            module = importlib.import_module(f"spacy.lang.{info.name}.stop_words")
        except ImportError:
            continue
        words = sorted({word.lower() for word in getattr(module, "STOP_WORDS", ())})
        if words:
            lists[info.name] = words
    return lists


def subjective_adjectives() -> list[str]:
    """Forms whose senses average at least MIN_SUBJECTIVITY subjectivity and MIN_ABS_POLARITY |polarity|."""
    import textblob

    path = Path(textblob.__file__).parent / "en" / "en-sentiment.xml"
    senses: dict[str, list[tuple[float, float]]] = {}
    for word in ET.parse(path).getroot():
        form = (word.get("form") or "").lower()
        senses.setdefault(form, []).append((float(word.get("polarity", 0)), float(word.get("subjectivity", 0))))
    chosen = []
    for form, values in senses.items():
        polarity = sum(p for p, _ in values) / len(values)
        subjectivity = sum(s for _, s in values) / len(values)
        if subjectivity >= MIN_SUBJECTIVITY and abs(polarity) >= MIN_ABS_POLARITY and form and " " not in form:
            chosen.append(form)
    return sorted(chosen)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    stop = spacy_stop_words()
    (OUT / "stop_words.json").write_text(json.dumps(stop, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    adjectives = subjective_adjectives()
    (OUT / "subjective_adjectives.txt").write_text("\n".join(adjectives) + "\n", encoding="utf-8")
    print(f"stop_words.json: {len(stop)} languages; subjective_adjectives.txt: {len(adjectives)} words")


if __name__ == "__main__":
    main()

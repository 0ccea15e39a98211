"""What the CLI commands do, as plain typed functions returning the text to print."""

from __future__ import annotations

import json
from pathlib import Path

from newsprism._console import Console
from newsprism._errors import InputError
from newsprism.analyze import analyze_many
from newsprism.compare import compare_analyses
from newsprism.ingest import ReadOptions, read_article
from newsprism.report import render_comparison
from newsprism.types import Analysis, Article


def _load(source: str, published: str | None, db: str | Path | None) -> Article | Analysis:
    """A file path, or else the id of an article in the store."""
    if Path(source).exists() or (db is None and not _default_store_exists()):
        return read_article(source, ReadOptions(published=published))
    from newsprism.analyze._pipeline import ANALYSIS_VERSION
    from newsprism.store import open_store

    with open_store(db) as store:
        analysis = store.get_analysis(source)
    if analysis is None:
        raise InputError(source, "no such file, and no stored article with this id")
    # An analysis of another version is made again: reports analysed by two versions are never compared.
    return analysis if analysis.version == ANALYSIS_VERSION else analysis.article


def _default_store_exists() -> bool:
    from newsprism.store import default_db_path

    return default_db_path().exists()


def compare_sources(
    sources: list[str], published: list[str | None], output_format: str, db: str | Path | None, console: Console
) -> str:
    """Compare articles given as files or stored ids and render the result."""
    loaded = [_load(s, published[i] if i < len(published) else None, db) for i, s in enumerate(sources)]
    pending = [x for x in loaded if isinstance(x, Article)]
    console.debug(f"analysing {len(pending)} article(s)")
    fresh = iter(analyze_many(pending))
    analyses = [next(fresh) if isinstance(x, Article) else x for x in loaded]
    return render_comparison(compare_analyses(analyses), output_format)


def analyze_file(source: Path, published: str | None) -> str:
    """The analysis of one article as JSON."""
    from newsprism.store._codec import analysis_to_json, article_to_row

    analysis = analyze_many([read_article(source, ReadOptions(published=published))])[0]
    data = {"article": article_to_row(analysis.article), **json.loads(analysis_to_json(analysis))}
    data.pop("e5", None)  # a vector in base64 tells a reader nothing (the MUSE vectors are not shown either)
    return json.dumps(data, ensure_ascii=False, indent=2)


# Reports of a story beyond this many are left out of its coverage view (copies never enter it).
STORY_REPORT_MAX_ARTICLES = 8


def story_report(story_id: str, output_format: str, db: str | Path | None) -> str:
    """The coverage view of a stored story: its distinct reports compared side by side."""
    from newsprism.store import open_store

    with open_store(db) as store:
        story = store.get_story(story_id)
        if story is None:
            raise InputError(story_id, "no such story in the store")
        ids = [i for i in story.article_ids if i not in story.duplicates][:STORY_REPORT_MAX_ARTICLES]
        analyses = [a for a in (store.get_analysis(i) for i in ids) if a is not None]
    if len(analyses) < 2:
        raise InputError(story_id, f"story has {len(analyses)} distinct report(s); a coverage view needs two")
    from newsprism.pipeline import current_analyses

    return render_comparison(compare_analyses(current_analyses(analyses)), output_format)

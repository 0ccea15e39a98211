"""Evaluation that refuses its own training data.

Before an `eval` command prints a figure, the texts it is about to score are fingerprinted and compared with the
manifests of the models it runs. A figure on texts a model was fitted (or tuned) on measures memory, not skill:
it is refused, or, when asked for with `allow_in_sample`, every figure line is marked `in_sample=true`. A model
without a manifest cannot be checked, so it is treated like one that saw the data.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsprism._errors import NewsprismError
from newsprism.models import models_in_use


class InSampleError(NewsprismError):
    """Evaluation data overlaps what the models being evaluated were trained on."""


@dataclass(frozen=True, slots=True)
class Overlap:
    """Texts of the evaluation data one model learned from, by one use of one data file."""

    model: str
    data: str
    role: str
    used: str
    texts: int

    def describe(self) -> str:
        how = "fitted" if self.role == "fit" else "tuned"
        return f"{self.model} was {how} on {self.texts} of them ({self.data}, {self.used})"


@dataclass(frozen=True, slots=True)
class Provenance:
    """What the check found for one evaluation: the texts checked, the overlaps, and models without a manifest."""

    texts: int
    models: tuple[str, ...]
    overlaps: tuple[Overlap, ...]
    unchecked: tuple[str, ...]

    @property
    def in_sample(self) -> bool:
        return bool(self.overlaps or self.unchecked)

    def problem(self) -> str:
        parts = [o.describe() for o in self.overlaps]
        parts += [f"{name} has no manifest, so its training data is unknown" for name in self.unchecked]
        return f"{self.texts} texts checked: " + "; ".join(parts)

    def heading(self) -> str:
        if not self.in_sample:
            return (
                f"# in_sample=false: none of the {self.texts} texts was used to fit or tune the models run "
                f"({', '.join(self.models)}), by their manifests"
            )
        return f"# in_sample=true: {self.problem()}"

    def mark(self, lines: list[str]) -> list[str]:
        """The report with its provenance heading; in sample, every figure line carries `in_sample=true`."""
        if not self.in_sample:
            return [self.heading(), *lines]
        marked = [f"{line} in_sample=true" if _is_figure(line) else line for line in lines]
        return [self.heading(), *marked]


def _is_figure(line: str) -> bool:
    return not line.startswith("#") and any(ch.isdigit() for ch in line)


def check_provenance(fingerprints: set[str], models: tuple[str, ...]) -> Provenance:
    """Compare the fingerprints of the evaluation texts with the manifests of the models in use."""
    overlaps, unchecked = [], []
    for model in models_in_use(models):
        if model.manifest is None:
            unchecked.append(model.name)
            continue
        for use in model.manifest.data:
            count = use.overlap(fingerprints)
            if count:
                overlaps.append(Overlap(model.name, use.name, use.role, use.used, count))
    return Provenance(len(fingerprints), models, tuple(overlaps), tuple(unchecked))


def guard(fingerprints: set[str], models: tuple[str, ...], allow_in_sample: bool) -> Provenance:
    """The provenance of an evaluation; raises `InSampleError` on overlap unless in-sample figures are allowed."""
    provenance = check_provenance(fingerprints, models)
    if provenance.in_sample and not allow_in_sample:
        raise InSampleError(
            f"refusing in-sample figures: {provenance.problem()}. Evaluate on data no model was trained on, "
            "or pass --allow-in-sample to print them marked in_sample=true"
        )
    return provenance

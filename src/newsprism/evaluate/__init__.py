"""Evaluate: the harnesses behind `newsprism eval` (SemEval similarity, clustering, extraction)."""

from newsprism.evaluate._semeval import RatedPair, Report, feature_rows, pearson, read_pairs, score_report
from newsprism.evaluate._training import fit_full, grouped_cv

__all__ = ["RatedPair", "Report", "feature_rows", "fit_full", "grouped_cv", "pearson", "read_pairs", "score_report"]

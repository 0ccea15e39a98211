"""Evaluate: the harnesses behind `newsprism eval` (SemEval similarity, clustering, extraction)."""

from newsprism.evaluate._semeval import RatedPair, Report, feature_rows, pearson, read_pairs, score_report

__all__ = ["RatedPair", "Report", "feature_rows", "pearson", "read_pairs", "score_report"]

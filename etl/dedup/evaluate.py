"""Scoring a clustering against known groups: pair precision and recall, merged negatives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PairScores:
    precision: float  # of the pairs put in one story, the share that are truly one story
    recall: float  # of the truly same-story pairs, the share put in one story
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int


def _pairs(counts: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in counts)


def pair_scores(gold: Sequence[str], predicted: Sequence[str]) -> PairScores:
    """Pair-counting scores of ``predicted`` labels against ``gold`` labels (same length)."""
    true_pairs = _pairs(Counter(gold).values())
    predicted_pairs = _pairs(Counter(predicted).values())
    correct = _pairs(Counter(zip(gold, predicted)).values())
    return PairScores(
        precision=correct / predicted_pairs if predicted_pairs else 1.0,
        recall=correct / true_pairs if true_pairs else 1.0,
        true_pairs=true_pairs,
        predicted_pairs=predicted_pairs,
        correct_pairs=correct,
    )


def merged_group_pairs(gold: Sequence[str], predicted: Sequence[str], forbidden: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The forbidden (gold group, gold group) pairs that share at least one predicted label."""
    labels: dict[str, set[str]] = {}
    for group, label in zip(gold, predicted):
        labels.setdefault(group, set()).add(label)
    return [(a, b) for a, b in forbidden if labels.get(a, set()) & labels.get(b, set())]

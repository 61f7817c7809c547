"""Stable, vectorised 64-bit hashes of words and word shingles.

Band keys outlive the process (they are stored and joined against later days), so hashes must
not depend on the library version or the interpreter: polars' and Python's built-in hashes do.
Words are hashed here with a polynomial over their UTF-8 bytes and a splitmix64 finaliser, all
in numpy over the whole batch at once: no Python call per word or per shingle.
"""

from __future__ import annotations

import numpy as np

from etl.dedup.params import HASH_SEED, SHINGLE_WORDS
from etl.dedup.ranges import concatenated_ranges

_U64 = np.uint64
_MAX_WORD_BYTES = 64  # bytes past this do not change a word's hash (no real word is that long)
_BYTE_POWERS = np.cumprod(np.full(_MAX_WORD_BYTES, 0x100000001B3, dtype=_U64), dtype=_U64)
# Distinct odd multipliers, one per position inside a shingle, so word order matters.
_POSITION_MULTIPLIERS = (
    np.random.default_rng(HASH_SEED).integers(1, 2**63, size=SHINGLE_WORDS, dtype=np.int64).astype(_U64)
    * _U64(2)
    + _U64(1)
)


def splitmix64(values: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser: spreads every input bit over the whole 64-bit output."""
    with np.errstate(over="ignore"):
        z = values.astype(_U64) + _U64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> _U64(27))) * _U64(0x94D049BB133111EB)
        return z ^ (z >> _U64(31))


def hash_words(data: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """One hash per word; ``data`` is the words' UTF-8 bytes back to back, ``offsets`` their
    boundaries (length words + 1, as in an Arrow string array). Every word must be non-empty."""
    lengths = np.diff(offsets)
    starts = offsets[:-1]
    position = concatenated_ranges(np.zeros_like(starts), lengths)  # of each byte inside its word
    np.minimum(position, _MAX_WORD_BYTES - 1, out=position)
    with np.errstate(over="ignore"):
        terms = data.astype(_U64) * _BYTE_POWERS[position]
        sums = np.add.reduceat(terms, starts)
        return splitmix64(sums ^ (lengths.astype(_U64) * _U64(0x9E3779B97F4A7C15)) ^ _U64(HASH_SEED))


def hash_shingles(word_hashes: np.ndarray, word_counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of every run of SHINGLE_WORDS consecutive words inside each document.

    ``word_hashes`` holds all documents' words back to back, ``word_counts`` how many belong to
    each. A document shorter than a shingle (but not empty) gets one shingle of all its words.
    Returns the shingle hashes back to back and the number per document.
    """
    counts = np.asarray(word_counts, dtype=np.int64)
    total = int(counts.sum())
    k = SHINGLE_WORDS
    padded = np.concatenate([word_hashes.astype(_U64), np.zeros(k, dtype=_U64)])
    # partial[t][i] = combination of words i .. i+t, so a short document can take its whole run.
    partial = []
    with np.errstate(over="ignore"):
        acc = padded[:total] * _POSITION_MULTIPLIERS[0]
        partial.append(acc)
        for t in range(1, k):
            acc = acc + padded[t : t + total] * _POSITION_MULTIPLIERS[t]
            partial.append(acc)
    shingle_counts = np.where(counts >= k, counts - k + 1, np.minimum(counts, 1))
    doc_starts = np.cumsum(counts) - counts
    # Start positions of all shingles: the first shingle_counts[d] words of each document d.
    starts = concatenated_ranges(doc_starts, shingle_counts)
    span = np.repeat(np.minimum(counts, k), shingle_counts)  # words combined: k, or fewer if short
    combined = partial[-1][starts]
    short = span < k
    if short.any():
        stacked = np.stack(partial)
        combined[short] = stacked[span[short] - 1, starts[short]]
    return splitmix64(combined), shingle_counts

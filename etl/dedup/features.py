"""Everything deduplication computes from a batch of texts, in one vectorised pass."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from etl.dedup.hashing import hash_shingles, hash_words, splitmix64
from etl.dedup.minhash import signatures
from etl.dedup.tokens import tokenize

# Documents are hashed in blocks of about this many words: per-word temporaries of a whole
# batch spend more time in page faults than in arithmetic.
_WORDS_PER_BLOCK = 200_000


@dataclass(frozen=True)
class Features:
    shingles: np.ndarray  # uint64 shingle hashes of all documents back to back (repeats kept)
    shingle_counts: np.ndarray  # int64 per document; 0 for a text without words
    fingerprints: np.ndarray  # uint64 hash of the normalised word sequence; 0 when empty
    signatures: np.ndarray  # (documents x NUM_PERM) uint32 MinHash signatures

    @property
    def shingle_starts(self) -> np.ndarray:
        return np.cumsum(self.shingle_counts) - self.shingle_counts

    def shingles_of(self, doc: int) -> np.ndarray:
        start = int(self.shingle_starts[doc])
        return self.shingles[start : start + int(self.shingle_counts[doc])]


def featurize(texts: Sequence[object]) -> Features:
    """Shingles, exact-text fingerprints and signatures of every text (None or junk: empty)."""
    words = tokenize(texts)
    counts = words.counts
    word_ends = np.cumsum(counts)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    first = 0
    while first < counts.size:
        base = word_ends[first] - counts[first]
        last = max(int(np.searchsorted(word_ends, base + _WORDS_PER_BLOCK, side="right")), first + 1)
        block_counts = counts[first:last]
        bounds = words.offsets[base : word_ends[last - 1] + 1]
        word_hashes = hash_words(words.data[bounds[0] : bounds[-1]], bounds - bounds[0])
        shingles, shingle_counts = hash_shingles(word_hashes, block_counts)
        parts.append(
            (shingles, shingle_counts, _fingerprints(word_hashes, block_counts), signatures(shingles, shingle_counts))
        )
        first = last
    if not parts:
        return Features(np.zeros(0, np.uint64), counts, np.zeros(0, np.uint64), signatures(np.zeros(0, np.uint64), counts))
    return Features(*(np.concatenate(column) for column in zip(*parts)))


def _fingerprints(word_hashes: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Order-sensitive hash of each document's words (0 for a document without words)."""
    out = np.zeros(counts.size, dtype=np.uint64)
    nonempty = counts > 0
    if not nonempty.any():
        return out
    starts = np.cumsum(counts) - counts
    position = np.arange(word_hashes.size, dtype=np.int64) - np.repeat(starts, counts)
    with np.errstate(over="ignore"):
        terms = splitmix64(word_hashes ^ splitmix64(position.astype(np.uint64)))
        sums = np.add.reduceat(terms, starts[nonempty])
    out[nonempty] = splitmix64(sums ^ counts[nonempty].astype(np.uint64)) | np.uint64(1)
    return out

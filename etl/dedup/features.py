"""Everything deduplication computes from a batch of texts, in one vectorised pass."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from etl.dedup.hashing import hash_shingles, hash_words, splitmix64
from etl.dedup.minhash import signatures
from etl.dedup.ranges import concatenated_ranges
from etl.dedup.tokens import as_text, tokenize

# Texts are featurised in blocks of about this many characters: per-word temporaries of a
# whole batch spend more time in page faults than in arithmetic, and 100k articles at once
# would hold gigabytes of them.
_CHARS_PER_BLOCK = 4_000_000


@dataclass(frozen=True)
class Features:
    shingles: np.ndarray  # uint64 shingle hashes of all documents back to back (repeats kept)
    shingle_counts: np.ndarray  # int64 per document; 0 for a text without words
    fingerprints: np.ndarray  # uint64 hash of the normalised word sequence; 0 when empty
    signatures: np.ndarray  # (documents x SIGNATURE_SLOTS) uint32 MinHash signatures

    @property
    def shingle_starts(self) -> np.ndarray:
        return np.cumsum(self.shingle_counts) - self.shingle_counts

    def shingles_of(self, doc: int) -> np.ndarray:
        start = int(self.shingle_starts[doc])
        return self.shingles[start : start + int(self.shingle_counts[doc])]


def featurize(texts: Sequence[object]) -> Features:
    """Shingles, exact-text fingerprints and signatures of every text (None or junk: empty)."""
    items = [as_text(t) for t in texts]
    parts = [_featurize_block(items[first:last]) for first, last in _blocks([len(t) for t in items])]
    if not parts:
        return _featurize_block([])
    return Features(*(np.concatenate([getattr(part, f.name) for part in parts]) for f in fields(Features)))


def _blocks(lengths: list[int]) -> list[tuple[int, int]]:
    """(first, last) text ranges of about _CHARS_PER_BLOCK characters, at least one text each."""
    bounds = []
    first, size = 0, 0
    for i, length in enumerate(lengths):
        size += length
        if size >= _CHARS_PER_BLOCK:
            bounds.append((first, i + 1))
            first, size = i + 1, 0
    if first < len(lengths):
        bounds.append((first, len(lengths)))
    return bounds


def _featurize_block(texts: list[str]) -> Features:
    words = tokenize(texts)
    word_hashes = hash_words(words.vocabulary_data, words.vocabulary_offsets)[words.ids]
    shingles, shingle_counts = hash_shingles(word_hashes, words.counts)
    return Features(shingles, shingle_counts, _fingerprints(word_hashes, words.counts), signatures(shingles, shingle_counts))


def _fingerprints(word_hashes: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Order-sensitive hash of each document's words (0 for a document without words). Word
    hashes are already well mixed, so a position-weighted sum is enough: no per-word mixing.
    Stored (story_bands, FINGERPRINT_BAND) and built from stable hashes only, so a change to
    it must change DEDUP_VERSION like any stored key."""
    out = np.zeros(counts.size, dtype=np.uint64)
    nonempty = counts > 0
    if not nonempty.any():
        return out
    position = concatenated_ranges(np.zeros_like(counts), counts)
    with np.errstate(over="ignore"):
        terms = word_hashes * (position.astype(np.uint64) * np.uint64(2) + np.uint64(1))
        sums = np.add.reduceat(terms, (np.cumsum(counts) - counts)[nonempty])
    out[nonempty] = splitmix64(sums ^ counts[nonempty].astype(np.uint64)) | np.uint64(1)
    return out

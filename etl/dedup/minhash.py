"""MinHash signatures, LSH band keys and the fixed-rate shingle sample, vectorised in numpy.

Signatures use one-permutation hashing (Li, Owen & Zhang 2012) with optimal densification
(Shrivastava 2017): each shingle hash is split once into a bin (low 32 bits, scaled to SIGNATURE_SLOTS
bins) and a value (high 32 bits), and a document's signature slot i is the smallest value in
bin i. That is one pass over the shingles instead of SIGNATURE_SLOTS (the classic scheme's
permutations were most of the signature time), with the same collision probability: two
documents agree on a slot with probability about their Jaccard similarity.
A bin none of a document's shingles fell into borrows the value of the first non-empty bin
in a fixed random probe order of its own, so similar documents borrow alike.
"""

from __future__ import annotations

import numpy as np

from etl.dedup.hashing import splitmix64
from etl.dedup.params import BANDS, HASH_SEED, SIGNATURE_SLOTS, ROWS_PER_BAND, SAMPLE_BITS

_U64 = np.uint64
_EMPTY = np.uint32(0xFFFFFFFF)
_rng = np.random.default_rng([HASH_SEED, SIGNATURE_SLOTS])
# Row i: the order in which an empty bin i looks for a bin to borrow from (all bins, shuffled).
_PROBE_ORDER = np.stack([_rng.permutation(SIGNATURE_SLOTS) for _ in range(SIGNATURE_SLOTS)])
_BAND_MIX = _rng.integers(1, 2**63, size=ROWS_PER_BAND, dtype=np.int64).astype(_U64) * _U64(2) + _U64(1)


def signatures(shingles: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """(documents x SIGNATURE_SLOTS) uint32 signatures; rows of documents without shingles are all
    0xFFFFFFFF and must not be banded."""
    counts = np.asarray(counts, dtype=np.int64)
    slots = np.full(counts.size * SIGNATURE_SLOTS, _EMPTY, dtype=np.uint32)
    cell = np.repeat(np.arange(counts.size, dtype=np.int64) * SIGNATURE_SLOTS, counts)
    with np.errstate(over="ignore"):
        cell += (((shingles & _U64(0xFFFFFFFF)) * _U64(SIGNATURE_SLOTS)) >> _U64(32)).astype(np.int64)
    np.minimum.at(slots, cell, (shingles >> _U64(32)).astype(np.uint32))
    found = slots.reshape(counts.size, SIGNATURE_SLOTS)
    return _densify(found, counts > 0)


def _densify(found: np.ndarray, has_shingles: np.ndarray) -> np.ndarray:
    """Empty bins of documents with shingles take the value of their first non-empty probe."""
    out = found.copy()
    rows, bins = np.nonzero((found == _EMPTY) & has_shingles[:, None])
    for step in range(SIGNATURE_SLOTS):  # every probe order visits all bins: the loop always finishes
        if rows.size == 0:
            break
        borrowed = found[rows, _PROBE_ORDER[bins, step]]
        ok = borrowed != _EMPTY
        out[rows[ok], bins[ok]] = borrowed[ok]
        rows, bins = rows[~ok], bins[~ok]
    return out


def band_keys(signature_rows: np.ndarray) -> np.ndarray:
    """(documents x BANDS) uint64 keys: documents sharing a key agree on all rows of that band."""
    rows = signature_rows.reshape(signature_rows.shape[0], BANDS, ROWS_PER_BAND).astype(_U64)
    with np.errstate(over="ignore"):
        mixed = (rows * _BAND_MIX).sum(axis=2, dtype=_U64)
        mixed += np.arange(BANDS, dtype=_U64) * _U64(0x9E3779B97F4A7C15)
    return splitmix64(mixed)


def sampled(shingles: np.ndarray) -> np.ndarray:
    """Mask of the shingles in the fixed-rate sample (top SAMPLE_BITS bits zero)."""
    return (shingles >> _U64(64 - SAMPLE_BITS)) == 0

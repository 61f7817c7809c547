"""MinHash signatures, LSH band keys and the fixed-rate shingle sample, vectorised in numpy.

Permutation i maps a 64-bit shingle hash x to the high 32 bits of (a_i * x + b_i) mod 2^64
(multiply-shift hashing, a_i odd); a document's signature is the minimum of each permutation
over its shingles. Permutations are drawn from HASH_SEED, so stored keys are reproducible.
"""

from __future__ import annotations

import numpy as np

from etl.dedup.hashing import splitmix64
from etl.dedup.params import BANDS, HASH_SEED, NUM_PERM, ROWS_PER_BAND, SAMPLE_BITS

_U64 = np.uint64
_rng = np.random.default_rng([HASH_SEED, NUM_PERM])
_PERM_A = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.int64).astype(_U64) * _U64(2) + _U64(1)
_PERM_B = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.int64).astype(_U64)
_BAND_MIX = _rng.integers(1, 2**63, size=ROWS_PER_BAND, dtype=np.int64).astype(_U64) * _U64(2) + _U64(1)
_CHUNK_SHINGLES = 16_384  # shingles per block: keeps the (perm x shingle) block in cache


def signatures(shingles: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """(documents x NUM_PERM) uint32 signatures; rows of documents without shingles are all
    0xFFFFFFFF and must not be banded."""
    counts = np.asarray(counts, dtype=np.int64)
    out = np.full((counts.size, NUM_PERM), np.iinfo(np.uint32).max, dtype=np.uint32)
    ends = np.cumsum(counts)
    starts = ends - counts
    nonempty = np.flatnonzero(counts > 0)
    a = _PERM_A[:, None]
    b = _PERM_B[:, None]
    first = 0
    while first < nonempty.size:
        # Whole documents per block, at least one, about _CHUNK_SHINGLES shingles.
        lo = starts[nonempty[first]]
        last = int(np.searchsorted(ends[nonempty], lo + _CHUNK_SHINGLES, side="right"))
        last = max(last, first + 1)
        docs = nonempty[first:last]
        hi = ends[docs[-1]]
        with np.errstate(over="ignore"):
            block = a * shingles[lo:hi][None, :]
            block += b
        block >>= _U64(32)
        mins = np.minimum.reduceat(block, starts[docs] - lo, axis=1)
        out[docs] = mins.T.astype(np.uint32)
        first = last
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

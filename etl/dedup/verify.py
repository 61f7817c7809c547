"""Exact verification of candidate pairs on their shingle sets.

A candidate becomes an edge when the two texts are equal after normalisation ('exact'), when
the Jaccard similarity of their shingle sets reaches NEAR_JACCARD ('near'), or when the smaller
text, long enough to be a story of its own, is mostly found inside the larger ('contained').

Shared shingles are counted a block of pairs at a time (node_blocks.py): one join over every
paired shingle of 100k articles builds a hash table far beyond the CPU caches, and its cost per
pair then grows with the batch.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from etl.dedup.node_blocks import ROWS_PER_BLOCK, block_items
from etl.dedup.params import CONTAINED_SHARE, MIN_CONTAINED_SHINGLES, NEAR_JACCARD
from etl.dedup.shingle_sets import ShingleSets

EDGES_SCHEMA = {"a": pl.Int64, "b": pl.Int64, "method": pl.String, "score": pl.Float64}


def verify_pairs(pairs: pl.DataFrame, sets: ShingleSets, fingerprints: np.ndarray, rows_per_block: int = ROWS_PER_BLOCK) -> pl.DataFrame:
    """Edges (a, b, method, score) among ``pairs`` (a, b), in their order; ``fingerprints`` is
    indexed by node, 0 for an empty text or one not hashed. Two texts with one fingerprint are
    'exact' without their shingle sets (a node whose keys were reused from the store has none
    unless a pair needs it). Another pair with a node without shingles (no words, or a text
    that could not be loaded) cannot be verified and gives no edge."""
    a = pairs.get_column("a").to_numpy().astype(np.int64)
    b = pairs.get_column("b").to_numpy().astype(np.int64)
    same_text = exact_pairs(a, b, fingerprints)
    verifiable = same_text | ((sets.size[a] > 0) & (sets.size[b] > 0))
    a, b, same_text = a[verifiable], b[verifiable], same_text[verifiable]
    common = np.zeros(a.size, dtype=np.int64)
    common[~same_text] = shared_shingles(a[~same_text], b[~same_text], sets, rows_per_block)
    scored = pl.DataFrame(
        {
            "a": a,
            "b": b,
            "common": common,
            "size_a": sets.size[a],
            "size_b": sets.size[b],
            "same_text": same_text,
        }
    ).with_columns(
        (pl.col("common") / (pl.col("size_a") + pl.col("size_b") - pl.col("common"))).alias("jaccard"),
        pl.min_horizontal("size_a", "size_b").alias("smaller"),
    )
    exact = pl.col("same_text")
    near = pl.col("jaccard") >= NEAR_JACCARD
    containment = pl.col("common") / pl.col("smaller")
    contained = (containment >= CONTAINED_SHARE) & (pl.col("smaller") >= MIN_CONTAINED_SHINGLES)
    return (
        scored.with_columns(
            pl.when(exact).then(pl.lit("exact")).when(near).then(pl.lit("near")).when(contained).then(pl.lit("contained")).alias("method"),
            pl.when(exact).then(1.0).when(near).then(pl.col("jaccard")).otherwise(containment).alias("score"),
        )
        .filter(pl.col("method").is_not_null())
        .select(list(EDGES_SCHEMA))
        .cast(EDGES_SCHEMA)
    )


def exact_pairs(a: np.ndarray, b: np.ndarray, fingerprints: np.ndarray) -> np.ndarray:
    """Mask of the pairs (a[i], b[i]) whose texts have one (non-zero) fingerprint."""
    return (fingerprints[a] == fingerprints[b]) & (fingerprints[a] != 0)


def shared_shingles(a: np.ndarray, b: np.ndarray, sets: ShingleSets, rows_per_block: int = ROWS_PER_BLOCK) -> np.ndarray:
    """Shingles the sets of a[i] and b[i] have in common, for every i, counted in blocks of
    pairs holding about ``rows_per_block`` shingles of both sides."""
    cuts = block_items(sets.size[a] + sets.size[b], rows_per_block)
    common = np.zeros(a.size, dtype=np.int64)
    for first, last in zip(cuts, cuts[1:]):
        found = sets.of(a[first:last]).join(sets.of(b[first:last]), on=["item", "shingle"], how="semi")
        common[first:last] = np.bincount(found.get_column("item").to_numpy(), minlength=last - first)
    return common

"""Candidate pairs from shared keys (LSH band keys and sampled shingles).

Nodes are integers ranked by age: earlier articles have lower numbers, and the window's stored
articles come before the day's. Only pairs with at least one of the day's articles are wanted.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from etl.dedup.node_blocks import block_items
from etl.dedup.params import BUCKET_ALL_PAIRS_MAX, MIN_SHARED_SAMPLES, SAMPLE_BAND, SAMPLE_PREFILTER_SHARE

KEYS_SCHEMA = {"node": pl.Int64, "band": pl.Int16, "key": pl.UInt64}
PAIRS_SCHEMA = {"a": pl.Int64, "b": pl.Int64}


def candidate_pairs(keys: pl.DataFrame, first_new_node: int, sample_sizes: np.ndarray | None = None) -> pl.DataFrame:
    """Pairs (a < b, b >= first_new_node) worth verifying; ``keys`` holds distinct (node, band,
    key) rows, and ``sample_sizes`` each node's sampled shingles when ``keys`` does not hold all
    of them (the window's keys no article of the day shares are left out).

    A pair qualifies when it shares an LSH band key, or enough sampled shingles to make
    containment plausible (SAMPLE_PREFILTER_SHARE of the smaller side's sample). A bucket larger
    than BUCKET_ALL_PAIRS_MAX pairs its members only with its lowest node, which keeps the work
    linear; documents so widely shared reach each other through that node.
    """
    # Most keys belong to one document. A one-column duplicate test drops them before any
    # grouping: hash tables over every key outgrow the CPU caches and cost more per row the
    # larger the batch, so the full-size steps are kept to that one pass and a count.
    shared_keys = keys.filter(pl.col("key").is_duplicated())
    buckets = (
        shared_keys.sort("node")  # lists come out sorted: the first member is the lowest node
        .group_by("band", "key")
        .agg(pl.col("node"))
        .filter(pl.col("node").list.len() >= 2)
        .with_row_index("bucket")
    )
    small = buckets.filter(pl.col("node").list.len() <= BUCKET_ALL_PAIRS_MAX)
    star_pairs = (
        buckets.filter(pl.col("node").list.len() > BUCKET_ALL_PAIRS_MAX)
        .select("band", pl.col("node").list.first().alias("a"), pl.col("node").list.slice(1).alias("b"))
        .explode("b")
    )
    # Pairs are counted a cache-sized slice of buckets at a time: copies of one text share every
    # key, and the rows of all their buckets' pairs before counting would be keys x members^2.
    sizes = small.get_column("node").list.len().to_numpy().astype(np.int64)
    cuts = block_items(sizes * sizes)
    counted = [_count_pairs(_all_pairs(small.slice(first, last - first)), first_new_node) for first, last in zip(cuts, cuts[1:])]
    counted.append(_count_pairs(star_pairs.select("a", "b", "band"), first_new_node))
    shared = pl.concat(counted).group_by("a", "b").agg(pl.col("shared_bands").sum(), pl.col("shared_samples").sum())
    samples = _sample_sizes(keys) if sample_sizes is None else sample_sizes
    smaller_sample = np.minimum(samples[shared.get_column("a").to_numpy()], samples[shared.get_column("b").to_numpy()])
    return (
        shared.with_columns(pl.Series("smaller_sample", smaller_sample))
        .filter(
            (pl.col("shared_bands") > 0)
            | (
                (pl.col("shared_samples") >= MIN_SHARED_SAMPLES)
                & (pl.col("shared_samples") >= SAMPLE_PREFILTER_SHARE * pl.col("smaller_sample"))
            )
        )
        .select(pl.col("a").cast(pl.Int64), pl.col("b").cast(pl.Int64))
        .sort("a", "b")
    )


def _all_pairs(buckets: pl.DataFrame) -> pl.DataFrame:
    """(a, b, band): every pair of members of each bucket, a < b."""
    members = buckets.select("bucket", "band", pl.col("node")).explode("node")
    return (
        members.join(members.select("bucket", pl.col("node").alias("b")), on="bucket")
        .filter(pl.col("node") < pl.col("b"))
        .select(pl.col("node").alias("a"), "b", "band")
    )


def _count_pairs(pairs: pl.DataFrame, first_new_node: int) -> pl.DataFrame:
    """Keys each pair with one of the day's articles shares: LSH bands and sampled shingles."""
    return (
        pairs.filter(pl.col("b") >= first_new_node)
        .group_by("a", "b")
        .agg(
            (pl.col("band") != SAMPLE_BAND).sum().cast(pl.Int64).alias("shared_bands"),
            (pl.col("band") == SAMPLE_BAND).sum().cast(pl.Int64).alias("shared_samples"),
        )
    )


def _sample_sizes(keys: pl.DataFrame) -> np.ndarray:
    """Sampled shingles per node, indexed by node (nodes are small dense integers)."""
    nodes = keys.get_column("node").to_numpy()
    is_sample = keys.get_column("band").to_numpy() == SAMPLE_BAND
    return np.bincount(nodes[is_sample], minlength=int(nodes.max()) + 1 if nodes.size else 0)

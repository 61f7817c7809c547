"""Exact verification of candidate pairs on their shingle sets.

A candidate becomes an edge when the two texts are equal after normalisation ('exact'), when
the Jaccard similarity of their shingle sets reaches NEAR_JACCARD ('near'), or when the smaller
text, long enough to be a story of its own, is mostly found inside the larger ('contained').
"""

from __future__ import annotations

import numpy as np
import polars as pl

from etl.dedup.node_blocks import distinct_per_node
from etl.dedup.params import CONTAINED_SHARE, MIN_CONTAINED_SHINGLES, NEAR_JACCARD
from etl.dedup.ranges import concatenated_ranges

EDGES_SCHEMA = {"a": pl.Int64, "b": pl.Int64, "method": pl.String, "score": pl.Float64}


def shingle_table(nodes: np.ndarray, shingles: np.ndarray, counts: np.ndarray, wanted: np.ndarray) -> pl.DataFrame:
    """(node, shingle) rows, one per distinct shingle of each node in ``wanted``; ``nodes[i]``
    owns the i-th run of ``counts[i]`` shingles. Only candidates' sets are built: the rest of
    the batch would cost memory and time for nothing."""
    nodes = np.asarray(nodes, dtype=np.int64)
    is_wanted = np.zeros(int(max(nodes.max(initial=-1), np.max(wanted, initial=-1))) + 1, dtype=bool)
    is_wanted[wanted] = True  # a lookup table: linear, where np.isin sorts the whole batch
    keep = np.flatnonzero(is_wanted[nodes])
    owner = np.repeat(nodes[keep], counts[keep])
    rows = concatenated_ranges((np.cumsum(counts) - counts)[keep], counts[keep])
    return distinct_per_node(pl.DataFrame({"node": owner, "shingle": shingles[rows]}, schema={"node": pl.Int64, "shingle": pl.UInt64}))


def verify_pairs(pairs: pl.DataFrame, shingles: pl.DataFrame, fingerprints: pl.DataFrame) -> pl.DataFrame:
    """Edges (a, b, method, score) among ``pairs`` (a, b); ``shingles`` is a :func:`shingle_table`
    and ``fingerprints`` has (node, fingerprint) with 0 for an empty text."""
    if pairs.is_empty():
        return pl.DataFrame(schema=EDGES_SCHEMA)
    wanted = pl.concat([pairs.select(pl.col("a").alias("node")), pairs.select(pl.col("b").alias("node"))]).unique()
    shingles = shingles.join(wanted, on="node", how="semi")
    sizes = shingles.group_by("node").agg(pl.len().alias("size"))
    common = (
        pairs.join(shingles.rename({"node": "a"}), on="a")
        .join(shingles.rename({"node": "b"}), on=["b", "shingle"], how="semi")
        .group_by("a", "b")
        .agg(pl.len().alias("common"))
    )
    scored = (
        pairs.join(common, on=["a", "b"], how="left")
        .join(sizes.rename({"node": "a", "size": "size_a"}), on="a")
        .join(sizes.rename({"node": "b", "size": "size_b"}), on="b")
        .join(fingerprints.rename({"node": "a", "fingerprint": "fp_a"}), on="a")
        .join(fingerprints.rename({"node": "b", "fingerprint": "fp_b"}), on="b")
        .with_columns(
            pl.col("common").fill_null(0),
            pl.min_horizontal("size_a", "size_b").alias("smaller"),
        )
        .with_columns(
            (pl.col("common") / (pl.col("size_a") + pl.col("size_b") - pl.col("common"))).alias("jaccard"),
            (pl.col("common") / pl.col("smaller")).alias("containment"),
        )
    )
    exact = (pl.col("fp_a") == pl.col("fp_b")) & (pl.col("fp_a") != 0)
    near = pl.col("jaccard") >= NEAR_JACCARD
    contained = (pl.col("containment") >= CONTAINED_SHARE) & (pl.col("smaller") >= MIN_CONTAINED_SHINGLES)
    return (
        scored.with_columns(
            pl.when(exact)
            .then(pl.lit("exact"))
            .when(near)
            .then(pl.lit("near"))
            .when(contained)
            .then(pl.lit("contained"))
            .alias("method"),
            pl.when(exact)
            .then(1.0)
            .when(near)
            .then(pl.col("jaccard"))
            .otherwise(pl.col("containment"))
            .alias("score"),
        )
        .filter(pl.col("method").is_not_null())
        .select(list(EDGES_SCHEMA))
        .cast(EDGES_SCHEMA)
    )

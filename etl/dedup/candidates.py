"""Candidate pairs from shared keys (LSH band keys and sampled shingles).

Nodes are integers ranked by age: earlier articles have lower numbers, and the window's stored
articles come before the day's. Only pairs with at least one of the day's articles are wanted.

The keys are shared in SQL over the day's stored rows (day_store.py): a large day's keys do not
fit in memory several times over, as grouping them in a frame would need.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from etl.dedup.params import BUCKET_ALL_PAIRS_MAX, MIN_SHARED_SAMPLES, SAMPLE_BAND, SAMPLE_PREFILTER_SHARE

KEYS_SCHEMA = {"node": pl.Int64, "band": pl.Int16, "key": pl.UInt64}

# (a, b, shared_bands, shared_samples) over the distinct (node, band, key) rows of ``prior_keys``
# and ``keys``: a bucket (the nodes sharing one band's key) pairs all its members when it has at
# most BUCKET_ALL_PAIRS_MAX, else only its lowest node with each other, which keeps the work
# linear (documents so widely shared reach each other through that node); only pairs with b
# >= $first_new, each counted over the LSH bands and sampled shingles it shares.
SHARED_KEYS_SQL = f"""
WITH k AS (SELECT node, band, key FROM prior_keys UNION ALL SELECT node, band, key FROM keys),
buckets AS (SELECT band, key, count(*) AS members, min(node) AS first FROM k GROUP BY band, key HAVING count(*) >= 2),
m AS (SELECT node, band, key, members, first FROM k JOIN buckets USING (band, key)),
pairs AS (
    SELECT x.node AS a, y.node AS b, x.band FROM m x JOIN m y ON x.band = y.band AND x.key = y.key AND x.node < y.node
    WHERE x.members <= {BUCKET_ALL_PAIRS_MAX} AND y.node >= $first_new
    UNION ALL
    SELECT first AS a, node AS b, band FROM m WHERE members > {BUCKET_ALL_PAIRS_MAX} AND node > first AND node >= $first_new
)
SELECT a, b, count(*) FILTER (WHERE band <> {SAMPLE_BAND}) AS shared_bands,
       count(*) FILTER (WHERE band = {SAMPLE_BAND}) AS shared_samples
FROM pairs GROUP BY a, b
"""


def candidate_pairs(shared: pl.DataFrame, sample_sizes: np.ndarray) -> pl.DataFrame:
    """Pairs (a < b) worth verifying, sorted, of the (a, b, shared_bands, shared_samples) rows
    of SHARED_KEYS_SQL; ``sample_sizes`` holds each node's sampled shingles.

    A pair qualifies when it shares an LSH band key, or enough sampled shingles to make
    containment plausible (SAMPLE_PREFILTER_SHARE of the smaller side's sample).
    """
    smaller_sample = np.minimum(sample_sizes[shared.get_column("a").to_numpy()], sample_sizes[shared.get_column("b").to_numpy()])
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

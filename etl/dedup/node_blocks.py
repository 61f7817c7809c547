"""Distinct rows of a large frame without a batch-sized hash table.

A hash table over every row of 100k articles outgrows the CPU caches, and each row then costs
a memory miss: the time grows faster than the batch. Rows grouped by node can be deduplicated
in slices that end on node boundaries, each small enough to stay in cache, so the cost per row
does not depend on the batch size.
"""

from __future__ import annotations

import numpy as np
import polars as pl

# Rows per slice: a slice's hash table (a few MB) fits a CPU's last-level cache.
ROWS_PER_BLOCK = 250_000


def distinct_per_node(rows: pl.DataFrame) -> pl.DataFrame:
    """``rows`` without repeated rows, first occurrences in their order; ``rows`` must list
    each node's rows together (a column "node"), so no repeat crosses a slice boundary."""
    if rows.is_empty():
        return rows
    nodes = rows.get_column("node").to_numpy()
    node_starts = np.flatnonzero(np.diff(nodes, prepend=nodes[0] - 1))
    # Each slice ends at the first node boundary at or after a multiple of ROWS_PER_BLOCK.
    at = np.searchsorted(node_starts, np.arange(ROWS_PER_BLOCK, nodes.size, ROWS_PER_BLOCK))
    bounds = np.unique(np.concatenate([[0], node_starts[at[at < node_starts.size]], [nodes.size]])).tolist()
    return pl.concat([rows.slice(first, last - first).unique(maintain_order=True) for first, last in zip(bounds, bounds[1:])])

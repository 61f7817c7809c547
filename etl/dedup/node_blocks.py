"""Cache-sized slices of large row sets, cut on item boundaries.

A hash table over every row of 100k articles outgrows the CPU caches, and each row then costs
a memory miss: the time grows faster than the batch. Rows grouped by item (a node's shingles,
a candidate pair's shingles) can be processed in slices that end on item boundaries, each small
enough to stay in cache, so the cost per row does not depend on the batch size.
"""

from __future__ import annotations

import numpy as np
import polars as pl

# Rows per slice: a slice's hash table (a few MB) fits a CPU's last-level cache.
ROWS_PER_BLOCK = 250_000


def block_items(item_rows: np.ndarray, rows_per_block: int = ROWS_PER_BLOCK) -> list[int]:
    """Where slices of consecutive items begin, given each item's row count: 0, ..., and the
    number of items last; a slice ends at the first item boundary at or after a multiple of
    ``rows_per_block`` rows, so slice i is items cuts[i]:cuts[i + 1]."""
    item_starts = np.cumsum(item_rows) - item_rows
    at = np.searchsorted(item_starts, np.arange(rows_per_block, int(np.sum(item_rows)), rows_per_block))
    return np.unique(np.concatenate([[0], at, [len(item_rows)]])).tolist()


def distinct_per_node(rows: pl.DataFrame) -> pl.DataFrame:
    """``rows`` without repeated rows, first occurrences in their order; ``rows`` must list
    each node's rows together (a column "node"), so no repeat crosses a slice boundary."""
    if rows.is_empty():
        return rows
    nodes = rows.get_column("node").to_numpy()
    node_starts = np.flatnonzero(np.diff(nodes, prepend=nodes[0] - 1))
    cuts = block_items(np.diff(node_starts, append=nodes.size))
    bounds = [*node_starts[cuts[:-1]].tolist(), nodes.size]
    return pl.concat([rows.slice(first, last - first).unique(maintain_order=True) for first, last in zip(bounds, bounds[1:])])

"""Exact shingle sets of the candidate articles, addressable by node number.

Verification needs each candidate's distinct shingles; keeping them as one array with a start
and a size per node lets a block of pairs gather its rows by index, with no lookup structure
over the whole batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from etl.dedup.node_blocks import block_items
from etl.dedup.ranges import concatenated_ranges

_TABLE_SCHEMA = {"node": pl.Int64, "shingle": pl.UInt64}


def shingle_table(nodes: np.ndarray, shingles: np.ndarray, counts: np.ndarray, wanted: np.ndarray) -> pl.DataFrame:
    """(node, shingle) rows, one per distinct shingle of each node in ``wanted``; ``nodes[i]``
    owns the i-th run of ``counts[i]`` shingles. Only candidates' sets are built: the rest of
    the batch would cost memory and time for nothing. Built a cache-sized block of nodes at a
    time: index arrays over every wanted shingle of 100k articles would be gigabytes."""
    nodes = np.asarray(nodes, dtype=np.int64)
    is_wanted = np.zeros(int(max(nodes.max(initial=-1), np.max(wanted, initial=-1))) + 1, dtype=bool)
    is_wanted[wanted] = True  # a lookup table: linear, where np.isin sorts the whole batch
    keep = np.flatnonzero(is_wanted[nodes])
    owners, starts, lengths = nodes[keep], (np.cumsum(counts) - counts)[keep], counts[keep]
    cuts = block_items(lengths)
    blocks = [
        pl.DataFrame(
            {"node": np.repeat(owners[first:last], lengths[first:last]), "shingle": shingles[concatenated_ranges(starts[first:last], lengths[first:last])]},
            schema=_TABLE_SCHEMA,
        ).unique(maintain_order=True)
        for first, last in zip(cuts, cuts[1:])
    ]
    return pl.concat(blocks) if blocks else pl.DataFrame(schema=_TABLE_SCHEMA)


@dataclass(frozen=True)
class ShingleSets:
    shingles: np.ndarray  # uint64, each node's distinct shingles back to back
    start: np.ndarray  # int64 per node number: where its run begins
    size: np.ndarray  # int64 per node number: distinct shingles; 0 for a node without a set

    @classmethod
    def from_table(cls, table: pl.DataFrame, num_nodes: int) -> ShingleSets:
        """The sets of a :func:`shingle_table` (or several concatenated: each node's rows
        together) for nodes 0 .. num_nodes - 1."""
        nodes = table.get_column("node").to_numpy()
        run_starts = np.flatnonzero(np.diff(nodes, prepend=-1))
        start = np.zeros(num_nodes, dtype=np.int64)
        start[nodes[run_starts]] = run_starts
        return cls(table.get_column("shingle").to_numpy(), start, np.bincount(nodes, minlength=num_nodes).astype(np.int64))

    def of(self, nodes: np.ndarray) -> pl.DataFrame:
        """(item, shingle) rows: the set of ``nodes[i]`` under item i, for every i."""
        return pl.DataFrame(
            {
                "item": np.repeat(np.arange(nodes.size, dtype=np.int64), self.size[nodes]),
                "shingle": self.shingles[concatenated_ranges(self.start[nodes], self.size[nodes])],
            },
            schema={"item": pl.Int64, "shingle": pl.UInt64},
        )

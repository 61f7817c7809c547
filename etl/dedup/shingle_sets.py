"""Exact shingle sets of the candidate articles, addressable by node number.

Verification needs each candidate's distinct shingles; keeping them as one array with a start
and a size per node lets a block of pairs gather its rows by index, with no lookup structure
over the whole batch.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

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
    shingles: np.ndarray | ShingleFile  # uint64, each node's distinct shingles back to back
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
        start, size = self.start[nodes], self.size[nodes]
        return pl.DataFrame(
            {
                "item": np.repeat(np.arange(nodes.size, dtype=np.int64), size),
                "shingle": (self.shingles.runs(start, size) if isinstance(self.shingles, ShingleFile)
                            else self.shingles[concatenated_ranges(start, size)]),
            },
            schema={"item": pl.Int64, "shingle": pl.UInt64},
        )


class ShingleFile:
    """Distinct shingle sets of many nodes in an unnamed temporary file (gone when closed or when
    the process ends), added a batch of documents at a time and read back by position.

    A day of 100k articles has some 70M shingles: 0.5 GB held in memory from the first text
    hashed until the last pair verified. On disk, memory holds one batch and one block of pairs.
    Reads go through pread, not a memory map: mapped pages would count as the process's own.
    """

    def __init__(self, num_nodes: int, folder: Path | None = None):
        self.file = tempfile.TemporaryFile(dir=folder)
        self.start = np.zeros(num_nodes, dtype=np.int64)
        self.size = np.zeros(num_nodes, dtype=np.int64)
        self.written = 0

    def add(self, nodes: np.ndarray, shingles: np.ndarray, counts: np.ndarray) -> None:
        """The sets of ``nodes`` (``nodes[i]`` owns the i-th run of ``counts[i]`` shingles)."""
        table = shingle_table(nodes, shingles, counts, nodes)
        owners = table.get_column("node").to_numpy()
        run_starts = np.flatnonzero(np.diff(owners, prepend=-1))
        self.start[owners[run_starts]] = self.written + run_starts
        self.size += np.bincount(owners, minlength=self.size.size)
        self.file.write(table.get_column("shingle").to_numpy().astype(np.uint64).tobytes())
        self.file.flush()
        self.written += owners.size

    def runs(self, start: np.ndarray, size: np.ndarray) -> np.ndarray:
        """The runs of ``size[i]`` shingles from ``start[i]``, back to back."""
        fd, width = self.file.fileno(), np.dtype(np.uint64).itemsize
        parts = [np.frombuffer(os.pread(fd, n * width, first * width), dtype=np.uint64)
                 for first, n in zip(start.tolist(), size.tolist()) if n]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)

    def sets(self) -> ShingleSets:
        return ShingleSets(self, self.start, self.size)

    def close(self) -> None:
        self.file.close()

"""The day's keys and lines in a DuckDB database of their own: what a large day's stories never
hold whole in memory.

A day's articles each carry ~125 LSH and sampled keys and ~25 (source, line) hashes: 100k
articles make ~15M rows (the lines are kept as text too, so the day's furniture is read back
from the store instead of from the texts again), and every copy, sort or hash table over them
in frames costs hundreds of MB. They are appended a batch at a time to tables of an in-memory
DuckDB database that keeps at most MEMORY_LIMIT in memory and writes the rest to a temporary
folder, and the steps that need them all (lines repeated across articles, keys shared by pairs,
the story_bands rows in their order) run there as queries, spilling alike. Results come back as
small frames (furniture lines, shared keys per pair) or in slices.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from etl.dedup.candidates import KEYS_SCHEMA, SHARED_KEYS_SQL
from etl.dedup.params import BOILERPLATE_MIN_DOCS, LINE_BAND, SAMPLE_BAND, TEXT_KEY_BAND

# DuckDB's memory for the day's tables and queries; beyond it tables, sorts, joins and aggregates
# spill to the folder. One thread: the queries are small next to hashing, and a second thread
# would wait on a core the derive's workers use.
MEMORY_LIMIT = "128MB"
LINES_SCHEMA = {"article_id": pl.String, "node": pl.Int64, "line_key": pl.UInt64, "line": pl.String}
SHARED_SCHEMA = {"a": pl.Int64, "b": pl.Int64, "shared_bands": pl.Int64, "shared_samples": pl.Int64}

# The story_bands keys in the order one batch of the day in node order gives them: LSH keys
# then sampled shingles, each node's as hashed (rows of a node are written together); then
# the line hashes by node and key; then the text keys, then the fingerprints, by node
# (node_rows). Article and story ids are joined to each slice after the sort: the sort then
# moves a third of the bytes.
_BAND_KEYS = f"""
SELECT node, band, key FROM (
    SELECT 0 AS part, band = {SAMPLE_BAND} AS sample, node, rowid AS seq, band, key FROM keys
    UNION ALL SELECT 1, false, node, 0, {LINE_BAND}, line_key FROM lines
    UNION ALL SELECT CASE band WHEN {TEXT_KEY_BAND} THEN 2 ELSE 3 END, false, node, 0, band, key FROM node_rows
) ORDER BY part, sample, node, seq, key
"""


class DayStore:
    """The day's (node, band, key) rows and (article_id, node, line_key) lines, appended a
    batch at a time; the database and its folder are gone after :meth:`close`. ``samples``
    counts each node's sampled keys."""

    def __init__(self, num_nodes: int, folder: Path | None = None):
        self.folder = Path(tempfile.mkdtemp(prefix="dedup-", dir=folder))
        self.con = duckdb.connect(config={
            "memory_limit": MEMORY_LIMIT, "threads": 1, "temp_directory": str(self.folder / "spill")})
        self.con.execute("CREATE TABLE keys (node BIGINT, band SMALLINT, key UBIGINT)")
        self.con.execute("CREATE TABLE lines (article_id VARCHAR, node BIGINT, line_key UBIGINT, line VARCHAR)")
        self.samples = np.zeros(num_nodes, dtype=np.int64)

    def add_keys(self, keys: pl.DataFrame) -> None:
        if keys.height:
            self._append("keys", keys.select(list(KEYS_SCHEMA)).cast(KEYS_SCHEMA))
            self.samples += np.bincount(keys.filter(pl.col("band") == SAMPLE_BAND).get_column("node").to_numpy(),
                                        minlength=self.samples.size)

    def add_lines(self, lines: pl.DataFrame) -> None:
        if lines.height:
            self._append("lines", lines.select(list(LINES_SCHEMA)).cast(LINES_SCHEMA))

    def distinct_keys(self, rows: int) -> Iterator[pl.DataFrame]:
        """The day's distinct (band, band_key), at most ``rows`` a frame."""
        return self._slices("SELECT DISTINCT band, key AS band_key FROM keys", rows)

    def distinct_lines(self, rows: int) -> Iterator[pl.DataFrame]:
        """The day's distinct line_key, at most ``rows`` a frame."""
        return self._slices("SELECT DISTINCT line_key FROM lines", rows)

    def furniture(self, earlier: pl.DataFrame) -> set[str]:
        """The day's lines (trimmed, lower case) whose (source, line) is printed in
        BOILERPLATE_MIN_DOCS articles of the day and of ``earlier`` ((article_id, line_key) rows
        of the window) together: read from the store, not from the texts again."""
        found = self._with("earlier", earlier.select("article_id", "line_key").cast({"line_key": pl.UInt64}), f"""
            SELECT DISTINCT line FROM lines WHERE line_key IN (
                SELECT line_key FROM (SELECT article_id, line_key FROM lines UNION SELECT article_id, line_key FROM earlier)
                GROUP BY line_key HAVING count(*) >= {BOILERPLATE_MIN_DOCS})""")
        return set(found.get_column("line").to_list())

    def shared_keys(self, prior_keys: pl.DataFrame, first_new: int) -> pl.DataFrame:
        """SHARED_KEYS_SQL (candidates.py) over the day's keys and the window's ``prior_keys``
        (node, band, key)."""
        self.con.register("prior_keys", prior_keys.select(list(KEYS_SCHEMA)).cast(KEYS_SCHEMA))
        try:
            found = self.con.execute(SHARED_KEYS_SQL, {"first_new": first_new}).pl()
        finally:
            self.con.unregister("prior_keys")
        return found.cast(SHARED_SCHEMA)

    def band_keys(self, node_rows: pl.DataFrame, rows: int) -> Iterator[pl.DataFrame]:
        """(node, band, key) of the day's keys and lines and of ``node_rows`` (its TEXT_KEY_BAND
        and FINGERPRINT_BAND rows) in story_bands order, at most ``rows`` a frame."""
        self.con.register("node_rows", node_rows)
        try:
            for keys in self._slices(_BAND_KEYS, rows):
                yield keys.cast(KEYS_SCHEMA)
        finally:
            self.con.unregister("node_rows")

    def close(self) -> None:
        self.con.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _append(self, table: str, frame: pl.DataFrame) -> None:
        self._with("_rows", frame, f"INSERT INTO {table} SELECT * FROM _rows")

    def _with(self, name: str, frame: pl.DataFrame, sql: str) -> pl.DataFrame:
        self.con.register(name, frame)
        try:
            return self.con.execute(sql).pl()
        finally:
            self.con.unregister(name)

    def _slices(self, sql: str, rows: int) -> Iterator[pl.DataFrame]:
        for batch in self.con.execute(sql).to_arrow_reader(rows):
            yield pl.from_arrow(batch)

"""The full-text search index: a DuckDB file beside the lake, rebuilt from it.

DuckDB's fts extension indexes DuckDB-native tables only (it writes its inverted index as
tables and macros in the same database), and a DuckLake catalog is not one. The index is
therefore a derived file, ``data_dir/search/articles.duckdb``, holding a copy of the searchable
columns of ``articles`` plus the index. It is built in a temporary file and moved into place
with an atomic rename: a search running meanwhile keeps reading the old file, never a
half-built one, and no DuckDB file lock is ever shared between the builder and the searchers.
The whole index is rebuilt (the extension has no incremental update); the file records the lake
snapshot it was built from, so a stale index is detected and rebuilt.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.settings import Settings
from etl.warehouse import lake

# Searchable copy of every article that kept text, with its story so results can be collapsed
# to one hit per story (a syndicated wire story is found once, not once per outlet).
_DOCUMENTS_SQL = """
SELECT a.article_id, a.partition_date, a.source, a.title, a.url, a.published_at, a.text,
       s.story_id, coalesce(s.is_representative, true) AS is_representative
FROM articles a
LEFT JOIN stories s USING (article_id, partition_date)
WHERE a.status = 'ok' AND a.text IS NOT NULL
"""


@dataclass(frozen=True)
class IndexInfo:
    path: Path
    documents: int
    lake_snapshot: int
    built_at: dt.datetime


def index_path(settings: Settings) -> Path:
    return settings.data_dir / "search" / "articles.duckdb"


def open_index_file(settings: Settings, path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to an index file with the fts extension loaded from the local folder."""
    con = duckdb.connect(
        str(path),
        read_only=read_only,
        config={"extension_directory": str(lake.extension_dir(settings)), "autoinstall_known_extensions": False},
    )
    con.execute("LOAD fts")
    return con


def build_search_index(lake_con: duckdb.DuckDBPyConnection, settings: Settings,
                       target: Path | None = None) -> IndexInfo:
    """Rebuild the index (at ``target``, by default its place in the data folder) from the lake
    as seen by ``lake_con``; returns what was built."""
    target = target or index_path(settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    snapshot = lake.current_snapshot(lake_con)
    documents = lake.query(lake_con, _DOCUMENTS_SQL)
    # One temporary file per builder process, so two concurrent builds never share a file.
    building = target.with_name(f".{target.name}.{os.getpid()}.building")
    building.unlink(missing_ok=True)
    con = open_index_file(settings, building, read_only=False)
    try:
        con.register("_documents", documents)
        con.execute("CREATE TABLE documents AS SELECT * FROM _documents")
        con.unregister("_documents")
        # Porter stemming and the English stop list: "sanctions" finds "sanctioned".
        con.execute(
            "PRAGMA create_fts_index('documents', 'article_id', 'title', 'text', "
            "stemmer = 'porter', stopwords = 'english', strip_accents = 1, lower = 1)"
        )
        con.execute(
            "CREATE TABLE index_info AS SELECT ?::BIGINT AS lake_snapshot, now() AS built_at, ?::BIGINT AS documents",
            [snapshot, documents.height],
        )
    finally:
        con.close()
    os.replace(building, target)
    return read_index_info(settings, target)


def read_index_info(settings: Settings, path: Path | None = None) -> IndexInfo | None:
    path = path or index_path(settings)
    if not path.exists():
        return None
    con = duckdb.connect(str(path), read_only=True)
    try:
        snapshot, built_at, documents = con.execute("SELECT lake_snapshot, built_at, documents FROM index_info").fetchone()
    finally:
        con.close()
    return IndexInfo(path, documents, snapshot, built_at)


def ensure_search_index(lake_con: duckdb.DuckDBPyConnection, settings: Settings) -> tuple[IndexInfo, float | None]:
    """The index, rebuilt first when missing or older than the lake's latest snapshot.

    Returns the index and the rebuild time in seconds (None when it was current). A reader who
    may not write the data folder gets a rebuilt index in a private temporary folder, for this
    process only: the search still answers from the latest snapshot.
    """
    info = read_index_info(settings)
    if info is not None and info.lake_snapshot == lake.current_snapshot(lake_con):
        return info, None
    started = time.perf_counter()
    target = index_path(settings)
    if not _writable_folder(target.parent):
        target = lake.process_temp_dir() / target.name
    info = build_search_index(lake_con, settings, target)
    return info, time.perf_counter() - started


def _writable_folder(folder: Path) -> bool:
    """Whether ``folder`` (or, when it does not exist yet, its nearest existing parent) may be written."""
    while not folder.exists():
        folder = folder.parent
    return os.access(folder, os.W_OK)

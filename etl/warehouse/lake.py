"""The warehouse: a DuckLake catalog opened through DuckDB.

DuckLake rather than a plain ``.duckdb`` file because a DuckDB file admits one read-write process
and then no readers from other processes at all: analysts' sessions would block the
scheduled writer. With DuckLake every commit is a snapshot, readers in other processes see the
last committed snapshot, and a crash mid-write leaves the previous snapshot intact.

Extensions cannot be downloaded here, so they are loaded from their PyPI packages through a
project-local ``extension_directory`` laid out the way DuckDB expects.
"""

from __future__ import annotations

import atexit
import datetime as dt
import fcntl
import importlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
import weakref
from contextlib import ExitStack, contextmanager
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

import duckdb
import polars as pl

from etl.rawstore import objectstore
from etl.settings import REPO_SQL_DIR, Settings

DUCKDB_VERSION = duckdb.__version__
LAKE_ALIAS = "lake"
# DuckDB name -> (PyPI module, file shipped in it). DuckDB looks the sqlite extension up as
# ``sqlite_scanner`` while the package ships ``sqlite.duckdb_extension``.
_EXTENSION_FILES = {
    "ducklake": ("duckdb_extension_ducklake", "ducklake.duckdb_extension"),
    "sqlite_scanner": ("duckdb_extension_sqlite", "sqlite.duckdb_extension"),
    "postgres_scanner": ("duckdb_extension_postgres", "postgres.duckdb_extension"),
    "fts": ("duckdb_extension_fts", "fts.duckdb_extension"),
    "httpfs": ("duckdb_extension_httpfs", "httpfs.duckdb_extension"),
}
# DuckLake catalog kind (the prefix of settings.catalog) -> the extension that reaches it.
_CATALOG_EXTENSIONS = {"sqlite": "sqlite_scanner", "postgres": "postgres_scanner"}
# Every table a partition run replaces carries this column.
PARTITION_COLUMN = "partition_date"
# DuckLake retries conflicting commits itself; these bound our own retry of a whole
# DELETE+INSERT transaction when another writer committed the same table in between, or when
# the SQLite catalog stayed locked longer than its busy timeout.
_WRITE_ATTEMPTS = 5
# How long a SQLite catalog connection waits for another process's lock before failing.
# Readers never hold it in WAL mode; writers hold it for a commit (milliseconds to seconds).
CATALOG_BUSY_TIMEOUT_MS = 60_000
# SQLite catalog journal: WAL lets readers and the writer work side by side (see attach_sql).
CATALOG_JOURNAL_MODE = "WAL"
# How long a write waits for another process writing the same partition day before giving up.
# The lock is an flock, so a killed writer frees it at once: waiting is for a live writer only.
PARTITION_LOCK_TIMEOUT_S = 900.0


def schema_files(sql_dir: Path = REPO_SQL_DIR) -> list[Path]:
    return sorted((sql_dir / "schema").glob("*.sql"))


def sql_literal(value: object) -> str:
    """``value`` as a SQL string literal. For the statements that take no parameters (ATTACH,
    COPY TO, SET): a path such as ``/srv/o'brien/data`` must stay one literal, never end it."""
    return "'" + str(value).replace("'", "''") + "'"


def process_temp_dir() -> Path:
    """A private folder for this process, removed when it exits."""
    global _TEMP_DIR
    if _TEMP_DIR is None:
        _TEMP_DIR = Path(tempfile.mkdtemp(prefix="etl-"))
        atexit.register(shutil.rmtree, _TEMP_DIR, True)
    return _TEMP_DIR


_TEMP_DIR: Path | None = None


def extension_dir(settings: Settings) -> Path:
    """Create (once) the extension directory DuckDB expects, linking the PyPI binaries.

    It lives in the data folder; a reader who may not write there gets the same links in a
    private temporary folder instead.
    """
    root = settings.data_dir / "duckdb_extensions"
    try:
        return _link_extensions(root)
    except PermissionError:
        return _link_extensions(process_temp_dir() / "duckdb_extensions")


def _link_extensions(root: Path) -> Path:
    platform = duckdb.execute("PRAGMA platform").fetchone()[0]
    target = root / f"v{DUCKDB_VERSION}" / platform
    target.mkdir(parents=True, exist_ok=True)
    for name, (module_name, file_name) in _EXTENSION_FILES.items():
        link = target / f"{name}.duckdb_extension"
        module = importlib.import_module(module_name)
        source = Path(module.__file__).parent / "extensions" / f"v{DUCKDB_VERSION}" / file_name
        if not source.exists():
            raise RuntimeError(
                f"{module_name} ships no binary for duckdb {DUCKDB_VERSION} at {source}; "
                "install the extension package version that matches duckdb (see requirements.lock)"
            )
        if link.is_symlink() and link.resolve() == source.resolve():
            continue
        link.unlink(missing_ok=True)
        link.symlink_to(source)
    return root


def catalog_extension(settings: Settings) -> str:
    kind = settings.catalog.split(":", 1)[0]
    if kind not in _CATALOG_EXTENSIONS:
        raise ValueError(f"ETL_CATALOG {settings.catalog!r}: catalog kind must be one of {sorted(_CATALOG_EXTENSIONS)}")
    return _CATALOG_EXTENSIONS[kind]


def attach_sql(settings: Settings, read_only: bool, catalog: str | None = None) -> str:
    """The ATTACH statement of the lake (``catalog`` replaces the configured one, e.g. a copy)."""
    # The configured data path wins over the one recorded in the catalog, so a data directory
    # can be moved or copied (file paths inside the catalog are relative to it).
    options = [f"DATA_PATH {sql_literal(settings.lake_data)}", "OVERRIDE_DATA_PATH true"]
    catalog = catalog or settings.catalog
    if catalog.startswith("sqlite:"):
        # WAL: readers no longer block a writer's commit (in the default rollback journal a
        # long query held the catalog and the writer failed with "database is locked"); the
        # mode is stored in the file, so setting it once on a writable attach suffices.
        options.append(f"META_BUSY_TIMEOUT {CATALOG_BUSY_TIMEOUT_MS}")
        if not read_only:
            options.append(f"META_JOURNAL_MODE {sql_literal(CATALOG_JOURNAL_MODE)}")
    if read_only:
        options.append("READ_ONLY")
    return f"ATTACH {sql_literal('ducklake:' + catalog)} AS {LAKE_ALIAS} ({', '.join(options)})"


def readable_catalog(settings: Settings) -> str:
    """The catalog a read-only session attaches: the configured one, or, when the local catalog
    is in a folder this process may not write, a private copy of it.

    SQLite in WAL mode needs its shared-memory file beside the database even to read, so a
    reader without write access to the folder (an analyst's account, a read-only mount) cannot
    open the catalog in place. The copy is taken with SQLite's backup API, a consistent snapshot.
    """
    if not settings.catalog_is_local or os.access(settings.lake_dir, os.W_OK):
        return settings.catalog
    copy = process_temp_dir() / f"catalog-{time.time_ns()}.sqlite"
    uri = settings.catalog_path.as_uri()
    try:
        _backup_sqlite(f"{uri}?mode=ro", copy)
    except sqlite3.OperationalError:
        # No shared-memory file to join means no writer is open: the file is all there is.
        _backup_sqlite(f"{uri}?immutable=1", copy)
    return f"sqlite:{copy}"


def warehouse_exists(settings: Settings) -> bool:
    """False only when the local catalog has not been created yet (a remote one is assumed)."""
    return not settings.catalog_is_local or settings.catalog_path.exists()


def require_warehouse(settings: Settings) -> None:
    """Stop with a message saying what to run when there is no warehouse to read."""
    if not warehouse_exists(settings):
        raise FileNotFoundError(
            f"no warehouse at {settings.catalog_path}: run `etl demo` or a capture+derive first "
            "(or set ETL_DATA_DIR)"
        )


def _backup_sqlite(source_uri: str, target: Path) -> None:
    source = sqlite3.connect(source_uri, uri=True)
    try:
        with sqlite3.connect(target) as copy:
            source.backup(copy)
        copy.close()
    finally:
        source.close()


def connect(settings: Settings, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB session with the lake attached as ``lake`` and selected by ``USE``."""
    if read_only:
        require_warehouse(settings)
    if settings.catalog_is_local and not read_only:
        settings.lake_data_path.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(
        config={
            "extension_directory": str(extension_dir(settings)),
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": True,
        }
    )
    for statement in session_statements(settings, read_only):
        con.execute(statement)
    return con


def session_statements(settings: Settings, read_only: bool) -> list[str]:
    """What a session runs to reach the lake: the extensions, the object store's secret, the
    ATTACH and USE. The same statements serve this process and the DuckDB CLI (`etl duckdb`)."""
    statements = ["LOAD ducklake", f"LOAD {catalog_extension(settings)}"]
    if objectstore.is_s3_url(settings.lake_data):
        statements += ["LOAD httpfs", s3_secret_sql(settings)]
    return [*statements, attach_sql(settings, read_only, readable_catalog(settings) if read_only else None),
            f"USE {LAKE_ALIAS}"]


def s3_secret_sql(settings: Settings) -> str:
    """The session's S3 secret for s3:// lake data, from the ETL_S3_* settings. A temporary
    secret (this connection only): nothing about the keys is written to disk."""
    options = ", ".join(
        f"{name} {str(value).lower() if isinstance(value, bool) else sql_literal(value)}"
        for name, value in objectstore.duckdb_secret_options(settings).items()
    )
    return f"CREATE OR REPLACE TEMPORARY SECRET lake_s3 (TYPE s3, {options})"


def apply_schema(con: duckdb.DuckDBPyConnection, sql_dir: Path = REPO_SQL_DIR) -> list[str]:
    """Apply ``sql/schema/*.sql`` in order; idempotent. Returns the files applied."""
    existing = set(partitioned_tables(con))
    applied = []
    for path in schema_files(sql_dir):
        for statement in con.extract_statements(path.read_text()):
            if not _column_comment_in_place(con, statement.query):
                con.execute(statement.query)
        applied.append(path.name)
    for table in partitioned_tables(con):
        if table not in existing:
            # Laying files out by day keeps a partition's DELETE to its own files. Only on
            # creation: every ALTER is a catalog commit (a snapshot) of its own.
            con.execute(f"ALTER TABLE {table} SET PARTITIONED BY ({PARTITION_COLUMN})")
    return applied


# A column description set in a schema file (COMMENT ON COLUMN table.column IS '...').
_COLUMN_COMMENT = re.compile(
    r"(?:\s|--[^\n]*)*COMMENT\s+ON\s+COLUMN\s+(\w+)\.(\w+)\s+IS\s+'((?:[^']|'')*)'\s*;?\s*", re.IGNORECASE
)


def _column_comment_in_place(con: duckdb.DuckDBPyConnection, statement: str) -> bool:
    """True when ``statement`` sets a column comment the catalog already holds.

    Every COMMENT is a catalog commit (a snapshot) even when the text is unchanged, and the
    schema is applied whenever a run opens the warehouse: re-commenting would add a snapshot
    to every run."""
    match = _COLUMN_COMMENT.fullmatch(statement)
    if match is None:
        return False
    table, column, text = match.group(1), match.group(2), match.group(3).replace("''", "'")
    row = con.execute(
        "SELECT comment FROM duckdb_columns() WHERE database_name = ? AND table_name = ? AND column_name = ?",
        [LAKE_ALIAS, table, column],
    ).fetchone()
    return row is not None and row[0] == text


def partitioned_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT DISTINCT table_name FROM information_schema.columns "
        "WHERE table_catalog = ? AND column_name = ? ORDER BY 1",
        [LAKE_ALIAS, PARTITION_COLUMN],
    ).fetchall()
    return [r[0] for r in rows]


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_catalog = ? AND table_name = ? ORDER BY ordinal_position",
        [LAKE_ALIAS, table],
    ).fetchall()
    if not rows:
        raise KeyError(f"no table {table!r} in the warehouse")
    return [r[0] for r in rows]


def _conform(con: duckdb.DuckDBPyConnection, table: str, frame: Rows) -> Rows:
    """Select the table's columns by name, failing loudly on a missing or unknown column.

    Inserting by name (never by position) is what prevents a silent column swap when a frame's
    columns come in another order than the table's; checking the set here turns a schema drift
    into a clear error.
    """
    columns = table_columns(con, table)
    missing = [c for c in columns if c not in frame.columns]
    extra = [c for c in frame.columns if c not in columns]
    if missing or extra:
        raise ValueError(f"frame for {table} does not match its schema: missing {missing}, unknown {extra}")
    # Spilled rows are inserted BY NAME from their files: the same by-name selection.
    return frame.select(columns) if isinstance(frame, pl.DataFrame) else frame


class SpilledRows:
    """A table's rows, written batch by batch to Parquet files in a folder of their own, for
    :func:`write` to insert in one statement inside its transaction.

    A step that produces a large day (a hundred thousand articles and their texts) appends each
    batch as it is made and never holds the whole day, and the write transaction stays short.
    The files are removed by :meth:`discard`, or when the object is garbage collected, or at
    the latest when the process exits.
    """

    def __init__(self, schema: Mapping[str, pl.DataType], spill_dir: Path | None = None):
        self.schema = dict(schema)
        root = spill_dir or process_temp_dir()
        root.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix="rows-", dir=root))
        self.files: list[Path] = []
        self.height = 0
        self.discard = weakref.finalize(self, shutil.rmtree, self.folder, True)

    @property
    def columns(self) -> list[str]:
        return list(self.schema)

    def append(self, frame: pl.DataFrame) -> None:
        """Add a batch of rows (its columns are those of the schema, in any order)."""
        if frame.height:
            path = self.folder / f"{len(self.files):06d}.parquet"
            frame.select(self.columns).cast(self.schema).write_parquet(path)
            self.files.append(path)
            self.height += frame.height

    def head(self, rows: int) -> pl.DataFrame:
        """The first ``rows`` rows (a preview), read from the first file only."""
        if not self.files:
            return pl.DataFrame(schema=self.schema)
        return pl.read_parquet(self.files[0], n_rows=rows)

    def collect(self) -> pl.DataFrame:
        """All rows as one frame: for small days and tests; a large day is never collected."""
        if not self.files:
            return pl.DataFrame(schema=self.schema)
        return pl.read_parquet(self.files)

    def source_sql(self) -> str:
        """The rows as a SQL table expression, files in the order they were appended."""
        return f"read_parquet([{', '.join(sql_literal(path) for path in self.files)}])"


# The rows of one write operation: a frame, or batches spilled to Parquet.
Rows = pl.DataFrame | SpilledRows


def replace_partitions(
    con: duckdb.DuckDBPyConnection,
    frames: Mapping[str, pl.DataFrame],
    dates: Iterable[dt.date],
    lock_dir: Path,
) -> dict[str, int]:
    """Replace the given days of several tables in ONE transaction.

    Readers see either all the old rows or all the new ones; a crash before COMMIT leaves the
    previous snapshot. Returns rows written per table.
    """
    dates = sorted(set(dates))
    return write(con, [(table, frame, dates) for table, frame in frames.items()], lock_dir)


def append_rows(con: duckdb.DuckDBPyConnection, frames: Mapping[str, pl.DataFrame]) -> dict[str, int]:
    """Append to several tables in one transaction (the append-only capture history)."""
    return write(con, [(table, frame, NO_ROWS) for table, frame in frames.items()])


# What a write replaces in its table: every row, none (append), or a list of partition days.
ALL_ROWS = "all"
NO_ROWS = "none"


def write(con: duckdb.DuckDBPyConnection, operations: list[tuple[str, Rows, object]],
          lock_dir: Path | None = None) -> dict[str, int]:
    """Apply (table, rows, replaces) operations in a single transaction, retrying on conflict.
    ``rows`` is a frame or :class:`SpilledRows` (a large day's rows in Parquet batches).

    ``replaces`` says which existing rows the frame replaces: ALL_ROWS, NO_ROWS, a list of dates
    whose partitions are deleted first, or a ``(where_sql, params)`` pair for anything else.
    Writers of the same partition days take turns (see :func:`day_locks`); replacing partition
    days requires the lock folder ``lock_dir`` (``Settings.locks_dir``) for a local catalog.
    """
    conformed = [(table, _conform(con, table, frame), replaces) for table, frame, replaces in operations]
    days = sorted({d for _, _, replaces in conformed if isinstance(replaces, list) for d in replaces})
    if days and lock_dir is None:
        raise ValueError("replacing partition days needs the writers' lock folder (lock_dir)")
    with day_locks(con, lock_dir, days):
        for attempt in range(_WRITE_ATTEMPTS):
            try:
                return _write_once(con, conformed)
            except duckdb.Error as error:
                if attempt == _WRITE_ATTEMPTS - 1 or not _retryable(error):
                    raise
            time.sleep(0.2 * 2**attempt)
    raise AssertionError("unreachable")


def _write_once(con: duckdb.DuckDBPyConnection, conformed: list[tuple[str, Rows, object]]) -> dict[str, int]:
    con.execute("BEGIN TRANSACTION")
    try:
        written = {}
        for table, frame, replaces in conformed:
            if replaces == ALL_ROWS:
                con.execute(f"DELETE FROM {table}")
            elif isinstance(replaces, tuple):
                con.execute(f"DELETE FROM {table} WHERE {replaces[0]}", replaces[1])
            elif replaces != NO_ROWS and replaces:
                con.execute(
                    f"DELETE FROM {table} WHERE {PARTITION_COLUMN} IN (SELECT unnest(?::DATE[]))",
                    [list(replaces)],
                )
            if isinstance(frame, SpilledRows) and frame.height:
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {frame.source_sql()}")
            elif frame.height:
                con.register("_incoming", frame)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _incoming")
                con.unregister("_incoming")
            written[table] = written.get(table, 0) + frame.height
    except BaseException:
        con.execute("ROLLBACK")
        raise
    # A failed COMMIT has already ended the transaction (DuckDB rolls it back itself): a
    # ROLLBACK here would fail with "no transaction is active" and hide the retryable error.
    con.execute("COMMIT")
    return written


def _retryable(error: duckdb.Error) -> bool:
    """A write conflict with another committer, or a catalog lock held past the busy timeout."""
    return isinstance(error, duckdb.TransactionException) or "database is locked" in str(error)


@contextmanager
def day_locks(con: duckdb.DuckDBPyConnection, lock_dir: Path | None, days: list[dt.date],
              timeout: float = PARTITION_LOCK_TIMEOUT_S) -> Iterator[None]:
    """This writer's turn on ``days`` among every writer of the lake ``con`` has attached.

    Lock files serialise the processes of one machine only. A PostgreSQL catalog is shared by
    every machine writing the lake, so there the turn is taken in the catalog's database
    (:func:`catalog_partition_locks`): two run pods or machines replacing the same day take
    turns, whatever their lock folders or Dagster instances."""
    catalog = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = ?", [LAKE_ALIAS]).fetchone()[0]
    if days and catalog.startswith("postgres:"):
        with catalog_partition_locks(catalog.removeprefix("postgres:"), days, timeout):
            yield
    else:
        with partition_locks(lock_dir, days, timeout):
            yield


def _wait_for_turn(try_lock: Callable[[], bool], day: dt.date, lock: str, timeout: float) -> None:
    """Try ``try_lock`` until it succeeds; a live writer holding ``day`` past ``timeout`` makes
    this one fail, saying which lock it waited for."""
    deadline = time.monotonic() + timeout
    while not try_lock():
        if time.monotonic() >= deadline:
            raise TimeoutError(
                f"partition {day} is being written by another process for over {timeout:.0f} s "
                f"({lock}); try again when it has finished"
            )
        time.sleep(0.1)


@contextmanager
def partition_locks(lock_dir: Path, days: list[dt.date], timeout: float = PARTITION_LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold an exclusive lock per partition day (in date order, so two writers cannot deadlock).

    Two writers replacing the same day would otherwise race on its data files and one would
    abort with a conflict; taking turns makes both succeed. These are flock locks: the kernel
    releases them when their process dies, however it dies, so a killed run never blocks the
    next one. A live writer holding a day longer than ``timeout`` makes this one fail clearly.
    """
    with ExitStack() as held:
        if days:
            lock_dir.mkdir(parents=True, exist_ok=True)
        for day in days:
            handle = held.enter_context(open(lock_dir / f"partition-{day.isoformat()}.lock", "a"))
            _wait_for_turn(lambda: _try_flock(handle), day, f"lock {handle.name}", timeout)
        yield


def _try_flock(handle) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


# The first key of the catalog's advisory locks of partition days (the day's ordinal is the
# second): an arbitrary constant, "etld" in ASCII, that other users of the database will not pick.
DAY_LOCK_CLASS = 0x65746C64


@contextmanager
def catalog_partition_locks(dsn: str, days: list[dt.date], timeout: float = PARTITION_LOCK_TIMEOUT_S) -> Iterator[None]:
    """:func:`partition_locks` across machines: PostgreSQL advisory locks, one per day (in date
    order), in the catalog database ``dsn`` (libpq connection string), held by a session of
    their own. A writer that dies loses its session, and PostgreSQL releases its locks: a
    killed run pod never leaves a day locked (a vanished machine, once the server notices its
    connection is gone)."""
    import psycopg2  # only a PostgreSQL catalog needs it

    session = psycopg2.connect(dsn, connect_timeout=30, application_name="etl partition locks")
    session.autocommit = True
    try:
        with session.cursor() as cursor:

            def try_lock(day: dt.date) -> bool:
                cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", (DAY_LOCK_CLASS, day.toordinal()))
                return cursor.fetchone()[0]

            for day in days:
                _wait_for_turn(lambda: try_lock(day), day, f"advisory lock ({DAY_LOCK_CLASS}, {day.toordinal()}) "
                               "in the catalog database", timeout)
        yield
    finally:
        session.close()  # ends the session, which releases its advisory locks


# A list of strings passed as one parameter: SQL reads it as ``?::JSON::VARCHAR[]``. DuckDB
# converts a Python list parameter value by value and, for each value, tries to import pandas
# (to recognise its types); where pandas is not installed every try searches the import path
# again, some 60 µs a value: a day's thousands of article ids took a tenth of an hourly
# refresh. One JSON string is one value.
LIST_PARAM = "?::JSON::VARCHAR[]"


def list_param(values: Iterable[str]) -> str:
    """``values`` as the one parameter of a LIST_PARAM."""
    return json.dumps(list(values))


def query(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    return con.execute(sql, params or []).pl()


def current_snapshot(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT max(snapshot_id) FROM ducklake_snapshots(?)", [LAKE_ALIAS]).fetchone()[0]

"""Analyst views kept in the DuckLake catalog itself: the staging and intermediate SQL models
(``sql/models/``, the layers the pipeline's marts are computed from) as views of their own name,
then the views that read them (``sql/views/*.sql``).

DuckLake stores views in its catalog, so every reader (``etl sql``, ``sql/attach.sql`` in the
plain DuckDB CLI, a notebook) sees them without running anything. Creating a view is a catalog
commit, i.e. a snapshot: each view carries a comment with the sha256 of its file, and only
views whose file changed are replaced, so an hourly run adds no snapshot when nothing changed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.settings import REPO_SQL_DIR
from etl.warehouse.models import leading_comment, models

_VIEW_NAME = re.compile(r"CREATE\s+OR\s+REPLACE\s+VIEW\s+(\w+)", re.IGNORECASE)
# Marks a view as installed from sql/ (and by which version of its file).
_HASH_TAG = re.compile(r"\[sql sha256 ([0-9a-f]{12})\]$")


@dataclass(frozen=True)
class ViewFile:
    name: str
    description: str
    sql: str
    digest: str

    @property
    def comment(self) -> str:
        return f"{self.description} [sql sha256 {self.digest}]"


def _view(name: str, description: str, sql: str) -> ViewFile:
    return ViewFile(name, description, sql, hashlib.sha256(sql.encode()).hexdigest()[:12])


def view_files(sql_dir: Path = REPO_SQL_DIR) -> list[ViewFile]:
    """Every analyst view in layer order: the staging and intermediate models, then sql/views in
    file-name order (later views select from earlier ones)."""
    views = [
        _view(m.name, m.description, f"CREATE OR REPLACE VIEW {m.name} AS\n{m.sql.rstrip()};\n")
        for m in models(sql_dir) if m.layer != "marts"
    ]
    for path in sorted((sql_dir / "views").glob("*.sql")):
        sql = path.read_text()
        match = _VIEW_NAME.search(sql)
        if match is None:
            raise ValueError(f"{path} defines no `CREATE OR REPLACE VIEW name`")
        views.append(_view(match.group(1), leading_comment(sql), sql))
    return views


def installed_views(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, str]:
    """Views of ``database`` installed from sql/: name -> file digest."""
    rows = con.execute(
        "SELECT view_name, comment FROM duckdb_views() WHERE database_name = ? AND NOT internal", [database]
    ).fetchall()
    found = {}
    for name, comment in rows:
        match = _HASH_TAG.search(comment or "")
        if match:
            found[name] = match.group(1)
    return found


def install_views(con: duckdb.DuckDBPyConnection, database: str = "lake") -> list[str]:
    """Create or replace changed views, drop ones whose file is gone; returns the views written.

    All in one transaction: readers see the old layer or the new one, never half of each.
    """
    wanted = view_files()
    current = installed_views(con, database)
    stale = [v for v in wanted if current.get(v.name) != v.digest]
    removed = sorted(set(current) - {v.name for v in wanted})
    if not stale and not removed:
        return []
    con.execute("BEGIN TRANSACTION")
    try:
        for name in removed:
            con.execute(f"DROP VIEW IF EXISTS {name}")
        # A changed view can change the columns a later layer selects: rewrite every view from
        # the first changed one on, in order.
        first = wanted.index(stale[0]) if stale else len(wanted)
        for view in wanted[first:]:
            con.execute(view.sql)
            # COMMENT takes no parameters: quote the literal the SQL way.
            comment = view.comment.replace("'", "''")
            con.execute(f"COMMENT ON VIEW {view.name} IS '{comment}'")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return [v.name for v in wanted[first:]] + removed

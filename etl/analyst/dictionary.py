"""The data dictionary (sql/dictionary.yaml) and everything made from it.

One description per table, view and column, used three ways: written into the lake as
``COMMENT ON`` (tables and their columns; DuckLake keeps no comments on view columns, so views
carry their description only), shown by Dagster as each asset's column schema, and rendered as
docs/data-dictionary.md with the lineage from feeds to views. The shape of the warehouse (which
columns exist, their types) comes from the SQL itself: sql/schema and the views run in an
in-memory DuckDB, so neither Dagster nor the page needs a warehouse to exist.

    python -m etl.cli.data_dictionary            # rewrite docs/data-dictionary.md
    python -m etl.cli.data_dictionary --check    # exit 1 when the page is out of date

(the command lives with the CLI because the page's table lineage comes from the Dagster
definitions, which are built on top of this package).
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import yaml

from etl.analyst.views import view_files
from etl.settings import REPO_SQL_DIR

if TYPE_CHECKING:
    import dagster as dg

DICTIONARY_FILE = REPO_SQL_DIR / "dictionary.yaml"
PAGE = REPO_SQL_DIR.parent / "docs" / "data-dictionary.md"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Relation:
    """A table or a view of the warehouse, described."""
    name: str
    kind: str  # 'table' | 'view'
    description: str
    columns: tuple[Column, ...]


class DictionaryError(ValueError):
    """The dictionary misses a description or describes something that does not exist."""


@lru_cache(maxsize=1)
def warehouse_shape() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """name -> (kind, [(column, type)]) of every table and view, from the SQL files alone."""
    con = duckdb.connect()
    try:
        for path in sorted((REPO_SQL_DIR / "schema").glob("*.sql")):
            con.execute(path.read_text())
        for view in view_files():
            con.execute(view.sql)
        rows = con.execute(
            "SELECT c.table_name, CASE WHEN v.view_name IS NULL THEN 'table' ELSE 'view' END, "
            "       c.column_name, c.data_type "
            "FROM duckdb_columns() c LEFT JOIN duckdb_views() v ON v.view_name = c.table_name AND NOT v.internal "
            "WHERE NOT c.internal ORDER BY c.table_name, c.column_index"
        ).fetchall()
    finally:
        con.close()
    shape: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for name, kind, column, data_type in rows:
        shape.setdefault(name, (kind, []))[1].append((column, data_type))
    return shape


@lru_cache(maxsize=1)
def relations() -> dict[str, Relation]:
    """Every table and view with its description and its columns' descriptions, in the order
    of the flow (capture tables, derived tables, then views in layer order)."""
    doc = yaml.safe_load(DICTIONARY_FILE.read_text(encoding="utf-8"))
    shared, tables, views = doc["columns"], doc["tables"], doc["views"]
    view_descriptions = {view.name: view.description for view in view_files()}
    shape = warehouse_shape()
    problems = []
    for name, (kind, _) in shape.items():
        if name not in (tables if kind == "table" else views):
            problems.append(f"{kind} {name} is not in {DICTIONARY_FILE.name}")
    for name in [*tables, *views]:
        if name not in shape:
            problems.append(f"{name} is described but is no table or view of sql/")
    found = {}
    for name, entry in [*tables.items(), *views.items()]:
        if name not in shape:
            continue
        kind, columns = shape[name]
        entry = entry or {}
        own = entry.get("columns") or {}
        problems += [f"{name}.{c} is described but does not exist" for c in own if c not in dict(columns)]
        described = []
        for column, data_type in columns:
            text = own.get(column) or shared.get(column)
            if not text:
                problems.append(f"{name}.{column} has no description")
            described.append(Column(column, data_type, text or ""))
        description = entry.get("description") if kind == "table" else view_descriptions[name]
        found[name] = Relation(name, kind, description, tuple(described))
    used = {c.name for r in found.values() for c in r.columns}
    problems += [f"shared description of {c} matches no column" for c in shared if c not in used]
    if problems:
        raise DictionaryError("data dictionary: " + "; ".join(problems))
    return found


def _literal(text: str) -> str:
    # COMMENT takes no parameters: quote the literal the SQL way.
    return "'" + text.replace("'", "''") + "'"


def comment_statements(con: duckdb.DuckDBPyConnection, database: str = "lake") -> list[str]:
    """COMMENT ON statements bringing the tables' comments in ``database`` to the dictionary's
    (only those that differ: every comment is a catalog change, i.e. a DuckLake snapshot)."""
    tables = dict(con.execute("SELECT table_name, comment FROM duckdb_tables() WHERE database_name = ?",
                              [database]).fetchall())
    columns = {(t, c): comment for t, c, comment in con.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE database_name = ?", [database]
    ).fetchall()}
    statements = []
    for relation in relations().values():
        if relation.kind != "table" or relation.name not in tables:
            continue
        if tables[relation.name] != relation.description:
            statements.append(f"COMMENT ON TABLE {relation.name} IS {_literal(relation.description)}")
        for column in relation.columns:
            if (relation.name, column.name) in columns and columns[relation.name, column.name] != column.description:
                statements.append(f"COMMENT ON COLUMN {relation.name}.{column.name} IS {_literal(column.description)}")
    return statements


def apply_comments(con: duckdb.DuckDBPyConnection, database: str = "lake") -> int:
    """Write the dictionary's comments where they differ, in one transaction; returns how many."""
    statements = comment_statements(con, database)
    if not statements:
        return 0
    con.execute("BEGIN TRANSACTION")
    try:
        for statement in statements:
            con.execute(statement)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(statements)


def _table_refs(node) -> set[str]:
    if isinstance(node, dict):
        found = {node["table_name"]} if node.get("type") == "BASE_TABLE" and node.get("table_name") else set()
        return found.union(*(_table_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_table_refs(v) for v in node))
    return set()


def view_dependencies() -> dict[str, list[str]]:
    """The tables and views each view selects from, read from DuckDB's parse of its query (CTE
    names are no tables of the warehouse, so they drop out), in the views' layer order."""
    known = set(warehouse_shape())
    con = duckdb.connect()
    try:
        found = {}
        for view in view_files():
            query = re.split(r"\bVIEW\s+\w+\s+AS\b", view.sql, maxsplit=1, flags=re.IGNORECASE)[1]
            tree = json.loads(con.execute("SELECT json_serialize_sql(?)", [query]).fetchone()[0])
            found[view.name] = sorted(_table_refs(tree) & known)
    finally:
        con.close()
    return found


# -- the page ------------------------------------------------------------------------------------

_READING = """\
## Reading the facts

* **`mode`** is PLOVER's sub-type of an event (CONSULT: visit, phone, multilateral; ACCUSE:
  disapprove, allege, investigate; COERCE: arrest; ASSAULT: drone, firearms, ...). It is set only
  when the wording gives one; about half of all facts have none (NULL), which is not an error.
* **`confidence`** (0.1 to 0.9) is the coder's rule-based confidence: 0.9 when the trigger and
  both parties are in the sentence, lower when the source was carried over from an earlier
  sentence, the target is a place or the trigger is a noun. Use it to rank or filter, not as a
  probability.
* **Sector lists** (`source_sectors`, `target_sectors`) run parallel to the actor lists: one
  entry per actor, in the same order. `''` is a placeholder for an actor without a sector (a
  state as a whole, or unknown), so `['']` is one actor with no sector, and `[]` means no actor
  (an event with no recipient).
* **Code lists** (`source_iso3`, `target_iso3`) also run parallel to the actor lists. An entry
  is an ISO 3166 alpha-3 country code (`KOR`), or, for an international organisation, its own
  code (`UN`, `NATO`, `EU`, `G20`, ...): organisations are actors, not countries, so the dyad
  views and `relation_daily` pair only countries. `''` means the actor's country is unknown.
* **Counted facts** are asserted ones (`is_asserted`: neither `negated` nor `hypothetical`);
  `stories` counts a syndicated story once however many outlets carried it.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_page(reads: dict[str, list[str]]) -> str:
    """docs/data-dictionary.md: lineage diagram, then every table and view with its columns.

    ``reads`` maps each table and view to what it reads (see lineage())."""
    described = relations()
    lines = [
        "# Data dictionary",
        "",
        "<!-- Generated by `python -m etl.cli.data_dictionary` from sql/dictionary.yaml, the view",
        "     files in sql/models/ and sql/views/ and the Dagster asset graph; edit those, not this page. -->",
        "",
        "Every table and column below carries the same description in the warehouse (`COMMENT ON`,",
        "shown by `DESCRIBE` and `duckdb_columns()`) and in the Dagster UI (each asset's column",
        "schema). Views carry their description as their comment; DuckLake keeps no comments on",
        "view columns, so theirs are here and in Dagster.",
        "",
        "## Lineage: from feeds to views",
        "",
        "`feeds` are the sources polled by the capture step (sources.yaml); WARC imports enter at",
        "`feed_entries` and `captures` the same way.",
        "",
        "```mermaid",
        "flowchart LR",
    ]
    for name, relation in described.items():
        upstream = reads.get(name, [])
        if not upstream and relation.kind == "table":
            upstream = ["feeds"]  # what capture writes straight from the sources
        lines += [f"  {up} --> {name}" for up in upstream]
    lines += ["```", "", _READING]
    for kind, heading in (("table", "Tables"), ("view", "Views (sql/models/, sql/views/)")):
        lines += [f"## {heading}", ""]
        for relation in (r for r in described.values() if r.kind == kind):
            upstream = reads.get(relation.name)
            lines += [f"### `{relation.name}`", "", relation.description, ""]
            if upstream:
                lines += ["Reads: " + ", ".join(f"`{u}`" for u in upstream) + ".", ""]
            lines += ["| column | type | description |", "| --- | --- | --- |"]
            lines += [f"| `{c.name}` | {c.type} | {_cell(c.description)} |" for c in relation.columns]
            lines.append("")
    return "\n".join(lines)


# Metadata key of a table asset: tables its step reads beyond its upstream assets in the graph.
ALSO_READS = "also_reads"


def lineage(defs: dg.Definitions) -> dict[str, list[str]]:
    """What each table and view reads: a table asset's upstream assets in the Dagster
    definitions (passed in: they are built on top of this package) and those its metadata names
    under ALSO_READS, a view's tables and views as its SQL names them."""
    graph = defs.resolve_asset_graph()
    tables = {
        key.to_user_string(): sorted({p.to_user_string() for p in graph.get(key).parent_keys}
                                     | set(graph.get(key).metadata.get(ALSO_READS, [])))
        for key in graph.get_all_asset_keys()
        if relations().get(key.to_user_string(), Relation("", "view", "", ())).kind == "table"
    }
    return {**tables, **view_dependencies()}


def main(defs: dg.Definitions, argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write docs/data-dictionary.md from sql/dictionary.yaml.")
    parser.add_argument("--check", action="store_true", help="only report whether the page is current")
    args = parser.parse_args(argv)
    text = render_page(lineage(defs))
    if args.check:
        current = PAGE.exists() and PAGE.read_text(encoding="utf-8") == text
        print(f"{PAGE.name} is {'current' if current else 'out of date: run python -m etl.cli.data_dictionary'}")
        return 0 if current else 1
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


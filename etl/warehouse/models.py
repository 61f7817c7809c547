"""The pipeline's SQL models (``sql/models/``), layered as dbt layers them.

* ``staging``: reference data and light reshaping of what the tables hold;
* ``intermediate``: joins and expansions shared by several consumers;
* ``marts``: the queries a derive step writes into a table.

A model is one SELECT in a file named after it; a number in front of the name orders a layer
(later models read earlier ones), and the comment lines it starts with describe it. A mart runs
with the staging and intermediate models inlined as common table expressions, so the writer
needs nothing in the catalog but the tables. The analyst views read the same staging and
intermediate models, installed as views of the same name (``etl.analyst.views``): a table and
the views beside it count alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from etl.settings import REPO_SQL_DIR

LAYERS = ("staging", "intermediate", "marts")
_ORDER_PREFIX = re.compile(r"^\d+_")


@dataclass(frozen=True)
class Model:
    name: str
    layer: str
    description: str  # its leading comment lines, joined
    sql: str          # the whole file: comment and SELECT


def leading_comment(sql: str) -> str:
    """The ``--`` lines a SQL file starts with, as one line of text."""
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.removeprefix("--").strip())
    return " ".join(lines)


def models(sql_dir: Path = REPO_SQL_DIR) -> list[Model]:
    """Every model, in layer order and, inside a layer, in file-name order."""
    found = []
    for layer in LAYERS:
        for path in sorted((sql_dir / "models" / layer).glob("*.sql")):
            sql = path.read_text(encoding="utf-8")
            found.append(Model(_ORDER_PREFIX.sub("", path.stem), layer, leading_comment(sql), sql))
    return found


def mart_query(name: str, sql_dir: Path = REPO_SQL_DIR) -> str:
    """The mart ``name`` as one query, the staging and intermediate models before it as CTEs."""
    everything = models(sql_dir)
    marts = {m.name: m for m in everything if m.layer == "marts"}
    if name not in marts:
        raise KeyError(f"no mart {name!r} in {sql_dir / 'models' / 'marts'} (there are: {sorted(marts)})")
    upstream = ",\n".join(f"{m.name} AS (\n{m.sql.rstrip()}\n)" for m in everything if m.layer != "marts")
    return f"WITH {upstream}\n{marts[name].sql}"

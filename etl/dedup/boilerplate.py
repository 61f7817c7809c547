"""Site furniture removal: lines a source repeats across its own articles.

Extraction leaves some boilerplate behind (newsletter pitches, copyright lines, "Advertisement",
captions; see NOTES.md). It shifts similarity most for short texts, e.g. a two-paragraph brief.
A line is boilerplate when one source prints it, word for word after normalisation, in at
least BOILERPLATE_MIN_DOCS of the batch's articles; such lines are dropped from every text
before hashing. Texts without a source teach nothing (a wire paragraph repeated by many
outlets is news, not furniture).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from etl.dedup.params import BOILERPLATE_MIN_DOCS


def _line_keys(texts: Sequence[str]) -> pl.DataFrame:
    """(doc, line, key): every line of every text, keyed by its trimmed lower-case form (a site
    prints its furniture identically, so no finer normalisation is worth a second tokenising)."""
    lines = pl.DataFrame({"line": list(texts)}, schema={"line": pl.String}).with_row_index("doc")
    lines = lines.with_columns(pl.col("line").str.split("\n")).explode("line")
    return lines.with_columns(pl.col("line").str.strip_chars().str.to_lowercase().alias("key"))


def boilerplate_lines(texts: Sequence[str], sources: Sequence[str]) -> set[str]:
    """Normalised lines that some non-empty source repeats in BOILERPLATE_MIN_DOCS texts."""
    if not any(sources):
        return set()
    lines = _line_keys(texts).join(
        pl.DataFrame({"source": list(sources)}, schema={"source": pl.String}).with_row_index("doc"), on="doc"
    )
    repeated = (
        lines.filter((pl.col("source") != "") & (pl.col("key") != ""))
        .group_by("source", "key")
        .agg(pl.col("doc").n_unique().alias("docs"))
        .filter(pl.col("docs") >= BOILERPLATE_MIN_DOCS)
    )
    return set(repeated.get_column("key").to_list())


def strip_lines(texts: Sequence[str], boilerplate: set[str]) -> list[str]:
    """``texts`` without their boilerplate lines (unchanged when the set is empty)."""
    if not boilerplate or not texts:
        return list(texts)
    kept = (
        _line_keys(texts)
        .filter(~pl.col("key").is_in(list(boilerplate)))
        .group_by("doc", maintain_order=True)
        .agg(pl.col("line").str.join("\n"))
    )
    by_doc = dict(zip(kept.get_column("doc").to_list(), kept.get_column("line").to_list()))
    return [by_doc.get(i, "") for i in range(len(texts))]

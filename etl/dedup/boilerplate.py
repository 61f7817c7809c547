"""Site furniture removal: lines a source repeats across its own articles.

Extraction leaves some boilerplate behind (newsletter pitches, copyright lines, "Advertisement",
captions). It shifts similarity most for short texts, e.g. a two-paragraph brief.
A line is boilerplate when one source prints it (trimmed, lower case) in at least
BOILERPLATE_MIN_DOCS articles of the day or of the window's earlier days; such lines are dropped
from every text before hashing. The window matters: an outlet with one or two articles today
would otherwise keep its furniture, and its brief of a wire story would miss the story.
Earlier days are known by the stable hashes of their (source, line) pairs, stored with the
band keys. Texts without a source teach nothing (a wire paragraph repeated by many outlets is
news, not furniture).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import xxhash

from etl.dedup.params import MAX_FURNITURE_SHARE

SOURCE_LINES_SCHEMA = {"article_id": pl.String, "line": pl.String, "line_key": pl.UInt64}


def _line_keys(texts: Sequence[str]) -> pl.DataFrame:
    """(doc, line, key): every line of every text, keyed by its trimmed lower-case form (a site
    prints its furniture identically, so no finer normalisation is worth a second tokenising)."""
    lines = pl.DataFrame({"line": list(texts)}, schema={"line": pl.String}).with_row_index("doc")
    lines = lines.with_columns(pl.col("line").str.split("\n")).explode("line")
    return lines.with_columns(pl.col("line").str.strip_chars().str.to_lowercase().alias("key"))


def source_lines(texts: Sequence[str], sources: Sequence[str], article_ids: Sequence[str]) -> pl.DataFrame:
    """(article_id, line, line_key): each distinct non-empty line of each sourced text, with a
    stable 64-bit hash of (source, line) that later days can count without the text."""
    if not any(sources):
        return pl.DataFrame(schema=SOURCE_LINES_SCHEMA)
    lines = _line_keys(texts).join(
        pl.DataFrame({"source": list(sources), "article_id": list(article_ids)}, schema={"source": pl.String, "article_id": pl.String})
        .with_row_index("doc"),
        on="doc",
    )
    lines = lines.filter((pl.col("source") != "") & (pl.col("key") != "")).select("article_id", "source", pl.col("key").alias("line")).unique()
    pairs = lines.select("source", "line").unique()
    # A line never contains "\n", so the separator keeps (source, line) pairs apart.
    hashes = [xxhash.xxh3_64_intdigest(f"{source}\n{line}".encode()) for source, line in pairs.iter_rows()]
    pairs = pairs.with_columns(pl.Series("line_key", hashes, dtype=pl.UInt64))
    return lines.join(pairs, on=["source", "line"]).select(list(SOURCE_LINES_SCHEMA)).cast(SOURCE_LINES_SCHEMA)


def strip_lines(texts: Sequence[str], boilerplate: set[str]) -> list[str]:
    """``texts`` without their boilerplate lines (unchanged when the set is empty).

    A text whose "boilerplate" would be MAX_FURNITURE_SHARE of its characters or more keeps all
    its lines: furniture frames a story, it is not the story. Lines repeated that widely are the
    text itself printed again (copies of one article under one label: an archive import, a page
    re-published at several addresses), and stripping them would leave nothing to match on."""
    if not boilerplate or not texts:
        return list(texts)
    lines = _line_keys(texts).with_columns(
        furniture=pl.col("key").is_in(list(boilerplate)), chars=pl.col("line").str.len_chars()
    )
    share = lines.group_by("doc").agg(
        (pl.col("chars").filter(pl.col("furniture")).sum() / pl.col("chars").sum().clip(lower_bound=1)).alias("share")
    )
    kept = (
        lines.join(share, on="doc")
        .filter(~pl.col("furniture") | (pl.col("share") >= MAX_FURNITURE_SHARE))
        .group_by("doc", maintain_order=True)
        .agg(pl.col("line").str.join("\n"))
    )
    by_doc = dict(zip(kept.get_column("doc").to_list(), kept.get_column("line").to_list()))
    return [by_doc.get(i, "") for i in range(len(texts))]

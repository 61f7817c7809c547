"""`etl search`: ranked full-text search over article text and titles (BM25), offline.

Results are collapsed to one per story, the best-scoring copy, with the number of outlets that
carried it: a wire story syndicated by five outlets is one result, not five.

BM25 scores any article with any query word; on its own that lists, for "water cannon
Scarborough", every article mentioning territorial waters. Results must match as many distinct
query words (by stem) as the best-matching article does: all of them whenever some article has
them all, otherwise the largest number any article has.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from etl.analyst.search_index import open_index_file
from etl.analyst.snippets import best_snippet, query_stems
from etl.settings import Settings

_RANKED_SQL = """
WITH scored AS (
    SELECT *, fts_main_documents.match_bm25(article_id, $query) AS score
    FROM documents
    WHERE ($since IS NULL OR partition_date >= $since)
      AND ($until IS NULL OR partition_date <= $until)
      AND ($source IS NULL OR source = $source)
),
matched AS (
    SELECT d.name AS article_id, count(DISTINCT t.termid) AS words_matched
    FROM fts_main_documents.terms t
    JOIN fts_main_documents.dict w USING (termid)
    JOIN fts_main_documents.docs d USING (docid)
    WHERE list_contains($stems, w.term)
    GROUP BY d.name
),
scored_hits AS (
    SELECT *, coalesce(story_id, article_id) AS story_key
    FROM scored JOIN matched USING (article_id)
    WHERE score IS NOT NULL
),
hits AS (
    SELECT * FROM scored_hits WHERE words_matched = (SELECT max(words_matched) FROM scored_hits)
),
stories AS (
    SELECT story_key,
           arg_max(article_id, (score, is_representative)) AS article_id,
           max(score) AS score,
           count(DISTINCT source) AS outlets
    FROM hits
    GROUP BY story_key
)
SELECT row_number() OVER (ORDER BY s.score DESC, d.partition_date DESC, d.article_id) AS rank,
       round(s.score, 3) AS score, d.partition_date AS day, d.source, s.outlets, d.title, d.url,
       d.text, d.story_id
FROM stories s JOIN documents d USING (article_id)
ORDER BY rank
LIMIT $limit
"""


@dataclass(frozen=True)
class SearchFilters:
    since: dt.date | None = None
    until: dt.date | None = None
    source: str | None = None
    limit: int = 10


def search_articles(settings: Settings, index_file: Path, query: str, filters: SearchFilters = SearchFilters(),
                    highlight: bool = True) -> pl.DataFrame:
    """Ranked results: rank, score, day, source, outlets, title, snippet, url, story_id. With
    ``highlight`` the snippet marks the matched words « »; without, it is plain text (for CSV
    and JSON, where the marks would be data)."""
    con = open_index_file(settings, index_file, read_only=True)
    try:
        stopwords = {row[0] for row in con.execute("SELECT sw FROM fts_main_documents.stopwords").fetchall()}
        wanted = query_stems(con, query, stopwords)
        ranked = con.execute(
            _RANKED_SQL,
            {"query": query, "stems": sorted(wanted), "since": filters.since, "until": filters.until,
             "source": filters.source, "limit": filters.limit},
        ).pl()
        snippets = [best_snippet(con, text, wanted, highlight=highlight) for text in ranked["text"]]
    finally:
        con.close()
    return ranked.with_columns(pl.Series("snippet", snippets, dtype=pl.String)).select(
        "rank", "score", "day", "source", "outlets", "title", "snippet", "url", "story_id"
    )

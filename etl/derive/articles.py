"""articles: the latest captured version of every page published on a day, extracted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import duckdb
import polars as pl

from etl.capture.partition import FEED, PAGE, partition_day
from etl.derive.ids import stable_id
from etl.derive.pool import BATCH_ITEMS, ITEMS_PER_WORKER, Workers, batches, worker_count
from etl.extract import EXTRACTOR_VERSION, Article, SiteTemplate, extract_article, learn_template
from etl.rawstore.store import RawStore
from etl.rawstore.warc import read_record
from etl.warehouse.lake import SpilledRows, query
from etl.web.urls import page_canonical_url, registered_domain, site_host

# How far back a host's other pages are sampled to learn its template, and how many at most.
# A bounded, deterministic sample keeps re-derivation reproducible and cheap.
TEMPLATE_WINDOW_DAYS = 7
TEMPLATE_SAMPLE_PAGES = 24

# Latest stored response per page of the day, with the feed entry's metadata and the number of
# distinct versions captured. Revisit records carry no new payload, so only responses count.
_DAY_PAGES = """
WITH responses AS (
    SELECT c.*, count(DISTINCT sha256) OVER (PARTITION BY canonical_url) AS versions
    FROM captures c
    WHERE partition_date = ? AND record_type = 'response' AND http_status = 200
)
SELECT r.capture_id, r.url, r.canonical_url, r.fetched_at, r.warc_file, r.warc_offset,
       r.sha256, r.versions, r.date_source, coalesce(r.feed_name, '') AS feed_name, r.origin,
       e.title AS entry_title, e.published_at AS entry_published_at
FROM responses r
LEFT JOIN (
    SELECT entry_key, arg_max(title, version) AS title, arg_min(published_at, version) AS published_at
    FROM feed_entries GROUP BY entry_key
) e ON e.entry_key = r.entry_key
QUALIFY row_number() OVER (PARTITION BY r.canonical_url ORDER BY r.fetched_at DESC, r.capture_id DESC) = 1
ORDER BY r.canonical_url
"""

# Candidate pages for learning a host's template: latest response per page in the window.
_WINDOW_PAGES = """
SELECT url, canonical_url, warc_file, warc_offset
FROM captures
WHERE partition_date BETWEEN ? AND ? AND record_type = 'response' AND http_status = 200
QUALIFY row_number() OVER (PARTITION BY canonical_url ORDER BY fetched_at DESC, capture_id DESC) = 1
"""


def payload_reader(store: RawStore) -> Callable[[str, int], bytes]:
    """Reads a record's payload, keeping the last few: a page sampled for its host's template is
    often read again at once. A bounded cache: a day's pages are never all held."""

    @lru_cache(maxsize=TEMPLATE_SAMPLE_PAGES * 4)
    def payload(warc_file: str, offset: int) -> bytes:
        return read_record(store, warc_file, offset)[1]

    return payload


_STORED_TEMPLATES = """
SELECT host, template_json FROM site_templates WHERE partition_date = ? AND extractor_version = ?
"""


def day_templates(con: duckdb.DuckDBPyConnection, day: dt.date, hosts: set[str],
                  payload: Callable[[str, int], bytes]) -> dict:
    """The template of each host for ``day``: the stored one if this extractor version already
    learned it, else learned now from a deterministic sample of the host's pages around ``day``."""
    templates = {
        host: SiteTemplate.from_json(text)
        for host, text in query(con, _STORED_TEMPLATES, [day, EXTRACTOR_VERSION]).iter_rows()
        if host in hosts
    }
    missing = sorted(hosts - templates.keys())
    if not missing:
        return templates
    window = query(con, _WINDOW_PAGES, [day - dt.timedelta(days=TEMPLATE_WINDOW_DAYS), day])
    window = window.with_columns(
        pl.col("url").map_elements(site_host, return_dtype=pl.String).alias("host"),
        # Hash order rather than time order: the sample must not depend on when pages arrived.
        pl.col("canonical_url").hash(seed=0).alias("order_key"),
    ).sort("order_key", "canonical_url")
    for host in missing:
        sample = window.filter(pl.col("host") == host).head(TEMPLATE_SAMPLE_PAGES)
        pages = [(row["url"], payload(row["warc_file"], row["warc_offset"])) for row in sample.iter_rows(named=True)]
        templates[host] = learn_template(host, pages)
    return templates


def template_rows(templates: dict, day: dt.date) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {"partition_date": day, "host": host, "template_version": t.version,
             "extractor_version": EXTRACTOR_VERSION, "learned_from_pages": t.pages,
             "template_json": t.to_json()}
            for host, t in sorted(templates.items())
        ],
        schema={"partition_date": pl.Date, "host": pl.String, "template_version": pl.String,
                "extractor_version": pl.String, "learned_from_pages": pl.Int32, "template_json": pl.String},
    )


def input_key(page: dict, template: SiteTemplate | None) -> str:
    """What a page's articles row is made from: its capture (payload, URL, feed, time), the feed
    entry's title and date, the day's count of captured versions, and the extractor and site
    template versions. While it is unchanged a re-derive gives the same row."""
    return stable_id(page["capture_id"], page["entry_title"], page["entry_published_at"], page["date_source"],
                     page["versions"], EXTRACTOR_VERSION, template.version if template is not None else None)


def day_pages(con: duckdb.DuckDBPyConnection, day: dt.date,
              payload: Callable[[str, int], bytes]) -> tuple[pl.DataFrame, dict]:
    """The pages of ``day`` (rows of _DAY_PAGES with their input_key) and each host's template."""
    pages = query(con, _DAY_PAGES, [day])
    templates = day_templates(con, day, {site_host(u) for u in pages["url"]}, payload)
    keys = [input_key(page, templates.get(site_host(page["url"]))) for page in pages.iter_rows(named=True)]
    return pages.with_columns(pl.Series("input_key", keys, dtype=pl.String)), templates


def extract_pages(pages: pl.DataFrame, templates: dict, payload: Callable[[str, int], bytes], day: dt.date,
                  workers: int = 0, items_per_worker: int = ITEMS_PER_WORKER, batch_items: int = BATCH_ITEMS,
                  spill_dir: Path | None = None) -> SpilledRows:
    """The articles rows of ``pages`` (see day_pages), extracted in batches of ``batch_items`` by
    up to ``workers`` processes (0: the machine's cores; see etl.derive.pool.worker_count), each
    batch's rows spilled to Parquet in ``spill_dir``."""
    rows = SpilledRows(ARTICLE_SCHEMA, spill_dir)
    with Workers(worker_count(workers, pages.height, items_per_worker)) as pool:
        for batch in batches(pages.iter_rows(named=True), batch_items):
            # Dates after the capture are implausible whenever the day is re-derived: now=fetched_at.
            work = [(payload(page["warc_file"], page["warc_offset"]), page["url"],
                     templates.get(site_host(page["url"])), page["fetched_at"]) for page in batch]
            rows.append(pl.DataFrame([article_row(page, article, day) for page, article in zip(batch, pool.map(_extract, work))],
                                     schema=ARTICLE_SCHEMA))
    return rows


def derive_articles(con: duckdb.DuckDBPyConnection, day: dt.date, store: RawStore, workers: int = 0,
                    items_per_worker: int = ITEMS_PER_WORKER, batch_items: int = BATCH_ITEMS,
                    spill_dir: Path | None = None) -> tuple[SpilledRows, pl.DataFrame]:
    """Returns (articles rows, site_templates rows) for ``day``, every page extracted (see
    extract_pages for the workers and batches)."""
    payload = payload_reader(store)
    pages, templates = day_pages(con, day, payload)
    return (extract_pages(pages, templates, payload, day, workers, items_per_worker, batch_items, spill_dir),
            template_rows(templates, day))


# The rows of a day that a re-derive replaces: every row but the carried ones (and rows from
# before input_key existed, which have none).
_NOT_CARRIED = "partition_date = ? AND (input_key IS NULL OR input_key NOT IN (SELECT unnest(?::VARCHAR[])))"


def articles_writes(con: duckdb.DuckDBPyConnection, day: dt.date, store: RawStore, workers: int = 0,
                    spill_dir: Path | None = None) -> list[tuple]:
    """The write operations (see etl.warehouse.lake.write) that bring ``day``'s articles up to
    date, and its site templates. A stored row whose input_key is still its page's is carried
    over (neither read nor rewritten); only new or changed pages are extracted. The rows are
    those of derive_articles, which extracts every page."""
    payload = payload_reader(store)
    pages, templates = day_pages(con, day, payload)
    stored = query(con, "SELECT input_key FROM articles WHERE partition_date = ? AND input_key IS NOT NULL", [day])
    carried = pl.col("input_key").is_in(stored["input_key"].implode())
    rows = extract_pages(pages.filter(~carried), templates, payload, day, workers, spill_dir=spill_dir)
    return [("articles", rows, (_NOT_CARRIED, [day, pages.filter(carried)["input_key"].to_list()])),
            ("site_templates", template_rows(templates, day), [day])]


def _extract(work: tuple) -> Article:
    html, url, template, fetched_at = work
    return extract_article(html, url, template, now=fetched_at)


def article_row(page: dict, article: Article, day: dt.date) -> dict:
    """The articles row of a page of the day (a row of _DAY_PAGES with its input_key) and its
    extracted article."""
    # The date capture recorded decided the day (partition_day); reporting it, not a date
    # re-extracted now, keeps the two in agreement whichever extractor version re-derives.
    # The extractor's own reading is reported only when capture found no date.
    recorded = page["entry_published_at"]
    decided = partition_day(page["fetched_at"], recorded if page["date_source"] == FEED else None,
                            recorded if page["date_source"] == PAGE else None, fixed=day)
    return {
        # Keyed by the fetched page, not its declared canonical: a page may only name a
        # canonical URL on its own site, so syndicated copies stay separate articles.
        "article_id": stable_id(page["canonical_url"]),
        "partition_date": day,
        "url": page["url"],
        "canonical_url": page_canonical_url(page["url"], article.canonical_url),
        # An imported page's outlet is its site: a label shared by unrelated sites (the
        # import's) would make their common text look like one outlet's boilerplate.
        "source": (registered_domain(page["url"]) if page["origin"] == "import"
                   else page["feed_name"] or site_host(page["url"])),
        "site_name": article.site_name,
        "title": article.title or page["entry_title"],
        "byline": article.byline,
        "published_at": decided.published_at or article.published_at,
        "date_source": decided.date_source,
        "language": article.language,
        # Text is kept whatever the flags say; status tells articles from other pages.
        "text": article.text,
        "word_count": article.word_count,
        "capture_id": page["capture_id"],
        "versions": page["versions"],
        "content_sha256": page["sha256"],
        "status": article.status,
        "is_paywalled": article.is_paywalled,
        "is_teaser": article.is_teaser,
        "extractor_version": article.extractor_version,
        "template_version": article.template_version,
        "input_key": page["input_key"],
    }


ARTICLE_SCHEMA = {
    "article_id": pl.String,
    "partition_date": pl.Date,
    "url": pl.String,
    "canonical_url": pl.String,
    "source": pl.String,
    "site_name": pl.String,
    "title": pl.String,
    "byline": pl.String,
    "published_at": pl.Datetime("us", "UTC"),
    "date_source": pl.String,
    "language": pl.String,
    "text": pl.String,
    "word_count": pl.Int32,
    "capture_id": pl.String,
    "versions": pl.Int32,
    "content_sha256": pl.String,
    "status": pl.String,
    "is_paywalled": pl.Boolean,
    "is_teaser": pl.Boolean,
    "extractor_version": pl.String,
    "template_version": pl.String,
    "input_key": pl.String,
}

"""articles: the latest captured version of every page published on a day, extracted."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import duckdb
import polars as pl

from etl.capture.partition import FEED, PAGE, partition_day
from etl.derive.ids import stable_id
from etl.derive.pool import BATCH_ITEMS, ITEMS_PER_WORKER, Workers, batches, worker_count
from etl.extract import EXTRACTOR_VERSION, Article, SiteTemplate, extract_article, learn_template
from etl.extract.settings import TEMPLATE_MIN_PAGES
from etl.rawstore.store import RawStore
from etl.rawstore.warc import read_record
from etl.warehouse.lake import LIST_PARAM, SpilledRows, list_param, query
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


_STORED_TEMPLATES = """
SELECT host, template_json FROM site_templates WHERE partition_date = ? AND extractor_version = ?
"""


def stored_templates(con: duckdb.DuckDBPyConnection, day: dt.date, hosts: set[str]) -> dict:
    """The templates of ``hosts`` that this extractor version already learned for ``day``."""
    return {
        host: SiteTemplate.from_json(text)
        for host, text in query(con, _STORED_TEMPLATES, [day, EXTRACTOR_VERSION]).iter_rows()
        if host in hosts
    }


def learn_templates(con: duckdb.DuckDBPyConnection, day: dt.date, hosts: list[str], store: RawStore,
                    pool: Workers) -> dict:
    """The template of each of ``hosts``, learned now by ``pool`` from a deterministic sample of
    the host's pages around ``day``; a worker reads its host's sample itself."""
    if not hosts:
        return {}
    window = query(con, _WINDOW_PAGES, [day - dt.timedelta(days=TEMPLATE_WINDOW_DAYS), day])
    window = window.with_columns(
        pl.col("url").map_elements(site_host, return_dtype=pl.String).alias("host"),
        # Hash order rather than time order: the sample must not depend on when pages arrived.
        pl.col("canonical_url").hash(seed=0).alias("order_key"),
    ).sort("order_key", "canonical_url")
    # The first pages of each host in that order, picked in one pass: a filter of the window per
    # host (hosts x pages) or a frame per host is more than a day of tens of thousands of hosts
    # can afford.
    picked = window.filter(pl.col("host").is_in(hosts) & (pl.int_range(pl.len()).over("host") < TEMPLATE_SAMPLE_PAGES))
    by_host: dict[str, list[tuple]] = {}
    for host, url, warc_file, offset in picked.select("host", "url", "warc_file", "warc_offset").iter_rows():
        by_host.setdefault(host, []).append((url, warc_file, offset))
    samples = [(host, tuple(by_host.get(host, ()))) for host in hosts]
    # A host with fewer captures in the window than a template is learned from has the empty
    # template, learned from no page, and its page is not read and parsed for it (most hosts of
    # an import of the open web, where that read doubled the parsing of their one page).
    learned = {host: SiteTemplate(host=host) for host, sample in samples if len(sample) < TEMPLATE_MIN_PAGES}
    samples = [(host, sample) for host, sample in samples if len(sample) >= TEMPLATE_MIN_PAGES]
    for batch, templates in pool.map_batches(partial(_learn, store), ((batch, batch) for batch in batches(samples))):
        learned.update(zip((host for host, _ in batch), templates))
    return learned


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


def extract_pages(pages: pl.DataFrame, templates: dict, store: RawStore, day: dt.date, pool: Workers,
                  batch_items: int = BATCH_ITEMS, spill_dir: Path | None = None) -> SpilledRows:
    """The articles rows of ``pages`` (rows of _DAY_PAGES with their host and input_key),
    extracted by ``pool`` in batches of ``batch_items``, each batch's rows spilled to Parquet in
    ``spill_dir``. A worker reads its pages' payloads itself: they never pass through here."""
    rows = SpilledRows(ARTICLE_SCHEMA, spill_dir)
    # Dates after the capture are implausible whenever the day is re-derived: now=fetched_at.
    work = ((batch, [(page["warc_file"], page["warc_offset"], page["url"], templates.get(page["host"]), page["fetched_at"])
                     for page in batch])
            for batch in batches(pages.iter_rows(named=True), batch_items))
    for batch, articles in pool.map_batches(partial(_extract, store), work):
        rows.append(pl.DataFrame([article_row(page, article, day) for page, article in zip(batch, articles)],
                                 schema=ARTICLE_SCHEMA))
    return rows


def day_articles(con: duckdb.DuckDBPyConnection, day: dt.date, store: RawStore, stored_keys: list[str],
                 workers: int = 0, items_per_worker: int = ITEMS_PER_WORKER, batch_items: int = BATCH_ITEMS,
                 spill_dir: Path | None = None) -> tuple[SpilledRows, dict, list[str]]:
    """Returns (rows of the pages of ``day`` to extract, each host's template, input keys of the
    pages carried over): a page whose input_key is among ``stored_keys`` is carried over, every
    other one extracted. Templates are learned and pages extracted by one pool of up to
    ``workers`` processes (0: the machine's cores; see etl.derive.pool.worker_count)."""
    pages = query(con, _DAY_PAGES, [day])
    pages = pages.with_columns(pl.col("url").map_elements(site_host, return_dtype=pl.String).alias("host"))
    hosts = set(pages["host"])
    templates = stored_templates(con, day, hosts)
    missing = sorted(hosts - templates.keys())
    # The pool is sized before the keys are known: the pages of hosts without a template, or
    # the pages beyond the stored rows, are what will surely be extracted.
    expected = max(pages.filter(pl.col("host").is_in(missing)).height, pages.height - len(stored_keys))
    with Workers(worker_count(workers, expected, items_per_worker)) as pool:
        templates |= learn_templates(con, day, missing, store, pool)
        keys = [input_key(page, templates.get(page["host"])) for page in pages.iter_rows(named=True)]
        pages = pages.with_columns(pl.Series("input_key", keys, dtype=pl.String))
        carried = pl.col("input_key").is_in(pl.Series(stored_keys, dtype=pl.String).implode())
        rows = extract_pages(pages.filter(~carried), templates, store, day, pool, batch_items, spill_dir)
    return rows, templates, pages.filter(carried)["input_key"].to_list()


def derive_articles(con: duckdb.DuckDBPyConnection, day: dt.date, store: RawStore, workers: int = 0,
                    items_per_worker: int = ITEMS_PER_WORKER, batch_items: int = BATCH_ITEMS,
                    spill_dir: Path | None = None) -> tuple[SpilledRows, pl.DataFrame]:
    """Returns (articles rows, site_templates rows) for ``day``, every page extracted (see
    day_articles for the workers and batches)."""
    rows, templates, _ = day_articles(con, day, store, [], workers, items_per_worker, batch_items, spill_dir)
    return rows, template_rows(templates, day)


# The rows of a day that a re-derive replaces: every row but the carried ones (and rows from
# before input_key existed, which have none).
_NOT_CARRIED = f"partition_date = ? AND (input_key IS NULL OR input_key NOT IN (SELECT unnest({LIST_PARAM})))"


def articles_writes(con: duckdb.DuckDBPyConnection, day: dt.date, store: RawStore, workers: int = 0,
                    spill_dir: Path | None = None) -> list[tuple]:
    """The write operations (see etl.warehouse.lake.write) that bring ``day``'s articles up to
    date, and its site templates. A stored row whose input_key is still its page's is carried
    over (neither read nor rewritten); only new or changed pages are extracted. The rows are
    those of derive_articles, which extracts every page."""
    stored = query(con, "SELECT input_key FROM articles WHERE partition_date = ? AND input_key IS NOT NULL", [day])
    rows, templates, carried = day_articles(con, day, store, stored["input_key"].to_list(), workers, spill_dir=spill_dir)
    return [("articles", rows, (_NOT_CARRIED, [day, list_param(carried)])),
            ("site_templates", template_rows(templates, day), [day])]


def _payload(store: RawStore, warc_file: str, offset: int) -> bytes:
    return read_record(store, warc_file, offset)[1]


def _learn(store: RawStore, sample: tuple) -> SiteTemplate:
    host, pages = sample
    return learn_template(host, [(url, _payload(store, warc_file, offset)) for url, warc_file, offset in pages])


def _extract(store: RawStore, work: tuple) -> Article:
    warc_file, offset, url, template, fetched_at = work
    return extract_article(_payload(store, warc_file, offset), url, template, now=fetched_at)


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

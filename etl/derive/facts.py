"""relation_facts (and learned actors): the day's articles run through the relation coder."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path

import duckdb
import polars as pl

from etl.derive.ids import stable_id
from etl.derive.pool import BATCH_ITEMS, ITEMS_PER_WORKER, Workers, worker_count
from etl.relations import CODER_VERSION, CodedArticle, code_article, petrarch, reads_language, seed_actors
from etl.warehouse.lake import LIST_PARAM, SpilledRows, list_param, query

# Only articles with a story are coded: facts are counted per story downstream. What an
# article's coding is made from, without its text (read only for the articles coded); its
# language decides whether the coder reads it at all (etl.relations.reads_language).
_DAY_ARTICLES = """
SELECT a.article_id, a.published_at, a.language, a.source, sha256(coalesce(a.text, '')) AS text_sha256, s.story_id
FROM articles a JOIN stories s USING (article_id, partition_date)
WHERE a.partition_date = ? AND a.status = 'ok'
ORDER BY a.article_id
"""
# In no particular order (learned actors are put in article order afterwards): ORDER BY
# would make DuckDB hold every text of the day to sort them before the first batch.
_TEXTS = f"""
SELECT article_id, text FROM articles
WHERE partition_date = ? AND article_id IN (SELECT unnest({LIST_PARAM}))
"""

FACT_SCHEMA = {
    "fact_id": pl.String,
    "partition_date": pl.Date,
    "article_id": pl.String,
    "story_id": pl.String,
    "relation_type": pl.String,
    "mode": pl.String,
    "source_actors": pl.List(pl.String),
    "source_iso3": pl.List(pl.String),
    "source_sectors": pl.List(pl.String),
    "target_actors": pl.List(pl.String),
    "target_iso3": pl.List(pl.String),
    "target_sectors": pl.List(pl.String),
    "location": pl.String,
    "event_date": pl.Date,
    "sentence": pl.String,
    "sentence_start": pl.Int32,
    "sentence_end": pl.Int32,
    "trigger": pl.String,
    "negated": pl.Boolean,
    "hypothetical": pl.Boolean,
    "is_domestic": pl.Boolean,
    "confidence": pl.Float64,
    "rule_id": pl.String,
    "coder_version": pl.String,
}


def lexicon_fingerprint() -> str:
    """Content hash of the field lexicon's files in the folder the coder reads (another lexicon
    codes other facts, as a new coder version does)."""
    digest, folder = hashlib.sha256(), petrarch.lexicon_folder()
    for source in sorted({source for source, _ in petrarch.TABLES.values()}):
        path = folder / source if folder is not None else None
        if path is not None and path.is_file():
            digest.update(f"{source}\x1f{path.stat().st_size}\x1f".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def coding_day(published_at: dt.datetime | None, day: dt.date) -> dt.date:
    """The date an article is coded with: its publication day, else its partition's."""
    return published_at.date() if published_at else day


def coding_key(article: dict, day: dt.date, lexicon: str, home: str | None) -> str:
    """What an article's facts and learned actors are made from: its text, language, coding date
    and story, its outlet's country (``home``), the coder version and the lexicon. While it is
    unchanged a re-derive gives the same rows."""
    return stable_id(article["article_id"], article["text_sha256"], article["language"],
                     coding_day(article["published_at"], day), article["story_id"], home, CODER_VERSION, lexicon)


def derive_facts(con: duckdb.DuckDBPyConnection, day: dt.date, workers: int = 0,
                 items_per_worker: int = ITEMS_PER_WORKER, batch_items: int = BATCH_ITEMS,
                 spill_dir: Path | None = None) -> tuple[SpilledRows, pl.DataFrame]:
    """Returns (relation_facts rows, learned actor rows first seen in this day's articles), every
    article coded (see code_day for the workers and batches)."""
    facts, learned, _ = code_day(con, day, workers, items_per_worker, batch_items, spill_dir)
    return facts, learned


def code_day(con: duckdb.DuckDBPyConnection, day: dt.date, workers: int = 0,
             items_per_worker: int = ITEMS_PER_WORKER, batch_items: int = BATCH_ITEMS,
             spill_dir: Path | None = None, stored: pl.DataFrame | None = None,
             homes: Mapping[str, str] | None = None) -> tuple[SpilledRows, pl.DataFrame, pl.DataFrame]:
    """Returns (relation_facts rows, learned actor rows first seen in this day's articles,
    coded_articles rows) for ``day``. ``homes`` maps a source to its outlet's country (see
    etl.relations.code_article's ``home``).

    An article whose row in ``stored`` (the day's coded_articles rows) holds its current input_key
    is not coded again: its facts are not among the rows returned (its stored ones are the ones
    to keep) and the actors it taught are read from that row. The others are read and coded in
    batches of ``batch_items`` by up to ``workers`` processes (0: the machine's cores; see
    etl.derive.pool.worker_count), each batch's facts spilled to Parquet in ``spill_dir``."""
    lexicon = lexicon_fingerprint()
    homes = homes or {}
    articles = query(con, _DAY_ARTICLES, [day])
    articles = articles.with_columns(pl.Series(
        "input_key", [coding_key(art, day, lexicon, homes.get(art["source"])) for art in articles.iter_rows(named=True)],
        dtype=pl.String))
    taught: dict[str, list[dict]] = {}
    if stored is not None:
        reused = stored.join(articles.select("article_id", "input_key"), on=["article_id", "input_key"], how="semi")
        taught = {article_id: decode_actors(text) for article_id, text in reused.select("article_id", "learned_actors").iter_rows()}
    todo = {}
    for art in articles.iter_rows(named=True):
        if art["article_id"] in taught:
            continue
        if reads_language(art["language"]):
            todo[art["article_id"]] = art
        else:  # in a language the coder does not read: its text is not read either, it teaches nothing
            taught[art["article_id"]] = []
    facts = SpilledRows(FACT_SCHEMA, spill_dir)
    reader = con.execute(_TEXTS, [day, list_param(todo)]).to_arrow_reader(batch_items)

    def work() -> Iterator[tuple[list[dict], list[tuple]]]:
        for record_batch in reader:
            batch = [{**todo[article_id], "text": text} for article_id, text in pl.from_arrow(record_batch).iter_rows()]
            # code_article's (text, published, language, home); the language was checked above
            yield batch, [(art["text"], coding_day(art["published_at"], day), None, homes.get(art["source"]))
                          for art in batch]

    with Workers(worker_count(workers, len(todo), items_per_worker), petrarch.use_lexicon_folder, (petrarch.lexicon_folder(),)) as pool:
        for batch, coded_batch in pool.map_batches(_code, work()):
            batch_facts = []
            for art, coded in zip(batch, coded_batch):
                for fact in coded.facts:
                    row = fact.as_row()
                    row.update(
                        fact_id=stable_id(art["article_id"], row["sentence_start"], row["relation_type"], row["rule_id"],
                                          row["source_actors"], row["target_actors"], row["trigger"]),
                        partition_date=day,
                        article_id=art["article_id"],
                        story_id=art["story_id"],
                    )
                    batch_facts.append({k: row.get(k) for k in FACT_SCHEMA})
                taught[art["article_id"]] = coded.learned_actors
            # A fact's id hashes its article's id, so repeats are within one article, one batch.
            facts.append(pl.DataFrame(batch_facts, schema=FACT_SCHEMA).unique("fact_id", keep="first", maintain_order=True))
    learned = {}
    # Articles are visited in id order, coded now or carried over alike, so "first seen" within
    # the day is deterministic and the same as when every article is coded.
    for article_id in articles["article_id"]:
        for actor in taught[article_id]:
            learned.setdefault(actor["actor_id"], {**actor, "first_seen_article_id": article_id})
    codings = pl.DataFrame({
        "partition_date": [day] * articles.height,
        "article_id": articles["article_id"],
        "input_key": articles["input_key"],
        "coder_version": [CODER_VERSION] * articles.height,
        "learned_actors": [encode_actors(taught[article_id]) for article_id in articles["article_id"]],
    }, schema=CODING_SCHEMA)
    return facts, actor_frame(list(learned.values()), day), codings


# Actor columns that hold dates, written as ISO text in coded_articles.learned_actors.
_ACTOR_DATES = ("valid_from", "valid_to")


def encode_actors(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, default=dt.date.isoformat)


def decode_actors(text: str) -> list[dict]:
    rows = json.loads(text)
    for row in rows:
        for column in _ACTOR_DATES:
            if row.get(column) is not None:
                row[column] = dt.date.fromisoformat(row[column])
    return rows


def _code(work: tuple) -> CodedArticle:
    return code_article(*work)


# The facts of a day that a re-derive replaces: all but those of the carried-over articles.
_NOT_CARRIED = f"partition_date = ? AND article_id NOT IN (SELECT unnest({LIST_PARAM}))"


def facts_writes(con: duckdb.DuckDBPyConnection, day: dt.date, workers: int = 0,
                 spill_dir: Path | None = None, homes: Mapping[str, str] | None = None) -> list[tuple]:
    """The write operations (see etl.warehouse.lake.write) that bring ``day``'s facts up to date
    and keep `actors` current: an article whose coding inputs are unchanged keeps its facts as
    they are (only new or changed articles are coded), seed actors are refreshed, and each
    learned actor is kept at its earliest sighting whatever order the days are derived in."""
    stored = query(con, "SELECT article_id, input_key, learned_actors FROM coded_articles WHERE partition_date = ?", [day])
    facts, learned, codings = code_day(con, day, workers, spill_dir=spill_dir, stored=stored, homes=homes)
    carried = stored.join(codings, on=["article_id", "input_key"], how="semi")["article_id"].to_list()
    known_before = query(con, "SELECT actor_id FROM actors WHERE origin = 'seed' OR first_seen_date < ?", [day])
    learned = learned.filter(~pl.col("actor_id").is_in(known_before["actor_id"].implode()))
    later_sightings = (
        "origin = 'learned' AND (first_seen_date = ? OR "
        f"(first_seen_date > ? AND actor_id IN (SELECT unnest({LIST_PARAM}))))"
    )
    return [
        ("relation_facts", facts, (_NOT_CARRIED, [day, list_param(carried)])),
        ("coded_articles", codings, [day]),
        ("actors", seed_actor_frame(), ("origin = 'seed'", [])),
        ("actors", learned, (later_sightings, [day, day, list_param(learned["actor_id"])])),
    ]


def actor_frame(rows: list[dict], first_seen: dt.date | None) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=ACTOR_SCHEMA, strict=False) if rows else pl.DataFrame(schema=ACTOR_SCHEMA)
    return frame.with_columns(pl.lit(first_seen, dtype=pl.Date).alias("first_seen_date"))


def seed_actor_frame() -> pl.DataFrame:
    return actor_frame(seed_actors(), None)


CODING_SCHEMA = {
    "partition_date": pl.Date,
    "article_id": pl.String,
    "input_key": pl.String,
    "coder_version": pl.String,
    "learned_actors": pl.String,
}

ACTOR_SCHEMA = {
    "actor_id": pl.String,
    "name": pl.String,
    "kind": pl.String,
    "country_iso3": pl.String,
    "sector": pl.String,
    "role": pl.String,
    "valid_from": pl.Date,
    "valid_to": pl.Date,
    "origin": pl.String,
    "first_seen_article_id": pl.String,
    "first_seen_sentence": pl.String,
}


"""relation_facts (and learned actors): the day's articles run through the relation coder."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from etl.derive.ids import stable_id
from etl.derive.pool import BATCH_ITEMS, ITEMS_PER_WORKER, Workers, worker_count
from etl.relations import CodedArticle, code_article, petrarch, seed_actors
from etl.warehouse.lake import query

# Only articles with a story are coded: facts are counted per story downstream.
_DAY_ARTICLES = """
SELECT a.article_id, a.published_at, a.text, s.story_id
FROM articles a JOIN stories s USING (article_id, partition_date)
WHERE a.partition_date = ? AND a.status = 'ok'
ORDER BY a.article_id
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


def derive_facts(con: duckdb.DuckDBPyConnection, day: dt.date, workers: int = 0,
                 items_per_worker: int = ITEMS_PER_WORKER) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Returns (relation_facts rows, learned actor rows first seen in this day's articles).
    Articles are read and coded in batches by up to ``workers`` processes (0: the machine's
    cores; see etl.derive.pool.worker_count)."""
    facts, learned = [], {}
    count = con.execute(f"SELECT count(*) FROM ({_DAY_ARTICLES})", [day]).fetchone()[0]
    reader = con.execute(_DAY_ARTICLES, [day]).to_arrow_reader(BATCH_ITEMS)
    with Workers(worker_count(workers, count, items_per_worker), petrarch.use_lexicon_folder, (petrarch.lexicon_folder(),)) as pool:
        for record_batch in reader:
            batch = pl.from_arrow(record_batch).to_dicts()
            work = [(art["text"], art["published_at"].date() if art["published_at"] else day) for art in batch]
            for art, coded in zip(batch, pool.map(_code, work)):
                for fact in coded.facts:
                    row = fact.as_row()
                    row.update(
                        fact_id=stable_id(art["article_id"], row["sentence_start"], row["relation_type"], row["rule_id"],
                                          row["source_actors"], row["target_actors"], row["trigger"]),
                        partition_date=day,
                        article_id=art["article_id"],
                        story_id=art["story_id"],
                    )
                    facts.append({k: row.get(k) for k in FACT_SCHEMA})
                for actor in coded.learned_actors:
                    # Articles are visited in id order, so "first seen" within the day is deterministic.
                    learned.setdefault(actor["actor_id"], {**actor, "first_seen_article_id": art["article_id"]})
    facts_frame = pl.DataFrame(facts, schema=FACT_SCHEMA).unique("fact_id", keep="first", maintain_order=True)
    return facts_frame, actor_frame(list(learned.values()), day)


def _code(work: tuple) -> CodedArticle:
    return code_article(*work)


def facts_writes(con: duckdb.DuckDBPyConnection, day: dt.date, workers: int = 0) -> list[tuple]:
    """The write operations (see etl.warehouse.lake.write) that replace ``day``'s facts and keep
    `actors` current: seed actors refreshed, and each learned actor kept at its earliest
    sighting whatever order the days are derived in."""
    facts, learned = derive_facts(con, day, workers)
    known_before = query(con, "SELECT actor_id FROM actors WHERE origin = 'seed' OR first_seen_date < ?", [day])
    learned = learned.filter(~pl.col("actor_id").is_in(known_before["actor_id"].implode()))
    later_sightings = (
        "origin = 'learned' AND (first_seen_date = ? OR "
        "(first_seen_date > ? AND actor_id IN (SELECT unnest(?::VARCHAR[]))))"
    )
    return [
        ("relation_facts", facts, [day]),
        ("actors", seed_actor_frame(), ("origin = 'seed'", [])),
        ("actors", learned, (later_sightings, [day, day, learned["actor_id"].to_list()])),
    ]


def actor_frame(rows: list[dict], first_seen: dt.date | None) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=ACTOR_SCHEMA, strict=False) if rows else pl.DataFrame(schema=ACTOR_SCHEMA)
    return frame.with_columns(pl.lit(first_seen, dtype=pl.Date).alias("first_seen_date"))


def seed_actor_frame() -> pl.DataFrame:
    return actor_frame(seed_actors(), None)


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


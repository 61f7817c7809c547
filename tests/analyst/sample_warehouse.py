"""A small warehouse with hand-written rows whose answers are known in advance.

The demo warehouse tests that everything runs on real pipeline output; this one lets the
analyst tests assert exact numbers (which dyad, how many outlets, which evidence sentence).
Relation_daily is computed by the pipeline's own transform, not written by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import polars as pl

from etl.derive.daily import derive_relation_daily
from etl.derive.facts import seed_actor_frame
from etl.warehouse import lake

DAYS = [dt.date(2024, 11, 13), dt.date(2024, 11, 14), dt.date(2024, 11, 15)]
UTC = dt.timezone.utc

SYNDICATED_TEXT = (
    "U.S., South Korean and Japanese leaders agreed on Friday to set up a trilateral secretariat. "
    "The leaders condemned North Korea for sending troops to Russia."
)
# article_id, day, source, title, text (None = no text kept), story_id, representative
ARTICLES = [
    ("a1", DAYS[0], "meridian-post", "North Korea fires two ballistic missiles",
     "North Korea fired two ballistic missiles into the sea. Japan accused North Korea of violating "
     "UN resolutions. South Korea condemned the launch.", "s1", True),
    ("a2", DAYS[0], "harbour-times", "Seoul and Tokyo to work on supply chains",
     "South Korea will cooperate with Japan on chip supply chains. Seoul could agree to a new "
     "currency swap with Tokyo.", "s2", True),
    ("a3", DAYS[1], "keystone-wire", "China urges restraint on the peninsula",
     "China urged North Korea to show restraint.", "s3", True),
    ("a4", DAYS[1], "meridian-post", "Japanese and South Korean ministers meet in Tokyo",
     "Japan held talks with South Korea on Thursday. Japan will cooperate with South Korea on "
     "missile-warning data.", "s4", True),
    ("a5", DAYS[2], "keystone-wire", "Leaders agree on trilateral secretariat", SYNDICATED_TEXT, "s5", True),
    ("a6", DAYS[2], "meridian-post", "Allies set up secretariat in Seoul", SYNDICATED_TEXT, "s5", False),
    ("a7", DAYS[2], "harbour-times", "Secretariat for three-way security pact", SYNDICATED_TEXT, "s5", False),
    ("a8", DAYS[2], "harbour-times", "Subscribers only", None, None, False),
    ("a9", DAYS[2], "meridian-post", "Police detain protesters in Busan",
     "Police detained 25 protesters in Busan on Friday. Ukrainian drones struck a refinery inside "
     "Russia. The United Nations accused Russia of blocking aid.", "s6", True),
]

# article_id, relation_type, mode, source actors, source iso3, target actors, target iso3,
# sentence index in the article, negated, hypothetical[, is_domestic]
FACTS = [
    ("a1", "MOBILIZE", "weapons", ["North Korea"], ["PRK"], [], [], 0, False, False),
    ("a1", "ACCUSE", "allege", ["Japan"], ["JPN"], ["North Korea"], ["PRK"], 1, False, False),
    ("a1", "ACCUSE", "disapprove", ["South Korea"], ["KOR"], ["North Korea"], ["PRK"], 2, False, False),
    ("a2", "COOPERATE", None, ["South Korea"], ["KOR"], ["Japan"], ["JPN"], 0, False, False),
    ("a2", "AGREE", None, ["South Korea"], ["KOR"], ["Japan"], ["JPN"], 1, False, True),
    ("a3", "REQUEST", None, ["China"], ["CHN"], ["North Korea"], ["PRK"], 0, False, False),
    ("a4", "CONSULT", None, ["Japan"], ["JPN"], ["South Korea"], ["KOR"], 0, False, False),
    ("a4", "COOPERATE", None, ["Japan"], ["JPN"], ["South Korea"], ["KOR"], 1, False, False),
    *[
        fact
        for article in ("a5", "a6", "a7")
        for fact in (
            (article, "AGREE", None, ["United States", "South Korea", "Japan"], ["USA", "KOR", "JPN"],
             [], [], 0, False, False),
            (article, "ACCUSE", "disapprove", ["United States", "South Korea", "Japan"], ["USA", "KOR", "JPN"],
             ["North Korea"], ["PRK"], 1, False, False),
        )
    ],
    # A domestic event, a country miscoded as acting on itself, and an organisation (not a country).
    ("a9", "COERCE", "arrest", ["South Korean police"], ["KOR"], ["protesters"], ["KOR"], 0, False, False, True),
    ("a9", "ASSAULT", "drone", ["Ukraine"], ["UKR"], ["Ukraine"], ["UKR"], 1, False, False),
    ("a9", "ACCUSE", None, ["United Nations"], ["UN"], ["Russia"], ["RUS"], 2, False, False),
]

FEEDS = ["keystone-wire", "meridian-post", "harbour-times", "dead-feed"]


def _sentences(text: str) -> list[tuple[int, int]]:
    """Offsets of the sentences of the hand-written texts (each ends with '. ' or at the end)."""
    spans, start = [], 0
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        spans.append((start, end))
        start = end + 1
    return spans


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    frame = pl.DataFrame(rows, infer_schema_length=None)
    con.register("_rows", frame)
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
    con.unregister("_rows")


def _article_rows() -> tuple[list[dict], list[dict], list[dict]]:
    captures, articles, stories = [], [], []
    for article_id, day, source, title, text, story_id, representative in ARTICLES:
        url = f"https://{source}.example/{day:%Y/%m/%d}/{article_id}"
        published = dt.datetime.combine(day, dt.time(9), UTC)
        captures.append(dict(capture_id=f"c-{article_id}", url=url, canonical_url=url, origin="feed",
                             feed_name=source, fetched_at=published, http_status=200, outcome="ok",
                             partition_date=day, date_source="feed"))
        articles.append(dict(article_id=article_id, partition_date=day, url=url, canonical_url=url,
                             source=source, title=title, published_at=published, date_source="feed",
                             language="en", text=text, word_count=len((text or "").split()),
                             capture_id=f"c-{article_id}", versions=1,
                             status="ok" if text else "paywall", extractor_version="test"))
        if story_id:
            stories.append(dict(story_id=story_id, article_id=article_id, partition_date=day,
                                is_representative=representative, similarity=1.0,
                                method="self" if representative else "exact", dedup_version="test"))
    return captures, articles, stories


def _fact_rows() -> list[dict]:
    by_id = {a[0]: a for a in ARTICLES}
    rows = []
    for n, (article_id, rtype, mode, src, src_iso, tgt, tgt_iso, index, negated, hypothetical, *domestic) in \
            enumerate(FACTS):
        _, day, _, _, text, story_id, _ = by_id[article_id]
        start, end = _sentences(text)[index]
        rows.append(dict(fact_id=f"f{n}", partition_date=day, article_id=article_id, story_id=story_id,
                         relation_type=rtype, mode=mode, source_actors=src, source_iso3=src_iso,
                         target_actors=tgt, target_iso3=tgt_iso, sentence=text[start:end],
                         sentence_start=start, sentence_end=end, negated=negated,
                         hypothetical=hypothetical, is_domestic=bool(domestic and domestic[0]),
                         confidence=0.9, rule_id="test", coder_version="test"))
    return rows


def _fetch_rows() -> tuple[list[dict], list[dict]]:
    fetches, state = [], []
    for hour in range(3):
        for feed in FEEDS:
            failed = feed == "dead-feed"
            at = dt.datetime(2024, 11, 15, 8 + hour, tzinfo=UTC)
            fetches.append(dict(fetch_id=f"{feed}-{hour}", feed_name=feed, requested_url=f"https://{feed}.example/rss",
                                requested_at=at, duration_ms=120, http_status=404 if failed else 200,
                                outcome="http_error" if failed else "ok", bytes=0 if failed else 5000,
                                entries=0 if failed else 10, new_entries=0 if failed else 2,
                                error="HTTP 404 Not Found" if failed else None))
    for feed in FEEDS:
        failed = feed == "dead-feed"
        state.append(dict(feed_name=feed, configured_url=f"https://{feed}.example/rss",
                          effective_url=f"https://{feed}.example/rss", error_count=3 if failed else 0,
                          last_outcome="http_error" if failed else "ok",
                          last_fetched_at=dt.datetime(2024, 11, 15, 10, tzinfo=UTC),
                          disabled=False, updated_at=dt.datetime(2024, 11, 15, 10, tzinfo=UTC)))
    return fetches, state


def build_sample_warehouse(con: duckdb.DuckDBPyConnection, lock_dir: Path) -> None:
    """Fill an empty warehouse (schema applied) with the rows above, in one transaction;
    ``lock_dir`` is its writers' lock folder (Settings.locks_dir)."""
    captures, articles, stories = _article_rows()
    fetches, state = _fetch_rows()
    con.execute("BEGIN TRANSACTION")
    for table, rows in [("captures", captures), ("articles", articles), ("stories", stories),
                        ("relation_facts", _fact_rows()), ("feed_fetches", fetches), ("feed_state", state)]:
        _insert(con, table, rows)
    con.execute("COMMIT")
    # The states among the actors are the countries the dyad views pair.
    lake.append_rows(con, {"actors": seed_actor_frame()})
    for day in DAYS:
        lake.replace_partitions(con, {"relation_daily": derive_relation_daily(con, day)}, [day], lock_dir)

"""What a day's briefing shows, read from the analyst views for one day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import polars as pl

from etl.warehouse.lake import query

TREND_DAYS = 14
TREND_DYADS = 5
# The network covers the week ending on the day: one day alone rarely links more than a few actors.
NETWORK_DAYS = 7
NETWORK_EDGES = 20
TOP_STORIES = 8

_HEADLINE_SQL = """
SELECT (SELECT count(*) FROM articles WHERE partition_date = $day AND status = 'ok') AS articles,
       (SELECT count(DISTINCT story_id) FROM stories WHERE partition_date = $day) AS stories,
       (SELECT count(*) FROM fact_evidence WHERE partition_date = $day AND is_asserted) AS facts,
       (SELECT count(DISTINCT source) FROM articles WHERE partition_date = $day AND status = 'ok') AS outlets
"""
# The busiest country pairs over the window (by stories, counted once per day), as daily series.
_TRENDS_SQL = """
WITH daily AS (
    SELECT partition_date AS day, dyad, count(DISTINCT story_id) AS stories
    FROM fact_country_pairs
    WHERE partition_date BETWEEN $first AND $day
    GROUP BY ALL
),
busiest AS (
    SELECT dyad FROM daily GROUP BY dyad ORDER BY sum(stories) DESC, dyad LIMIT $dyads
)
SELECT d.day, b.dyad, coalesce(daily.stories, 0) AS stories
FROM busiest b
CROSS JOIN (SELECT unnest(range($first::TIMESTAMP, $day::TIMESTAMP + INTERVAL 1 DAY, INTERVAL 1 DAY))::DATE AS day) d
LEFT JOIN daily USING (dyad, day)
ORDER BY b.dyad, d.day
"""
_NETWORK_SQL = """
SELECT source_actor, target_actor, sum(stories)::INTEGER AS stories,
       sum(conflictual_stories)::INTEGER AS conflictual, sum(cooperative_stories)::INTEGER AS cooperative,
       bool_or(is_domestic) AS domestic
FROM actor_edges
WHERE day BETWEEN $first AND $day
GROUP BY source_actor, target_actor
ORDER BY stories DESC, source_actor, target_actor
LIMIT $edges
"""
_EVENT_MIX_SQL = """
SELECT p.relation_type, p.quad_class, count(DISTINCT f.story_id) AS stories
FROM fact_evidence f JOIN plover_types p USING (relation_type)
WHERE f.partition_date = $day AND f.is_asserted
GROUP BY ALL
ORDER BY stories DESC, any_value(p.display_order)
"""
_TOP_STORIES_SQL = """
SELECT rank, story_id, title, outlet, url, outlets, articles, outlet_names, events, first_day
FROM top_stories_daily WHERE day = $day AND rank <= $top ORDER BY rank
"""
_STORY_EVENTS_SQL = """
SELECT story_id, relation_type, quad_class, mode,
       array_to_string(source_actors, ', ') AS source, array_to_string(target_actors, ', ') AS target,
       evidence, evidence_url, evidence_outlet, outlets, confidence, is_domestic
FROM story_events
WHERE story_id IN (SELECT unnest($stories::VARCHAR[]))
ORDER BY story_id, outlets DESC, relation_type
"""
_SOURCE_ALERTS_SQL = """
SELECT feed_name, last_outcome, last_status, last_error, consecutive_errors, last_ok_at
FROM source_health WHERE needs_attention ORDER BY feed_name
"""


@dataclass(frozen=True)
class Briefing:
    day: dt.date
    headline: dict
    trends: pl.DataFrame        # day, dyad, stories
    network: pl.DataFrame       # source_actor, target_actor, stories, conflictual, cooperative, domestic
    event_mix: pl.DataFrame     # relation_type, quad_class, stories
    top_stories: pl.DataFrame   # rank, story_id, title, outlet, url, outlets, ...
    story_events: pl.DataFrame  # story_id, relation_type, ..., evidence, evidence_url, confidence, is_domestic
    source_alerts: pl.DataFrame


def load_briefing(con: duckdb.DuckDBPyConnection, day: dt.date) -> Briefing:
    first = day - dt.timedelta(days=TREND_DAYS - 1)
    top = query(con, _TOP_STORIES_SQL, {"day": day, "top": TOP_STORIES})
    return Briefing(
        day=day,
        headline=query(con, _HEADLINE_SQL, {"day": day}).to_dicts()[0],
        trends=query(con, _TRENDS_SQL, {"day": day, "first": first, "dyads": TREND_DYADS}),
        network=query(con, _NETWORK_SQL, {"day": day, "first": day - dt.timedelta(days=NETWORK_DAYS - 1),
                                          "edges": NETWORK_EDGES}),
        event_mix=query(con, _EVENT_MIX_SQL, {"day": day}),
        top_stories=top,
        story_events=query(con, _STORY_EVENTS_SQL, {"stories": top["story_id"].to_list()}),
        source_alerts=query(con, _SOURCE_ALERTS_SQL),
    )

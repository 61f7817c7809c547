"""Asset checks guarding every derived table: keys unique, no orphans, counts plausible.

Each check is one SQL query returning offending rows; zero rows passes. The checks look at the
whole table (cheap at warehouse scale) so a bad partition is caught whichever run wrote it.
"""


import dagster as dg

from etl.definitions.metadata import markdown_preview
from etl.definitions.resources import WarehouseResource
from etl.relations import PLOVER_TYPES
from etl.warehouse.lake import query

# (asset, check name, description, SQL returning violating rows)
CHECKS = [
    ("captures", "capture_ids_unique", "Every archived record has its own capture_id.",
     "SELECT capture_id, count(*) AS n FROM captures GROUP BY 1 HAVING n > 1"),
    ("articles", "article_ids_unique", "One row per article across all partitions.",
     "SELECT article_id, count(*) AS n FROM articles GROUP BY 1 HAVING n > 1"),
    ("articles", "articles_have_captures", "Every article points at an archived capture.",
     "SELECT a.article_id FROM articles a ANTI JOIN captures c USING (capture_id)"),
    ("site_templates", "one_template_per_host_and_day", "A day's articles of a host were extracted "
     "with one template.",
     "SELECT partition_date, host, count(*) AS n FROM site_templates GROUP BY ALL HAVING n > 1"),
    ("stories", "one_story_per_article", "Every kept article has exactly one story row and no "
     "story row points at a missing article.",
     """SELECT article_id, 'missing' AS problem FROM articles a
        WHERE status = 'ok' AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.article_id = a.article_id)
        UNION ALL
        SELECT article_id, 'duplicate' FROM stories GROUP BY article_id HAVING count(*) > 1
        UNION ALL
        SELECT s.article_id, 'orphan' FROM stories s ANTI JOIN articles a USING (article_id)"""),
    ("stories", "one_representative_per_story", "A story has at most one representative article.",
     "SELECT story_id, count(*) AS n FROM stories WHERE is_representative GROUP BY 1 HAVING n > 1"),
    ("story_bands", "bands_name_their_article_story", "Every band key belongs to a stored article "
     "and names the story that article is in, so later days join the right story.",
     "SELECT b.article_id, b.story_id FROM story_bands b ANTI JOIN stories s USING (article_id, story_id)"),
    ("actors", "actor_ids_unique", "One row per actor, seed or learned (a learned actor is kept at "
     "its earliest sighting only).",
     "SELECT actor_id, count(*) AS n FROM actors GROUP BY 1 HAVING n > 1"),
    ("relation_facts", "fact_ids_unique", "Fact ids are unique.",
     "SELECT fact_id, count(*) AS n FROM relation_facts GROUP BY 1 HAVING n > 1"),
    ("relation_facts", "facts_trace_to_articles", "Every fact points at an existing article and "
     "story, and its sentence is where its offsets say.",
     """SELECT f.fact_id FROM relation_facts f LEFT JOIN articles a USING (article_id)
        WHERE a.article_id IS NULL
           OR substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) <> f.sentence
           OR NOT EXISTS (SELECT 1 FROM stories s WHERE s.story_id = f.story_id)"""),
    ("relation_facts", "relation_types_are_plover", "Only the 16 PLOVER event types occur.",
     "SELECT DISTINCT relation_type FROM relation_facts WHERE relation_type NOT IN (SELECT unnest(?::VARCHAR[]))"),
    ("coded_articles", "one_coding_per_article", "An article is coded on one day only and every coded "
     "article exists: what decides whether a re-derive carries its facts over.",
     """SELECT article_id, 'duplicate' AS problem FROM coded_articles GROUP BY article_id HAVING count(*) > 1
        UNION ALL
        SELECT c.article_id, 'orphan' FROM coded_articles c ANTI JOIN articles a USING (article_id)"""),
    ("relation_daily", "daily_counts_consistent", "1 <= stories <= articles <= facts and sources <= articles.",
     """SELECT * FROM relation_daily
        WHERE NOT (1 <= stories AND stories <= articles AND articles <= facts AND sources <= articles)"""),
]


def violations(con, sql: str):
    """Rows breaking a check; the only parameter any check takes is the PLOVER type list."""
    return query(con, sql, [list(PLOVER_TYPES)] if "?" in sql else [])


def _make_check(asset: str, name: str, description: str, sql: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=asset, name=name, description=description, blocking=False)
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect(read_only=True) as con:
            bad = violations(con, sql)
        return dg.AssetCheckResult(
            passed=bad.is_empty(),
            metadata={"violations": bad.height, "examples": markdown_preview(bad)},
        )

    return _check


ASSET_CHECKS = [_make_check(*spec) for spec in CHECKS]

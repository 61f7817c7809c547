"""Incremental derive: a re-derive extracts only the pages whose inputs changed and codes only the
articles whose inputs changed, carrying every other row over, and leaves the tables a derive
that redoes everything leaves."""

from __future__ import annotations

import datetime as dt
import shutil

import polars as pl
import pytest

from etl.cli.capture_commands import import_warc_files
from etl.cli.dagster_runs import run_derive
from etl.definitions.metadata import ROWS_WRITTEN
from etl.demo.server import DEMO_DAYS
from etl.dedup import assign
from etl.derive import articles, facts
from etl.rawstore.store import RawStore
from etl.warehouse import lake
from tests.conftest import settings_of, settings_resource
from tests.pipeline.imported_pages import REPORTS, Report, copy_url, write_warc
from tests.pipeline.tables import assert_same_tables, snapshot

DAY = DEMO_DAYS[1]
PUBLISHED = dt.datetime.combine(DAY, dt.time(8, 0), tzinfo=dt.timezone.utc)
# First import: one report on two sites, another on a third.
FIRST = [(REPORTS[0], 1, PUBLISHED), (REPORTS[0], 2, PUBLISHED), (REPORTS[1], 3, PUBLISHED)]
# The third site's page edited after publication (same address, a paragraph added)...
EDITED = Report(REPORTS[1].slug, REPORTS[1].headline, (
    *REPORTS[1].paragraphs,
    "Later on Monday the upstream state's water minister said the early-warning system could be "
    "running before the end of the year if parliament approved its budget.",
))
# ... crawled again later, with two pages not seen before.
LATER = [(EDITED, 3, PUBLISHED), (REPORTS[2], 4, PUBLISHED), (REPORTS[3], 5, PUBLISHED)]


@pytest.fixture
def work(monkeypatch) -> dict[str, list[str]]:
    """The URL of every page extracted, the text of every article coded and every text hashed
    for stories in this process from now on (derives run with one worker, in this process)."""
    done: dict[str, list[str]] = {"extracted": [], "coded": [], "hashed": []}
    extract, code, featurize = articles.extract_article, facts.code_article, assign.featurize

    def extract_article(html, url, *args, **kwargs):
        done["extracted"].append(url)
        return extract(html, url, *args, **kwargs)

    def code_article(text, *args, **kwargs):
        done["coded"].append(text)
        return code(text, *args, **kwargs)

    monkeypatch.setattr(articles, "extract_article", extract_article)
    def hash_texts(texts):
        done["hashed"].extend(texts)
        return featurize(texts)

    monkeypatch.setattr(facts, "code_article", code_article)
    monkeypatch.setattr(assign, "featurize", hash_texts)
    return done


def derived_days(data_dir) -> tuple[dt.date, dt.date]:
    con = lake.connect(settings_of(data_dir), read_only=True)
    try:
        return con.execute("SELECT min(partition_date), max(partition_date) FROM articles").fetchone()
    finally:
        con.close()


def coding_keys(tables: dict) -> set[tuple[str, str]]:
    return set(tables["coded_articles"].select("article_id", "input_key").iter_rows())


def test_a_refresh_redoes_only_what_changed_and_equals_a_full_derive(demo_copy, tmp_path, work):
    settings = settings_resource(demo_copy, derive_workers=1)
    first_warc, later_warc = tmp_path / "first.warc.gz", tmp_path / "later.warc.gz"
    first_urls = write_warc(first_warc, FIRST)
    assert import_warc_files(settings, [first_warc]) == 0
    # The import derived its day: the demo's pages of that day were carried over.
    assert sorted(work["extracted"]) == sorted(first_urls)
    assert len(work["coded"]) == len(FIRST)

    later_urls = write_warc(later_warc, LATER, crawled_after=dt.timedelta(hours=6))
    assert import_warc_files(settings, [later_warc], derive=False) == 0
    start, end = derived_days(demo_copy)
    before = snapshot(demo_copy)
    work["extracted"].clear(), work["coded"].clear(), work["hashed"].clear()
    run = run_derive(settings, start, end)
    refreshed = snapshot(demo_copy)
    # Over every day: only the new version and the new pages were extracted ...
    assert sorted(work["extracted"]) == sorted(later_urls)
    edited_url = copy_url(EDITED, 3, PUBLISHED)
    (edited,) = refreshed["articles"].filter(refreshed["articles"]["url"] == edited_url).iter_rows(named=True)
    assert EDITED.paragraphs[-1] in edited["text"] and edited["versions"] == 2
    # ... and only the articles whose text, date or story changed were coded, the edited one among them.
    recoded = coding_keys(refreshed) - coding_keys(before)
    assert len(work["coded"]) == len(recoded) >= len(LATER) and edited["text"] in work["coded"]
    assert len(recoded) < refreshed["coded_articles"].height
    # Stories reused the stored keys of unchanged texts: the edited text was hashed again, and
    # fewer texts than the days' articles and the earlier ones their candidates loaded.
    assert any(EDITED.paragraphs[-1] in text for text in work["hashed"])
    refreshed_hashes = len(work["hashed"])
    # The run says so: rows written are the pages extracted, beside the rows on its days.
    described = {e.asset_key.to_user_string(): e.materialization.metadata for e in run.get_asset_materialization_events()}
    assert described["articles"][ROWS_WRITTEN].value == len(later_urls)
    assert described["articles"]["rows_on_days"].value == refreshed["articles"].height

    # A derive that redoes everything, on a copy of the same warehouse with the derived rows
    # removed (the site templates stay: a re-derive reuses them by design).
    full = tmp_path / "full"
    shutil.copytree(demo_copy, full, symlinks=True)
    shutil.rmtree(full / "dagster_home", ignore_errors=True)
    con = lake.connect(settings_of(full))
    try:
        for table in ("articles", "coded_articles", "stories", "story_bands", "relation_facts", "relation_daily"):
            con.execute(f"DELETE FROM {table}")
        con.execute("DELETE FROM actors WHERE origin = 'learned'")
    finally:
        con.close()
    work["extracted"].clear(), work["coded"].clear(), work["hashed"].clear()
    run_derive(settings_resource(full, derive_workers=1), start, end)
    assert refreshed_hashes < len(work["hashed"])
    assert len(work["extracted"]) == refreshed["articles"].height
    assert len(work["coded"]) == refreshed["coded_articles"].height
    assert_same_tables(snapshot(full), refreshed)


def test_a_new_extractor_version_extracts_every_page_again(demo_copy, work, monkeypatch):
    settings = settings_resource(demo_copy, derive_workers=1)
    of_day = pl.col("partition_date") == DAY
    pages = snapshot(demo_copy, ["articles"])["articles"].filter(of_day)
    run_derive(settings, DAY, DAY)
    assert work["extracted"] == []  # nothing changed: every row carried over
    monkeypatch.setattr(articles, "EXTRACTOR_VERSION", "next-extractor")
    run_derive(settings, DAY, DAY)
    assert sorted(work["extracted"]) == sorted(pages["url"])
    after = snapshot(demo_copy, ["articles", "site_templates"])
    assert set(after["articles"].filter(of_day)["input_key"]).isdisjoint(pages["input_key"])
    # The templates were learned again under the new version, and stored with it.
    templates = after["site_templates"].filter(of_day)
    assert set(templates["extractor_version"]) == {"next-extractor"}


def test_a_lake_made_before_incremental_derive_opens_and_derives_its_days_again(tmp_path):
    settings = settings_of(tmp_path / "data")
    older = tmp_path / "sql_before"
    (older / "schema").mkdir(parents=True)
    for path in lake.schema_files():
        if path.name < "005":
            shutil.copy(path, older / "schema" / path.name)
    con = lake.connect(settings)
    try:
        lake.apply_schema(con, older)
        con.execute("""INSERT INTO articles (article_id, partition_date, url, canonical_url, capture_id, versions, status,
                       extractor_version) VALUES ('a1', ?, 'u', 'u', 'c1', 1, 'ok', 'old')""", [DAY])
        lake.apply_schema(con)
        assert con.execute("SELECT input_key FROM articles").fetchall() == [(None,)]
        assert con.execute("SELECT count(*) FROM coded_articles").fetchone()[0] == 0
        # A row without a key is never carried over: the day's derive (no captures left) replaces it.
        lake.write(con, articles.articles_writes(con, DAY, RawStore.from_settings(settings)), settings.locks_dir)
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    finally:
        con.close()

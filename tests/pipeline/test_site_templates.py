"""Site templates of a day: a host with two pages or more in the window is learned from them; a
host with one page has the empty template, learned from no page: its page is not read (there is
nothing a single page repeats)."""

from __future__ import annotations

import datetime as dt
import shutil

import polars as pl

from etl.cli.capture_commands import import_warc_files
from etl.derive.articles import TEMPLATE_WINDOW_DAYS, _WINDOW_PAGES, learn_templates
from etl.derive.pool import Workers
from etl.extract import SiteTemplate, learn_template
from etl.rawstore.store import RawStore
from etl.rawstore.warc import read_record
from etl.warehouse import lake
from etl.web.urls import site_host
from tests.conftest import settings_of, settings_resource
from tests.pipeline.imported_pages import REPORTS, write_warc

PUBLISHED = dt.datetime(2024, 10, 5, 9, 0, tzinfo=dt.timezone.utc)


def _window(con, day: dt.date) -> pl.DataFrame:
    pages = lake.query(con, _WINDOW_PAGES, [day - dt.timedelta(days=TEMPLATE_WINDOW_DAYS), day])
    return pages.with_columns(pl.col("url").map_elements(site_host, return_dtype=pl.String).alias("host"))


def test_one_page_hosts_get_the_empty_template_unread_and_others_are_learned(demo_copy, tmp_path):
    # Sites 0 and 1 publish every report, sites 2 and 3 one report each, all on one day.
    warc = tmp_path / "day.warc.gz"
    write_warc(warc, [(report, site, PUBLISHED) for site in (0, 1) for report in REPORTS]
               + [(REPORTS[0], 2, PUBLISHED), (REPORTS[1], 3, PUBLISHED)])
    assert import_warc_files(settings_resource(demo_copy), [warc], derive=False) == 0
    settings = settings_of(demo_copy)
    store = RawStore.from_settings(settings)
    day = PUBLISHED.date()
    con = lake.connect(settings, read_only=True)
    try:
        window = _window(con, day)
        counts = dict(window.filter(pl.col("host").str.contains("courier")).group_by("host").len().iter_rows())
        single = sorted(host for host, n in counts.items() if n == 1)
        several = sorted(host for host, n in counts.items() if n >= 2)
        assert len(single) == 2 and len(several) == 2

        with Workers(1) as pool:
            learned = learn_templates(con, day, single + several, store, pool)
        assert {host: learned[host] for host in single} == {host: SiteTemplate(host=host) for host in single}
        for host in several:
            pages = [(url, read_record(store, warc_file, offset)[1]) for url, warc_file, offset in
                     window.filter(pl.col("host") == host).select("url", "warc_file", "warc_offset").iter_rows()]
            assert learned[host] == learn_template(host, pages) and learned[host].pages == len(REPORTS)
            assert not learned[host].is_empty()  # the site's furniture, repeated on its pages

        # The one-page hosts' pages are never read to learn: with the raw store gone they still
        # get their template.
        shutil.rmtree(settings.raw_dir)
        with Workers(1) as pool:
            assert learn_templates(con, day, single, store, pool) == {host: SiteTemplate(host=host)
                                                                      for host in single}
    finally:
        con.close()


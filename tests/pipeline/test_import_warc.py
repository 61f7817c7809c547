"""`etl import-warc`: an external crawl's WARC (written here with warcio, as CC-NEWS files are)
becomes captures and articles in the pages' own publication days, which are then derived."""

from __future__ import annotations

import datetime as dt
import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from etl.cli.capture_commands import import_warc_files
from etl.warehouse import lake
from tests.conftest import settings_of, settings_resource

# Published 06:30 in Seoul on 2 October, which is 21:30 UTC on 1 October: partitions are UTC days.
IMPORTED_DAY = dt.date(2024, 10, 1)
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Seoul and Tokyo agree to resume shuttle diplomacy | Harbour Ledger</title>
<link rel="canonical" href="https://ledger.example/world/seoul-tokyo-shuttle-diplomacy">
<meta property="article:published_time" content="2024-10-02T06:30:00+09:00">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Seoul and Tokyo agree to resume shuttle diplomacy</h1>
<p>South Korea and Japan agreed on Wednesday to resume regular visits between their leaders,
officials in both capitals said, ending a pause that began during a dispute over wartime labour.</p>
<p>South Korean President Yoon Suk Yeol and Japanese Prime Minister Shigeru Ishiba spoke by
telephone for twenty minutes and pledged to meet again before the end of the year.</p>
<p>North Korea was not mentioned in the readouts, although both governments have condemned
its missile launches in recent weeks.</p></article>
<footer>© 2024 Harbour Ledger</footer></body></html>"""


def _write_warc(path, url="https://ledger.example/world/seoul-tokyo-shuttle-diplomacy?utm_source=newsletter",
                page=PAGE) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(page.encode()), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-10-02T01:00:00Z"},
        )
        writer.write_record(record)


def test_imported_pages_land_in_their_publication_day(demo_copy, tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    _write_warc(warc)
    assert import_warc_files(settings_resource(demo_copy), [warc]) == 0
    con = lake.connect(settings_of(demo_copy), read_only=True)
    try:
        capture = lake.query(con, "SELECT * FROM captures WHERE origin = 'import'").to_dicts()
        assert [(c["partition_date"], c["date_source"]) for c in capture] == [(IMPORTED_DAY, "page")]
        (article,) = lake.query(con, "SELECT * FROM articles WHERE partition_date = ?", [IMPORTED_DAY]).to_dicts()
        assert article["status"] == "ok" and article["text"].startswith("South Korea and Japan agreed")
        assert "Harbour Ledger" not in article["text"]
        assert "utm_" not in article["canonical_url"]
        facts = con.execute("SELECT count(*) FROM relation_facts WHERE partition_date = ?", [IMPORTED_DAY]).fetchone()[0]
        assert facts >= 1
    finally:
        con.close()
    # Importing the same file again adds nothing.
    assert import_warc_files(settings_resource(demo_copy), [warc], derive=False) == 0
    con = lake.connect(settings_of(demo_copy), read_only=True)
    assert con.execute("SELECT count(*) FROM captures WHERE origin = 'import'").fetchone()[0] == 1
    con.close()


def test_a_paywalled_page_keeps_its_text_and_says_so(demo_copy, tmp_path):
    paywalled = PAGE.replace("</head>", '<script type="application/ld+json">{"@type": "NewsArticle", '
                             '"isAccessibleForFree": false}</script></head>')
    warc = tmp_path / "paywalled.warc.gz"
    _write_warc(warc, "https://ledger.example/world/shuttle-diplomacy-members", paywalled)
    assert import_warc_files(settings_resource(demo_copy), [warc]) == 0
    con = lake.connect(settings_of(demo_copy), read_only=True)
    try:
        (article,) = lake.query(con, "SELECT * FROM articles WHERE url LIKE '%shuttle-diplomacy-members'").to_dicts()
    finally:
        con.close()
    # A short paywalled page is also a teaser: both flags recorded, the text kept.
    assert article["status"] == "ok" and article["is_paywalled"] and article["is_teaser"]
    assert article["text"].startswith("South Korea and Japan agreed")

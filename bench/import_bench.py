"""Imported copies deduplicate like feeds: real pages, each copied onto many sites, imported from
one WARC and derived, should give one story per page.

    python bench/import_bench.py [--pages 180] [--copies 10]

Takes the first PAGES real pages of ../shared/datasets/extraction/msv_chaos (pages from ~240
sites) and writes COPIES copies of each into one WARC, copy k on its own host (outletK.example,
which carries one copy of every page, as an outlet carries wire stories). The WARC goes through
the import (etl.capture.warc_import) into a new warehouse, and every day it touched through the
articles and stories derive steps, the pipeline's own code without Dagster's run overhead.
Prints the stories found, and, in the same run on the same extracted texts, etl.dedup.cluster_texts
with each article's source against one label 'import' shared by every page (the import's source
before imported pages were labelled by their site).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import io
import json
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.capture.capture_state import load_capture_state  # noqa: E402
from etl.capture.warc_import import import_warc  # noqa: E402
from etl.dedup import cluster_texts  # noqa: E402
from etl.definitions.environment import environment_settings  # noqa: E402
from etl.derive.articles import derive_articles  # noqa: E402
from etl.derive.stories import derive_stories  # noqa: E402
from etl.rawstore.store import RawStore  # noqa: E402
from etl.warehouse import lake  # noqa: E402

PAGES_DIR = ROOT.parent / "shared" / "datasets" / "extraction" / "msv_chaos"
# The crawl's date; each page is still dated by its own metadata where it has one.
CRAWLED = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.timezone.utc)


def real_pages(limit: int) -> list[tuple[str, bytes]]:
    """(url, html) of the set's first ``limit`` pages with an http(s) URL, in gold order."""
    pages = []
    for line in (PAGES_DIR / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        path = PAGES_DIR / "html" / f"{record['id']}.html.gz"
        if urlsplit(record.get("url") or "").scheme in ("http", "https") and path.is_file():
            pages.append((record["url"], gzip.decompress(path.read_bytes())))
        if len(pages) == limit:
            break
    return pages


def write_copies(path: Path, pages: list[tuple[str, bytes]], copies: int) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for copy in range(copies):
            for url, html in pages:
                parts = urlsplit(url)
                copy_url = f"https://outlet{copy}.example{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    copy_url, "response", payload=io.BytesIO(html), http_headers=headers,
                    warc_headers_dict={"WARC-Date": CRAWLED.strftime("%Y-%m-%dT%H:%M:%SZ")}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=180)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    pages = real_pages(args.pages)
    with tempfile.TemporaryDirectory() as folder:
        settings = environment_settings(data_dir=str(Path(folder) / "data"), raw_store="", catalog="", lake_data="")
        warc = Path(folder) / "copies.warc.gz"
        write_copies(warc, pages, args.copies)
        started = time.perf_counter()
        store = RawStore.from_settings(settings)
        con = lake.connect(settings)
        try:
            lake.apply_schema(con)
            result = import_warc([warc], store, settings, load_capture_state(con))
            lake.append_rows(con, {"feed_entries": result.entries, "captures": result.captures})
            days = sorted(result.partition_dates)
            for day in days:  # in date order: a day's stories are found against the days before it
                articles, templates = derive_articles(con, day, store)
                lake.write(con, [("articles", articles, [day]), ("site_templates", templates, [day])], settings.locks_dir)
                stories, bands = derive_stories(con, day)
                lake.write(con, [("stories", stories, [day]), ("story_bands", bands, [day])], settings.locks_dir)
            seconds = time.perf_counter() - started
            rows = lake.query(con, """
                SELECT a.source, a.text, s.story_id FROM articles a JOIN stories s USING (article_id, partition_date)
                WHERE a.status = 'ok' ORDER BY a.article_id""")
            imported = con.execute("SELECT count(*) FROM captures WHERE origin = 'import'").fetchone()[0]
        finally:
            con.close()
    texts, sources = rows["text"].to_list(), rows["source"].to_list()
    by_site = len(set(cluster_texts(texts, sources)))
    one_label = len(set(cluster_texts(texts, ["import"] * len(texts))))
    print(f"{len(pages)} real pages x {args.copies} copies on {args.copies} hosts: {imported} captures imported "
          f"into {len(days)} day(s), {rows.height} articles ok, import + derive {seconds:.0f} s")
    print(f"  stories from import + derive (source = the page's site): {rows['story_id'].n_unique()}")
    print(f"  cluster_texts on the same texts, sources = sites: {by_site}; one shared label 'import': {one_label}")


if __name__ == "__main__":
    main()

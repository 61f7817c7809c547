"""The whole job on real pages behind feeds with the real web's trouble, read as an analyst would.

A few hundred pages of the labelled extraction sets (../shared/datasets/extraction, read at run
time, never copied) are spread over ~10 outlets, each a local HTTP server on its own 127.0.0.1
port, behind RSS and Atom feeds generated here (item titles from the page <title>, publication
times spread over the last 60 hours). The feeds carry what real feeds carry: links to deleted
pages (404), 301/302 redirect chains (on the host and through another host's click tracker), a
redirect loop, a page refused by robots.txt, a slow outlet (every response seconds late, two
pages later than the client's read timeout), a feed that answers a PHP error instead of XML, a
feed host whose port is closed (and pages linked on it), a UTF-8 page served as ISO-8859-1, one
article linked by two feeds under two URLs (utm_ parameters) and one article copied by another
outlet.

Then the real job runs in a temporary data folder: ``etl capture`` and ``etl derive`` over the
days, the installed console script in child processes, settings by environment only. What landed
is read back through ``etl sql`` and printed as an analyst would check it: fetch and capture
outcomes (every broken link a row, every good page stored), articles and their status, blank
texts, extraction quality of the stored articles against the gold text (the reference scorer's
token 4-gram P/R, imported at run time) beside our extractor on the same bytes outside the
pipeline and trafilatura default in the same run, stories (the utm duplicate and the copy
collapse), relation facts with a random sample printed for reading, relation_daily pairs that
should not exist, and wall/CPU time per page. A second ``etl capture`` (the next hourly run) then
shows that no stored page is fetched again and every failed link is tried again.

usage: python bench/real_web_job_bench.py [--pages 240] [--seed 11] [--keep] [--datasets PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html
import json
import os
import random
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from bench.extract_real_bench import DEFAULT_DATASETS, load_set, reference_scorer, score  # noqa: E402
from etl.extract import extract_article  # noqa: E402

ETL = ROOT / ".venv" / "bin" / "etl"
FULL_TEXT_SETS = ("msv_chaos", "cleanportaleval", "readability_testpages")
# Share of the sample taken from each set (msv_chaos is the broadest: ~240 sites).
SET_SHARES = {"msv_chaos": 0.6, "cleanportaleval": 0.2, "readability_testpages": 0.2}
OUTLETS = 10
HOURS_SPREAD = 60          # publication times over the last 60 hours: three UTC days
SLOW_DELAY = 3.0           # every response of the slow outlet waits this long
# The capture client gives up after 20 s without a byte (its read timeout); the stalled pages
# wait longer than that, so they must end as timeouts while the rest of the run goes on.
STALL_DELAY = 25.0
GZIP_MIN_BYTES = 1024
WORLD_TOPICS = ("north_korea", "syrian", "afghanistan", "terror")
PHP_ERROR = (b"<br />\n<b>Warning</b>:  mysqli_connect(): (HY000/1040): Too many connections in "
             b"<b>/var/www/html/feeds/politics.php</b> on line <b>12</b><br />\n")
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
_MOJIBAKE = re.compile(r"Ã[\x80-\xbf]|â€|Â[\x80-\xbf ]")
WORD = re.compile(r"\w")


# -- the pages and outlets -----------------------------------------------------------------------

@dataclass
class Page:
    set_name: str
    id: str
    gold_url: str
    gold: str
    html: bytes
    title: str
    headline: str                  # labelled headline, where the set has one
    outlet: int = -1
    path: str = ""
    published: dt.datetime | None = None


@dataclass
class Item:
    """A feed item: where its link goes and what capture should make of it."""
    title: str
    link: str
    guid: str
    published: dt.datetime
    expect: str                    # outcome the captures row should have
    page: Page | None = None       # the stored page it should lead to, when expect == "ok"
    final_url: str = ""            # where the link ends: the URL its captures row carries
    trouble: str = ""              # what is wrong with it, if anything


@dataclass
class Route:
    status: int
    body: bytes = b""
    content_type: str = "text/html"
    location: str | None = None
    delay: float = 0.0


@dataclass
class Outlet:
    index: int
    name: str
    feed_format: str
    server: ThreadingHTTPServer
    pages: list[Page] = field(default_factory=list)
    routes: dict[str, Route] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    delay: float = 0.0

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def feed_path(self) -> str:
        return "/feed.rss" if self.feed_format == "rss" else "/atom.xml"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        outlet: Outlet = self.server.outlet
        # Like a real site, a page answers whatever campaign parameters the link carries.
        route = outlet.routes.get(self.path) or outlet.routes.get(self.path.split("?", 1)[0])
        if route is None:
            route = Route(404, b"<html><head><title>Page not found</title></head><body><h1>Sorry, "
                               b"this page does not exist</h1><p>Try the home page.</p></body></html>")
        time.sleep(route.delay or outlet.delay)
        body = route.body
        headers = [("Content-Type", route.content_type)]
        if route.location:
            headers.append(("Location", route.location))
        if len(body) >= GZIP_MIN_BYTES and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            body = gzip.compress(body, 6)
            headers.append(("Content-Encoding", "gzip"))
        try:
            self.send_response(route.status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up first (the stalled pages)
            pass


def page_title(raw: bytes, fallback: str) -> str:
    match = _TITLE.search(raw)
    if not match:
        return fallback
    try:
        text = match.group(1).decode("utf-8")
    except UnicodeDecodeError:
        text = match.group(1).decode("cp1252", "replace")
    text = re.sub(r"\s+", " ", html.unescape(text)).strip()
    return _XML_BAD.sub("", text)[:200] or fallback


def headline(set_name: str, row: dict) -> str:
    """The page's headline as its labellers gave it: readability_testpages has a title field,
    msv_chaos gold text starts with the headline; the other set says neither."""
    if set_name == "readability_testpages":
        return (row.get("title") or "").strip()
    if set_name == "msv_chaos":
        return row["text"].strip().split("\n", 1)[0].strip()
    return ""


def words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").lower()))


def misses_headline(title: str | None, wanted: str) -> bool:
    """A title holding fewer than half the headline's words (a site name, a section label)."""
    return len(words(title) & words(wanted)) < len(words(wanted)) / 2


def pick_pages(datasets: Path, total: int, rng: random.Random) -> list[Page]:
    pages = []
    for name in FULL_TEXT_SETS:
        rows = [r for r in load_set(datasets / "extraction" / name) if (r.get("text") or "").strip()]
        for row in rng.sample(rows, min(len(rows), round(total * SET_SHARES[name]))):
            pages.append(Page(name, row["id"], row.get("url") or "", row["text"], row["html"],
                              page_title(row["html"], row["id"]), headline(name, row)))
    return pages


def assign_outlets(pages: list[Page], outlets: list[Outlet]) -> None:
    """Pages of one original site go to one outlet (a real outlet has one template); sites are
    packed largest first onto the outlet with the fewest pages."""
    by_site: dict[str, list[Page]] = {}
    for page in pages:
        site = (urlsplit(page.gold_url).hostname or f"unknown-{page.id}").removeprefix("www.")
        by_site.setdefault(site, []).append(page)
    for site in sorted(by_site, key=lambda s: (-len(by_site[s]), s)):
        outlet = min(outlets, key=lambda o: (len(o.pages), o.index))
        outlet.pages.extend(by_site[site])
    for outlet in outlets:
        for page in outlet.pages:
            page.outlet = outlet.index
            slug = re.sub(r"[^a-z0-9]+", "-", page.id.lower()).strip("-")
            page.path = f"/news/{page.set_name[:4]}-{slug}.html"


# -- the feeds and their trouble -----------------------------------------------------------------

def build_web(pages: list[Page], outlets: list[Outlet], dead_port: int, now: dt.datetime,
              rng: random.Random) -> dict:
    """Routes and feed items of every outlet; returns what the trouble was laid on."""
    for outlet in outlets:
        for page in outlet.pages:
            page.published = now - dt.timedelta(minutes=rng.uniform(30, HOURS_SPREAD * 60))
            outlet.routes[page.path] = Route(200, page.html)
            url = outlet.base + page.path
            outlet.items.append(Item(page.title, url, url, page.published, "ok", page, url))
    slow, plain = outlets[0], outlets[1:]

    # The slow outlet: every response late, two pages later than the client waits.
    slow.delay = SLOW_DELAY
    for item in rng.sample(slow.items, 2):
        slow.routes[item.page.path].delay = STALL_DELAY
        item.expect, item.page, item.trouble = "timeout", None, "stalls beyond the read timeout"

    # Deleted pages: links that answer 404.
    for outlet in plain[:4]:
        for n in range(2):
            path = f"/news/removed-story-{outlet.index}-{n}.html"
            url = outlet.base + path
            outlet.items.append(Item(f"Removed story {n} of {outlet.name}", url, url,
                                     now - dt.timedelta(hours=rng.uniform(1, 40)), "not_found",
                                     final_url=url, trouble="deleted page (404)"))

    # Redirect chains on the outlet: /r/<slug> 301 -> /moved/<slug> 302 -> the page.
    for outlet in plain[4:6]:
        for item in rng.sample([i for i in outlet.items if i.page], 3):
            slug = item.page.path.rsplit("/", 1)[1]
            outlet.routes[f"/r/{slug}"] = Route(301, b"", location=f"/moved/{slug}")
            outlet.routes[f"/moved/{slug}"] = Route(302, b"", location=item.page.path)
            item.link = outlet.base + f"/r/{slug}"
            item.trouble = "301 then 302"
    # Through another outlet's click tracker (absolute 302 to another host).
    tracker = plain[1]
    for item in rng.sample([i for i in plain[6].items if i.page], 2):
        target = item.final_url
        path = f"/go?to={quote(target, safe='')}"
        tracker.routes[path] = Route(302, b"", location=target)
        item.link = tracker.base + path
        item.trouble = "302 via another host's click tracker"
    # A redirect loop.
    looping = plain[2]
    looping.routes["/loop/a"] = Route(302, b"", location="/loop/b")
    looping.routes["/loop/b"] = Route(301, b"", location="/loop/a")
    # The fetcher stops when a hop would revisit a URL: its row carries the last URL it fetched.
    looping.items.append(Item("Live: the latest updates", looping.base + "/loop/a", looping.base + "/loop/a",
                              now - dt.timedelta(hours=2), "too_many_redirects",
                              final_url=looping.base + "/loop/b", trouble="redirect loop"))

    # robots.txt refuses a members-only section.
    guarded = plain[5]
    guarded.routes["/robots.txt"] = Route(200, b"User-agent: *\nDisallow: /members/\n", "text/plain")
    guarded.routes["/members/briefing.html"] = Route(200, b"<html><body><p>Members only</p></body></html>")
    members = guarded.base + "/members/briefing.html"
    guarded.items.append(Item("Members' briefing", members, members, now - dt.timedelta(hours=5),
                              "robots_disallowed", final_url=members, trouble="disallowed by robots.txt"))

    # Pages linked on a host whose port is closed.
    dead = f"http://127.0.0.1:{dead_port}"
    for n in range(2):
        url = f"{dead}/story/{n}.html"
        plain[0].items.append(Item(f"Wire story {n}", url, url, now - dt.timedelta(hours=rng.uniform(1, 40)),
                                   "connect_error", final_url=url, trouble="host down (closed port)"))

    # A UTF-8 page with non-ASCII text, served as ISO-8859-1.
    def utf8_with_accents(page: Page) -> bool:
        try:
            text = page.html.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return sum(ord(c) > 127 for c in text) >= 30 and sum(ord(c) > 127 for c in page.gold) >= 5

    charset_page = next(p for o in plain[2:] for p in o.pages if utf8_with_accents(p))
    charset_outlet = outlets[charset_page.outlet]
    charset_outlet.routes[charset_page.path].content_type = "text/html; charset=iso-8859-1"
    next(i for i in charset_outlet.items if i.page is charset_page).trouble = "UTF-8 served as ISO-8859-1"

    # One article linked by two feeds: the second under a tracking URL.
    home, other = plain[7], plain[2]
    utm_page = rng.choice([i.page for i in home.items if i.page and not i.trouble])
    utm_link = home.base + utm_page.path + "?utm_source=partner&utm_medium=rss&utm_campaign=world"
    other.items.append(Item(utm_page.title, utm_link, utm_link, utm_page.published, "ok", utm_page,
                            home.base + utm_page.path, trouble="same article, utm_ URL, other feed"))
    next(i for i in home.items if i.page is utm_page).trouble = "linked again with utm_ by another feed"

    # One article copied by another outlet under its own URL and headline.
    # A news story on international affairs (by the search query its set was collected with), so
    # its facts are counted with the copy's; the longest one, for the most facts.
    copier = plain[8]
    copy_page = max((p for o in plain[:8] for p in o.pages if p is not charset_page and p is not utm_page),
                    key=lambda p: (any(topic in p.id for topic in WORLD_TOPICS), len(p.gold)))
    copy_path = "/wire/" + copy_page.path.rsplit("/", 1)[1]
    copier.routes[copy_path] = Route(200, copy_page.html)
    copy_time = min(copy_page.published + dt.timedelta(hours=3), now - dt.timedelta(minutes=10))
    copy_url = copier.base + copy_path
    copier.items.append(Item("WIRE: " + copy_page.title, copy_url, copy_url, copy_time, "ok", copy_page,
                             copy_url, trouble="copy of another outlet's article"))

    # Feeds: RSS or Atom; one extra feed of an outlet answers a PHP error.
    for outlet in outlets:
        rng.shuffle(outlet.items)
        outlet.routes[outlet.feed_path] = Route(200, feed_body(outlet), "application/rss+xml" if
                                                outlet.feed_format == "rss" else "application/atom+xml")
    broken = plain[1]
    broken.routes["/politics.xml"] = Route(200, PHP_ERROR, "application/rss+xml; charset=utf-8")
    return {"broken_feed": broken.base + "/politics.xml", "dead_feed": f"{dead}/rss.xml",
            "charset_page": charset_page, "utm_page": utm_page, "copy_page": copy_page,
            "copy_url": copy_url}


def feed_body(outlet: Outlet) -> bytes:
    if outlet.feed_format == "rss":
        items = "".join(
            f"<item><title>{escape(i.title)}</title><link>{escape(i.link)}</link>"
            f"<guid isPermaLink=\"false\">{escape(i.guid if i.guid == i.link else i.link)}</guid>"
            f"<pubDate>{format_datetime(i.published, usegmt=True)}</pubDate></item>"
            for i in outlet.items)
        return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                f"<title>{escape(outlet.name)}</title><link>{outlet.base}/</link>"
                f"<description>Latest news from {escape(outlet.name)}</description>{items}</channel></rss>").encode()
    entries = "".join(
        f"<entry><title>{escape(i.title)}</title><link rel=\"alternate\" href={quoteattr(i.link)}/>"
        f"<id>{escape(i.link)}</id><published>{i.published.isoformat()}</published>"
        f"<updated>{i.published.isoformat()}</updated></entry>"
        for i in outlet.items)
    newest = max(i.published for i in outlet.items).isoformat()
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(outlet.name)}</title><id>{outlet.base}/</id><updated>{newest}</updated>"
            f"<link rel=\"alternate\" href=\"{outlet.base}/\"/>{entries}</feed>").encode()


# -- running the job -----------------------------------------------------------------------------

def run_etl(args: list[str], env: dict, label: str) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run the installed ``etl`` script; returns the process, wall seconds and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run([str(ETL), *args], env=env, capture_output=True, text=True, cwd=ROOT)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if label:
        print(f"$ etl {' '.join(args)}  -> exit {proc.returncode}, {wall:.1f} s wall, {cpu:.1f} s CPU")
        for stream, text in (("stdout", proc.stdout), ("stderr", proc.stderr)):
            lines = [line for line in text.splitlines() if line.strip()]
            if lines:
                print(f"  {stream} ({len(lines)} lines, last 6):")
                for line in lines[-6:]:
                    print(f"    {line[:220]}")
        if "Traceback" in proc.stderr:
            print("  !! a traceback on stderr")
    return proc, wall, cpu


def sql(query: str, env: dict) -> list[dict]:
    proc, _, _ = run_etl(["sql", query, "--format", "json"], env, "")
    if proc.returncode:
        raise SystemExit(f"etl sql failed on {query!r}: {proc.stderr.strip()}")
    return json.loads(proc.stdout or "[]")


def sources_yaml(outlets: list[Outlet], web: dict) -> str:
    lines = ["sources:"]
    for outlet in outlets:
        lines += [f"  - name: {outlet.name}", f"    url: {outlet.base}{outlet.feed_path}"]
    lines += [f"  - name: {outlets[2].name}-politics", f"    url: {web['broken_feed']}",
              "  - name: closed-wire", f"    url: {web['dead_feed']}"]
    return "\n".join(lines) + "\n"


def key(url: str) -> tuple[int | None, str]:
    parts = urlsplit(url)
    return parts.port, parts.path


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


# -- reading what landed -------------------------------------------------------------------------

def report(outlets, items, web, env, scorer, rng, timings) -> None:
    print("\n== feed_fetches")
    for row in sql("SELECT feed_name, outcome, http_status, entries, new_entries, error FROM feed_fetches "
                   "ORDER BY feed_name", env):
        print(f"  {row['feed_name']:24} {row['outcome']:12} {str(row['http_status']):5} entries={row['entries']} "
              f"new={row['new_entries']} {(row['error'] or '')[:110]}")
    counts = sql("SELECT outcome, count(*) AS n FROM feed_fetches GROUP BY ALL ORDER BY n DESC", env)
    print("  by outcome: " + ", ".join(f"{r['outcome']} {r['n']}" for r in counts))

    print("\n== captures")
    captures = sql("SELECT url, outcome, http_status, record_type, partition_date, date_source, error "
                   "FROM captures", env)
    print("  by outcome: " + ", ".join(f"{k} {v}" for k, v in Counter(c["outcome"] for c in captures).most_common()))
    print("  record types: " + ", ".join(f"{k} {v}" for k, v in Counter(c["record_type"] for c in captures).items()))
    by_key: dict = {}
    for row in captures:
        by_key.setdefault(key(row["url"]), []).append(row)
    print("  links with trouble (expected outcome -> recorded):")
    for item in items:
        if not item.trouble:
            continue
        rows = by_key.get(key(item.final_url), [])
        found = sorted({r["outcome"] for r in rows}) or ["NO ROW"]
        mark = "ok " if found == [item.expect] else "!! "
        reason = next((r["error"] for r in rows if r["error"]), "") or ""
        print(f"    {mark}{item.trouble:42} expect {item.expect:18} got {','.join(found):18} {reason[:80]}")
    good = {key(i.final_url): i.page for i in items if i.expect == "ok"}
    stored = {k for k, rows in by_key.items() if any(r["outcome"] == "ok" for r in rows)}
    missing = sorted(set(good) - stored)
    print(f"  good pages: {len(good)} linked, {len(set(good) & stored)} stored ok, missing {len(missing)}"
          + (f": {missing[:10]}" if missing else ""))

    print("\n== articles")
    articles = sql("SELECT article_id, partition_date, url, canonical_url, source, title, published_at, date_source,"
                   " language, text, word_count, status FROM articles", env)
    print(f"  {len(articles)} articles; status: "
          + ", ".join(f"{k} {v}" for k, v in Counter(a["status"] for a in articles).most_common()))
    print("  per day: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(a["partition_date"] for a in articles).items())))
    print("  languages: " + ", ".join(f"{k} {v}" for k, v in Counter(a["language"] for a in articles).most_common(6)))
    by_article = {key(a["url"]): a for a in articles}
    blank = [a for a in articles if not WORD.search(a["text"] or "")]
    print(f"  blank texts: {len(blank)} (every page here has gold text)")
    for a in blank[:10]:
        print(f"    {a['url']} status={a['status']}")
    # Dates: the partition is the feed item's UTC day, published_at the feed's time.
    expected_time = {key(i.final_url): i.published for i in items if i.expect == "ok"}
    wrong_day = [(k, a["partition_date"], expected_time[k].date()) for k, a in by_article.items()
                 if k in expected_time and a["partition_date"] != expected_time[k].date().isoformat()]
    wrong_time = [k for k, a in by_article.items() if k in expected_time and a["published_at"]
                  and abs(dt.datetime.fromisoformat(a["published_at"]) - expected_time[k]).total_seconds() > 1]
    print(f"  dates: {len(wrong_day)} articles on another day than their feed item, "
          f"{len(wrong_time)} with another published_at; date_source: "
          + ", ".join(f"{k} {v}" for k, v in Counter(a["date_source"] for a in articles).items()))
    for k, got, want in wrong_day[:5]:
        print(f"    {k}: partition {got}, feed day {want}")
    cp = web["charset_page"]
    charset_article = by_article.get((outlets[cp.outlet].port, cp.path))
    if charset_article:
        text = charset_article["text"] or ""
        sample = next((m.start() for m in re.finditer(r"[^\x00-\x7f]", text)), 0)
        print(f"  UTF-8 page served as ISO-8859-1: {len(_MOJIBAKE.findall(text))} mojibake sequences; "
              f"text near the first non-ASCII: {text[max(0, sample - 40):sample + 40]!r}")
    mojibake = [a["url"] for a in articles if len(_MOJIBAKE.findall(a["text"] or "")) >= 3]
    print(f"  articles with >= 3 mojibake sequences: {len(mojibake)} {mojibake[:5]}")

    print("\n== extraction quality against gold (reference scorer: token 4-gram P/R per page, F1 of the means)")
    scored = [(page, by_article[k]) for k, page in good.items()
              if k in by_article and k != key(web["copy_url"])]
    rows = [{"text": page.gold} for page, _ in scored]
    pipeline = [a["text"] or "" for _, a in scored]
    ours, theirs, cpu_ours, cpu_traf = [], [], 0.0, 0.0
    for page, article in scored:
        t0 = time.process_time()
        ours.append(extract_article(page.html, article["url"]).text or "")
        t1 = time.process_time()
        theirs.append(trafilatura.extract(page.html) or "")
        cpu_traf += time.process_time() - t1
        cpu_ours += t1 - t0
    print(f"  {len(scored)} stored articles of the {len(good) - 1} good pages (the copy is scored once)")
    for label, outputs in (("pipeline (etl derive, from the WARC)", pipeline),
                           ("extract_article on the same bytes", ours), ("trafilatura.extract default", theirs)):
        result = score(scorer, rows, outputs)
        print(f"  {label:38} P {result['P']:.3f}  R {result['R']:.3f}  F1 {result['F1']:.3f}  blanked {result['blanked']}")
    per_set: dict[str, list[int]] = {}
    for n, (page, _) in enumerate(scored):
        per_set.setdefault(page.set_name, []).append(n)
    for name, idx in sorted(per_set.items()):
        sub = [rows[i] for i in idx]
        figures = [score(scorer, sub, [outputs[i] for i in idx])["F1"] for outputs in (pipeline, ours, theirs)]
        print(f"    {name:22} {len(idx):3} pages  F1 pipeline {figures[0]:.3f} / standalone {figures[1]:.3f} "
              f"/ trafilatura {figures[2]:.3f}")
    worse = sorted(((scorer.pr(p, r["text"]), scorer.pr(o, r["text"]), page, a) for p, o, r, (page, a)
                    in zip(pipeline, ours, rows, scored)), key=lambda t: sum(t[0]) - sum(t[1]))
    diverging = [w for w in worse if abs(sum(w[0]) - sum(w[1])) > 0.1]
    print(f"  pages where the pipeline's text differs in P+R from the standalone call by > 0.1: {len(diverging)}")
    for (pp, pr_), (op, or_), page, article in diverging[:6]:
        print(f"    {page.set_name}/{page.id}: pipeline P {pp:.2f} R {pr_:.2f}, standalone P {op:.2f} R {or_:.2f}"
              f" (status {article['status']})")
    with_headline = [(page, article) for page, article in scored if page.headline]
    traf_titles = [(trafilatura.extract_metadata(page.html) or None) for page, _ in with_headline]
    missed = {
        "articles.title (pipeline)": [a["title"] for _, a in with_headline],
        "trafilatura metadata title": [m.title if m else None for m in traf_titles],
        "feed item title (page <title>)": [page.title for page, _ in with_headline],
    }
    print(f"  titles missing half the labelled headline's words, of {len(with_headline)} pages with one: "
          + ", ".join(f"{label} {sum(misses_headline(t, p.headline) for t, (p, _) in zip(titles, with_headline))}"
                      for label, titles in missed.items()))
    examples = [(a["title"], p.headline) for p, a in with_headline if misses_headline(a["title"], p.headline)]
    for title, wanted in examples[:8]:
        print(f"    {title!r:45.45} for {wanted!r:.70}")
    timings["standalone ours CPU/page"] = cpu_ours / max(1, len(scored))
    timings["trafilatura CPU/page"] = cpu_traf / max(1, len(scored))

    print("\n== stories")
    stories = sql("SELECT story_id, article_id, partition_date, is_representative, method FROM stories", env)
    story_of = {s["article_id"]: s["story_id"] for s in stories}
    ok_articles = [a for a in articles if a["status"] == "ok"]
    print(f"  {len(set(story_of.values()))} stories over {len(stories)} articles (ok articles {len(ok_articles)}); "
          "methods: " + ", ".join(f"{k} {v}" for k, v in Counter(s["method"] for s in stories).most_common()))
    copy_page = web["copy_page"]
    original = by_article.get((outlets[copy_page.outlet].port, copy_page.path))
    copy = by_article.get(key(web["copy_url"]))
    if original and copy:
        same = story_of.get(original["article_id"]) == story_of.get(copy["article_id"]) is not None
        print(f"  copy on another outlet: {'same story' if same else 'DIFFERENT stories'} "
              f"({original['partition_date']} / {copy['partition_date']}, status {original['status']} / {copy['status']})")
    else:
        print(f"  copy on another outlet: original stored {bool(original)}, copy stored {bool(copy)}")
    utm = web["utm_page"]
    utm_articles = [a for a in articles if key(a["url"])[1] == utm.path]
    utm_captures = [c for c in captures if urlsplit(c["url"]).path == utm.path]
    print(f"  article linked as plain URL and utm_ URL: {len(utm_articles)} article(s), "
          f"{len(utm_captures)} capture row(s) ({', '.join(sorted(c['outcome'] for c in utm_captures))})")
    multi = Counter(story_of.values())
    print(f"  stories with more than one article: {sum(1 for v in multi.values() if v > 1)}")

    print("\n== relation_facts")
    facts = sql("SELECT f.relation_type, f.mode, f.source_actors, f.source_iso3, f.target_actors, f.target_iso3, "
                "f.negated, f.hypothetical, f.is_domestic, f.confidence, f.rule_id, f.sentence, a.url, a.source "
                "FROM relation_facts f JOIN articles a USING (article_id, partition_date) ORDER BY f.fact_id", env)
    print(f"  {len(facts)} facts from {len({f['url'] for f in facts})} articles; types: "
          + ", ".join(f"{k} {v}" for k, v in Counter(f["relation_type"] for f in facts).most_common()))
    print(f"  negated {sum(f['negated'] for f in facts)}, hypothetical {sum(f['hypothetical'] for f in facts)}, "
          f"domestic {sum(bool(f['is_domestic']) for f in facts)}, no target "
          f"{sum(1 for f in facts if not f['target_actors'])}")
    page_of = {key(i.final_url): i.page for i in items if i.page}
    print("  random sample of 20 facts, for reading:")
    for n, fact in enumerate(rng.sample(facts, min(20, len(facts))), 1):
        page = page_of.get(key(fact["url"]))
        print(f"  [{n}] {fact['relation_type']}/{fact['mode']}  {fact['source_actors']} {fact['source_iso3']} -> "
              f"{fact['target_actors']} {fact['target_iso3']}  neg={fact['negated']} hyp={fact['hypothetical']} "
              f"dom={fact['is_domestic']} conf={fact['confidence']:.2f} rule={fact['rule_id']}")
        print(f"       from {page.set_name + '/' + page.id if page else fact['url']}")
        sentence = " ".join(fact["sentence"].split())
        print(f'       "{sentence[:500]}"')

    if original and copy:
        pair = [original["article_id"], copy["article_id"]]
        counted = sql("SELECT count(DISTINCT fact_id) AS facts, count(DISTINCT story_id) AS stories, "
                      "count(DISTINCT article_id) AS articles FROM fact_country_pairs WHERE article_id IN "
                      f"('{pair[0]}', '{pair[1]}')", env)[0]
        print(f"  the copied article: {sum(f['url'] == original['url'] for f in facts)} facts in the original, "
              f"{sum(f['url'] == copy['url'] for f in facts)} in the copy; as country pairs: {counted['facts']} facts, "
              f"{counted['articles']} articles, {counted['stories']} stories")
    learned = sql("SELECT name, kind, country_iso3, sector, role, first_seen_sentence FROM actors "
                  "WHERE origin = 'learned' ORDER BY name", env)
    print(f"  actors learned from the text: {len(learned)}")
    for actor in learned[:12]:
        context = " ".join((actor["first_seen_sentence"] or "").split())
        print(f"    {actor['name']!r:28} {actor['kind']:7} {actor['country_iso3']} {actor['sector']}/{actor['role']}"
              f"  \"{context[:110]}\"")

    print("\n== relation_daily")
    daily = sql("SELECT * FROM relation_daily", env)
    empty_target = [d for d in daily if not d["target_iso3"]]
    same_country = [d for d in daily if d["source_iso3"] == d["target_iso3"]]
    print(f"  {len(daily)} rows; empty target {len(empty_target)}; same country {len(same_country)} "
          f"(of them not marked domestic: {sum(1 for d in same_country if not d.get('is_domestic'))})")
    for d in sorted(daily, key=lambda d: -d["facts"])[:8]:
        print(f"    {d['partition_date']} {d['source_iso3']}->{d['target_iso3']} {d['relation_type']:9} "
              f"facts {d['facts']} stories {d['stories']} sources {d['sources']} dom={d.get('is_domestic')}")
    timings["_ok_captures"] = sum(1 for c in captures if c["outcome"] == "ok")
    timings["_articles"] = len(articles)


def second_capture(env: dict) -> None:
    """The next hourly run: nothing stored is fetched again, every failed link is tried again."""
    print("\n== the next capture run")
    since = sql("SELECT max(fetched_at) AS t FROM captures", env)[0]["t"]
    run_etl(["capture"], env, "capture again")
    fetches = sql(f"SELECT outcome, count(*) AS n FROM feed_fetches WHERE requested_at > '{since}' GROUP BY ALL", env)
    pages = sql(f"SELECT outcome, record_type, count(*) AS n FROM captures WHERE fetched_at > '{since}' GROUP BY ALL", env)
    print("  feed fetches: " + (", ".join(f"{r['outcome']} {r['n']}" for r in fetches) or "none")
          + " (failed feeds wait for their backoff)")
    print("  page rows: " + (", ".join(f"{r['outcome']}/{r['record_type']} {r['n']}" for r in pages) or "none")
          + " (stored pages should not come back; failed ones are retried)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=240, help="real pages served (default 240)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folder and print it")
    args = parser.parse_args()
    if not (args.datasets / "extraction").is_dir() or not (args.datasets / "score_extraction.py").is_file():
        print(f"real_web_job_bench: the labelled datasets are not at {args.datasets} "
              "(extraction/ and score_extraction.py); pass --datasets PATH", file=sys.stderr)
        return 2
    if not ETL.exists():
        print(f"real_web_job_bench: {ETL} not found; install the project into .venv first", file=sys.stderr)
        return 2
    warnings.filterwarnings("ignore")
    rng = random.Random(args.seed)
    scorer = reference_scorer(args.datasets)
    pages = pick_pages(args.datasets, args.pages, rng)

    servers = []
    for n in range(OUTLETS):
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        servers.append(server)
    outlets = [Outlet(n, f"outlet-{n:02d}" + ("-slow" if n == 0 else ""), "rss" if n % 2 == 0 else "atom", s)
               for n, s in enumerate(servers)]
    for outlet in outlets:
        outlet.server.outlet = outlet
    dead = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    dead.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
    now = dt.datetime.now(dt.timezone.utc)
    assign_outlets(pages, outlets)
    web = build_web(pages, outlets, dead.getsockname()[1], now, rng)
    items = [item for outlet in outlets for item in outlet.items]
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for thread in threads:
        thread.start()

    data = Path(tempfile.mkdtemp(prefix="real-web-job-"))
    sources = data / "bench-sources.yaml"
    sources.write_text(sources_yaml(outlets, web))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ETL_", "DAGSTER_"))}
    env.update(ETL_DATA_DIR=str(data / "data"), ETL_SOURCES=str(sources), ETL_ALLOW_NETWORKS="127.0.0.0/8",
               ETL_CAPTURE_COMMIT_SECONDS="10")
    print(f"{len(pages)} real pages ({', '.join(f'{k} {v}' for k, v in Counter(p.set_name for p in pages).items())}) "
          f"on {OUTLETS} outlets ({', '.join(str(len(o.pages)) for o in outlets)} pages), "
          f"{len(items)} feed items, 12 feeds; trouble: "
          + ", ".join(f"{k} {v}" for k, v in Counter(i.trouble.split(' (')[0] for i in items if i.trouble).items()))
    timings: dict[str, float] = {}
    try:
        _, capture_wall, capture_cpu = run_etl(["capture"], env, "capture")
        days = sorted({p.published.date() for p in pages})
        _, derive_wall, derive_cpu = run_etl(["derive", days[0].isoformat(), days[-1].isoformat()], env, "derive")
        report(outlets, items, web, env, scorer, random.Random(args.seed + 1), timings)
        second_capture(env)
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
        dead.close()
        if args.keep:
            print(f"\ndata folder kept: {data}")
        else:
            shutil.rmtree(data, ignore_errors=True)
    pages_ok, articles = timings.pop("_ok_captures", 0), timings.pop("_articles", 0)
    print("\n== time (2 shared cores, loaded)")
    print(f"  capture: {capture_wall:.1f} s wall, {capture_cpu:.1f} s CPU for {pages_ok} stored pages: "
          f"{1000 * capture_wall / max(1, pages_ok):.0f} ms wall, {1000 * capture_cpu / max(1, pages_ok):.1f} ms CPU per page "
          "(politeness: 1 request/s per host, one host 3 s late)")
    print(f"  derive:  {derive_wall:.1f} s wall, {derive_cpu:.1f} s CPU for {articles} articles: "
          f"{1000 * derive_wall / max(1, articles):.0f} ms wall, {1000 * derive_cpu / max(1, articles):.1f} ms CPU per article "
          "(incl. Dagster start)")
    for label, seconds in timings.items():
        print(f"  {label}: {1000 * seconds:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

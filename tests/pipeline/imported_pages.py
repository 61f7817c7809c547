"""Article pages as an external crawl holds them, written here: a few news reports, each carried
by many sites (every copy in its own site's chrome: name, navigation, most-read list, footer),
put in one WARC file with warcio as CC-NEWS files are."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from html import escape
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass(frozen=True)
class Report:
    slug: str
    headline: str
    paragraphs: tuple[str, ...]


REPORTS = (
    Report("harbour-strike-ends", "Dockworkers end nine-day strike after port operators raise pay offer", (
        "Dockworkers at the country's three largest container ports returned to work on Thursday after "
        "their union accepted a revised pay offer, ending a nine-day strike that had left more than forty "
        "ships waiting at anchor.",
        "The agreement raises base pay by 7.5 percent this year and a further 4 percent next year, and "
        "limits compulsory overtime to eight hours a week, the union's general secretary told reporters "
        "outside the conciliation office.",
        "Port operators said cargo handling would be back to normal within a week. Exporters of fruit and "
        "frozen meat, who had warned of spoiled shipments, welcomed the deal but asked the government to "
        "review how long strikes at essential ports may last.",
        "The transport minister, who had refused to intervene directly, praised both sides for returning "
        "to talks and said no emergency legislation would be needed.",
    )),
    Report("river-treaty-talks", "Upstream and downstream states resume talks on sharing river water", (
        "Negotiators from four countries that share the river basin met in the capital on Monday for the "
        "first time in two years, resuming talks on how to divide water during droughts.",
        "Delegates said the meeting focused on a proposed early-warning system that would oblige the "
        "upstream state to report reservoir releases forty-eight hours in advance.",
        "Farmers' groups downstream have accused the upstream dam operator of cutting flows during last "
        "summer's heatwave, when rice harvests fell by nearly a fifth in the delta provinces.",
        "A joint statement issued after the meeting said technical teams would exchange river gauge data "
        "every month and that ministers would meet again before the rainy season.",
    )),
    Report("vaccine-plant-opens", "New vaccine plant opens with capacity for 200 million doses a year", (
        "A vaccine factory built with public and private money opened outside the port city on Wednesday, "
        "with capacity to fill 200 million doses a year once all four production lines are running.",
        "The health minister said the plant would first make routine childhood vaccines for the region "
        "and could be switched to outbreak vaccines within weeks if an epidemic required it.",
        "Construction took three years and cost about 310 million dollars, of which the development bank "
        "lent roughly half. Around 650 people will work at the site when it is fully staffed.",
        "Public health researchers welcomed the opening but said regulators would need more inspectors to "
        "keep up with the new output.",
    )),
    Report("coastal-election-recount", "Electoral board orders recount in two coastal districts", (
        "The national electoral board ordered a full recount in two coastal districts on Friday after "
        "observers reported that hundreds of ballots had been counted twice at a regional tally centre.",
        "The governing party's candidate leads by 312 votes in one district and trails by 95 in the other, "
        "so the recount could change which party controls the provincial assembly.",
        "Opposition leaders called the decision overdue and urged their supporters to stay calm while "
        "the ballots are counted again under the eyes of party agents and foreign observers.",
        "The board's chairwoman said the recount would begin on Monday and that results would be "
        "published district by district as soon as each count was complete.",
    )),
)


def site_name(index: int) -> str:
    return f"The Coastal Courier {index}"


def copy_url(report: Report, index: int, published: dt.datetime) -> str:
    """The report's address on the index-th site carrying it: each site its own registered name."""
    return f"https://www.courier{index}.example/world/{published:%Y/%m/%d}/{report.slug}"


def page_html(report: Report, index: int, published: dt.datetime) -> str:
    """A copy of ``report`` as the index-th site publishes it, dated ``published``."""
    name = escape(site_name(index))
    others = [r.headline for r in REPORTS if r is not report]
    body = "\n".join(f"<p>{escape(p)}</p>" for p in report.paragraphs)
    most_read = "\n".join(f'<li><a href="/world/{i}">{escape(h)}</a></li>' for i, h in enumerate(others))
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{escape(report.headline)} | {name}</title>
<link rel="canonical" href="{copy_url(report, index, published)}">
<meta property="og:site_name" content="{name}">
<meta property="article:published_time" content="{published.isoformat()}">
</head><body>
<header><a href="/">{name}</a><nav><a href="/world">World</a> <a href="/business">Business</a>
<a href="/sport">Sport</a> <a href="/opinion">Opinion</a></nav></header>
<main><article><h1>{escape(report.headline)}</h1>
<p class="byline">By staff and agencies, {name}</p>
{body}
</article>
<aside><h2>Most read at {name}</h2><ul>{most_read}</ul></aside></main>
<footer><p>Sign up for the {name} morning briefing.</p><p>&copy; {published.year} {name}. All rights reserved.</p>
</footer></body></html>"""


def write_warc(path: Path, pages: list[tuple[Report, int, dt.datetime]],
               crawled_after: dt.timedelta = dt.timedelta(hours=2)) -> list[str]:
    """One WARC of the given (report, site index, published) pages, each crawled ``crawled_after``
    its publication; returns their URLs in order."""
    urls = []
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for report, index, published in pages:
            url = copy_url(report, index, published)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            fetched = published.astimezone(dt.timezone.utc) + crawled_after
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(page_html(report, index, published).encode()), http_headers=headers,
                warc_headers_dict={"WARC-Date": fetched.strftime("%Y-%m-%dT%H:%M:%SZ")},
            ))
            urls.append(url)
    return urls

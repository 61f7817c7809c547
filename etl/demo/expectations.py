"""What a correct run over the demo must find, written down by hand (not computed from the
content files), so tests of capture, extraction and dedup can check themselves against it.

Paths are relative to the server: join them with ``DemoServer.base_url``. Per-clock figures are
indexed like ``capture_clocks()``.
"""

from __future__ import annotations

import datetime as dt

UTC = dt.timezone.utc

TOTAL_ARTICLES = 46
# Articles per publication day (UTC), as the derive partitions should hold them.
ARTICLES_PER_DAY = {
    dt.date(2024, 11, 13): 15,
    dt.date(2024, 11, 14): 15,
    dt.date(2024, 11, 15): 16,
}

# Entries each healthy feed lists at each capture clock; the last column is the final state, and
# summed it is every article of the demo (each article is listed in exactly one feed).
FEED_ENTRIES_AT_CLOCKS: dict[str, tuple[int, ...]] = {
    "keystone-wire-world": (3, 5, 6, 9),
    "meridian-post-world": (3, 3, 5, 10),
    "ppb-news-world": (3, 5, 6, 9),
    "strait-review-latest": (3, 6, 6, 9),
    "tasman-courier": (3, 5, 5, 9),
}
FINAL_FEED_ENTRIES = {name: counts[-1] for name, counts in FEED_ENTRIES_AT_CLOCKS.items()}

# Feeds that must fail, and how: a 200 whose body yields no entry, and a refused connection.
MALFORMED_FEED = "meridian-post-opinions"
DEAD_FEED = "strait-review-podcast"
FEED_COUNT = len(FEED_ENTRIES_AT_CLOCKS) + 2

# Feed formats by feed, for parsers that should report what they read.
FEED_VERSIONS = {
    "keystone-wire-world": "atom10",
    "meridian-post-world": "rss20",
    "ppb-news-world": "atom10",
    "strait-review-latest": "rss20",
    "tasman-courier": "rss20",
}
# This feed writes its dates at +0900; the same instants in UTC are what must be stored.
PLUS_0900_FEED = "strait-review-latest"

# One wire story on three outlets: the agency's original, a copy trimmed by two paragraphs under
# a new headline, and a copy with a local paragraph on top. All three are one story.
WIRE_STORY_PATHS = (
    "/keystone-wire/news/2024-11-15/biden-yoon-ishiba-agree-trilateral-secretariat",
    "/meridian-post/world/asia/2024/11/15/biden-yoon-ishiba-trilateral-secretariat-lima/",
    "/tasman-courier/2024/11/16/us-japan-and-korea-formalise-alliance-ties-as-luxon-watches-on/",
)
WIRE_STORY_ORIGINAL = WIRE_STORY_PATHS[0]
WIRE_STORY_TRIMMED = WIRE_STORY_PATHS[1]
WIRE_STORY_WITH_LOCAL_LEAD = WIRE_STORY_PATHS[2]
WIRE_STORY_HEADLINES = (
    "Biden, Yoon and Ishiba agree to set up trilateral secretariat at Lima meeting",
    "In Lima, Biden and Asian allies build a structure meant to outlast him",
    "US, Japan and Korea formalise alliance ties as Luxon watches on",
)

# The feed hands out this page's link with tracking parameters; the page's canonical URL is clean.
UTM_PATH = "/meridian-post/politics/2024/11/14/biden-lima-apec-final-summit-xi/"
UTM_QUERY = "utm_source=rss&utm_medium=referral&utm_campaign=world_rss"

# Edited after publication: version 1 before EDITED_REVISED_AT, version 2 from then on. Capture
# clock 2 (2024-11-14 12:00) sees version 1, clocks 3 and 4 see version 2.
EDITED_PATH = "/ppb-news/news/world-asia-70236002"
EDITED_PUBLISHED_AT = dt.datetime(2024, 11, 14, 8, 10, tzinfo=UTC)
EDITED_REVISED_AT = dt.datetime(2024, 11, 14, 17, 40, tzinfo=UTC)
EDITED_TITLES = (
    "Philippines protests after Chinese coast guard fires water cannon near Scarborough Shoal",
    "China rejects Philippine protest over Scarborough Shoal water cannon clash",
)
# Text only version 1 has, and text only version 2 has (a correction and an added response).
EDITED_V1_ONLY = "BRP Datu Bankaw"
EDITED_V2_ONLY = "BRP Datu Pagbuaya"

# Published on the 14th (UTC) but listed by its feed only on the morning of the 15th: capture
# first sees it at clock 4, and its partition is still the 14th.
LATE_FEED = "tasman-courier"
LATE_PATH = "/tasman-courier/2024/11/14/luxon-and-albanese-pledge-joint-help-for-pacific-policing/"
LATE_PUBLISHED_AT = dt.datetime(2024, 11, 14, 9, 30, tzinfo=UTC)
LATE_LISTED_AT = dt.datetime(2024, 11, 15, 6, 30, tzinfo=UTC)

# The feed item has no date at all; the page's article:published_time carries it.
UNDATED_FEED = "strait-review-latest"
UNDATED_PATH = "/strait-review/articles/2024/11/india-china-border-patrols-depsang-demchok-a20856.html"
UNDATED_PUBLISHED_AT = dt.datetime(2024, 11, 15, 4, 40, tzinfo=UTC)

# Published at 2024-11-13 21:00 UTC, but the site's path and page times are in NZ time (the 14th):
# its partition is the 13th.
LOCAL_DATE_AHEAD_PATH = (
    "/tasman-courier/2024/11/14/navy-frigate-joins-australian-and-japanese-ships-for-tasman-drills/"
)

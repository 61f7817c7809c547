"""Outcome classes recorded for every feed fetch and page capture (column ``outcome``).

One vocabulary for feeds and pages so analysts can group failures across both tables.
"""

from __future__ import annotations

OK = "ok"                              # body fetched and usable
NOT_MODIFIED = "not_modified"          # 304 to our conditional GET
UNCHANGED = "unchanged"                # 200 with a body identical to the last one (hash)

EMPTY = "empty"                        # 200 with an empty body
NOT_A_FEED = "not_a_feed"              # an HTML page (or other document) served at the feed URL
MALFORMED = "malformed"                # a body that no parser could read as a feed
CHALLENGE = "challenge"                # bot-challenge / captcha interstitial
PAYWALL = "paywall"                    # 401, 402, 403, 451
NOT_FOUND = "not_found"                # 404
GONE = "gone"                          # 410: the feed is disabled
RATE_LIMITED = "rate_limited"          # 429
SERVER_ERROR = "server_error"          # 5xx
HTTP_ERROR = "http_error"              # any other non-2xx status

TIMEOUT = "timeout"                    # connect, read or total deadline passed
CONNECT_ERROR = "connect_error"        # DNS failure, refused, reset before a response
PROTOCOL_ERROR = "protocol_error"      # garbage status line or framing
TOO_LARGE = "too_large"                # declared or decoded body above the cap (gzip bombs too)
TRUNCATED = "truncated"                # Content-Length mismatch or an unfinished gzip stream
BAD_ENCODING = "bad_encoding"          # corrupt gzip/deflate or an unsupported content-encoding
TOO_MANY_REDIRECTS = "too_many_redirects"
BLOCKED_ADDRESS = "blocked_address"    # private/loopback/reserved address outside ETL_ALLOW_NETWORKS
ROBOTS_DISALLOWED = "robots_disallowed"  # robots.txt forbids the article page
INVALID_URL = "invalid_url"            # not an http(s) URL we can fetch
INTERNAL_ERROR = "internal_error"      # a bug in our code, caught so other sources go on
DEFERRED = "deferred"                  # not tried: the run's page or time budget was used up;
                                       # the next run takes it

# Outcomes after which the feed's error count is reset.
SUCCESS = frozenset({OK, NOT_MODIFIED, UNCHANGED})


def for_status(status: int) -> str:
    """Outcome class of a final (non-redirect) HTTP status, before looking at the body."""
    if 200 <= status < 300:
        return OK
    if status == 304:
        return NOT_MODIFIED
    if status in (401, 402, 403, 451):
        return PAYWALL
    if status == 404:
        return NOT_FOUND
    if status == 410:
        return GONE
    if status == 429:
        return RATE_LIMITED
    if 500 <= status < 600:
        return SERVER_ERROR
    return HTTP_ERROR

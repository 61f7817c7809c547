"""Pure decisions: outcome classes, Retry-After, backoff, disabling, entry identity."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from etl.capture import backoff, outcomes
from etl.capture.classify import classify_response
from etl.capture.identity import identify
from etl.capture.feeds import FeedItem

NOW = datetime(2024, 5, 7, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize("status, expected", [
    (200, outcomes.OK), (304, outcomes.NOT_MODIFIED), (401, outcomes.PAYWALL), (402, outcomes.PAYWALL),
    (403, outcomes.PAYWALL), (451, outcomes.PAYWALL), (404, outcomes.NOT_FOUND), (410, outcomes.GONE),
    (429, outcomes.RATE_LIMITED), (500, outcomes.SERVER_ERROR), (418, outcomes.HTTP_ERROR),
])
def test_status_classes(status, expected):
    assert classify_response(status, {}, b"body")[0] == expected


def test_challenges_are_recognised_but_articles_about_captchas_are_not():
    page = b"<html><head><title>Just a moment...</title></head><body>checking your browser</body></html>"
    assert classify_response(403, {}, page)[0] == outcomes.CHALLENGE
    assert classify_response(200, {"cf-mitigated": "challenge"}, b"x")[0] == outcomes.CHALLENGE
    story = (b"<html><head><title>Why captcha puzzles are getting harder</title></head><body>"
             + b"<p>long article text</p>" * 3000 + b"</body></html>")
    assert classify_response(200, {}, story)[0] == outcomes.OK


def test_protection_scripts_on_ordinary_pages_are_no_challenge():
    # Cloudflare and Imperva put these scripts on every page of a site they guard.
    scripts = (b"<script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script>"
               b"<script src='/_Incapsula_Resource?SWJIYLWA=2977d8d74f63&ns=1'></script>")
    article = (b"<html><head><title>County health ranking tumbles</title>" + scripts + b"</head><body>"
               + b"<p>The county fell in this year's health rankings.</p>" * 800 + b"</body></html>")
    assert classify_response(200, {}, article)[0] == outcomes.OK
    # The block page those services serve instead is short, or comes with a challenge status.
    block = (b"<html><head><meta name='robots' content='noindex,nofollow'></head><body><iframe "
             b"src='/_Incapsula_Resource?CWUDNSAI=9&xinfo=1'>Request unsuccessful. Incapsula incident ID: "
             b"1-2</iframe></body></html>")
    assert classify_response(200, {}, block)[0] == outcomes.CHALLENGE
    assert classify_response(503, {}, article)[0] == outcomes.CHALLENGE
    # A marker only an interstitial carries decides whatever the size.
    assert classify_response(200, {}, article.replace(b"</body>", b"<script>window._cf_chl_opt={}</script></body>"))[0] \
        == outcomes.CHALLENGE


def test_retry_after_both_forms():
    assert backoff.parse_retry_after("120", NOW) == timedelta(seconds=120)
    assert backoff.parse_retry_after("Tue, 07 May 2024 15:00:00 GMT", NOW) == timedelta(hours=3)
    assert backoff.parse_retry_after("Tue, 07 May 2024 11:00:00 GMT", NOW) == timedelta(0)
    assert backoff.parse_retry_after("99999999", NOW) == backoff.MAX_RETRY_AFTER
    assert backoff.parse_retry_after("soon", NOW) is None


def test_backoff_grows_with_jitter_and_caps():
    rng = random.Random(1)
    delays = [backoff.backoff_delay(n, rng) for n in range(1, 12)]
    assert timedelta(minutes=12) <= delays[0] <= timedelta(minutes=18)
    assert delays[3] > delays[2] > delays[1] > delays[0]
    assert max(delays) <= backoff.MAX_DELAY * 1.2
    assert backoff.next_check(NOW, outcomes.OK, 0, None) == NOW
    assert backoff.next_check(NOW, outcomes.SERVER_ERROR, 1, timedelta(hours=6), rng) == NOW + timedelta(hours=6)


def test_disable_on_gone_and_on_persistent_failure():
    assert "410" in backoff.disable_reason(outcomes.GONE, 1, "HTTP 410")
    assert backoff.disable_reason(outcomes.TIMEOUT, backoff.DISABLE_AFTER_ERRORS - 1, "t") is None
    assert "consecutive" in backoff.disable_reason(outcomes.TIMEOUT, backoff.DISABLE_AFTER_ERRORS, "t")


def _item(guid, link, title="t"):
    return FeedItem(guid, link, title, None, None, None, None, f"hash-{title}")


def test_identity_prefers_guid_then_link_then_hash():
    good, note = identify("f", [_item("a", "https://x/1", "1"), _item("b", "https://x/2", "2")])
    assert note is None and [i.key_source for i in good] == ["guid", "guid"]
    blank, note = identify("f", [_item(None, "https://x/1", "1"), _item("b", None, "2")])
    assert "no guid" in note and [i.key_source for i in blank] == ["link", "hash"]
    own, note = identify("f", [_item("https://x/feed", "https://x/1", "1")], ("https://x/feed",))
    assert "feed's own URL" in note and own[0].key_source == "link"
    # The same key for the same item in another run, a different key in another feed.
    assert identify("f", [_item("a", "https://x/1", "1")])[0][0].entry_key == good[0].entry_key
    assert identify("g", [_item("a", "https://x/1", "1")])[0][0].entry_key != good[0].entry_key

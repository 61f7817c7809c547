"""``etl.feeds.parse_feed``: the feed parser under its stable public name, for notebooks and other
programs. The code lives in ``etl.capture.feeds``, beside the capture step that runs it."""

from etl.capture.feeds import FeedItem, ParsedFeed, parse_feed

__all__ = ["FeedItem", "ParsedFeed", "parse_feed"]

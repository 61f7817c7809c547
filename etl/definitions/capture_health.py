"""Capture health: did the sources answer? Judged on every capture run, shown as asset checks.

A feed counts as answering when its latest fetch (this pass's, or the last one before it when
the feed is in back-off and was not due) succeeded and it is not disabled. Judging by the latest
outcome rather than by this pass's rows alone keeps a list whose every feed is backing off after
failures from looking healthy just because nothing was fetched.
"""

from __future__ import annotations

from dataclasses import dataclass

import dagster as dg
import polars as pl

from etl.capture.outcomes import SUCCESS

# Above this share of failing feeds the health check warns; with no feed answering it fails.
FAILING_SHARE_WARN = 0.25


@dataclass(frozen=True)
class CaptureHealth:
    listed: int
    failing: pl.DataFrame  # feed_name, outcome, consecutive_errors, why

    @property
    def answering(self) -> int:
        return self.listed - self.failing.height

    @property
    def failing_share(self) -> float:
        return self.failing.height / self.listed if self.listed else 0.0

    @property
    def severity(self) -> dg.AssetCheckSeverity | None:
        """ERROR when no listed feed answers, WARN past the failing share, None when healthy."""
        if self.listed and self.answering == 0:
            return dg.AssetCheckSeverity.ERROR
        if self.failing_share > FAILING_SHARE_WARN:
            return dg.AssetCheckSeverity.WARN
        return None

    def summary(self) -> str:
        if self.failing.is_empty():
            return f"all {self.listed} feeds answered"
        named = "; ".join(f"{r['feed_name']}: {r['outcome']} ({r['why']})" for r in self.failing.head(10).iter_rows(named=True))
        more = f"; and {self.failing.height - 10} more" if self.failing.height > 10 else ""
        lead = "no feed answered" if self.answering == 0 else f"{self.answering} of {self.listed} feeds answered"
        return f"{lead}, {self.failing.height} failing: {named}{more}"


def capture_health(feed_state: pl.DataFrame, fetches: pl.DataFrame, listed: list[str]) -> CaptureHealth:
    """Health of the ``listed`` (enabled) feeds after a pass, from the feed state it left and its
    fetch rows (which carry this pass's error messages)."""
    this_pass = (fetches.sort("requested_at").group_by("feed_name").agg(pl.col("error").last().alias("error"))
                 if not fetches.is_empty() else pl.DataFrame(schema={"feed_name": pl.Utf8, "error": pl.Utf8}))
    state = pl.DataFrame({"feed_name": listed}, schema={"feed_name": pl.Utf8}).join(
        feed_state.select("feed_name", "last_outcome", "error_count", "disabled", "disabled_reason", "next_check_at"),
        on="feed_name", how="left",
    ).join(this_pass, on="feed_name", how="left")
    failing = state.filter(
        pl.col("last_outcome").is_null() | ~pl.col("last_outcome").is_in(list(SUCCESS)) | pl.col("disabled").fill_null(False)
    ).select(
        "feed_name",
        pl.col("last_outcome").fill_null("never fetched").alias("outcome"),
        pl.col("error_count").fill_null(0).alias("consecutive_errors"),
        pl.coalesce(
            pl.col("disabled_reason").map_elements(lambda r: f"disabled: {r}", return_dtype=pl.Utf8),
            pl.col("error"),
            pl.format("not due until {}", pl.col("next_check_at").dt.strftime("%Y-%m-%d %H:%M UTC")),
            pl.lit("no fetch recorded"),
        ).alias("why"),
    ).sort("feed_name")
    return CaptureHealth(listed=len(listed), failing=failing)

"""Jobs: capture alone, derive alone (partitioned), and the hourly refresh doing both."""

from __future__ import annotations

import dagster as dg


CAPTURE = dg.AssetSelection.groups("capture")
# Runs that write the warehouse take turns: the instance allows one run with this tag at a time.
WRITER_TAGS = {"etl/writer": "true"}
DERIVE = dg.AssetSelection.groups("derive")
# Briefings, the search index and the analyst views follow every derive of their days.
REPORT = dg.AssetSelection.groups("report")

capture_job = dg.define_asset_job(
    "capture_job", selection=CAPTURE, description="Poll every source once and archive new pages.",
    tags=WRITER_TAGS,
)
derive_job = dg.define_asset_job(
    "derive_job", selection=DERIVE | REPORT,
    description="Re-derive articles, stories, relation facts, daily counts and the reports for a day or range.",
    tags=WRITER_TAGS,
)
# Capture and the look-back re-derive in one run, so the derive steps see what was just captured.
refresh_job = dg.define_asset_job(
    "refresh_job", selection=CAPTURE | DERIVE | REPORT,
    description="Hourly: capture, then re-derive the look-back window of days.",
    tags=WRITER_TAGS,
)

"""What the Dagster webserver checks before it launches a backfill of the derive group, in one
process (whose hash seed the caller sets).

Run as ``python -m tests.pipeline.backfill_subsets``; prints a JSON list of the (asset, other
member of its multi-asset) pairs whose targeted partition subsets differ, as the webserver
compares them (``!=``), for a five-day backfill of every derive asset: [] when it would launch.
"""

from __future__ import annotations

import datetime as dt
import json
import time

import dagster as dg
from dagster._core.asset_graph_view.asset_graph_view import AssetGraphView, TemporalContext
from dagster._core.execution.asset_backfill import AssetBackfillData
from dagster._time import get_current_datetime

from etl.definitions import defs


def mismatched_members(days: list[str]) -> list[tuple[str, str]]:
    graph = defs.resolve_asset_graph()
    instance = dg.DagsterInstance.ephemeral()
    keys = sorted(key for key in graph.get_all_asset_keys() if graph.get(key).group_name == "derive")
    target = AssetBackfillData.from_asset_partitions(graph, days, keys, instance, time.time(), False).target_subset
    view = AssetGraphView(temporal_context=TemporalContext(effective_dt=get_current_datetime(), last_event_id=None),
                          instance=instance, asset_graph=graph)

    def subset(key: dg.AssetKey):
        return view.get_entity_subset_from_asset_graph_subset(target, key).get_internal_value()

    return [(key.to_user_string(), other.to_user_string()) for key in keys
            for other in sorted(graph.get(key).execution_set_asset_keys) if subset(key) != subset(other)]


if __name__ == "__main__":
    first = defs.resolve_asset_graph().get(dg.AssetKey("articles")).partitions_def.start.date()
    print(json.dumps(mismatched_members([(first + dt.timedelta(days=n)).isoformat() for n in range(5)])))

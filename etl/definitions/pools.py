"""Dagster concurrency pools of the steps that replace days of the lake's tables.

Each derive step is its own pool, whichever job runs it (the derive job, the UI's asset job,
`etl derive`) and wherever it runs, since the slots live in the instance's storage (SQLite on
one machine, PostgreSQL when several share it). By default a pool admits one step at a time
across every run: on one machine, runs of different days gain nothing from extracting at once
(the cores are shared) while their memory adds up. A cluster, where each run has a pod of its
own, raises the limit so that runs of different days go at once: writes of the same day still
take turns, in the catalog (etl.warehouse.lake.day_locks), and DuckLake retries commits that
race on the same table.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

# The derive steps (multi-asset names in etl.definitions.assets.derive), in pipeline order.
DERIVE_STEPS = ("extract_articles", "assign_stories", "code_relation_facts", "count_relation_daily")
WRITER_LIMIT = 1


def writer_pool(step: str) -> str:
    if step not in DERIVE_STEPS:
        raise KeyError(f"{step!r} is not a derive step: {DERIVE_STEPS}")
    return f"lake_writer_{step}"


WRITER_POOLS = tuple(writer_pool(step) for step in DERIVE_STEPS)


def ensure_writer_pools(instance) -> None:
    """Give every writer pool its limit in ``instance``, unless the operator has set one: the
    instance's default pool limit when its config names one (``concurrency.pools.default_limit``,
    the Helm chart's ``concurrency.pools.defaultLimit``), else WRITER_LIMIT. An explicit limit,
    not only the instance's default: in-process runs (`etl derive`) wait on an explicit limit
    only."""
    storage = instance.event_log_storage
    limit = instance.global_op_concurrency_default_limit or WRITER_LIMIT
    for pool in WRITER_POOLS:
        if pool in storage.get_concurrency_keys():
            continue
        try:
            storage.set_concurrency_slots(pool, limit)
        except IntegrityError:
            # Another worker sharing the instance set it first (the cluster's workers start at
            # once): its limit stands.
            if pool not in storage.get_concurrency_keys():
                raise

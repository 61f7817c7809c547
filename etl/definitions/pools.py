"""Dagster concurrency pools of the steps that replace days of the lake's tables.

Each derive step is its own pool, limited to one step at a time across every run of the
instance: two runs never replace days of the same tables at once, whichever job launched them
(the derive job, the UI's asset job, `etl derive`) and wherever they run, since the slots live in
the instance's storage (SQLite on one machine, PostgreSQL when several share it). Different
steps of different runs still overlap, and DuckLake retries the commits that then race.
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
    """Give every writer pool its limit in ``instance``, unless the operator has set one. An
    explicit limit, not only the instance's default: in-process runs (`etl derive`) wait on an
    explicit limit only."""
    storage = instance.event_log_storage
    for pool in WRITER_POOLS:
        if pool in storage.get_concurrency_keys():
            continue
        try:
            storage.set_concurrency_slots(pool, WRITER_LIMIT)
        except IntegrityError:
            # Another worker sharing the instance set it first (the cluster's workers start at
            # once): its limit stands.
            if pool not in storage.get_concurrency_keys():
                raise

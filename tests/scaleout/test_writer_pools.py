"""The lake writers' pool limits a new instance gets: one step at a time by default, the
instance's own default pool limit where its config names one (a cluster's), and never over a
limit the operator has set."""

from __future__ import annotations

import dagster as dg
import yaml

from etl.definitions.pools import WRITER_LIMIT, WRITER_POOLS, ensure_writer_pools


def _limits(home, config: dict, operator_limits: dict[str, int] | None = None) -> dict[str, int]:
    home.mkdir()
    (home / "dagster.yaml").write_text(yaml.safe_dump({"telemetry": {"enabled": False}, **config}))
    with dg.DagsterInstance.from_config(str(home)) as instance:
        for pool, limit in (operator_limits or {}).items():
            instance.event_log_storage.set_concurrency_slots(pool, limit)
        ensure_writer_pools(instance)
        ensure_writer_pools(instance)  # a second worker opening the instance changes nothing
        return {pool: instance.event_log_storage.get_concurrency_info(pool).slot_count for pool in WRITER_POOLS}


def test_a_new_instance_gets_one_writer_per_step(tmp_path):
    assert _limits(tmp_path / "home", {}) == dict.fromkeys(WRITER_POOLS, WRITER_LIMIT)


def test_the_instance_default_pool_limit_sets_the_writers_limit(tmp_path):
    cluster = {"concurrency": {"pools": {"default_limit": 4}}}
    assert _limits(tmp_path / "home", cluster) == dict.fromkeys(WRITER_POOLS, 4)


def test_a_limit_the_operator_set_stands(tmp_path):
    first = WRITER_POOLS[0]
    cluster = {"concurrency": {"pools": {"default_limit": 4}}}
    assert _limits(tmp_path / "home", cluster, {first: 2}) == {**dict.fromkeys(WRITER_POOLS, 4), first: 2}

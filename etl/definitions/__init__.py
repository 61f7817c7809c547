"""The Dagster code location: one Definitions object, loaded by workspace.yaml.

Groups: capture (network, append-only), derive (daily partitions, rebuildable), report
(briefing pages, search index), views (the analyst views, in the catalog only), maintenance.

``defs`` and ``build_definitions`` (etl.definitions.location) load on first use: loading every
asset takes seconds, and the ``etl`` command reads its settings through
etl.definitions.environment without them.
"""

from __future__ import annotations

_LOCATION_NAMES = ("defs", "build_definitions")


def __getattr__(name: str):
    if name in _LOCATION_NAMES:
        from etl.definitions import location

        return getattr(location, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    # Dagster finds the code location's Definitions among the module's names.
    return sorted([*globals(), *_LOCATION_NAMES])

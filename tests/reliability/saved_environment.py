"""Environment variables a test changes, put back afterwards (settings re-read on next use)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from etl.settings import get_settings

SETTINGS_VARIABLES = ("ETL_DATA_DIR", "DAGSTER_HOME", "ETL_CATALOG")


@contextmanager
def saved_environment(keys: tuple[str, ...] = SETTINGS_VARIABLES) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in keys}
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()

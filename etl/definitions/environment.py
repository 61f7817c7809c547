"""The environment variables that configure the pipeline, read here and nowhere below.

The code location (etl.definitions.resources) and the ``etl`` command both start from
:func:`environment_values`, so a run started from the UI, the daemon or the command line sees the
same configuration. This module imports no Dagster: commands that only read the warehouse
(``etl sql``, ``etl search``) build their settings without loading it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from etl.settings import FOLDER_PARTITIONS_START_NAME, PARTITIONS_START, Settings, build_settings

# Settings field (a parameter of etl.settings.build_settings) -> the variable that sets it.
ENVIRONMENT_VARIABLES = {
    "data_dir": "ETL_DATA_DIR",
    "sources_file": "ETL_SOURCES",
    "allow_networks": "ETL_ALLOW_NETWORKS",
    "catalog": "ETL_CATALOG",
    "lake_data": "ETL_LAKE_DATA",
    "raw_store": "ETL_RAW_STORE",
    "lexicons": "ETL_LEXICONS",
    "dagster_home": "DAGSTER_HOME",
    "dagster_pg_url": "ETL_DAGSTER_PG_URL",
    "s3_endpoint": "ETL_S3_ENDPOINT",
    "s3_key_id": "ETL_S3_KEY_ID",
    "s3_secret": "ETL_S3_SECRET",
    "s3_region": "ETL_S3_REGION",
    "s3_url_style": "ETL_S3_URL_STYLE",
    "contact_url": "ETL_CONTACT_URL",
    "user_agent": "ETL_USER_AGENT",
    "capture_workers": "ETL_CAPTURE_WORKERS",
    "derive_workers": "ETL_DERIVE_WORKERS",
    "capture_entry_limit": "ETL_CAPTURE_ENTRY_LIMIT",
    "capture_page_budget": "ETL_CAPTURE_PAGE_BUDGET",
    "capture_time_budget": "ETL_CAPTURE_TIME_BUDGET",
    "capture_commit_seconds": "ETL_CAPTURE_COMMIT_SECONDS",
}
# Counts and whole seconds: Dagster reads these variables as integers.
WHOLE_NUMBER_FIELDS = frozenset({"capture_workers", "derive_workers", "capture_entry_limit", "capture_page_budget",
                                 "capture_time_budget", "capture_commit_seconds"})


def environment_values() -> dict[str, str | int]:
    """The settings fields whose variable is set, and not empty, in this process, with their
    values. A count or number of seconds that is not a positive whole number stops here, with a
    message naming its variable."""
    values: dict[str, str | int] = {}
    for field, variable in ENVIRONMENT_VARIABLES.items():
        text = os.environ.get(variable, "").strip()
        if text:
            values[field] = _positive_int(variable, text) if field in WHOLE_NUMBER_FIELDS else text
    return values


# Read where the definitions load, not per run: a partitions definition is fixed for the life of
# the code location (changing it means reloading the location).
PARTITIONS_START_VARIABLE = "ETL_PARTITIONS_START"


def partitions_start() -> dt.date:
    """The daily partitions' first day: ETL_PARTITIONS_START, else the day the data folder
    (ETL_DATA_DIR) remembers (`etl demo` writes its first day there), else the packaged default.
    A value that is not an ISO date stops here, with a message naming where it came from."""
    text = os.environ.get(PARTITIONS_START_VARIABLE, "").strip()
    origin = PARTITIONS_START_VARIABLE
    if not text:
        folder_file = Path(os.environ.get(ENVIRONMENT_VARIABLES["data_dir"], "").strip() or "data") / FOLDER_PARTITIONS_START_NAME
        origin = str(folder_file.resolve())
        text = folder_file.read_text(encoding="utf-8").strip() if folder_file.is_file() else PARTITIONS_START
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{origin}: {text!r} is not a day (YYYY-MM-DD)") from None


def _positive_int(variable: str, text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{variable}={text!r} is not a int") from None
    if value <= 0:
        raise ValueError(f"{variable}={text!r} must be positive")
    return value


def environment_settings(**values) -> Settings:
    """The settings of this process's environment; ``values`` (the demo's data folder, say) win."""
    return build_settings(**{**environment_values(), **values})

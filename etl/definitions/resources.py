"""Dagster resources: the settings, and the warehouse connection built on them.

:func:`settings_resource` is how the code location's Definitions and the ``etl`` command's runs
get their configuration: every field whose environment variable is set is a ``dg.EnvVar`` (the
UI shows which variable), the others keep their defaults.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb
from pydantic import Field

from etl.analyst.dictionary import apply_comments
from etl.analyst.views import install_views
from etl.definitions.environment import ENVIRONMENT_VARIABLES, WHOLE_NUMBER_FIELDS, environment_values
from etl.settings import DEFAULT_CONTACT_URL, Settings, build_settings
from etl.warehouse import lake


class SettingsResource(dg.ConfigurableResource):
    """Where the pipeline keeps its data, what it may fetch and how much one capture run takes.
    Each field's description names the environment variable that sets it; empty text means
    unset (see etl.settings.build_settings for what then applies)."""

    data_dir: str = Field(default="data", description="ETL_DATA_DIR: raw WARCs, lake data, catalog and Dagster "
                          "home (a relative path starts at the working directory)")
    sources_file: str = Field(default="", description="ETL_SOURCES: the feed list; empty: the data folder's own "
                              "sources.yaml when it has one (the demo's), else the packaged list")
    allow_networks: str = Field(default="", description="ETL_ALLOW_NETWORKS: comma-separated CIDRs that may be "
                                "fetched although private, loopback or link-local")
    catalog: str = Field(default="", description="ETL_CATALOG: DuckLake catalog (sqlite:... or postgres:...); "
                         "empty: lake/catalog.sqlite in the data folder")
    lake_data: str = Field(default="", description="ETL_LAKE_DATA: where DuckLake writes Parquet (a folder or an "
                           "s3:// URL); empty: lake/data in the data folder")
    raw_store: str = Field(default="", description="ETL_RAW_STORE: root of the WARC raw store (a folder or an "
                           "s3:// URL); empty: raw/ in the data folder")
    lexicons: str = Field(default="", description="ETL_LEXICONS: the field's lexicon folder (PETRARCH2 "
                          "dictionaries, CAMEO->PLOVER crosswalk); empty: lexicons/ in the data folder")
    dagster_home: str = Field(default="", description="DAGSTER_HOME of the `etl` command's runs; empty: "
                              "dagster_home/ in the data folder")
    dagster_pg_url: str = Field(default="", description="ETL_DAGSTER_PG_URL: the Dagster instance in this "
                                "PostgreSQL database instead of SQLite files in the Dagster home")
    s3_endpoint: str = Field(default="", description="ETL_S3_ENDPOINT: S3-compatible endpoint URL; empty: AWS")
    s3_key_id: str = Field(default="", description="ETL_S3_KEY_ID: object-store access key id")
    s3_secret: str = Field(default="", description="ETL_S3_SECRET: object-store secret key")
    s3_region: str = Field(default=Settings.s3_region, description="ETL_S3_REGION: object-store region")
    s3_url_style: str = Field(default=Settings.s3_url_style, description="ETL_S3_URL_STYLE: path or vhost")
    contact_url: str = Field(default=DEFAULT_CONTACT_URL, description="ETL_CONTACT_URL: where publishers learn "
                             "who fetches their pages")
    user_agent: str = Field(default="", description="ETL_USER_AGENT: empty: newsfacts-etl/0.1 (+contact url)")
    capture_workers: int = Field(default=Settings.capture_workers, description="ETL_CAPTURE_WORKERS: threads "
                                 "fetching feeds and pages (politeness still holds per host)")
    derive_workers: int = Field(default=Settings.derive_workers, description="ETL_DERIVE_WORKERS: processes "
                                "extracting and coding a day's articles; 0: the machine's cores")
    capture_entry_limit: int = Field(default=Settings.max_new_entries_per_feed, description="ETL_CAPTURE_ENTRY_LIMIT: "
                                     "new entries taken per feed fetch")
    capture_page_budget: int = Field(default=Settings.page_budget, description="ETL_CAPTURE_PAGE_BUDGET: page "
                                     "fetches per capture run")
    capture_time_budget: int = Field(default=int(Settings.time_budget), description="ETL_CAPTURE_TIME_BUDGET: "
                                     "seconds after which a capture run starts nothing new")
    capture_commit_seconds: int = Field(default=int(Settings.commit_interval), description="ETL_CAPTURE_COMMIT_SECONDS: "
                                        "a running capture commits what it got at least this often")

    def get(self) -> Settings:
        """The settings these fields describe. Outside a run (the ``etl`` command, a notebook)
        a field holding an EnvVar reads its variable here, as a run would."""
        return build_settings(**{name: _resolved(getattr(self, name)) for name in type(self).model_fields})

    def replaced(self, **values) -> SettingsResource:
        """These settings with ``values`` in place of some fields (the others, EnvVars included,
        kept as they are)."""
        return SettingsResource(**{**{name: getattr(self, name) for name in type(self).model_fields}, **values})


def _resolved(value):
    """A field's value; an EnvVar (text or whole number) not yet resolved by a run is read now."""
    return value.get_value() if hasattr(value, "get_value") else value


def settings_resource(**values) -> SettingsResource:
    """The settings resource of this process's environment (etl.definitions.environment):
    ``dg.EnvVar`` fields for the variables set, defaults for the rest; ``values`` (the demo's
    data folder, say) win over both."""
    fields = {}
    for field in environment_values():  # validates the numbers, with messages naming the variables
        variable = ENVIRONMENT_VARIABLES[field]
        if field not in values:
            fields[field] = dg.EnvVar.int(variable) if field in WHOLE_NUMBER_FIELDS else dg.EnvVar(variable)
    return SettingsResource(**fields, **values)


class WarehouseResource(dg.ConfigurableResource):
    """Opens the DuckLake warehouse its settings place. A writer gets the schema and the data
    dictionary's comments (sql/schema, sql/dictionary.yaml) applied on open: the pipeline's SQL
    models run as single queries over the tables and need nothing else in the catalog. A step
    that reads the analyst views asks for them (``views=True``). Unchanged views and comments
    cost nothing (no new snapshot). Read-only sessions (asset checks) attach the lake as it is:
    they can neither change it nor need to prepare it."""

    settings: SettingsResource

    @contextmanager
    def connect(self, read_only: bool = False, views: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        con = lake.connect(self.settings.get(), read_only=read_only)
        try:
            if not read_only:
                lake.apply_schema(con)
                apply_comments(con)
                if views:
                    install_views(con)
            yield con
        finally:
            con.close()

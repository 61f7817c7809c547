"""Every setting in one place: environment variables, paths and defaults.

Modules read configuration only through :func:`get_settings`, so a test or a notebook can point
the whole pipeline somewhere else by setting environment variables before the first call (or by
calling ``get_settings.cache_clear()`` after changing them).
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# The SQL files: the repository's top-level sql/ in a source checkout or editable install, the
# copy the build puts inside the package otherwise (a wheel, a plain `pip install .`).
REPO_SQL_DIR = next((d for d in (PACKAGE_DIR.parent / "sql", PACKAGE_DIR / "sql") if (d / "schema").is_dir()),
                    PACKAGE_DIR.parent / "sql")
DEFAULT_SOURCES_FILE = PACKAGE_DIR / "sources.yaml"
# A data folder remembers the feed list it was made with in this file: with ETL_SOURCES unset it
# wins over the packaged list, so a folder made by `etl demo` never polls the real web.
FOLDER_SOURCES_NAME = "sources.yaml"
# Top-level key of that file when `etl demo` wrote it: its feeds live only while the demo runs.
OFFLINE_DEMO_KEY = "offline_demo"

# Daily partitions start here; earlier publication dates are still stored (their partitions can
# be backfilled by name) but the UI's partition range begins at this day.
PARTITIONS_START = "2024-01-01"
# Days re-derived by the hourly schedule: today and the two previous days.
LOOKBACK_DAYS = 3
# Publication dates before this are rejected as implausible (then the next date source is used).
EARLIEST_PLAUSIBLE_YEAR = 1990


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    sources_file: Path
    allow_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
    user_agent: str
    contact_url: str
    # Network bounds (seconds / bytes); see NOTES.md for where these figures come from.
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_redirects: int = 5
    max_body_bytes: int = 15 * 1024 * 1024
    per_host_concurrency: int = 2
    per_host_min_interval: float = 1.0
    capture_workers: int = 16  # threads fetching feeds and pages (I/O bound; politeness still per host)
    warc_max_bytes: int = 512 * 1024 * 1024
    # Bounds of one capture run. What does not fit is recorded (outcome ``deferred``) and taken
    # by the next run, so one huge feed or a slow host cannot hold the hourly run for hours.
    max_new_entries_per_feed: int = 500   # ETL_CAPTURE_ENTRY_LIMIT: new entries taken per feed fetch
    page_budget: int = 5000               # ETL_CAPTURE_PAGE_BUDGET: page fetches per run
    time_budget: float = 2400.0           # ETL_CAPTURE_TIME_BUDGET: seconds before nothing new starts
    max_page_attempts: int = 3            # a page that failed this often is not tried again
    # A running capture commits what it got at least this often (seconds), so a killed or
    # failed run keeps its finished work: ETL_CAPTURE_COMMIT_SECONDS.
    commit_interval: float = 30.0
    lookback_days: int = LOOKBACK_DAYS
    # ETL_CATALOG / ETL_LAKE_DATA as given; empty means the local defaults below.
    catalog_spec: str = ""
    lake_data_spec: str = ""
    lexicons_spec: Path | None = None  # ETL_LEXICONS as given

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def lake_dir(self) -> Path:
        return self.data_dir / "lake"

    @property
    def catalog_path(self) -> Path:
        return self.lake_dir / "catalog.sqlite"

    @property
    def lake_data_path(self) -> Path:
        return self.lake_dir / "data"

    @property
    def catalog(self) -> str:
        """DuckLake catalog: ``ETL_CATALOG`` (e.g. ``postgres:dbname=lake host=db``) or the local
        SQLite file. Scaling out is this setting plus ``ETL_LAKE_DATA``, nothing else."""
        return self.catalog_spec or f"sqlite:{self.catalog_path}"

    @property
    def lake_data(self) -> str:
        """Where DuckLake writes Parquet: ``ETL_LAKE_DATA`` (a folder or object-store URL)."""
        return self.lake_data_spec or f"{self.lake_data_path}/"

    @property
    def catalog_is_local(self) -> bool:
        return not self.catalog_spec

    @property
    def folder_sources_file(self) -> Path:
        return self.data_dir / FOLDER_SOURCES_NAME

    @property
    def is_offline_demo(self) -> bool:
        """Whether the sources in use are those `etl demo` remembered in its data folder."""
        import yaml

        if not self.sources_file.is_file():
            return False
        doc = yaml.safe_load(self.sources_file.read_text(encoding="utf-8"))
        return isinstance(doc, dict) and doc.get(OFFLINE_DEMO_KEY) is True

    @property
    def lexicons_dir(self) -> Path:
        """The field's lexicon (PETRARCH2 dictionaries, CAMEO -> PLOVER crosswalk), third-party
        data the operator provides: ``ETL_LEXICONS``, else ``lexicons/`` in the data directory."""
        return self.lexicons_spec or self.data_dir / "lexicons"

    @property
    def dagster_home(self) -> Path:
        return self.data_dir / "dagster_home"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports"


def parse_networks(spec: str) -> tuple:
    """Parse ``ETL_ALLOW_NETWORKS`` ("127.0.0.0/8,10.1.0.0/16") into network objects."""
    networks = []
    for part in spec.split(","):
        part = part.strip()
        if part:
            networks.append(ipaddress.ip_network(part, strict=False))
    return tuple(networks)


def _env_number(name: str, default: float, kind: type = float) -> float:
    """A positive number from the environment; a bad value stops with a message naming it."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        raise ValueError(f"{name}={text!r} is not a {kind.__name__}") from None
    if value <= 0:
        raise ValueError(f"{name}={text!r} must be positive")
    return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    data_dir = Path(os.environ.get("ETL_DATA_DIR", "data")).resolve()
    folder_sources = data_dir / FOLDER_SOURCES_NAME
    contact = os.environ.get("ETL_CONTACT_URL", "https://github.com/newsfacts-etl/newsfacts-etl")
    return Settings(
        data_dir=data_dir,
        sources_file=Path(os.environ.get("ETL_SOURCES")
                          or (folder_sources if folder_sources.is_file() else DEFAULT_SOURCES_FILE)),
        allow_networks=parse_networks(os.environ.get("ETL_ALLOW_NETWORKS", "")),
        contact_url=contact,
        user_agent=os.environ.get("ETL_USER_AGENT") or f"newsfacts-etl/0.1 (+{contact})",
        catalog_spec=os.environ.get("ETL_CATALOG", ""),
        lake_data_spec=os.environ.get("ETL_LAKE_DATA", ""),
        lexicons_spec=Path(os.environ["ETL_LEXICONS"]).resolve() if os.environ.get("ETL_LEXICONS") else None,
        max_new_entries_per_feed=_env_number("ETL_CAPTURE_ENTRY_LIMIT", Settings.max_new_entries_per_feed, int),
        page_budget=_env_number("ETL_CAPTURE_PAGE_BUDGET", Settings.page_budget, int),
        time_budget=_env_number("ETL_CAPTURE_TIME_BUDGET", Settings.time_budget),
        commit_interval=_env_number("ETL_CAPTURE_COMMIT_SECONDS", Settings.commit_interval),
    )

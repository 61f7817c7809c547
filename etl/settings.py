"""Every setting in one place: the values, paths and defaults the pipeline runs with.

Code receives a :class:`Settings` as an argument and never reads the environment: the Dagster
definitions and the ``etl`` command build it (``etl.definitions.resources``), a test or a
notebook constructs it for its own folder.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
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

# The daily partitions' first day when neither ETL_PARTITIONS_START nor the data folder names one.
# Pages dated earlier are still stored; deriving them needs the partitions to reach back to them.
PARTITIONS_START = "2024-01-01"
# A data folder may remember its partitions' first day in this file (one ISO date): `etl demo`
# writes its first day there, so the UI's partition range is the demo's days, not years of gaps.
FOLDER_PARTITIONS_START_NAME = "partitions_start"
# Days re-derived by the hourly schedule: today and the two previous days.
LOOKBACK_DAYS = 3
# Where publishers can learn who fetches their pages (ETL_CONTACT_URL overrides it).
DEFAULT_CONTACT_URL = "https://github.com/newsfacts-etl/newsfacts-etl"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    sources_file: Path
    allow_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
    user_agent: str
    contact_url: str
    # Network bounds (seconds / bytes), those of long-running feed readers (Miniflux, FreshRSS,
    # NewsBlur): 20 s reads, at most 5 redirects, a body cap near 15 MiB.
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_redirects: int = 5
    max_body_bytes: int = 15 * 1024 * 1024
    per_host_concurrency: int = 2
    per_host_min_interval: float = 1.0
    capture_workers: int = 16  # threads fetching feeds and pages (I/O bound; politeness still per host)
    # ETL_DERIVE_WORKERS: processes extracting and coding a day's articles (0: the machine's cores).
    derive_workers: int = 0
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
    dagster_home_spec: Path | None = None  # DAGSTER_HOME as given
    # ETL_RAW_STORE as given: a folder or an object-store URL (s3://bucket/raw); empty means raw_dir.
    raw_store_spec: str = ""
    # S3-compatible object storage, for s3:// lake data and raw store: ETL_S3_ENDPOINT (an URL such
    # as http://127.0.0.1:9000; empty means AWS itself), ETL_S3_KEY_ID, ETL_S3_SECRET,
    # ETL_S3_REGION and ETL_S3_URL_STYLE ("path" for most self-hosted stores, or "vhost").
    s3_endpoint: str = ""
    s3_key_id: str = ""
    s3_secret: str = ""
    s3_region: str = "us-east-1"
    s3_url_style: str = "path"
    # ETL_DAGSTER_PG_URL: the Dagster instance (runs, schedules, event log) in this PostgreSQL
    # database instead of SQLite files in dagster_home, so several machines share it.
    dagster_pg_url: str = ""

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def raw_store(self) -> str:
        """Root of the WARC raw store: ``ETL_RAW_STORE`` (a folder or ``s3://bucket/prefix``)."""
        return self.raw_store_spec or str(self.raw_dir)

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
    def folder_partitions_start_file(self) -> Path:
        return self.data_dir / FOLDER_PARTITIONS_START_NAME

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
        return self.dagster_home_spec or self.data_dir / "dagster_home"

    @property
    def locks_dir(self) -> Path:
        """Lock files of the writers taking turns on a partition day."""
        return self.data_dir / "locks"

    @property
    def spill_dir(self) -> Path:
        """Where derive steps spill a day's rows in Parquet batches until they are written: on the
        data disk, never a temporary folder that may be memory (tmpfs)."""
        return self.data_dir / "spill"

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


def build_settings(
    data_dir: str = "data",
    sources_file: str = "",
    allow_networks: str = "",
    catalog: str = "",
    lake_data: str = "",
    raw_store: str = "",
    lexicons: str = "",
    dagster_home: str = "",
    dagster_pg_url: str = "",
    s3_endpoint: str = "",
    s3_key_id: str = "",
    s3_secret: str = "",
    s3_region: str = Settings.s3_region,
    s3_url_style: str = Settings.s3_url_style,
    contact_url: str = DEFAULT_CONTACT_URL,
    user_agent: str = "",
    capture_workers: int = Settings.capture_workers,
    derive_workers: int = Settings.derive_workers,
    capture_entry_limit: int = Settings.max_new_entries_per_feed,
    capture_page_budget: int = Settings.page_budget,
    capture_time_budget: float = Settings.time_budget,
    capture_commit_seconds: float = Settings.commit_interval,
) -> Settings:
    """Settings from configuration as given (text, empty meaning unset): paths made absolute, the
    feed list chosen, the crawler named. The data folder's own sources.yaml (the demo's) wins over
    the packaged list when no sources file is given; it is looked for at each call, so settings
    built after `etl demo` wrote it see it."""
    data_path = Path(data_dir).resolve()
    folder_sources = data_path / FOLDER_SOURCES_NAME
    return Settings(
        data_dir=data_path,
        sources_file=Path(sources_file or (folder_sources if folder_sources.is_file() else DEFAULT_SOURCES_FILE)),
        allow_networks=parse_networks(allow_networks),
        contact_url=contact_url,
        user_agent=user_agent or f"newsfacts-etl/0.1 (+{contact_url})",
        catalog_spec=catalog,
        lake_data_spec=lake_data,
        raw_store_spec=raw_store,
        lexicons_spec=Path(lexicons).resolve() if lexicons else None,
        dagster_home_spec=Path(dagster_home) if dagster_home else None,
        dagster_pg_url=dagster_pg_url,
        s3_endpoint=s3_endpoint,
        s3_key_id=s3_key_id,
        s3_secret=s3_secret,
        s3_region=s3_region,
        s3_url_style=s3_url_style,
        capture_workers=capture_workers,
        derive_workers=int(derive_workers),
        max_new_entries_per_feed=capture_entry_limit,
        page_budget=capture_page_budget,
        time_budget=float(capture_time_budget),
        commit_interval=float(capture_commit_seconds),
    )

"""Shared fixtures: a warehouse built once per test session by the real demo job."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
# The field's lexicon is third-party data the operator provides (ETL_LEXICONS). Tests read the copy
# beside the repository when there is one, never whatever a developer's ./data holds, so the same
# lexicon gives the same facts on every machine; without it the tests that need it skip.
os.environ.setdefault("ETL_LEXICONS", str(SHARED_DIR / "datasets" / "lexicons"))


def use_data_dir(data_dir: Path) -> None:
    """Point every setting (and Dagster's home) at ``data_dir`` for this process."""
    from etl.settings import get_settings

    os.environ["ETL_DATA_DIR"] = str(data_dir)
    os.environ["DAGSTER_HOME"] = str(data_dir / "dagster_home")
    get_settings.cache_clear()


def demo_port(data_dir: Path) -> int:
    """The port the demo server ran on for ``data_dir``: the host part of every page URL (and
    so of every article key) in that warehouse."""
    import yaml

    from etl.demo.expectations import DEAD_FEED

    sources = yaml.safe_load((data_dir / "sources.yaml").read_text())["sources"]
    return next(urlsplit(s["url"]).port for s in sources if s["name"] != DEAD_FEED)


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory) -> Path:
    """A data directory after one full `etl demo` run (capture at every clock, derive all days)."""
    from etl.cli.demo import run_demo

    data_dir = tmp_path_factory.mktemp("demo") / "data"
    saved = {k: os.environ.get(k) for k in ("ETL_DATA_DIR", "DAGSTER_HOME", "ETL_ALLOW_NETWORKS", "ETL_SOURCES")}
    use_data_dir(data_dir)
    # A free port rather than the CLI's fixed one: test runs must not collide with a demo (or
    # another test run) on the same machine.
    run_demo(data_dir, quiet=True, port=0)
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    return data_dir


@pytest.fixture
def demo_copy(demo_data_dir, tmp_path) -> Path:
    """A private copy of the demo data directory, for tests that write to the warehouse."""
    target = tmp_path / "data"
    shutil.copytree(demo_data_dir, target, symlinks=True)
    # The copied DAGSTER_HOME would point at the original's storage paths; start a fresh one.
    shutil.rmtree(target / "dagster_home", ignore_errors=True)
    use_data_dir(target)
    os.environ["ETL_ALLOW_NETWORKS"] = "127.0.0.0/8"
    from etl.cli.dagster_runs import ensure_dagster_home

    ensure_dagster_home()
    yield target
    from etl.settings import get_settings

    for key in ("ETL_DATA_DIR", "DAGSTER_HOME", "ETL_ALLOW_NETWORKS"):
        os.environ.pop(key, None)
    get_settings.cache_clear()

"""Shared fixtures: a warehouse built once per test session by the real demo job, and the
settings every test builds for its own data folder (tests configure resources and settings;
this process's environment holds only the partitions' first day, below)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from etl.definitions.environment import PARTITIONS_START_VARIABLE
from etl.settings import PARTITIONS_START

# The daily partitions are fixed when the definitions load, from ETL_PARTITIONS_START or else from
# the data folder in the working directory, where `etl demo` (the README's first command) writes
# its own first day. Tests run in-process against the packaged default, never whatever a
# developer's ./data holds; commands they start as subprocesses get their settings from
# cli_environment, which leaves this variable out.
os.environ[PARTITIONS_START_VARIABLE] = PARTITIONS_START

from etl.definitions.resources import SettingsResource  # noqa: E402
from etl.relations import petrarch  # noqa: E402
from etl.settings import Settings  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
# The field's lexicon is third-party data the operator provides (ETL_LEXICONS). Tests read the copy
# beside the repository when there is one, never whatever a developer's ./data holds, so the same
# lexicon gives the same facts on every machine; without it the tests that need it skip. The
# coder's tables are built once per process, so the folder is named before any test codes.
LEXICONS = SHARED_DIR / "datasets" / "lexicons"
petrarch.use_lexicon_folder(LEXICONS)
# The demo's and the tests' local servers listen on 127.0.0.1, which capture refuses unless allowed.
LOOPBACK = "127.0.0.0/8"


def settings_resource(data_dir: Path, **values) -> SettingsResource:
    """The settings resource of a test's data folder: loopback may be fetched, the tests' lexicon."""
    return SettingsResource(**{"data_dir": str(data_dir), "lexicons": str(LEXICONS), "allow_networks": LOOPBACK,
                               **values})


def settings_of(data_dir: Path, **values) -> Settings:
    """The settings of a test's data folder (see :func:`settings_resource`)."""
    return settings_resource(data_dir, **values).get()


def cli_environment(data_dir: Path | None = None, **variables: str) -> dict[str, str]:
    """The environment of a command started as a subprocess (the `etl` command's interface): this
    process's, without any setting it may carry (ETL_*, DAGSTER_HOME), plus the tests' lexicon,
    ``data_dir`` as ETL_DATA_DIR and ``variables``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ETL_") and key != "DAGSTER_HOME"}
    env["ETL_LEXICONS"] = str(LEXICONS)
    if data_dir is not None:
        env["ETL_DATA_DIR"] = str(data_dir)
    env.update(variables)
    return env


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
    # A free port rather than the CLI's fixed one: test runs must not collide with a demo (or
    # another test run) on the same machine.
    run_demo(settings_resource(data_dir), quiet=True, port=0)
    return data_dir


@pytest.fixture
def demo_copy(demo_data_dir, tmp_path) -> Path:
    """A private copy of the demo data directory, for tests that write to the warehouse."""
    target = tmp_path / "data"
    shutil.copytree(demo_data_dir, target, symlinks=True)
    # The copied DAGSTER_HOME would point at the original's storage paths; the next run starts a
    # fresh one.
    shutil.rmtree(target / "dagster_home", ignore_errors=True)
    return target


@pytest.fixture
def command_environment(monkeypatch):
    """For tests that call the `etl` command in this process (etl.cli.main.main): the environment
    is the command's interface, as for a subprocess. Returns a function that sets it as
    :func:`cli_environment` would; pytest restores the previous environment after the test."""

    def use(data_dir: Path | None = None, **variables: str) -> None:
        wanted = cli_environment(data_dir, **variables)
        for key in [key for key in os.environ if key not in wanted]:
            monkeypatch.delenv(key)
        for key, value in wanted.items():
            monkeypatch.setenv(key, value)

    return use

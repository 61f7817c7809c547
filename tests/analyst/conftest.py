"""Fixtures: the hand-written sample warehouse (exact answers known) with the views installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import settings_of


@pytest.fixture(scope="session")
def sample_data_dir(tmp_path_factory) -> Path:
    from etl.analyst.views import install_views
    from etl.warehouse import lake
    from tests.analyst.sample_warehouse import build_sample_warehouse

    data_dir = tmp_path_factory.mktemp("sample") / "data"
    settings = settings_of(data_dir)
    con = lake.connect(settings)
    try:
        lake.apply_schema(con)
        install_views(con)  # the views these tests read, as the daily briefing installs them
        build_sample_warehouse(con, settings.locks_dir)
    finally:
        con.close()
    return data_dir


@pytest.fixture
def sample_warehouse(sample_data_dir, command_environment) -> Path:
    """The sample warehouse's folder, also the data folder of the `etl` commands this test runs."""
    command_environment(sample_data_dir)
    return sample_data_dir

"""Fixtures: the hand-written sample warehouse (exact answers known) with the views installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import use_data_dir
from tests.reliability.saved_environment import saved_environment


@pytest.fixture(scope="session")
def sample_data_dir(tmp_path_factory) -> Path:
    from etl.analyst.views import install_views
    from etl.warehouse import lake
    from tests.analyst.sample_warehouse import build_sample_warehouse

    data_dir = tmp_path_factory.mktemp("sample") / "data"
    use_data_dir(data_dir)
    con = lake.connect()
    try:
        lake.apply_schema(con)
        install_views(con)  # the views these tests read, as the daily briefing installs them
        build_sample_warehouse(con)
    finally:
        con.close()
    return data_dir


@pytest.fixture
def sample_warehouse(sample_data_dir) -> Path:
    """Point the settings at the sample warehouse for this test, and back afterwards."""
    with saved_environment(("ETL_DATA_DIR", "DAGSTER_HOME")):
        use_data_dir(sample_data_dir)
        yield sample_data_dir

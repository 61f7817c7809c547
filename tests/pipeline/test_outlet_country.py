"""A national outlet's country (its source's `country` in the sources file) places the police and
troops its articles name nowhere, an article is coded again when its outlet's country changes,
and a derive run reads the countries from the sources file in use."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from etl.capture.sources import load_sources, outlet_countries
from etl.cli.dagster_runs import run_derive
from etl.derive.facts import facts_writes
from etl.demo.server import DEMO_DAYS
from etl.settings import DEFAULT_SOURCES_FILE
from etl.warehouse import lake
from tests.conftest import settings_of, settings_resource
from tests.pipeline.tables import insert_coded_input

DAY = dt.date(2024, 11, 15)
TEXT = "Police arrested 25 protesters on Friday after the march turned violent in the old town."
SOURCES = {"national": "https://national.example/news/1", "wire": "https://wire.example/news/1"}


@pytest.fixture
def con(tmp_path):
    connection = lake.connect(settings_of(tmp_path / "data"))
    lake.apply_schema(connection)
    for source, url in SOURCES.items():
        insert_coded_input(connection, source, DAY, url, source, TEXT, "en")
    yield connection
    connection.close()


def _arrests(con) -> dict[str, tuple]:
    rows = con.execute("""SELECT article_id, source_iso3, target_iso3, is_domestic FROM relation_facts
                          WHERE relation_type = 'COERCE' ORDER BY article_id""").fetchall()
    return {article_id: (list(source), list(target), domestic) for article_id, source, target, domestic in rows}


def test_the_outlets_country_places_its_police_and_a_change_of_it_codes_the_article_again(con, tmp_path):
    locks = tmp_path / "locks"
    lake.write(con, facts_writes(con, DAY, workers=1, homes={"national": "IND"}), locks)
    assert _arrests(con) == {"national": (["IND"], ["IND"], True), "wire": ([""], [""], True)}
    keys = dict(con.execute("SELECT article_id, input_key FROM coded_articles").fetchall())

    lake.write(con, facts_writes(con, DAY, workers=1, homes={"national": "IND"}), locks)
    assert dict(con.execute("SELECT article_id, input_key FROM coded_articles").fetchall()) == keys

    # The operator corrects the outlet's country: that article alone is coded again.
    lake.write(con, facts_writes(con, DAY, workers=1, homes={"national": "BGD"}), locks)
    assert _arrests(con) == {"national": (["BGD"], ["BGD"], True), "wire": ([""], [""], True)}
    recoded = dict(con.execute("SELECT article_id, input_key FROM coded_articles").fetchall())
    assert recoded["national"] != keys["national"] and recoded["wire"] == keys["wire"]


def test_the_packaged_sources_name_countries_of_national_outlets_only():
    homes = outlet_countries(load_sources(DEFAULT_SOURCES_FILE))
    assert homes and set(homes.values()) <= {"KOR", "JPN", "CHN"}
    assert "bbc-world" not in homes and "straits-times-world" not in homes


def test_the_facts_step_of_a_run_reads_the_countries_of_the_sources_file_in_use(demo_copy):
    """A Dagster derive run codes again exactly the articles of the source given a country."""
    day = DEMO_DAYS[-1]
    sources = yaml.safe_load((demo_copy / "sources.yaml").read_text(encoding="utf-8"))
    national = sources["sources"][0]["name"]
    sources["sources"][0]["country"] = "KOR"
    with_country = demo_copy / "sources_with_country.yaml"
    with_country.write_text(yaml.safe_dump(sources), encoding="utf-8")
    keys_query = """SELECT c.article_id, a.source, c.input_key FROM coded_articles c JOIN articles a USING (article_id, partition_date)
                    WHERE c.partition_date = ? ORDER BY c.article_id"""

    def coded() -> list[tuple]:
        con = lake.connect(settings_of(demo_copy), read_only=True)
        try:
            return con.execute(keys_query, [day]).fetchall()
        finally:
            con.close()

    before = coded()
    assert run_derive(settings_resource(demo_copy, sources_file=str(with_country)), day, day).success
    after = coded()
    assert [(a, s) for a, s, _ in before] == [(a, s) for a, s, _ in after] and any(s == national for _, s, _ in before)
    changed = {source for (_, source, key), (_, _, new_key) in zip(before, after) if key != new_key}
    assert changed == {national}

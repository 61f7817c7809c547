"""The relation coder reads English: a day's articles in another language are not coded (their
text is not even read for it), English ones and those whose language is unknown are, and an
article whose detected language changes is coded again."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.derive.facts import facts_writes
from etl.relations import code_article, reads_language
from etl.warehouse import lake
from tests.conftest import settings_of
from tests.pipeline.tables import insert_coded_input

DAY = dt.date(2024, 11, 15)
# One text for every article: only the language recorded beside it differs.
TEXT = ("South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida met in Seoul on Friday. "
        "Yoon condemned North Korea's export of ballistic missiles to Russia.")
LANGUAGES = {"english": "en", "german": "de", "unknown": None}


def test_the_coder_reads_english_and_text_of_unknown_language():
    assert reads_language("en") and reads_language(None)
    assert not reads_language("de") and not reads_language("fr")
    english = code_article(TEXT, DAY, "en").facts
    assert english and code_article(TEXT, DAY).facts == english
    assert code_article(TEXT, DAY, "de").facts == []


@pytest.fixture
def con(tmp_path):
    connection = lake.connect(settings_of(tmp_path / "data"))
    lake.apply_schema(connection)
    for article_id, language in LANGUAGES.items():
        insert_coded_input(connection, article_id, DAY, f"https://wire.example/{article_id}", "wire", TEXT, language)
    yield connection
    connection.close()


def _coded(con) -> tuple[set[str], dict[str, str]]:
    facts = {row[0] for row in con.execute("SELECT DISTINCT article_id FROM relation_facts").fetchall()}
    codings = dict(con.execute("SELECT article_id, input_key FROM coded_articles").fetchall())
    return facts, codings


def test_articles_in_another_language_give_no_facts_and_are_coded_again_when_it_changes(con, tmp_path):
    locks = tmp_path / "locks"
    lake.write(con, facts_writes(con, DAY, workers=1), locks)
    facts, codings = _coded(con)
    assert facts == {"english", "unknown"}
    # Every article of the day has its coding row; the one not read taught nothing.
    assert set(codings) == set(LANGUAGES)
    assert con.execute("SELECT learned_actors FROM coded_articles WHERE article_id = 'german'").fetchone()[0] == "[]"

    # Detected as English after all (a new extractor's reading): the same text is coded now.
    con.execute("UPDATE articles SET language = 'en' WHERE article_id = 'german'")
    lake.write(con, facts_writes(con, DAY, workers=1), locks)
    facts, recoded = _coded(con)
    assert facts == set(LANGUAGES)
    assert recoded["german"] != codings["german"]
    assert {key: recoded[key] for key in ("english", "unknown")} == {key: codings[key] for key in ("english", "unknown")}

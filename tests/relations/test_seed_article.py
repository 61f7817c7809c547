"""The article the project was made for, read from the shared folder beside the repository
(its text stays its publisher's and is never copied here); skipped where that folder is absent."""

import datetime
from pathlib import Path

import pytest

from etl.relations import extract_relations

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "article.txt"
PUBLISHED = datetime.date(2024, 9, 6)

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="the seed article is not beside the repository")


@pytest.fixture(scope="module")
def facts():
    return [f for f in extract_relations(SEED.read_text(encoding="utf-8"), PUBLISHED) if f.asserted]


def dyad_set(facts):
    return {(f.relation_type, s, t) for f in facts for s in f.source_iso3 for t in f.target_iso3 or [""]}


def test_body_gives_the_careful_coders_facts(facts):
    dyads = dyad_set(facts)
    # the summit, one meeting of two parties: the first named is the source
    for expected in [("CONSULT", "KOR", "JPN"), ("CONSULT", "JPN", "KOR"),
                     ("COOPERATE", "KOR", "USA"), ("COOPERATE", "JPN", "USA"), ("CONSULT", "KOR", "NZL"),
                     ("ACCUSE", "KOR", "PRK"), ("ACCUSE", "NZL", "PRK"), ("ACCUSE", "KOR", "RUS"),
                     ("ACCUSE", "NZL", "RUS")]:
        assert expected in dyads, expected
    assert {("SUPPORT", "KOR", "UKR"), ("AGREE", "KOR", "UKR")} & dyads


def test_nothing_else_of_weight(facts):
    allowed = {("CONSULT", "KOR", "JPN"), ("CONSULT", "JPN", "KOR"), ("COOPERATE", "KOR", "USA"),
               ("COOPERATE", "JPN", "USA"), ("CONSULT", "KOR", "NZL"), ("ACCUSE", "KOR", "PRK"),
               ("ACCUSE", "NZL", "PRK"), ("ACCUSE", "KOR", "RUS"), ("ACCUSE", "NZL", "RUS"), ("SUPPORT", "KOR", "UKR"),
               ("SUPPORT", "NZL", "UKR"), ("AGREE", "KOR", "UKR"), ("AGREE", "NZL", "UKR"),
               # reported inside the condemnation: North Korea's missile exports to Russia
               ("AID", "PRK", "RUS"), ("COOPERATE", "PRK", "RUS")}
    assert dyad_set(facts) <= allowed, dyad_set(facts) - allowed


def test_boilerplate_gives_none(facts):
    text = SEED.read_text(encoding="utf-8")
    body_end = text.index("Edited by")
    related = text.index("RELATED STORIES")
    first_body_after = text.index("South Korea has been trying")
    for fact in facts:
        assert fact.sentence_start < body_end
        assert not related <= fact.sentence_start < first_body_after

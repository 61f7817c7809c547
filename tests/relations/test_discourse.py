"""Article-level reference: actors carried across sentences by the salience model."""

import datetime

from etl.relations import extract_relations

PUBLISHED = datetime.date(2024, 11, 16)


def _facts(text: str, relation_type: str):
    return [f for f in extract_relations(text, PUBLISHED) if f.relation_type == relation_type]


def test_group_phrase_takes_the_latest_compound_actor_of_that_size():
    text = ("U.S. President Joe Biden, South Korean President Yoon Suk Yeol and Japanese Prime Minister "
            "Shigeru Ishiba met in Lima on Friday. In a joint statement, the three leaders condemned "
            "North Korea's deployment of soldiers to Russia.")
    accuse = _facts(text, "ACCUSE")
    assert [(f.source_iso3, f.target_iso3) for f in accuse] == [(["USA", "KOR", "JPN"], ["PRK"])]
    assert "discourse-group" in accuse[0].rule_id
    assert accuse[0].sentence.startswith("In a joint statement")


def test_person_pronoun_opening_a_sentence_is_the_previous_subject():
    text = "Biden held talks with Chinese President Xi Jinping. He urged Xi to use his influence over Pyongyang."
    request = _facts(text, "REQUEST")
    assert [(f.source_iso3, f.target_iso3) for f in request] == [(["USA"], ["CHN"])]
    assert request[0].confidence < 0.9


def test_it_and_its_body_refer_to_the_latest_state():
    text = "Israel said it had sent troops into the buffer zone. Its air force also struck weapons depots across Syria."
    assault = _facts(text, "ASSAULT")
    assert [(f.source_iso3, f.source_sectors, f.target_iso3) for f in assault] == [(["ISR"], ["MIL"], ["SYR"])]


def test_role_noun_and_body_noun_resolve_to_earlier_holders():
    text = ("Pyongyang's foreign ministry rejected the statement. The ministry accused the three countries "
            "of rehearsing an invasion.")
    accuse = _facts("Biden, Yoon and Ishiba met in Lima. " + text, "ACCUSE")
    assert [(f.source_iso3, f.target_iso3) for f in accuse] == [(["PRK"], ["USA", "KOR", "JPN"])]


def test_rejecting_the_criticism_aims_at_its_author():
    text = "China's foreign ministry criticised Japan and the Philippines. Manila rejected the criticism."
    reject = _facts(text, "REJECT")
    assert [(f.source_iso3, f.target_iso3) for f in reject] == [(["PHL"], ["CHN"])]
    assert reject[0].rule_id.endswith("discourse-response")


def test_nothing_is_carried_into_a_single_sentence():
    # "He" names nobody without an earlier sentence, and a request by nobody known is no fact.
    assert _facts("He urged Xi to use his influence over Pyongyang.", "REQUEST") == []
    carried = _facts("Kishida met Xi in Lima. He urged Xi to use his influence over Pyongyang.", "REQUEST")
    assert [(f.source_iso3, f.target_iso3) for f in carried] == [(["JPN"], ["CHN"])]


def test_proposed_that_makes_the_whole_complement_hypothetical():
    text = ("U.S. envoy Amos Hochstein has proposed that Israeli troops withdraw from southern Lebanon "
            "while the Lebanese army deploys along the border.")
    mobilize = _facts(text, "MOBILIZE")
    assert [(f.source_iso3, f.hypothetical) for f in mobilize] == [(["LBN"], True)]
    assert mobilize[0].rule_id.endswith(".complement")

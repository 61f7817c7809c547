"""The field's lexicon (PETRARCH2 verb patterns and agents, CAMEO -> PLOVER crosswalk), actors
below the state, dated office holders, lower-case text and staying silent on non-political news.
Sentences written for these tests. The field's lexicon is third-party data the operator provides;
tests that need its real content skip when it is not there."""

import datetime

import pytest

from etl.relations import code_article, extract_relations, petrarch
from etl.relations.coder import boilerplate_spans
from etl.relations.lexicon import plover_of, word_dictionary
from etl.relations.matching import Dictionary

needs_field_lexicon = pytest.mark.skipif(not petrarch.available(), reason="no field lexicon in ETL_LEXICONS")


def facts_of(text, published=None):
    return [f for f in extract_relations(text, published) if f.asserted]


# A lexicon folder in the published layout, with entries written for this test.
FIXTURE_FILES = {
    "petrarch2/CAMEO.2.0.txt": """####### VERB PATTERNS #######
---  PHONE   [041]  ---
TELEPHONE
RING
- * (ABOUT) BORDER   [046]
""",
    "petrarch2/Phoenix.agents.txt": "HARBOUR_MASTER {HARBOUR_MASTERS} [~GOV]\n",
    "petrarch2/Phoenix.Countries.actors.txt": """ALDO_VIRENTI_
    [ITAGOV 010203-050607]
""",
    "petrarch2/Phoenix.MilNonState.actors.txt": """NORTHERN_HILLS_LIBERATION_FRONT_(NHLF)_ [ITAREB] # written for this test
+HILL_TIGERS_
+ORDER,_THE

CONTINENTAL_BRIGADE_ [MEAREB]

HARBOUR_GUARDS
+HG_
	[MLTREB]
""",
    "plover/CAMEO2PLOVER-2021.txt": "04: CONSULT\n041: CONSULT, phone,  # by telephone\n",
}


def test_lexicon_folder_in_the_published_layout_is_read_and_converted(tmp_path):
    for name, text in FIXTURE_FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    folder_in_use = petrarch.lexicon_folder()
    try:
        petrarch.use_lexicon_folder(tmp_path)
        assert petrarch.available()
        verbs = {row[2]: row[3] for row in petrarch.table_rows("petrarch2/verbs.tsv") if row[0] == "verb"}
        assert {"telephone", "telephoned", "telephoning", "ring"} <= set(verbs) and verbs["telephoned"] == "041"
        patterns = [row for row in petrarch.table_rows("petrarch2/verbs.tsv") if row[0] == "pattern"]
        assert [(code, after) for _, _, code, _, after in patterns] == [("046", "about border|borders")]
        assert ("harbour master", "GOV") in petrarch.table_rows("petrarch2/agents.tsv")
        assert petrarch.table_rows("petrarch2/people.tsv") == (("aldo virenti", "ITA", "GOV", "2001-02-03", "2005-06-07"),)
        assert ("041", "CONSULT", "phone") in petrarch.table_rows("plover/cameo2plover.tsv")
        # groups placed in one country, in running text's spelling; a regional code names none
        assert petrarch.table_rows("petrarch2/groups.tsv") == (
            ("ITA", "group", "REB", "Northern Hills Liberation Front|NHLF|Hill Tigers"),
            ("MLT", "group", "REB", "Harbour Guards"))
        petrarch.use_lexicon_folder(tmp_path / "missing")
        assert not petrarch.available() and petrarch.table_rows("petrarch2/verbs.tsv") == ()
    finally:
        petrarch.use_lexicon_folder(folder_in_use)


@needs_field_lexicon
def test_crosswalk_maps_cameo_to_plover():
    assert plover_of("173") == ("COERCE", "arrest")
    assert plover_of("1823")[0] == "ASSAULT"      # by its longest listed prefix
    assert plover_of("163")[0] == "COERCE"        # embargo: COERCE in PLOVER, not SANCTION
    assert plover_of("010") is None and plover_of("021") is None and plover_of("---") is None


@needs_field_lexicon
def test_field_lexicon_verbs_code_dyadic_events():
    facts = facts_of("Lithuania telephoned Poland about the border on Monday.")
    assert [(f.relation_type, f.source_iso3, f.target_iso3) for f in facts] == [("CONSULT", ["LTU"], ["POL"])]
    # a field-lexicon verb with one party only codes nothing
    assert facts_of("Lithuania telephoned yesterday.") == []


@needs_field_lexicon
def test_armed_groups_of_the_field_lexicon_are_actors_of_their_country():
    facts = facts_of("FARC rebels kidnapped two Colombian soldiers on Monday.")
    assert [(f.relation_type, f.source_iso3, f.source_sectors) for f in facts] == [("ASSAULT", ["COL"], ["REB"])]
    assert [f.source_iso3 for f in facts_of("The Tamil Tigers attacked an army camp in the north.")] == [["LKA"]]
    # a group name that is an English word in capitals is no actor
    assert facts_of("YOUTH attacked an army camp in the north.") == []


@needs_field_lexicon
def test_preposition_patterns_need_the_preposition_next_to_the_verb():
    assert {f.relation_type for f in facts_of("Lithuania telephoned Poland on Tuesday.")} == {"CONSULT"}


def test_agents_take_the_country_of_the_city_named():
    facts = facts_of("Police arrested 40 people in Karachi on Sunday.")
    assert len(facts) == 1
    fact = facts[0]
    assert (fact.relation_type, fact.source_iso3, fact.source_sectors, fact.target_iso3) == ("COERCE", ["PAK"], ["COP"], ["PAK"])
    assert fact.is_domestic and not fact.country_pair and fact.has_target


def test_lower_case_text_is_read():
    facts = facts_of("police arrested 40 people in karachi on sunday.")
    assert [(f.relation_type, f.source_iso3, f.target_iso3) for f in facts] == [("COERCE", ["PAK"], ["PAK"])]


def test_full_names_of_office_holders_are_read_in_lower_case_text():
    facts = facts_of("prime minister narendra modi on friday urged pakistan to stop the attacks on the border.",
                     datetime.date(2019, 3, 1))
    assert [(f.relation_type, f.source_iso3, f.source_sectors, f.target_iso3) for f in facts] == [
        ("REQUEST", ["IND"], ["GOV"], ["PAK"])]
    # a family name alone is a word in lower case ("a trump card"), no actor
    assert facts_of("trump on friday urged pakistan to stop the attacks on the border.") == []


def test_arrests_with_no_named_agent_are_made_by_the_police():
    facts = facts_of("Twelve students were arrested outside the university on Friday.")
    assert [(f.relation_type, f.source_sectors) for f in facts] == [("COERCE", ["COP"])]
    assert not facts[0].has_target and not facts[0].country_pair
    # an arrest only wanted is none
    assert facts_of("The minister wants to arrest the organisers.") == []
    # the police assumed as the doer stand nowhere: cues before the trigger still count
    for text in ("No arrests have been made after the clashes so far.",
                 "The opposition wants the minister booked under the new law."):
        assert facts_of(text) == [], text


def test_tear_gas_and_baton_charges_with_no_named_agent_are_the_polices():
    for text in ("Tear-gas shells were lobbed to disperse the crowd outside the court.",
                 "The marchers were baton-charged near the station on Monday.",
                 "Police dispersed the marchers with tear gas near the station on Monday."):
        assert [(f.relation_type, f.source_sectors) for f in facts_of(text)] == [("COERCE", ["COP"])], text
    # fired with no tear gas named is no police tactic: who fired is not told
    assert facts_of("Shots were fired near the station on Monday.") == []


def test_police_firing_is_the_polices_event():
    facts = facts_of("Three people were killed in police firing on Tuesday.")
    assert [(f.relation_type, f.source_sectors) for f in facts] == [("ASSAULT", ["COP"])]
    # a participle sharing the passive auxiliary of the one before it is a passive too: its doer is
    # the one "by" names, not the speaker's police
    assert [(f.relation_type, f.source_sectors) for f in facts_of("He was shot and killed by police on Tuesday.")] == [
        ("ASSAULT", ["COP"])]
    assert facts_of("Police sources said a rickshaw was damaged and set ablaze by an unruly mob on Tuesday.") == []
    # a nominal event's doer named after "by"; more doers after it are no target
    for text in ("Three people were killed in firing by the police on Tuesday.",
                 "Nine were killed in firing by the police, the army and the paramilitary forces."):
        facts = facts_of(text)
        assert [(f.relation_type, f.source_sectors, f.target_sectors) for f in facts] == [("ASSAULT", ["COP"], [])], text
    for text in ("Police resorted to firing to disperse the crowd outside the depot.",
                 "Police had to open fire to quell the mob outside the depot."):
        assert [(f.relation_type, f.source_sectors) for f in facts_of(text)] == [("ASSAULT", ["COP"])], text


@needs_field_lexicon
def test_force_by_police_or_troops_on_people_the_sentence_does_not_name_is_theirs():
    for text in ("A man was shot by police in Cleveland on Sunday.",
                 "A teenager was beaten by police on Sunday.",
                 "Police imposed a curfew in the old city on Sunday.",
                 "The Afghan forces conducted a joint operation that killed 30 insurgents on Friday."):
        facts = facts_of(text)
        assert [(f.relation_type, f.source_sectors) for f in facts] in (
            [("ASSAULT", ["COP"])], [("COERCE", ["COP"])], [("ASSAULT", ["MIL"])]), text
        assert not facts[0].has_target and not facts[0].country_pair
    # the doer must be the one "by" names: the police standing by did not smash the lenses
    assert facts_of("The lenses were smashed by the crowd even as the police stood by.") == []
    # anyone else with one party stays no event of the field's lexicon, nor does the police read twice
    assert facts_of("A man was shot by a neighbour in Cleveland on Sunday.") == []
    assert facts_of("the city police department wednesday held a memorial service for its police dogs.") == []


def test_arrests_reported_in_other_words_are_the_polices():
    for text in ("About a dozen rumour mongers were nabbed in the old city last night.",
                 "Over 80 party workers were on Wednesday taken into custody in the old city.",
                 "Police managed to arrest 31 people near the station on Sunday.",
                 "Six men were picked up in the old city on Sunday.",
                 "Party workers have been booked for murder in the old city.",
                 "The superintendent said the arrests were made near the old city on Sunday."):
        assert [(f.relation_type, f.source_sectors) for f in facts_of(text)] == [("COERCE", ["COP"])], text
    # a doer named after "by" who is no actor is not assumed to be the police; booked seats are no charge
    for text in ("The survivors were picked up by a fishing boat on Sunday.",
                 "Two coaches were booked for pilgrims on Sunday."):
        assert facts_of(text) == [], text
    # a police station the arrested were held under is no second police, nor the target
    facts = facts_of("The police arrested one Mohan Lal at Naya Tola under the Sadar police station on Thursday.")
    assert [(f.relation_type, f.source_sectors, f.target_sectors) for f in facts] == [("COERCE", ["COP"], [])]


@needs_field_lexicon
def test_a_passive_with_its_day_before_the_participle_stays_a_passive():
    # the suspended leader is the one suspended, not the one suspending
    facts = facts_of("Leader of opposition in the Gujarat assembly Naresh Rawal was on Friday suspended from the house "
                     "for three days for his remark against minister Suresh Mehta.")
    assert not any(f.source_sectors == ["OPP"] for f in facts)


def test_the_accused_named_as_a_noun_accuses_no_one():
    facts = facts_of("Police arrested the main accused in the riot case on Sunday.")
    assert [(f.relation_type, f.source_sectors) for f in facts] == [("COERCE", ["COP"])]
    assert facts_of("The alleged leader of the gang fled abroad.") == []


@needs_field_lexicon
def test_police_custody_and_a_stations_area_are_no_second_police():
    remand = code_article("The three were produced before a magistrate, who remanded them to police custody till Monday.",
                          home="IND").facts
    assert [(f.relation_type, f.source_sectors, f.target_sectors) for f in remand] == [("COERCE", ["COP"], [])]
    firing = code_article("Police firing in the Sadar police station area left two dead on Tuesday.", home="IND").facts
    assert [(f.relation_type, f.source_iso3, f.source_sectors) for f in firing] == [("ASSAULT", ["IND"], ["COP"])]
    # a police station itself is the police: an attack on one is an attack on them
    attack = facts_of("Gunmen attacked a police station in Quetta on Sunday.")
    assert [(f.relation_type, f.target_iso3, f.target_sectors) for f in attack] == [("ASSAULT", ["PAK"], ["COP"])]


def test_anti_terrorist_squads_are_police_and_a_stance_is_no_actor():
    squad = code_article("The anti-terrorist squad arrested two men in Mumbai on Saturday.").facts
    assert [(f.relation_type, f.source_iso3, f.source_sectors) for f in squad] == [("COERCE", ["IND"], ["COP"])]
    # "anti-government" protesters are protesters, not the government
    arrest = code_article("Police arrested 12 anti-government protesters in Bangkok on Sunday.").facts
    assert [(f.relation_type, f.target_iso3, f.target_sectors) for f in arrest] == [("COERCE", ["THA"], ["CVL"])]


def test_police_and_troops_placed_nowhere_are_of_the_outlets_country():
    text = "Police arrested 25 protesters on Friday after the march turned violent."
    arrest = code_article(text, home="IND").facts
    assert [(f.relation_type, f.source_iso3, f.target_iso3, f.is_domestic) for f in arrest] == [
        ("COERCE", ["IND"], ["IND"], True)]
    assert [f.source_iso3 for f in code_article(text).facts] == [[""]]
    # the place of the event, or another country the article names, comes before the outlet's
    assert code_article("Police arrested 25 protesters in Lahore on Friday.", home="IND").facts[0].source_iso3 == ["PAK"]
    assert code_article("Pakistan's election was held on Thursday. " + text, home="IND").facts[0].source_iso3 == [""]
    # only the state's forces: protesters or a government of no named country stay unplaced
    assert code_article("Protesters attacked a bus in the city on Friday.", home="IND").facts == []


def test_out_of_office_leader_is_a_person_not_the_government():
    out = facts_of("Obama met Merkel in Berlin.", datetime.date(2019, 5, 1))
    assert out and out[0].source_iso3 == ["USA"] and out[0].source_sectors == ["ELI"]
    serving = facts_of("Obama met Merkel in Berlin.", datetime.date(2014, 5, 1))
    assert serving and serving[0].source_sectors == ["GOV"]


def test_silent_on_non_political_sentences():
    for text in ("A fisherman who caught and grilled a rare eel in Japan was fined.",
                 "Arsenal beat Chelsea 2-1 in London on Sunday.",
                 "The singer landed a role in a new British thriller.",
                 "Chad Smith has been named the new head coach of the team."):
        assert facts_of(text) == [], text


def test_capitalised_trigger_words_inside_names_code_nothing():
    assert facts_of("The Armed Forces Day parade passed the Polish embassy.") == []


def test_furniture_of_a_page_gives_no_facts():
    text = ("Germany and France agreed on a new border treaty on Monday, officials in both capitals said.\n\n"
            "Related stories\n\nPoland condemns Russia over drone incursion\n\n"
            "Japan summons China's ambassador\n\nItaly expelled two Russian diplomats…\n")
    spans = boilerplate_spans(text)
    assert len(spans) == 4
    facts = facts_of(text)
    assert facts and all(f.sentence_start < text.index("Related") for f in facts)


def test_word_dictionary_lists_triggers_before_role_words():
    for _, _, readings in word_dictionary().find("police fired at the crowd"):
        kinds = [type(r).__name__ for r in readings]
        assert kinds == sorted(kinds, key=lambda k: k != "Trigger")


def test_a_payload_given_as_a_function_is_built_at_its_first_match_and_kept():
    built = []

    def readings():
        built.append(1)
        return ["ceasefire reading"]

    dictionary = Dictionary({"ceasefire": readings, "talks": ["talks reading"]})
    assert dictionary.find("the talks went on") == [(4, 9, ["talks reading"])] and built == []
    assert dictionary.find("a ceasefire, then another ceasefire") == [(2, 11, ["ceasefire reading"]),
                                                                        (26, 35, ["ceasefire reading"])]
    assert dictionary.find("ceasefire") == [(0, 9, ["ceasefire reading"])] and built == [1]

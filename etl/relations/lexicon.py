"""Event triggers (PLOVER type, mode) and role words, matched on lower-cased text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .matching import Dictionary, cell, split_alternatives, tsv_rows

# Trigger roles (see data/triggers.tsv).
VERB, NOUN, FRAME = "verb", "noun", "frame"
# Role-word kinds (see data/roles.tsv).
TITLE, BODY = "title", "body"


@dataclass(frozen=True)
class Trigger:
    relation_type: str
    mode: str
    role: str
    phrase: str


@dataclass(frozen=True)
class RoleWord:
    kind: str
    sector: str
    role: str


def inflections(phrase: str) -> list[str]:
    """``condemn~`` -> condemn, condemns, condemned, condemning; other phrases as written."""
    if not phrase.endswith("~"):
        return [phrase]
    stem = phrase[:-1]
    if stem.endswith("e"):
        ing = stem + "ing" if stem.endswith("ee") else stem[:-1] + "ing"
        return [stem, stem + "s", stem + "d", ing]
    return [stem, stem + "s", stem + "ed", stem + "ing"]


@cache
def word_dictionary() -> Dictionary:
    entries: dict[str, list] = {}
    for row in tsv_rows("triggers.tsv"):
        relation_type, mode, role = cell(row, 0), cell(row, 1), cell(row, 2)
        for phrase in split_alternatives(cell(row, 3)):
            for form in inflections(phrase):
                entries.setdefault(form, []).append(Trigger(relation_type, mode, role, form))
    for row in tsv_rows("roles.tsv"):
        entries.setdefault(cell(row, 0), []).append(RoleWord(cell(row, 1), cell(row, 2), cell(row, 3)))
    return Dictionary(entries)

"""Event triggers (PLOVER type, mode) and role words, matched on lower-cased text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .matching import Dictionary, cell, split_alternatives, tsv_rows

# Trigger roles (see data/triggers.tsv). POSSESSED: a nominal event coded only after a possessive
# actor ("Seoul's offer of talks"); NONE: a phrase that only shadows a shorter trigger.
VERB, NOUN, FRAME, POSSESSED, NONE = "verb", "noun", "frame", "possessed", "none"
# Role-word kinds (see data/roles.tsv).
TITLE, BODY = "title", "body"


@dataclass(frozen=True)
class Trigger:
    relation_type: str
    mode: str
    role: str
    phrase: str
    needs: frozenset[str] = frozenset()      # one of these words must follow closely
    not_after: frozenset[str] = frozenset()  # not a trigger right after one of these words

    def fits(self, following: list[str], previous: str) -> bool:
        """Whether the words around the phrase give it this trigger's sense."""
        if previous in self.not_after or previous.endswith("'s") and "'s" in self.not_after:
            return False  # "'s" in not_after: not after a possessive ("Indonesia's free meals")
        return not self.needs or any(word in self.needs for word in following)


@dataclass(frozen=True)
class RoleWord:
    kind: str
    sector: str
    role: str
    alone: bool = False  # names an actor even without a country before it ("protesters")


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
        needs, not_after = frozenset(split_alternatives(cell(row, 4))), frozenset(split_alternatives(cell(row, 5)))
        for phrase in split_alternatives(cell(row, 3)):
            for form in inflections(phrase):
                entries.setdefault(form, []).append(Trigger(relation_type, mode, role, form, needs, not_after))
    for row in tsv_rows("roles.tsv"):
        entries.setdefault(cell(row, 0), []).append(
            RoleWord(cell(row, 1), cell(row, 2), cell(row, 3), cell(row, 4) == "alone"))
    return Dictionary(entries)

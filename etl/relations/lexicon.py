"""Event triggers (PLOVER type, mode) and role words, matched on lower-cased text.

Two sources, ours first: ``data/triggers.tsv`` and ``data/roles.tsv`` (written for this project:
phrases, frames and senses measured to win on real sentences) and the field's lexicon, PETRARCH2's
CAMEO verb patterns and agents (read from the operator's lexicon folder by ``petrarch``), with
CAMEO codes mapped to PLOVER by the official crosswalk. For a phrase both know, our readings are
tried before PETRARCH2's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, partial

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
    # PETRARCH2 patterns: words that must follow (after) or precede (before) the verb in this
    # order, each position a set of alternatives.
    after: tuple[frozenset[str], ...] = ()
    before: tuple[frozenset[str], ...] = ()
    # PETRARCH2 readings matched words in verb position of a parse; on plain text a base or -s
    # form ("tax", "talks") is often a noun, so such a reading needs its subject right before it.
    petrarch: bool = False
    plain_form: bool = False
    # A pattern opening with a preposition ("called on", "fired at") needs it right after the
    # verb: "telephoned Putin on Tuesday" is no appeal.
    preposition_first: bool = False
    cameo: str = ""  # the CAMEO code of a field-lexicon reading, kept in the fact's rule id

    def fits(self, following: list[str], preceding: list[str], nearby: frozenset[str] = frozenset(),
             closed: bool = False, passive: bool = False) -> bool:
        """Whether the words around the phrase give it this trigger's sense (``nearby``: the
        words of both lists, to reject most patterns before checking their order; ``closed``: a
        comma follows the phrase right away; ``passive``: the phrase is a passive's participle,
        whose object stands before it: "tear-gas shells were lobbed")."""
        previous = preceding[-1] if preceding else ""
        if previous in self.not_after or previous.endswith("'s") and "'s" in self.not_after:
            return False  # "'s" in not_after: not after a possessive ("Indonesia's free meals")
        if self.after and (self.after[-1].isdisjoint(nearby) or not _in_order(self.after, following)):
            return False
        if self.preposition_first and self.after[0].isdisjoint(following[:1]):
            return False
        if self.before and (self.before[-1].isdisjoint(nearby) or not _in_order(self.before, preceding)):
            return False
        # "asked, turning to Rubio": a comma right after the phrase closes it before any complement
        return not self.needs or any(word in self.needs for word in following[:6]) and not closed \
            or passive and any(word in self.needs for word in preceding[-4:])


def _in_order(positions: tuple[frozenset[str], ...], words: list[str]) -> bool:
    index = 0
    for word in words:
        if word in positions[index]:
            index += 1
            if index == len(positions):
                return True
    return False


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


# CAMEO roots PLOVER does not code: statements (01) and appeals (02) are no events.
UNCODED_ROOTS = ("01", "02")


@cache
def cameo_to_plover() -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER type, mode) from the official crosswalk."""
    return {cell(row, 0): (cell(row, 1), cell(row, 2)) for row in tsv_rows("plover/cameo2plover.tsv")}


@cache
def plover_of(cameo: str) -> tuple[str, str] | None:
    """The PLOVER (type, mode) of a CAMEO code, by its longest listed prefix; None when PLOVER
    codes no event for it (null code, statements, appeals)."""
    if not cameo[:2].isdigit() or cameo.startswith(UNCODED_ROOTS):
        return None
    table = cameo_to_plover()
    for length in range(len(cameo), 1, -1):
        if cameo[:length] in table:
            return table[cameo[:length]]
    return None


@cache
def _positions(value: str) -> tuple[frozenset[str], ...]:
    # A multi-word alternative ("court_martial") is matched on its last word, its head.
    # Cached: the synonym blocks' patterns are repeated across every verb form of a block, so the
    # readings share these sets instead of parsing and holding a copy each.
    return tuple(frozenset(alt.split("_")[-1] for alt in position.split("|")) for position in value.split())


def _trigger(cameo: str, form: str, plain: bool, before: str = "", after: str = "") -> Trigger:
    plover = plover_of(cameo)
    relation_type, mode, role = (plover[0], plover[1], VERB) if plover else ("", "", NONE)
    positions = _positions(after)
    return Trigger(relation_type, mode, role, form, before=_positions(before), after=positions,
                   petrarch=True, plain_form=plain, preposition_first=bool(positions) and positions[0] <= PREPOSITIONS,
                   cameo=cameo)


PREPOSITIONS = frozenset({"on", "in", "at", "for", "with", "to", "by", "from", "of", "against", "into", "over",
                          "under", "upon", "toward", "towards", "about", "off", "out", "up", "down", "through"})


_VERB_FORM = re.compile(r"^[a-z][a-z'-]*(?: [a-z][a-z'-]*)*$")


def _plain_forms(forms: list[str]) -> set[str]:
    """Base and -s forms among one verb's forms: a form whose -s form is listed, or that is the
    -s form of a listed one."""
    listed = set(forms)
    return {f for f in forms if f + "s" in listed or f + "es" in listed
            or (f.endswith("s") and (f[:-1] in listed or f[:-2] in listed or f[:-3] + "y" in listed))}


@dataclass(frozen=True)
class PetrarchVerbs:
    """PETRARCH2's verb forms, indexed: each form's synonym blocks (in the order the dictionary
    lists them), the blocks' patterns (CAMEO code, words before, words after) and the form's own
    code. A form's readings are built when it first occurs in a text (``readings``): building
    those of every form up front (200,000) was half the CPU time and memory a process spent
    before coding its first sentence, and 1,500 pages of mixed web text use half of the forms."""

    blocks: dict[str, tuple[str, ...]]
    patterns: dict[str, list[tuple[str, str, str]]]
    bare_codes: dict[str, str]
    plain: frozenset[str]

    def readings(self, form: str) -> list[Trigger]:
        """The form's readings: patterns first (longest first), then the bare verb."""
        plain = form in self.plain
        readings = [_trigger(code, form, plain, before, after)
                    for block in self.blocks[form] for code, before, after in self.patterns[block]]
        readings.sort(key=lambda t: -(len(t.after) + len(t.before)))
        readings.append(_trigger(self.bare_codes[form], form, plain))
        return readings


def petrarch_verbs() -> PetrarchVerbs:
    """PETRARCH2's verb forms that may code an event. A form several synonym blocks share is an
    event alone only if none of them says it is not ("took" is a seizure in one block and nothing
    in others: nothing)."""
    codes: dict[str, list[str]] = {}
    blocks: dict[str, list[str]] = {}
    patterns: dict[str, list[tuple[str, str, str]]] = {}
    block_forms: dict[str, list[str]] = {}
    for row in tsv_rows("petrarch2/verbs.tsv"):
        if row[0] == "verb":
            if not _VERB_FORM.match(cell(row, 2)):
                continue
            block_forms.setdefault(cell(row, 1), []).append(cell(row, 2))
            codes.setdefault(cell(row, 2), []).append(cell(row, 3))
            patterns.setdefault(cell(row, 1), [])
            blocks.setdefault(cell(row, 2), []).append(cell(row, 1))
        else:
            patterns.setdefault(cell(row, 1), []).append((cell(row, 2), cell(row, 3), cell(row, 4)))
    bare_codes = {form: "---" if "---" in listed else listed[-1] for form, listed in codes.items()}

    def kept(form: str, its_blocks: tuple[str, ...]) -> bool:
        if form.endswith((" and", " or")):
            return False  # "arrested and": PETRARCH2's handling of coordination, not a phrase of its own
        # a single word that never codes an event shadows nothing either
        return " " in form or plover_of(bare_codes[form]) is not None or any(
            plover_of(code) is not None for block in its_blocks for code, _, _ in patterns[block])

    return PetrarchVerbs(
        blocks={form: its_blocks for form, listed in blocks.items()
                if kept(form, its_blocks := tuple(dict.fromkeys(listed)))},
        patterns=patterns, bare_codes=bare_codes,
        plain=frozenset().union(*(_plain_forms(listed) for listed in block_forms.values())))


class Readings(list):
    """A phrase's readings in order, indexed by the last word each pattern needs, so that only
    the few patterns whose words occur nearby are tried (a common verb has hundreds)."""

    def __init__(self, readings: list):
        super().__init__(readings)
        self.role = next((r for r in readings if isinstance(r, RoleWord)), None)  # listed after the triggers
        unconditional: list[int] = []
        self.by_word: dict[str, list[int]] = {}
        for index, reading in enumerate(readings):
            needed = (reading.after[-1] if reading.after else reading.before[-1] if reading.before else None) \
                if isinstance(reading, Trigger) else None
            if needed is None:
                unconditional.append(index)
            else:
                for word in needed:
                    self.by_word.setdefault(word, []).append(index)
        self._unconditional_readings = [self[i] for i in unconditional]
        self.unconditional = frozenset(unconditional)  # built once, not once per trigger coded

    def candidates(self, nearby: frozenset[str]) -> list:
        """The readings that may fit given the words nearby, in their order."""
        conditional = [index for word in nearby if word in self.by_word for index in self.by_word[word]]
        if not conditional:
            return self._unconditional_readings
        return [self[i] for i in sorted(self.unconditional.union(conditional))]


@cache
def petrarch_vocabulary() -> frozenset[str]:
    """Every lower-case word of the field's verb and agent dictionaries."""
    words: set[str] = set()
    for row in tsv_rows("petrarch2/verbs.tsv"):
        for value in row[2:] if row[0] == "verb" else row[3:]:
            words.update(part for alt in value.split() for w in alt.split("|") for part in w.split("_"))
    for row in tsv_rows("petrarch2/agents.tsv"):
        words.update(cell(row, 0).split())
    return frozenset(w for w in words if w.isalpha())


# Sectors of the field's agent nouns that name actors of political events by themselves
# ("police", "rebels", "protesters", "villagers"); business, media, health and the like do not.
ACTING_SECTORS = frozenset({"COP", "MIL", "GOV", "REB", "OPP", "JUD", "LEG", "SPY", "UAF", "PTY",
                            "CVL", "LAB", "REF", "IGO", "INS", "PPL"})


# Head nouns of the agents dictionary's weapons and craft ("artillery", "fighter jets", "attack
# helicopters"). They name an actor after a country ("Russian warplanes struck …"); alone they
# are what an actor sends, moves or supplies ("Japan scrambled fighter jets", "supplied artillery
# shells to Russia"), never a party of their own.
EQUIPMENT = frozenset({"aircraft", "airplane", "airplanes", "artillery", "carrier", "carriers",
                       "destroyer", "destroyers", "drone", "drones", "frigate", "frigates", "gunboat", "gunboats",
                       "gunship", "gunships", "helicopter", "helicopters", "howitzer", "howitzers", "jet", "jets",
                       "launcher", "launchers", "missile", "missiles", "plane", "planes", "rocket", "rockets",
                       "submarine", "submarines", "tank", "tanks", "vessel", "vessels", "warplane", "warplanes",
                       "warship", "warships", "weapon", "weapons"})


@cache
def word_dictionary() -> Dictionary:
    entries: dict[str, list] = {}
    for row in tsv_rows("triggers.tsv"):
        relation_type, mode, role = cell(row, 0), cell(row, 1), cell(row, 2)
        needs, not_after = frozenset(split_alternatives(cell(row, 4))), frozenset(split_alternatives(cell(row, 5)))
        for phrase in split_alternatives(cell(row, 3)):
            for form in inflections(phrase):
                entries.setdefault(form, []).append(Trigger(relation_type, mode, role, form, needs, not_after))
    verbs = petrarch_verbs()
    for form in verbs.blocks:
        entries.setdefault(form, []).append(verbs)  # stands for the form's readings until it is met
    for row in tsv_rows("roles.tsv"):
        entries.setdefault(cell(row, 0), []).append(
            RoleWord(cell(row, 1), cell(row, 2), cell(row, 3), cell(row, 4) == "alone"))
    for row in tsv_rows("petrarch2/agents.tsv"):
        phrase, sector = cell(row, 0), cell(row, 1)
        if sector in ACTING_SECTORS and not any(isinstance(x, RoleWord) for x in entries.get(phrase, [])):
            entries.setdefault(phrase, []).append(RoleWord(BODY, sector, "", alone=phrase.split()[-1] not in EQUIPMENT))
    return Dictionary({phrase: partial(_readings, phrase, listed, verbs) if phrase in verbs.blocks else Readings(listed)
                       for phrase, listed in entries.items()})


def _readings(phrase: str, listed: list, verbs: PetrarchVerbs) -> Readings:
    return Readings([reading for item in listed for reading in (verbs.readings(phrase) if item is verbs else (item,))])

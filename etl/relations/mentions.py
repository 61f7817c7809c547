"""Actor mentions in a sentence: gazetteer names combined with titles and role words, and names
the article has already introduced (learned titles, bare surnames, "the North")."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from .gazetteer import (CONTEXT, LOCALITY, NAME, OUT_OF_OFFICE, PEOPLE, PERSON, PLACE, SEAT, Gazetteer, NameHit, in_force_at,
                        out_of_office, person_at)
from .lexicon import BODY, TITLE, RoleWord
from .model import Actor

# Family name first in English-language news for these states ("Yoon Suk Yeol" -> "Yoon").
FAMILY_NAME_FIRST = frozenset({"KOR", "PRK", "CHN", "TWN", "VNM", "HKG"})
# A place preposition before a mention makes it where something happened, not who took part.
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "off", "around",
                                "through", "toward", "towards", "along"})
PLACE_MODIFIERS = frozenset({"the", "southern", "northern", "eastern", "western", "central",
                             "northeastern", "northwestern", "southeastern", "southwestern"})
# An organisation named before one of these nouns is where a meeting happened ("on the
# sidelines of the G20 summit"), not a party to it.
_GATHERING_AFTER = re.compile(r"\s+(?:leaders'?\s+|foreign ministers'?\s+|defen[cs]e ministers'?\s+)?"
                              r"(?:summit|meeting|forum|conference|gathering|ministerial|session|assembly)\b",
                              re.IGNORECASE)
NAME_PARTICLES = frozenset({"bin", "bint", "al", "da", "de", "del", "dos", "van", "von", "der", "le", "la"})
_POSSESSIVE = re.compile(r"(?:'s|’s|')")
_WORD_BEFORE = re.compile(r"([\w-]+)\W*$")
# Civilians named by an indefinite noun ("a hunter who killed a rabbit") are individuals.
INDIVIDUAL_SECTORS = frozenset({"CVL", "PPL", "AGR", "BUS", "EDU", "MED", "HLH"})
_INDEFINITE = re.compile(r"\b(?:an?|one|another)\s+(?:[a-z-]+\s+)?$", re.IGNORECASE)
_AIRLINE_AFTER = re.compile(r"[a-z]*(?:\s+[A-Z][a-z]+)?\s+(?:Airlines|Airways|Airline|Air Lines|Air)\b")
_MARKET_NOUN = re.compile(r"(?:'s)?\s+(?:yen|dollars?|euros?|won|yuan|renminbi|rupees?|rubles?|roubles?|pounds?|pesos?|"
                          r"francs?|lira|rand|stocks?|shares|bonds?|markets?|index|indices|GDP|inflation|currency|"
                          r"airlines?)\b", re.IGNORECASE)
# Two names joined by a hyphen qualify a noun ("the U.S.-Mexico border"); "Iran-backed" is not a pair.
_NAME_PAIR_AFTER = re.compile(r"[-–](?:[A-Z]|based\b)")  # "a Britain-based monitor" is placed, not British
_NAME_PAIR_BEFORE = re.compile(r"[A-Z][\w.]*[-–]$")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


@dataclass
class Mention:
    start: int
    end: int
    actor: Actor
    possessive: bool = False
    place_word: str = ""  # the preposition making the mention a place ("in", "near"…), else ""
    speaker: bool = False
    # How an earlier sentence supplied the actor ("pronoun", "group", "role", "body", "response"),
    # "" when the sentence names it.
    discourse: str = ""
    # A body of a province or city ("the Alabama Supreme Court", "Ahmedabad police"), not of the state.
    local: bool = False

    @property
    def is_place(self) -> bool:
        return bool(self.place_word)


@dataclass
class ArticleMemory:
    """What earlier sentences of the same article established."""

    published: datetime.date | None = None
    names: dict[str, Actor] = field(default_factory=dict)
    koreas_seen: bool = False
    learned: dict[str, tuple[Actor, str]] = field(default_factory=dict)  # name -> (actor, sentence)

    def remember(self, mentions: list[Mention]) -> None:
        for mention in mentions:
            actor = mention.actor
            if actor.code in ("KOR", "PRK"):
                self.koreas_seen = True
            if actor.kind == "person":
                for key in (actor.name, family_name(actor)):
                    self.names.setdefault(key, actor)


def family_name(actor: Actor) -> str:
    parts = actor.name.split()
    return parts[0] if actor.code in FAMILY_NAME_FIRST else parts[-1]


def _name_tokens(sentence: str, start: int) -> tuple[int, int] | None:
    """Span of a 2-4 word capitalised personal name starting at ``start`` (particles allowed)."""
    words = []
    for match in re.finditer(r"\S+", sentence[start:]):
        word = match.group().rstrip(",.;:")
        trailing_punct = word != match.group()
        if word[:1].isupper() and word[1:2].islower() or (word in NAME_PARTICLES or word.startswith("al-")):
            words.append(word)
        else:
            break
        if trailing_punct or len(words) == 4:
            break
    while words and words[-1] in NAME_PARTICLES:
        words.pop()
    if len(words) < 2:
        return None
    return start, start + len(" ".join(words))


class MentionFinder:
    """Builds the mentions of one sentence given the gazetteer matches and role-word matches."""

    def __init__(self, gazetteer: Gazetteer, memory: ArticleMemory):
        self.gazetteer = gazetteer
        self.memory = memory

    def find(self, sentence: str, names: list, roles: list[tuple[int, int, RoleWord]]) -> list[Mention]:
        role_at = {start: (end, role) for start, end, role in roles}
        name_at = {start: (end, hits) for start, end, hits in names}
        mentions: list[Mention] = []
        consumed_until = -1
        for start, end, hits in names:
            if start < consumed_until:
                continue
            mention = self._mention(sentence, start, end, hits, role_at, name_at)
            if mention is None:
                continue
            mentions.append(mention)
            consumed_until = mention.end
        mentions.extend(self._remembered(sentence, mentions))
        mentions.extend(_unanchored(sentence, roles, mentions))
        mentions.sort(key=lambda m: m.start)
        previous: Mention | None = None
        for mention in mentions:
            # People and groups are never where something happened ("killed in police firing").
            located = mention.actor.kind not in ("group", "person")
            mention.place_word = ((located and _place_preposition(sentence, mention.start)) or _venue_word(sentence, mention)
                                  or ("in" if mention.actor.kind == "locality" else ""))
            if located and previous is not None and previous.is_place and sentence[previous.end:mention.start] == ", ":
                mention.place_word = previous.place_word  # "in Seoul, South Korea": one place
            previous = mention
        return _anchor_by_place(sentence, mentions)

    def _mention(self, sentence, start, end, hits: list[NameHit], role_at, name_at) -> Mention | None:
        persons = [hit for hit in hits if hit.form == PERSON]
        if persons:
            person = person_at(persons, self.memory.published).actor
            return Mention(start, end, out_of_office(person) if _after_former_title(sentence, start, role_at) else person,
                           possessive=bool(_POSSESSIVE.match(sentence, end)))
        dated = [hit for hit in hits if hit.form == NAME and (hit.actor.valid_from or hit.actor.valid_to)]
        hit = (in_force_at(dated, self.memory.published) if dated else None) or hits[0]
        if hit.form == CONTEXT and not self.memory.koreas_seen:
            return None
        if hit.form == PLACE:
            return None
        if hit.form == LOCALITY:
            return self._locality(sentence, start, end, hit.actor, role_at)
        actor = self.gazetteer.states.get(hit.actor.code, hit.actor) if hit.form == CONTEXT else hit.actor
        if hit.form == PEOPLE:
            actor = with_sector(actor, "CVL")
        if _MARKET_NOUN.match(sentence, end):
            return None  # "the Japanese yen", "U.S. stocks", "Chinese exports": a market, no actor
        if _AIRLINE_AFTER.match(sentence, end):
            return None  # "Egypt Air", "Qatar Airways", "Saudi Arabian Airlines": a company, not the state
        if _NAME_PAIR_AFTER.match(sentence, end) or _NAME_PAIR_BEFORE.search(sentence, max(0, start - 30), start):
            return None  # "the U.S.-Mexico border", "a North Korea-Russia arms deal": a modifier, no party
        if hit.form != SEAT and self._inside_a_name(sentence, start, end, role_at, name_at):
            return None  # "Aluminaid Team Singapore", "the Great British Class survey", "Chad Wolf"
        after = end
        possessive = _POSSESSIVE.match(sentence, after)
        if possessive:
            after = possessive.end()
        position = _skip_spaces(sentence, after)
        if position in name_at:  # "New Zealand's Luxon": the person, tagged with the country
            person_end, person_hits = name_at[position]
            people = [h for h in person_hits if h.form == PERSON]
            if people:
                return Mention(start, person_end, person_at(people, self.memory.published).actor,
                               possessive=bool(_POSSESSIVE.match(sentence, person_end)))
        lowered_role = role_at.get(position)
        if lowered_role is None:
            if hit.form == SEAT and not possessive and _seat_in_noun_phrase(sentence, start, end, self.gazetteer.cities):
                return None  # "the Stockholm attack", "Georgetown University": a place or a thing, not the state
            return Mention(start, end, actor, possessive=bool(possessive))
        role_end, role = lowered_role
        if role.kind == BODY:
            return Mention(start, role_end, with_sector(actor, role.sector))
        return self._titled(sentence, start, role_end, actor, role, name_at)

    @staticmethod
    def _inside_a_name(sentence: str, start: int, end: int, role_at, name_at) -> bool:
        """A country's name after a capitalised word that opens no sentence, or before one
        that is no role, person or date, is a word of a longer name (a team, a survey, a
        newspaper, a person), not the state; headlines in title case are left alone."""
        before = _CAPITALISED_BEFORE.search(sentence, max(0, start - 30), start)
        if before is not None:
            opening = sentence[:before.start()].rstrip(" \"“‘'(")
            if opening and opening[-1] not in ".!?:;-—–\n" and before.group(1) not in _NAME_PREFIXES \
                    and before.start() not in role_at and before.start() not in name_at and not title_case(sentence):
                return True
        position = _skip_spaces(sentence, end)
        after = _CAPITALISED_AFTER.match(sentence, end)
        return (after is not None and "." not in sentence[start:end] and not sentence[start:end].isupper()
                and after.group(1) not in _DATE_WORDS | _PLACE_TAILS and position not in role_at and position not in name_at
                and not title_case(sentence))

    def _locality(self, sentence: str, start: int, end: int, place: Actor, role_at) -> Mention:
        """"Ahmedabad police" is the police of India; "in Ahmedabad" is where it happened."""
        position = _skip_spaces(sentence, end)
        if position in role_at and role_at[position][1].kind == BODY:
            role_end, role = role_at[position]
            return Mention(start, role_end, Actor(sentence[start:role_end], place.code, "group", role.sector), local=True)
        return Mention(start, end, place, place_word="in")

    def _titled(self, sentence, start, title_end, country: Actor, role: RoleWord, name_at) -> Mention:
        """"South Korean President Yoon Suk Yeol", "Japan's foreign minister, Yoko Kamikawa"."""
        position = _skip_spaces(sentence, title_end)
        if sentence.startswith(",", position):
            position = _skip_spaces(sentence, position + 1)
        former = _said_former(sentence, start)
        if position in name_at:
            person_end, hits = name_at[position]
            people = [h for h in hits if h.form == PERSON]
            if people:
                holder = person_at(people, self.memory.published).actor
                return Mention(start, person_end, out_of_office(holder) if former else holder)
        span = _name_tokens(sentence, position) if position < len(sentence) else None
        if span is None:
            return Mention(start, title_end, with_sector(country, OUT_OF_OFFICE if former else role.sector))
        end = span[1] - 2 if sentence.endswith(("'s", "’s"), span[0], span[1]) else span[1]
        name = sentence[span[0]:end]
        person = Actor(name=name, code=country.code, kind="person", sector=role.sector, role=role.role)
        if former:
            return Mention(start, end, out_of_office(person), possessive=end < span[1])
        self.memory.learned.setdefault(name, (person, sentence))
        return Mention(start, end, person, possessive=end < span[1])

    def _remembered(self, sentence: str, found: list[Mention]) -> list[Mention]:
        """Bare names the article introduced earlier ("Yoon" after "President Yoon Suk Yeol")."""
        if not self.memory.names:
            return []
        taken = [(m.start, m.end) for m in found]
        extra = []
        for match in _CAPITALISED_RUN.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            words = match.group().split()
            for index, word in enumerate(words):
                actor = self.memory.names.get(word.rstrip("'’s")) or self.memory.names.get(word)
                if actor is not None:
                    word_start = match.start() + len(" ".join(words[:index])) + (1 if index else 0)
                    # the run holds the possessive ending ("Mugabe's critics"): the name ends before it
                    owner = word.endswith(("'s", "’s")) and self.memory.names.get(word[:-2]) is actor
                    word_end = word_start + len(word) - (2 if owner else 0)
                    extra.append(Mention(word_start, word_end, actor,
                                         possessive=owner or bool(_POSSESSIVE.match(sentence, word_end))))
                    break
        return extra


# "former President X", "then Secretary of State Y", "ex-premier Z", "the late king": no longer in
# office when the article speaks of them.
_FORMER = re.compile(r"\b(?:former|then|ex|late|erstwhile|one-time)[\s-]+$", re.IGNORECASE)


def _after_former_title(sentence: str, start: int, role_at) -> bool:
    """Whether a title said to be past stands right before ``start``, or opens the name matched there
    ("the former prime minister Nawaz Sharif", "Former President Barack Obama")."""
    return _said_former(sentence, start) or any(
        role.kind == TITLE and _skip_spaces(sentence, role_end) == start and _said_former(sentence, role_start)
        for role_start, (role_end, role) in role_at.items())


def _said_former(sentence: str, position: int) -> bool:
    return _FORMER.search(sentence, max(0, position - 16), position) is not None


def with_sector(actor: Actor, sector: str) -> Actor:
    if not sector or actor.sector == sector:
        return actor
    return Actor(actor.name, actor.code, actor.kind, sector, actor.role, actor.valid_from, actor.valid_to)


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] == " ":
        position += 1
    return position


# Words after a capital that still leave it standing for its government ("Moscow Monday said").
_DATE_WORDS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
                         "February", "March", "April", "May", "June", "July", "August", "September", "October",
                         "November", "December", "On", "In", "And", "But"})
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|this|that)\s+$", re.IGNORECASE)
_CAPITALISED_AFTER = re.compile(r" ([A-Z][a-z]+)")
# Words after a name that make it a place of the country, not a longer name ("Gaza City").
_PLACE_TAILS = frozenset({"City", "Strip", "Province", "Region", "District", "Governorate", "County", "Valley",
                          "Coast", "Island", "Islands", "Peninsula", "Border"})
_CAPITALISED_BEFORE = re.compile(r"\b([A-Z][a-z]+) $")
# Capitalised words that qualify a country without making a longer name of it ("Northern Syria").
_NAME_PREFIXES = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
                            "Mainland", "Greater", "Occupied"}) | _DATE_WORDS


def _seat_in_noun_phrase(sentence: str, start: int, end: int, cities: frozenset[str]) -> bool:
    """A capital city inside a noun phrase ("the Stockholm attack", "the Madrid peace talks") or
    a seat opening a longer name ("Georgetown University", "Paris Agreement") names a place or a
    thing; it stands for the government only as a noun of its own ("Beijing protested", "the
    Kremlin said": a seat that is no city takes the article)."""
    if sentence[start:end] in cities and _ARTICLE_BEFORE.search(sentence, max(0, start - 6), start):
        return True
    following = _CAPITALISED_AFTER.match(sentence, end)
    return following is not None and following.group(1) not in _DATE_WORDS and not title_case(sentence)


def title_case(sentence: str) -> bool:
    """Headline style ("Tokyo, Seoul Target Arms Deal With Sanctions"): most words capitalised."""
    words = [w for w in sentence.split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) > 0.6 * len(words)


def _place_preposition(sentence: str, start: int) -> str:
    before = sentence[max(0, start - 40):start].lower().split()
    for word in reversed(before[-3:]):
        word = word.strip(",")
        if word in PLACE_PREPOSITIONS:
            return word
        if word not in PLACE_MODIFIERS:
            return ""
    return ""


def _venue_word(sentence: str, mention: Mention) -> str:
    """"at" for an organisation named as a gathering ("the APEC summit"), else ""."""
    if mention.actor.kind == "org" and _GATHERING_AFTER.match(sentence, mention.end):
        return "at"
    return ""


def _unanchored(sentence: str, roles: list[tuple[int, int, RoleWord]], found: list[Mention]) -> list[Mention]:
    """Role words that name an actor without a country ("protesters", "mayor Ekrem Imamoglu").

    Their code stays "" here; the event rules give them the country of a place ("police in
    Georgia"), of the other side of a domestic event, or drop them.
    """
    extra = []
    for start, end, role in roles:
        if not role.alone or any(m.start <= start < m.end for m in found):
            continue
        if role.sector in INDIVIDUAL_SECTORS and _INDEFINITE.search(sentence, 0, start):
            continue  # "a hunter", "a man": one person's deed is no event between political actors
        if role.kind == TITLE:
            name = _name_tokens(sentence, _skip_spaces(sentence, end))
            if name is not None:
                person = Actor(sentence[name[0]:name[1]], "", "person", role.sector, role.role)
                extra.append(Mention(start, name[1], out_of_office(person) if _said_former(sentence, start) else person))
                continue
        extra.append(Mention(start, end, Actor(sentence[start:end], "", "group", role.sector),
                             possessive=bool(_POSSESSIVE.match(sentence, end))))
    return extra


def _anchor_by_place(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """"Police in Georgia", "nurses in South Korea": the place gives the group its country."""
    anchored: list[Mention] = []
    for mention in mentions:
        previous = anchored[-1] if anchored else None
        if (previous is not None and not previous.actor.code and mention.actor.kind in ("state", "locality")
                and mention.place_word == "in" and sentence[previous.end:mention.start] == " in "):
            anchored[-1] = Mention(previous.start, mention.end, _with_code(previous.actor, mention.actor.code),
                                   place_word=previous.place_word)
            continue
        anchored.append(mention)
    return anchored


def with_code(mention: Mention, code: str) -> Mention:
    """The mention with its actor's country set (a group known only by its role)."""
    return Mention(mention.start, mention.end, _with_code(mention.actor, code), mention.possessive,
                   mention.place_word, mention.speaker, mention.discourse)


def _with_code(actor: Actor, code: str) -> Actor:
    return Actor(actor.name, code, actor.kind, actor.sector, actor.role, actor.valid_from, actor.valid_to)

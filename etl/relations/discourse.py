"""Actors carried across sentences: a small salience model over the last few sentences.

News prose names an actor once and then says "he", "it", "the minister", "the three leaders" or
"rejected the criticism". Without a parser we keep, per recent sentence, its actors ranked
subject first, its compound actors and its events, and resolve such phrases to the most recent
compatible entry. Resolved mentions carry ``discourse`` so the facts they feed say so.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

from .events import Event, compound_groups, sentence_subject
from .gazetteer import gazetteer
from .lexicon import BODY, TITLE, RoleWord
from .mentions import Mention, with_sector
from .model import Actor

# Sentences an anaphor may reach back over: further back, news text re-names its actors.
MEMORY_SENTENCES = 3
NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
GROUP_NOUNS = ("leaders|ministers|presidents|countries|nations|governments|sides|allies|neighbours|"
               "neighbors|delegations")
GROUP_PHRASE = re.compile(  # the lookahead of the first letters only lets the search skip faster
    rf"(?=[tb])\b(?:the (?:(two|three|four|five) )?({GROUP_NOUNS})|(both) ({GROUP_NOUNS})|the (two|three|four) "
    rf"(?=also |then |later |have |had |will |would |jointly |agreed ))\b")
# "the leaders of Japan and China": the actors are named right after, nothing to resolve.
NAMED_AFTER = re.compile(r" of (?:the )?[A-Z]")
# Nouns naming states: "the three countries" stands for the countries of the leaders named before.
STATE_NOUNS = frozenset({"countries", "nations", "governments", "neighbours", "neighbors"})
# "it" stands for an earlier actor only as the subject of a clause: after these, or opening the
# sentence; elsewhere it is an object ("bring it back down", "eat it frozen").
CLAUSE_OPENERS = frozenset({"and", "but", "that", "said", "says", "because", "as", "when", "while", "after",
                            "before", "since", "if", "so", "where", "although", "though"})
PRONOUN = re.compile(r"\b(he|she|it|its|they|their)\b")
# "It was the first…", "it is unclear…": no actor.
EXPLETIVE_IT = re.compile(r"(?:is|was|'s|’s|has been|had been|would be|will be|remains|seems)\b")
# A title's role and the office-holder roles it may refer back to ("the minister" -> a foreign,
# defence or other minister; "the leader" -> a head of state or government).
ROLE_REFERENTS = {"GOV": frozenset({"GOV", "FM", "DM"}), "LEAD": frozenset({"LEAD", "HOS", "HOG"})}
# Nouns referring back to an earlier event, and the event types they can name ("rejected the
# criticism" answers the last ACCUSE; "" names any type).
REFERRED_EVENTS = {
    "criticism": "ACCUSE", "accusation": "ACCUSE", "accusations": "ACCUSE", "allegation": "ACCUSE",
    "allegations": "ACCUSE", "charges": "ACCUSE", "condemnation": "ACCUSE",
    "statement": "", "remarks": "", "comments": "", "move": "", "decision": "",
    "attack": "ASSAULT", "attacks": "ASSAULT", "strike": "ASSAULT", "strikes": "ASSAULT",
    "drills": "MOBILIZE", "exercises": "MOBILIZE", "deployment": "MOBILIZE",
    "pact": "AGREE", "deal": "AGREE", "agreement": "AGREE", "treaty": "AGREE",
    "meeting": "CONSULT", "talks": "CONSULT", "summit": "CONSULT", "visit": "CONSULT",
    "proposal": "AGREE", "offer": "AGREE", "sanctions": "SANCTION",
}
# Answers to an earlier event: the event's actors become the missing target.
RESPONSE_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT"})
# Events whose every participant is meant by "the meeting", "the pact".
JOINT_TYPES = frozenset({"AGREE", "CONSULT"})
_REFERENCE = re.compile(r"\s+(?:the|this|that|their|its)\s+((?:[a-z-]+\s+){0,2}?[a-z]+)\b")


@dataclass
class _Recalled:
    """One earlier sentence as the salience model keeps it."""

    ranked: list[tuple[Mention, str]]  # actors, subject first, with their lower-cased text
    groups: list[list[Mention]]        # compound actors, subject first
    events: list[Event]


def _copy(mention: Mention, start: int, end: int, how: str, actor: Actor | None = None,
          possessive: bool = False) -> Mention:
    return Mention(start, end, actor or mention.actor, possessive=possessive, discourse=how)


def _state(actor: Actor) -> Actor:
    """The state a person or body belongs to ("the three countries" after three leaders)."""
    return gazetteer().states.get(actor.code, actor)


class Salience:
    """The recent sentences of one article, newest last."""

    def __init__(self) -> None:
        self.recent: deque[_Recalled] = deque(maxlen=MEMORY_SENTENCES)

    def resolve(self, sentence: str, lower: str, mentions: list[Mention],
                roles: list[tuple[int, int, RoleWord]]) -> list[Mention]:
        """``mentions`` plus the actors its anaphors stand for, in sentence order."""
        taken = [(m.start, m.end) for m in mentions]

        def free(start: int, end: int) -> bool:
            return not any(s < end and start < e for s, e in taken)

        extra = self._groups_named(sentence, lower, mentions, free)
        for start, end, role in roles:
            if lower[max(0, start - 4):start] != "the " or not free(start, end):
                continue
            if role.kind == TITLE and not sentence[end + 1:end + 2].isupper():
                extra.extend(self._office_holder(start, end, role, mentions))
            elif role.kind == BODY and not role.alone:
                extra.extend(self._body(start, end, lower[start:end].split()[-1]))
        if self.recent:
            actors_before = [m for m in mentions + extra if not m.is_place]
            extra.extend(self._pronoun(lower, actors_before, roles, free))
        return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions

    def _groups_named(self, sentence, lower, mentions, free) -> list[Mention]:
        """"the two leaders", "both sides", "the three countries": the latest compound actor of
        that size, in this sentence or an earlier one."""
        extra: list[Mention] = []
        for match in GROUP_PHRASE.finditer(lower):
            if not free(match.start(), match.end()) or NAMED_AFTER.match(sentence, match.end()):
                continue
            number = next((NUMBERS[g] for g in (match.group(1), match.group(3), match.group(5)) if g), 0)
            noun = match.group(2) or match.group(4) or ""
            before = [m for m in mentions if m.end <= match.start() and not m.is_place]
            group = self._latest_group(compound_groups(before, sentence), number)
            if not group and number:
                group = self._latest_distinct(before, number)
            to_state = noun in STATE_NOUNS
            extra.extend(_copy(m, match.start(), match.end(), "group", _state(m.actor) if to_state else None)
                         for m in group)
        return extra

    def _latest_group(self, current: list[list[Mention]], number: int) -> list[Mention]:
        def fits(group: list[Mention]) -> bool:
            codes = {m.actor.code for m in group}
            return len(group) > 1 and len(codes) == len(group) and (not number or len(group) == number)
        for group in reversed(current):
            if fits(group):
                return group
        for recalled in reversed(self.recent):
            for group in recalled.groups:
                if fits(group):
                    return group
        return []

    def _latest_parties(self) -> list[Mention]:
        """"Yoon met Luxon. They condemned …": the two sides of a meeting or agreement in the
        sentence just before, when it names no compound actor of its own."""
        if not self.recent:
            return []
        recalled = self.recent[-1]
        if any(len(group) > 1 for group in recalled.groups):
            return []
        for event in reversed(recalled.events):
            if event.trigger.relation_type in JOINT_TYPES and event.sources and event.targets:
                parties = event.sources + event.targets
                if len({m.actor.code for m in parties}) == len(parties):
                    return parties
        return []

    def _latest_distinct(self, before: list[Mention], number: int) -> list[Mention]:
        """No compound actor of that size: the ``number`` most recent actors of distinct states
        ("Putin arrived … greeted by Kim. The two leaders signed …")."""
        chosen: dict[str, Mention] = {}
        candidates = list(reversed(before)) + [m for r in reversed(self.recent) for m, _ in r.ranked]
        for mention in candidates:
            if mention.actor.code and mention.actor.kind != "org" and len(chosen) < number:
                chosen.setdefault(mention.actor.code, mention)
        return list(chosen.values()) if len(chosen) == number else []

    def _office_holder(self, start: int, end: int, role: RoleWord, mentions: list[Mention]) -> list[Mention]:
        """"the minister", "the president": the latest person holding a matching office."""
        accepted = ROLE_REFERENTS.get(role.role, frozenset({role.role}))
        before = [m for m in reversed(mentions) if m.end <= start]
        for mention in before + [m for r in reversed(self.recent) for m, _ in r.ranked]:
            if mention.actor.kind == "person" and mention.actor.role in accepted:
                return [_copy(mention, start, end, "role")]
        return []

    def _body(self, start: int, end: int, head: str) -> list[Mention]:
        """"the ministry" after "Pyongyang's foreign ministry": the latest body with that head noun."""
        for recalled in reversed(self.recent):
            for mention, text in recalled.ranked:
                if mention.actor.kind != "person" and text.endswith(head):
                    return [_copy(mention, start, end, "body")]
        return []

    def _pronoun(self, lower, actors_before, roles, free) -> list[Mention]:
        """A pronoun before any actor of its sentence: "He urged Xi …", "Its air force struck …"."""
        for match in PRONOUN.finditer(lower):
            if any(m.start < match.start() for m in actors_before):
                return []
            word = match.group()
            if word == "it" and (EXPLETIVE_IT.match(lower, match.end() + 1) or not _opens_clause(lower, match.start())):
                continue
            end, sector = match.end(), ""
            if word in ("its", "their"):  # "its coast guard": the body of the antecedent
                body = next(((e, r) for s, e, r in roles if s == end + 1 and r.kind == BODY), None)
                if body is not None:
                    end, sector = body[0], body[1].sector
            if not free(match.start(), end):
                return []
            antecedents = self._antecedents(word)
            return [_copy(m, match.start(), end, "pronoun", with_sector(m.actor, sector),
                          possessive=word in ("its", "their")) for m in antecedents]
        return []

    def _antecedents(self, pronoun: str) -> list[Mention]:
        if pronoun in ("they", "their"):
            return self._latest_parties() or self._latest_group([], 0)
        wanted_person = pronoun in ("he", "she")
        # "he"/"she" points back one sentence only: further back, people the gazetteer does not
        # know ("Senate leader Charles Schumer said …") stand between it and a known name.
        for recalled in list(self.recent)[-1:] if wanted_person else reversed(self.recent):
            for mention, _ in recalled.ranked:
                if (mention.actor.kind == "person") == wanted_person and mention.actor.code:
                    return [mention]
        return []

    def answer_responses(self, lower: str, events: list[Event]) -> None:
        """"Manila rejected the criticism": the missing target is whoever made the criticism."""
        for event in events:
            if event.targets or event.trigger.relation_type not in RESPONSE_TYPES:
                continue
            # the referring noun may close the trigger phrase itself ("called the attack")
            reference = _REFERENCE.search(lower, event.start + 1, event.end + 40)
            if reference is None or reference.start() > event.end:
                continue
            noun = next((w for w in reference.group(1).split() if w in REFERRED_EVENTS), None)
            if noun is None:
                continue
            own = {m.actor.code for m in event.sources}
            earlier = self._latest_event(REFERRED_EVENTS[noun], own)
            if earlier is not None:
                actors = earlier.sources + (earlier.targets if earlier.trigger.relation_type in JOINT_TYPES else [])
                event.targets = [_copy(m, reference.start(1), reference.end(1), "response") for m in actors]

    def _latest_event(self, relation_type: str, own_codes: set[str]) -> Event | None:
        for recalled in reversed(self.recent):
            for event in reversed(recalled.events):
                if (relation_type in ("", event.trigger.relation_type) and event.sources
                        and not own_codes & {m.actor.code for m in event.sources}):
                    return event
        return None

    def remember(self, sentence: str, lower: str, mentions: list[Mention], events: list[Event]) -> None:
        actors = [m for m in mentions if not m.is_place]
        said = [m for m in actors if not m.speaker]
        subject = sentence_subject(sentence, said)
        ranked = subject + [m for m in said if m not in subject] + [m for m in actors if m.speaker]
        groups = compound_groups(said, sentence)  # the subject's first
        self.recent.append(_Recalled([(m, lower[m.start:m.end]) for m in ranked], groups, events))


def _opens_clause(lower: str, position: int) -> bool:
    before = lower[max(0, position - 20):position].rstrip()
    if not before or before[-1] in ",;:\"“(—–":
        return True
    return before.split()[-1] in CLAUSE_OPENERS

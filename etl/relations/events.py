"""Events in one sentence: triggers joined to their source and target actors, with polarity.

Rules work on character spans and a handful of cue words around each trigger; there is no
parser. Each trigger looks left (back to the previous trigger or reporting verb) for its source
and right (up to the next trigger) for its target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .dates import WEEKDAYS
from .lexicon import FRAME, NONE, NOUN, POSSESSED, PREPOSITIONS, VERB, Readings, Trigger
from .matching import word_sets
from .mentions import Mention, with_code
from .mentions import title_case as sentence_in_title_case
from .model import Actor

# The cue-word lists live in data/cues.toml, each with the reason it exists.
_CUES = word_sets("cues.toml")
NEGATION_CUES = _CUES["words.negation"]
HYPOTHETICAL_CUES = _CUES["words.hypothetical"]
INTENT_WORDS = HYPOTHETICAL_CUES - _CUES["words.not_intent"]
# "trying to bolster cooperation": an attempt is not the event; only right before the trigger, so
# "ramsevaks who tried to enter … were arrested" stays an arrest.
ATTEMPT = re.compile(r"\b(?:trying|tries|tried|attempting|attempts|attempted|seeking|seeks|sought)\s+to\s+(?:\S+\s+){0,2}$")
# "proposed that Israel withdraw … while the army deploys": everything in the complement of a
# proposal or demand is only wanted, whatever clause breaks it contains (up to a semicolon).
DIRECTIVE_THAT = re.compile(r"\b(?:propos|suggest|urg|demand|request|recommend)(?:ed|es|s|e)? that\b")
FUTURE_AFTER = _CUES["words.future_after"]
DEMAND_TYPES = _CUES["types.demand"]
PLACE_IS_TARGET = _CUES["types.place_is_target"]
# Reporting verbs closing a sentence (", analysts warned."): what they report is not their event.
TAIL_SPEECH = re.compile(r"\b(?:said|says|told|added|reported|warned|alleged|noted|claimed|confirmed)\b")
# These two are searched many times a sentence: the lookahead of their alternatives' first
# characters lets the engine pass every other position at once (same matches, ~40% less time).
SPEECH = re.compile(r"(?=[stracqw])\b(?:said|says|told|added|reported|according to|quoted|citing|confirmed|warned that|"
                    r"announced(?! (?:a|an|the|new|its|their|plans)\b))\b")
CLAUSE_BREAK = re.compile(r"(?=[;,wabuo ])(?:;|, while\b|, but\b|\bwhile\b|\bafter\b|, saying\b|, which\b|, who\b|, where\b"
                          r"| as a\b|\bbecause\b|\buntil\b|\bonce\b(?! again)| -- | [–—] )")
# A relative clause closed by a comma between a subject and its verb ("Japan, which has said it
# would…, condemned"), or a passive participle's ("China, accused by the U.S. of hacking,
# denied"): its actors, speech verbs, modals and negations belong to it, not to the verb.
RELATIVE_CLAUSE = re.compile(r", (?:which\b|who\b|whose\b|(?:[a-z]+ly )?[a-z]+(?:ed|en) by\b)[^,;]*,")
SUBJECT_PRONOUNS = _CUES["words.subject_pronouns"]
SAID_BEFORE = re.compile(r"\b(?:said|says|announced|claimed|added|insisted)\s*$")
# "… and killed": a verb coordinated with the previous one shares its subject.
COORDINATED = re.compile(r"(?:^|[\s,])and\s+(?:(?:then|also|[a-z]+ly)\s+)?$")
# "…, while pledging", "after meeting": a participle clause sharing the sentence's subject.
PARTICIPLE_CLAUSE = re.compile(r"(?:,\s*|\b)(?:while|after|before|when)\s+([a-z]+ing\s+(?:to\s+)?)?$")
RECIPROCAL = re.compile(r"\s*(?:each other|one another)\b")
TOWARD_PREPOSITIONS = _CUES["words.toward_prepositions"]
QUANTIFIERS = _CUES["words.quantifiers"]
# "a wave of", "a fresh series of", "a string of drone": a measure of the events named right after it.
MEASURE_BEFORE = re.compile(r"\b(?:a|an|the)\s+(?:[a-z]+\s+)?(?:" + "|".join(_CUES["words.quantity_nouns"])
                            + r")\s+of\s+(?:[a-z-]+\s+)?$")
LIGHT_VERBS = _CUES["words.light_verbs"]
CONFLICT_TYPES = _CUES["types.conflict"]
JOINT_TYPES = _CUES["types.joint"]
FIRST_PERSON = _CUES["words.first_person"]
NEEDS_TARGET = _CUES["types.needs_target"]
COOPERATION_TYPES = _CUES["types.cooperation"]
CIVIL_SECTORS = _CUES["sectors.civil"]
PASSIVE_AUX = _CUES["words.passive_aux"]
ING_HOSTS = PASSIVE_AUX | _CUES["words.ing_hosts"]
PASSIVE_ADVERBS = _CUES["words.passive_adverbs"]
DETERMINERS = _CUES["words.determiners"]
_JOINER = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|as well as\s+)$")
# ", and" after a single actor joins clauses ("expelled a Pakistani diplomat, and Islamabad …");
# it joins actors only closing a list ("Britain, France, and Germany").
_CLAUSE_AND = re.compile(r"^\s*,\s*and\s+$")
BACKGROUND_PREPOSITIONS = _CUES["words.background_prepositions"]
_WORDS = re.compile(r"[a-z0-9']+")
_NAME_WORD = re.compile(r"\b[A-Z][a-z]+\b")
BETWEEN_SUBJECT_AND_VERB = _CUES["words.between_subject_and_verb"]
IRREGULAR_PAST = _CUES["words.irregular_past"]
# Words that are never the head noun of a subject ("the Chinese in order to", "has shown signs").
NOT_HEAD_NOUNS = PREPOSITIONS | DETERMINERS | PASSIVE_AUX | {"has", "have", "had"}
MAX_SOURCE_GAP_WORDS = 12
PETRARCH_SUBJECT_GAP = 3
MAX_TARGET_GAP_WORDS = 10


@dataclass
class Event:
    trigger: Trigger
    start: int
    end: int
    sources: list[Mention]
    targets: list[Mention]
    location: Mention | None
    negated: bool
    hypothetical: bool
    confidence: float
    rule_id: str
    reciprocal: bool = False  # "X and Y accused each other": every source acts on every other


def compound_groups(mentions: list[Mention], sentence: str) -> list[list[Mention]]:
    """Mentions joined by "and" / commas form one compound actor; so do the actors one phrase
    stands for ("the three leaders": several mentions sharing one span)."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups and mention.start == groups[-1][-1].start and mention.discourse:
            groups[-1].append(mention)
            continue
        between = sentence[groups[-1][-1].end:mention.start] if groups else ""
        if groups and _JOINER.match(between) and (len(groups[-1]) > 1 or not _CLAUSE_AND.match(between)):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _words(text: str) -> list[str]:
    return _WORDS.findall(text)


def _trailing_attribution_start(lower: str) -> int:
    """Start of a closing ", X said." so its speakers are not taken as targets."""
    comma = lower.rfind(",")
    if comma < 0:
        return len(lower)
    tail = lower[comma:]
    speech = TAIL_SPEECH.search(tail)
    if speech and len(_words(tail)) <= 8 and len(_words(tail[speech.end():])) <= 3:
        return comma
    return len(lower)


def _speaker_spans(lower: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"according to|citing", lower):
        end = lower.find(",", match.end())
        spans.append((match.start(), end if end > 0 else len(lower)))
    return spans


def _mask_relative_clauses(lower: str) -> str:
    return RELATIVE_CLAUSE.sub(lambda match: " " * len(match.group()), lower)


def _in_sense(lower: str, triggers: list[tuple[int, int, list[Trigger]]]) -> list[tuple[int, int, list[Trigger]]]:
    """Keep the readings whose sense columns fit the words around them ("lifted sanctions")."""
    kept = []
    for start, end, alternatives in triggers:
        following = _words(lower[end:end + 80])[:10]
        preceding = _words(lower[max(0, start - 50):start])[-6:]
        nearby = frozenset(following + preceding)
        fitting = []
        for trigger in alternatives.candidates(nearby) if isinstance(alternatives, Readings) else alternatives:
            if isinstance(trigger, Trigger) and trigger.fits(following, preceding, nearby, lower.startswith(",", end),
                                                             bool(preceding) and preceding[-1] in PASSIVE_AUX):
                fitting.append(trigger)
                if trigger.petrarch:
                    break  # the field lexicon's first fitting reading is its reading
        if kept and lower[start:end] in kept[-1][2][0].needs:
            continue  # the object that gave the previous trigger its sense ("lift its ban")
        if fitting and fitting[0].role != NONE:
            kept.append((start, end, fitting))
    return kept


# A quotation of this many words or more is someone's speech; fewer are a term in quotes
# ("killed several "terrorists"").
QUOTATION_WORDS = 4
_QUOTATION = re.compile(r'"[^"]*(?:"|$)|“[^”]*(?:”|$)')


def _quotations(sentence: str) -> list[tuple[int, int]]:
    """Spans of the sentence inside quotation marks (to its end when the quote is not closed in
    it), of ``QUOTATION_WORDS`` words or more. A quote reports events only in the past tense (an
    official's "two persons have been killed in police firing"); its other event words are a
    characterisation ("called it the "biggest terrorist attack this year""), a principle ("an
    attack on any member state is an attack on us all"), a plan or a joke."""
    return [match.span() for match in _QUOTATION.finditer(sentence)
            if len(_words(match.group().lower())) >= QUOTATION_WORDS]


def _titles(sentence: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The quotations written in title case: a headline or a work's title ("“How an American
    Ended Up Accused of Aiding ISIS”") names a story, it reports no event, in any tense."""
    return [(s, e) for s, e in quotes if sentence_in_title_case(sentence[s + 1:e].strip("\"”.,"))]


def _past_tense(phrase: str) -> bool:
    verb = phrase.split()[0]
    return verb.endswith(("ed", "en")) or verb in IRREGULAR_PAST


# How far before its clause a time expression still dates the clause's event ("three years
# after the police shooting", "In 1997, Clinton imposed").
CLAUSE_LEAD_CHARACTERS = 25


def clause_around(lower: str, start: int, end: int) -> str:
    """The clause holding a trigger (between clause breaks), with the few words before it."""
    opening = max((match.start() for match in CLAUSE_BREAK.finditer(lower, 0, start)), default=0)
    closing = CLAUSE_BREAK.search(lower, end)
    return lower[max(0, opening - CLAUSE_LEAD_CHARACTERS):closing.start() if closing else len(lower)]


def _left_boundary(lower: str, position: int, previous_end: int) -> int:
    boundary = previous_end
    for pattern in (SPEECH, CLAUSE_BREAK):
        for match in pattern.finditer(lower, boundary, position):
            boundary = max(boundary, match.end())
    return boundary


def _is_passive(lower: str, start: int, phrase: str) -> bool:
    if phrase.split()[0] in PASSIVE_AUX:
        return True
    if any(word.endswith("ing") for word in phrase.split()):
        return False  # "are jointly developing"
    before = _words(lower[max(0, start - 25):start])
    if len(before) > 2 and before[-2] == "on" and before[-1] in WEEKDAYS:
        before = before[:-2]  # "were on Wednesday taken into custody"
    # "was hit with water cannon by the coast guard": the weapon of a passive verb is its event;
    # "was shot and killed by police": a participle sharing the auxiliary of the one before it
    return bool(before) and (before[-1] in PASSIVE_AUX or (len(before) > 1 and before[-2] in PASSIVE_AUX
                                                           and (before[-1].endswith("ly") or before[-1] in PASSIVE_ADVERBS))
                             or len(before) > 2 and before[-1] in ("with", "and") and before[-3] in PASSIVE_AUX)


# "Two Australian clubbers arrested in Bali", "refugees evicted from the church": a participle
# right after the people it was done to, with no auxiliary, followed by where, why or when.
_RELATIVE_PARTICIPLE_AFTER = re.compile(r" (?:in|for|from|at(?! least| most)|on|after|over|during|near|by|outside|under|since|last|earlier)\b")
_HEAD_NOUN_GAP = re.compile(r" (?:([a-z]+) )?")  # "Australian clubbers arrested"
_INTRANSITIVE_PAST = frozenset({"fired", "clashed", "intervened", "retaliated", "rioted", "opened", "marched", "gathered"})


def _reduced_relative(lower: str, start: int, end: int, trigger: Trigger, left: list[Mention]) -> bool:
    """A force verb in the past participle describing the actor right before it is a passive."""
    return (trigger.relation_type in PLACE_IS_TARGET and " " not in trigger.phrase and trigger.phrase.endswith("ed")
            and trigger.phrase not in _INTRANSITIVE_PAST and bool(left) and (gap := _HEAD_NOUN_GAP.fullmatch(lower, left[-1].end, start)) is not None
            and not (gap.group(1) and (gap.group(1) in NOT_HEAD_NOUNS | BETWEEN_SUBJECT_AND_VERB or gap.group(1).endswith("ly")))
            and left[-1].actor.sector not in STATE_AGENT_SECTORS and bool(_RELATIVE_PARTICIPLE_AFTER.match(lower, end)))


# An aside between commas ("X, chairman of the planning committee, was arrested"; "police did
# not produce X, who was also detained"): its words describe someone, not the event's polarity.
_APPOSITIVE = re.compile(r",[^,]*,")


def _polarity(lower: str, window_start: int, trigger_start: int, trigger_end: int, clause_end: int) -> tuple[bool, bool]:
    window = _words(_APPOSITIVE.sub(" ", lower[window_start:trigger_start]))
    negated = any(word in NEGATION_CUES or word.endswith("n't") for word in window)
    negated = negated or lower.startswith("not ", trigger_end + 1) or lower.startswith("never", trigger_start - 6)
    hypothetical = any(word in HYPOTHETICAL_CUES for word in window) or bool(
        ATTEMPT.search(lower, max(window_start, trigger_start - 40), trigger_start))
    after = lower[trigger_end:clause_end]
    hypothetical = hypothetical or any(cue in after for cue in FUTURE_AFTER)
    return negated, hypothetical


CONDITION_OPENERS = _CUES["words.condition_openers"]


def _in_condition(lower: str, position: int) -> bool:
    """True inside a condition clause (the condition, not the consequence)."""
    opening = max(lower.rfind(word, 0, position) for word in CONDITION_OPENERS)
    if opening < 0 or (opening > 0 and lower[opening - 1].isalpha()) or lower.startswith("once again", opening):
        return False
    return "," not in lower[opening:position]


def code_events(sentence: str, lower: str, mentions: list[Mention],
                triggers: list[tuple[int, int, list[Trigger]]], home: str = "") -> list[Event]:
    """The events of one sentence. ``home``: the country of police and troops known only by
    their role ("police arrested 25 people") when neither the place of the event nor the
    sentence's actors tell it (the outlet's country, see coder.code_article)."""
    # The field lexicon's verbs code dyadic events only: without a mention on each side there
    # is nothing to try (most of them, on most sentences), unless its doer follows it after "by"
    # (see the one-party rule in _code_trigger). Its words that say an event is only
    # intended ("ready", "plans") are cues here, not events.
    # An agent noun capitalised inside a name ("the Armed Forces Day parade") is no actor, as a
    # capitalised trigger word is no event (below); unless the sentence is a headline in title case.
    named = mentions
    capitalised_inside = any(m.start > 0 and m.actor.kind == "group" and not m.actor.code and sentence[m.start].isupper()
                             for m in mentions) or any(t[0] > 0 and sentence[t[0]].isupper() for t in triggers)
    title_case = capitalised_inside and sentence_in_title_case(sentence)
    mentions = [m for m in mentions if title_case or m.start == 0 or not (
        m.actor.kind == "group" and not m.actor.code and sentence[m.start].isupper())]
    first_start, last_end = min((m.start for m in mentions), default=0), max((m.end for m in mentions), default=0)
    triggers = [t for t in triggers if not t[2][0].petrarch or (
        (first_start < t[0] or DOER_AFTER.match(lower, t[1])) and t[1] < last_end
        and t[2][0].phrase not in INTENT_WORDS and not TAIL_SPEECH.fullmatch(t[2][0].phrase))]
    triggers = _in_sense(lower, triggers)
    attribution_start = _trailing_attribution_start(lower)
    speaker_spans = _speaker_spans(lower)
    actors = []
    for mention in mentions:
        mention.speaker = mention.start >= attribution_start or any(
            s <= mention.start < e for s, e in speaker_spans)
        if not mention.speaker:
            actors.append(mention)
    # A trigger word inside a name ("Rapid Support Forces", "the Armed Forces", "Call Center")
    # is no event: in a sentence not written in title case a capitalised word after the first
    # belongs to a name.
    # "Western-backed", "U.S.-brokered": a participle inside a compound adjective is no event.
    quotes = _quotations(sentence)
    titles = _titles(sentence, quotes)
    triggers = [t for t in triggers if t[0] < attribution_start and not any(m.start <= t[0] < m.end for m in named)
                and lower[t[0] - 1:t[0]] != "-" and (title_case or t[0] == 0 or not sentence[t[0]].isupper())
                and not (any(s <= t[0] < e for s, e in quotes) and not _past_tense(t[2][0].phrase))
                and not any(s <= t[0] < e for s, e in titles)
                and not _is_background(sentence, lower, t[0], t[1], named)
                and not _attributive(lower, t[0], t[1], t[2][0].phrase, named)
                and not lower.startswith(" short of", t[1])]  # "stopped short of calling for": not done
    if not triggers:
        return []  # nothing to code; the speakers marked above still rank lower in the discourse memory
    masked = _mask_relative_clauses(lower)
    # The one country the sentence is about, if only one: home of "protesters" with no place.
    context_code = _single_code([m for m in actors if not m.is_place and m.actor.code])
    subject = sentence_subject(sentence, actors)
    complement = _directive_complement(lower)
    view = SentenceView(sentence, masked, lower, actors, context_code, home)
    events: list[Event] = []
    previous_end = 0
    previous_sources: list[Mention] = []
    previous_targets: list[Mention] = []
    frame: Trigger | None = None
    before_clause = None  # the state before a relative clause's triggers, restored after them
    for index, (start, end, alternatives) in enumerate(triggers):
        if not masked[start:end].strip():
            before_clause = before_clause or (previous_end, previous_sources, previous_targets, frame)
        elif before_clause is not None:
            # "China, accused by the U.S. of hacking, denied": the verb after the clause reads
            # its subject and boundaries as if the clause were not there
            (previous_end, previous_sources, previous_targets, frame), before_clause = before_clause, None
        trigger = alternatives[0]
        next_start = triggers[index + 1][0] if index + 1 < len(triggers) else attribution_start
        if trigger.role == FRAME and trigger.mode == "pledge" and index + 1 < len(triggers) \
                and triggers[index + 1][2][0].relation_type in HOSTILE_TYPES and PLEDGED_ACT.fullmatch(lower, end, next_start):
            # "pledged to punish the Palestinian Authority", "vowed to continue attacks": a threat
            trigger = replace(trigger, relation_type="THREATEN", mode="")
            alternatives = [trigger]
        if _swallows(trigger):
            next_start = attribution_start  # its embedded triggers are dropped, not boundaries
        break_after = CLAUSE_BREAK.search(lower, end, next_start)
        right_end = break_after.start() if break_after else next_start
        left_start = _left_boundary(masked, start, previous_end)
        embedded_to = lower[max(0, start - 4):start] == " to " or lower[max(0, start - 3):start] == "to "
        new_clause = left_start > previous_end
        if frame is not None and not new_clause and (embedded_to or _swallows(frame)):
            if _swallows(frame) and trigger.role != POSSESSED:
                previous_end = end
                continue
        if (_is_modifier(lower, start, trigger.phrase) and not _actor_noun_event(trigger, lower, start, end, actors)) or _describes(
                lower, start, trigger.phrase, previous_targets):
            previous_end = previous_end if trigger.petrarch else end
            continue
        purpose = embedded_to and index > 0 and not new_clause  # "travelled to X to meet Y"
        participle = PARTICIPLE_CLAUSE.search(lower, max(0, start - 30), start)
        if participle and (participle.group(1) or trigger.phrase.split()[0].endswith("ing")):
            # "denounced X, while pledging to support Y": the participle's subject is the sentence's
            event = _code_trigger(view, TriggerSite(start, end, alternatives, start, right_end, subject, coordinated=True))
            if event is not None:
                events.append(event)
                previous_sources, previous_targets = event.sources, event.targets
            frame = trigger if trigger.role in (FRAME, POSSESSED) else None
            previous_end = end
            continue
        coordination = COORDINATED.search(lower, left_start, start)
        if coordination is not None:  # "… and accused Washington": the subject of the first verb
            left_start = coordination.start()
            shared = previous_sources if events and not new_clause else subject
        else:
            shared = previous_sources if not new_clause else []
        event = _code_trigger(view, TriggerSite(start, end, alternatives, left_start, right_end, shared, purpose,
                                                coordination is not None))
        if event is not None and not _inherits_well(event, events):
            event = None
        if event is None and trigger.petrarch:
            continue  # a field-lexicon verb that coded nothing does not bound its neighbours
        if event is not None:
            if events and event.sources and all(m in events[-1].targets for m in event.sources) \
                    and masked[events[-1].start:events[-1].end].strip():
                # "condemned North Korea's … cooperation with Russia": reported inside another event
                event.confidence = round(max(event.confidence - 0.2, 0.1), 2)
                event.rule_id += ".nested"
            if frame is not None and not new_clause and embedded_to:
                event.hypothetical = True
                event.rule_id += ".embedded"
            elif complement[0] <= start < complement[1]:
                event.hypothetical = True
                event.rule_id += ".complement"
            if ".described" in event.rule_id:  # "nationals detained for espionage were released by China"
                previous_sources = event.targets
            elif "implicit-police" not in event.rule_id:  # an assumed arrester is no one's subject
                previous_sources = event.sources or previous_sources
            previous_targets = event.targets
            if (event.targets or (event.trigger.relation_type not in NEEDS_TARGET and event.trigger.mode != "release")) \
                    and not _generic_plural(lower, event):
                events.append(event)
        if trigger.role in (FRAME, POSSESSED):
            frame = trigger
        elif new_clause:
            frame = None
        previous_end = end
    return events


# What a pledge to do makes it a threat ("vowed to continue attacks"), and how close the act follows.
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"})
PLEDGED_ACT = re.compile(r"(?:\s+to)?\s+(?:[a-z]+\s+){0,2}")
# "Taliban attacks killed scores": plural attacks reported with what they did.
HARM_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:kill|kills|killed|wound|wounds|wounded|injured|left|hit|destroyed)\b")

# "… strike on Gaza killed 12": the event named by its subject is reported by what it did.
_HARM_REPORTED = re.compile(r"(?:(?:\s+(?:on|in|against|near))?\s+(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)?"
                            + HARM_AFTER.pattern)


def _inherits_well(event: Event, events: list[Event]) -> bool:
    """A subject carried over from an earlier verb holds, without a parse, in a chain of force
    ("killed and wounded … and arrested"), of conflict ("accused … and threatened to") or of one
    kind of event ("a visit and talks with Yoon"); elsewhere it is a guess ("met …, before turning
    back")."""
    if ".inherited" not in event.rule_id or event.trigger.relation_type in PLACE_IS_TARGET:
        return True
    kinds = {events[-1].trigger.relation_type, event.trigger.relation_type} if events else set()
    return len(kinds) == 1 or bool(kinds) and kinds <= CONFLICT_TYPES


def _generic_plural(lower: str, event: Event) -> bool:
    """"as militant attacks have surged", "U.S. drone attacks", "the target of terror attacks":
    attacks in the plural with no one attacked are a trend or a campaign, not a reported event."""
    return (event.trigger.relation_type == "ASSAULT" and not event.targets and lower[event.start:event.end].endswith("s")
            and not HARM_AFTER.match(lower, event.end))


def _directive_complement(lower: str) -> tuple[int, int]:
    """Span of the clause a proposal or demand governs ("suggested that …"), else an empty one."""
    match = DIRECTIVE_THAT.search(lower)
    if match is None:
        return 0, 0
    semicolon = lower.find(";", match.end())
    return match.end(), semicolon if semicolon >= 0 else len(lower)


def _describes(lower: str, start: int, phrase: str, previous_targets: list[Mention]) -> bool:
    """A participle right after the previous event's object describes it: "released opposition
    activists detained after the election" codes no new arrest."""
    return phrase.endswith("ed") and any(lower[m.end:start] == " " for m in previous_targets)


def _is_background(sentence: str, lower: str, start: int, end: int, actors: list[Mention]) -> bool:
    """"after the attack", "the two detained nationals", "the Stockholm attack", "this week's
    deadly truck attack": a reference to an event, not a report of one; such words neither code an
    event nor bound their neighbours' actors. Capitalised words that name no actor ("Stockholm"
    as a place) sit inside the phrase, and so do up to two modifiers of a noun ("deadly truck"), but
    not a compound's tail ("a two-day visit" is the visit being made)."""
    if not PASSIVE_AUX.isdisjoint(lower[start:end].split()):
        return False  # "the arrests were made": a clause reporting the event, not a reference to it
    window = max(0, start - 40)
    # a typographic apostrophe still makes a possessive ("Trump’s travel ban"); same offsets
    near = lower[:start].replace("’", "'")
    tokens = [(match.group(), match.start()) for match in _WORDS.finditer(near, window, start)]
    if not any(word in DETERMINERS or _possessive(word) for word, _ in tokens):
        return False  # no word that could open a reference: the common case, decided cheaply
    names = {match.group().lower() for match in _NAME_WORD.finditer(sentence, window, start)
             if not any(m.start <= match.start() < m.end for m in actors)}
    # a past or progressive form ("the police fired", "the army shelling") is the event itself
    nominal = not lower[start:end].endswith(("ed", "ing")) and IRREGULAR_PAST.isdisjoint(lower[start:end].split()) \
        and not (tokens and tokens[-1][0] in PASSIVE_AUX)  # "a teenager was beaten": a passive, not a noun
    modifiers = 0
    state_inside = None  # modifiers popped when a state named as a modifier was reached
    while len(tokens) > 1:
        word, position = tokens[-1]
        holder = next((m for m in actors if m.start <= position < m.end), None)
        free = holder is None
        if word in QUANTIFIERS or word.isdigit() or word in names:
            tokens.pop()
        elif nominal and holder is not None and holder.actor.kind == "state" and not holder.actor.sector \
                and not holder.possessive:
            tokens.pop()  # "a U.S. drone strike", "this new Israeli air strike": the state qualifies the noun
            state_inside = modifiers if state_inside is None else state_inside
        elif nominal and free and modifiers < 2 and word not in DETERMINERS and not _possessive(word) \
                and word not in LIGHT_VERBS and word.isalpha() and lower[position - 1:position] != "-":
            tokens.pop()
            modifiers += 1
        else:
            break
    before = [word for word, _ in tokens]
    last_free = bool(tokens) and not any(m.start <= tokens[-1][1] < m.end for m in actors)
    opener = before[-1:] in ([d] for d in DETERMINERS) or (last_free and _possessive(before[-1]))
    if state_inside is not None and (state_inside == 0 and before[-1:] not in (["a"], ["an"], ["this"], ["that"])
                                     or _HARM_REPORTED.match(sentence, end) or lower.endswith(" on", start, end)
                                     or lower.startswith((" on ", " against "), end)):
        return False  # "the U.S. warns Iran", "a Russian drone strike on a bus in Sumy": a report
    return opener and not (before[-2:-1] in ([v] for v in LIGHT_VERBS) or " ".join(before[-3:-1]) in LIGHT_VERBS)


ATTRIBUTIVE_AFTER = frozenset({"with", "of", "by", "for", "from", "against", "among", "and", "or"})


def _attributive(lower: str, start: int, end: int, phrase: str, mentions: list[Mention]) -> bool:
    """"along with allied Russian forces", "the embattled Afghan government": a participle right
    before the actor it describes, after a word that cannot be its subject, is an adjective."""
    if " " in phrase or not phrase.endswith("ed") or not any(m.start == end + 1 for m in mentions):
        return False
    before = _words(lower[max(0, start - 16):start])[-1:]
    return not before or before[0] in DETERMINERS or before[0] in ATTRIBUTIVE_AFTER


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s"))


_PAST_WORDS = _CUES["words.past_words"]


def _reported_done(lower: str, phrase: str, end: int) -> bool:
    """An arrest or a police tactic reported as done ("were arrested", "arrests were made",
    "were lobbed"), not one wanted ("to arrest"), a bare noun ("tada arrests") or the other sense
    ("apprehended that …")."""
    done = any(word.endswith("ed") or word in _PAST_WORDS for word in phrase.split())
    return done and not lower.startswith(" that ", end)


def _actor_noun_event(trigger: Trigger, lower: str, start: int, end: int, actors: list[Mention]) -> bool:
    """"police firing", "army shelling", "firing by the police": a nominal event right after the
    actor doing it, or with its doer named right after "by"."""
    nominal = trigger.role == NOUN or trigger.phrase.split()[0].endswith("ing")
    return nominal and (any(0 < start - m.end <= 1 and m.actor.kind == "group" for m in actors) or lower.startswith(" by ", end)
                        and any(m.start > end and _doer_in_reach(lower, end, m.start) for m in actors))


def _swallows(trigger: Trigger) -> bool:
    """Frames whose embedded event is only wanted, threatened or promised ("urged X to V",
    "pledged to V", "Seoul's offer of talks"): the embedded trigger is not coded."""
    return trigger.role == POSSESSED or trigger.role == FRAME and (
        trigger.relation_type in DEMAND_TYPES or trigger.mode == "pledge")


def _measure_before(lower: str, start: int, end: int) -> re.Match | None:
    """"a wave of", "a fresh series of" ending at ``end``, looked for from ``start`` (the regex only
    where " of " stands close enough before ``end`` to end one)."""
    return MEASURE_BEFORE.search(lower, start, end) if " of " in lower[max(start, end - 30):end] else None


def _is_modifier(lower: str, start: int, phrase: str) -> bool:
    """A participle or gerund that is not the event itself: "a resolution demanding",
    "firms supplying", "accused X of supplying"; a nominal after "amid"/"despite"."""
    if _measure_before(lower, max(0, start - 60), start) and not phrase.split()[0].endswith("ing"):
        return False  # "launched a wave of attacks": the attacks are the event
    before = _words(lower[max(0, start - 24):start])[-2:]
    if before[-1:] in (["of"], ["for"]) or any(word in BACKGROUND_PREPOSITIONS for word in before):
        return True
    return phrase.split()[0].endswith("ing") and bool(before) and before[-1] not in ING_HOSTS


def _choose(alternatives: list[Trigger], sources: list[Mention]) -> Trigger:
    """One phrase, several types ("protested"): civilians protest, governments accuse."""
    civil = bool(sources) and all(m.actor.sector in CIVIL_SECTORS for m in sources)
    if alternatives[0].mode == "riot" and sources and all(m.actor.sector in ARMED_SECTORS for m in sources):
        return replace(alternatives[0], relation_type="ASSAULT", mode="")  # "rebels stormed an area": an assault
    for trigger in alternatives:
        if (trigger.relation_type == "PROTEST") == civil:
            return trigger
    return alternatives[0]


@dataclass(frozen=True)
class SentenceView:
    """What every trigger of one sentence is coded against."""
    sentence: str
    lower: str  # lower-cased, relative clauses between subject and verb blanked out
    unmasked: str  # lower-cased, as written
    actors: list[Mention]  # mentions that may act, speakers of ", X said." left out
    context_code: str  # the one country the sentence is about, "" when none or several
    home: str  # the country of police and troops the sentence places nowhere ("" when none is known)


@dataclass(frozen=True)
class TriggerSite:
    """One trigger and the stretch of the sentence it takes its actors from."""
    start: int
    end: int
    alternatives: list[Trigger]  # its readings that fit the neighbouring words, best first
    left_start: int  # the source is looked for in [left_start, start)
    right_end: int  # the target in [end, right_end)
    inherited: list[Mention]  # the subject carried over when none stands before the trigger
    purpose: bool = False  # "travelled to X to meet Y": the subject is further left
    coordinated: bool = False  # "… and accused Y": the subject is the previous verb's


def _code_trigger(view: SentenceView, site: TriggerSite) -> Event | None:
    sentence, actors, context_code = view.sentence, view.actors, view.context_code
    start, end, alternatives = site.start, site.end, site.alternatives
    # a trigger inside a blanked relative clause ("a girl, who … was also killed,") is read in
    # the clause's own words
    lower = view.lower if view.lower[start:end].strip() else view.unmasked
    left_start, right_end, inherited = site.left_start, site.right_end, site.inherited
    purpose, coordinated = site.purpose, site.coordinated
    trigger = alternatives[0]
    # actors of a relative clause are not the subject of the verb after it ("China, accused by
    # the U.S. of hacking, denied"), only of the clause's own verbs
    left = [m for m in actors if left_start <= m.start and m.end <= start and not m.is_place
            and (lower is view.unmasked or view.lower[m.start:m.end].strip())]
    right = [m for m in actors if end <= m.start < right_end]
    right_actors = [m for m in right if not m.is_place]
    places = [m for m in actors if m.is_place and m.start >= left_start and m.start < right_end]
    reduced = not _is_passive(lower, start, trigger.phrase) and _reduced_relative(lower, start, end, trigger, left)
    passive = reduced or _is_passive(lower, start, trigger.phrase)
    rule = [trigger.relation_type, trigger.role] + ([f"cameo-{trigger.cameo}"] if trigger.petrarch else [])
    confidence = 0.9
    if trigger.relation_type == "CONSULT" and not passive and lower.startswith(" by ", end):
        return None  # "a swap brokered by the UAE", "talks hosted by Turkey": a description

    left_groups = compound_groups(left, sentence)
    source_group = left_groups[-1] if left_groups else []
    if source_group and _after_preposition(lower, source_group[0].start) and _words(lower[source_group[-1].end:start]):
        # "China's envoy for the North Korea issue, Kong, met": an actor named inside a
        # prepositional phrase is the subject only when no actor before it is free of one
        # (right before the trigger it is the doer: "died in police firing")
        source_group = next((group for group in reversed(left_groups[:-1])
                             if not _after_preposition(lower, group[0].start)), source_group)
    if source_group and _subject_of_its_own(lower, source_group[-1].end, start) and not _is_passive(
            lower, start, trigger.phrase):
        return None  # "Hillary Clinton, the audience protested": a noun phrase in between is the subject
    relative = RELATIVE_SUBJECT.search(lower, left_start, start)
    if relative and not (source_group and lower[source_group[-1].end:relative.start()].strip(" ,") == ""):
        return None  # "Democrats and groups who accused him": the subject is a noun that names no actor
    if not lower.startswith(" by ", end) or _is_passive(lower, start, trigger.phrase):
        pass
    elif trigger.phrase.split()[-1].endswith(("ed", "en")) and _after_common_noun(lower, start, actors):
        return None  # "legislation long promised by Republicans": a participle describing a noun
    if source_group and len(_words(lower[source_group[-1].end:start])) > MAX_SOURCE_GAP_WORDS:
        source_group = []
    right_groups = compound_groups(right_actors, sentence)
    target_group = right_groups[0] if right_groups else []
    if trigger.relation_type != "REQUEST" and (lower.startswith(" that ", end) or target_group and "that" in _words(
            lower[end:target_group[0].start])):
        # "warned that Pyongyang would …", "rejected any suggestion that Greenland could be sold",
        # "condemned the attack that killed 10 Israelis": the subject or object of another clause
        target_group = []
    if target_group and len(_words(lower[end:target_group[0].start])) > MAX_TARGET_GAP_WORDS:
        target_group = []
    if target_group and ROLE_IN.search(lower, end, target_group[0].start):
        target_group = []  # "denied any role in the drone incursions into Polish airspace": a place of the event
    if target_group and trigger.relation_type in COOPERATION_TYPES and BORDER_WITH.search(lower, end, target_group[0].start):
        target_group = []  # "sent troops to its border with Belarus": the neighbour names a place, no partner

    if source_group and _JOINER.match(lower[source_group[-1].end:start]) or purpose or coordinated:
        source_group = []  # "X met Y and condemned Z", "went to X to meet Y": subject further left
    if trigger.role == POSSESSED:
        owner = left_groups[-1] if left_groups else []
        if not owner or not owner[-1].possessive or start - owner[-1].end > 3:
            return None  # "an offer of talks" with no owner is no event of anyone's
        source_group, target_group = owner, inherited or target_group  # "Y rejected X's offer": to Y
        rule.append("possessed")
    elif not passive and lower.startswith(" by ", end) and not trigger.phrase.split()[-1].endswith(("ed", "en")) \
            and right_groups and _doer_in_reach(lower, end, right_groups[0][0].start):
        # "attacks by the Taliban on Kabul", "firing by the police": a nominal event's doer follows it,
        # and its target after "on", "against" or "at" ("by the police, army and paramilitary forces"
        # names doers only)
        source_group = right_groups[0]
        target_group = right_groups[1] if len(right_groups) > 1 and AIMED_AT.search(
            lower, source_group[-1].end, right_groups[1][0].start) else []
        rule.append("by")
    elif passive:
        by = end if trigger.phrase.endswith(" by") else lower.find(" by ", end, right_end)
        agents = [g for g in right_groups if by >= 0 and g[0].start >= by]
        if not (lower.startswith(" on ", end) and not agents):  # "was blamed on Russia" keeps its target
            target_group = source_group or inherited
        source_group = agents[0] if agents else []
        rule.append("passive")
        if reduced:
            rule.append("described")  # the people it was done to are the subject of the verb after it
    elif not source_group and (speaker := _reported_speaker(sentence, lower, actors, left_start, start)):
        source_group = speaker
        rule.append("pronoun")
    elif not source_group and inherited:
        source_group = inherited
        confidence -= 0.2
        rule.append("inherited")
    else:
        rule.append("active")
    if not source_group and trigger.mode in POLICE_MODES and (trigger.mode != "arrest" or POLICE_ARREST.search(trigger.phrase)) \
            and _reported_done(lower, trigger.phrase, end) and not FIRST_PERSON.intersection(_words(lower[left_start:start])[-3:]) \
            and not (passive and DOER_AFTER.match(lower, end)):
        # "25 people were arrested", "arrests were made", "tear-gas shells were lobbed": arrests
        # are made, and crowds tear-gassed or baton-charged, by the police.
        source_group = [Mention(start, end, Actor("police", "", "group", "COP"))]
        rule.append("implicit-police")
    # "He was shot and killed by police": one mention is never on both sides of its own event, nor
    # is one force known only by its role ("the police arrested X under the Sadar police station")
    named_target = bool(target_group)
    target_group = [m for m in target_group if not any(
        m.start == s.start or _same_unplaced_force(m.actor, s.actor) for s in source_group)]
    # the police assumed as the doer stand nowhere in the sentence: polarity cues before the
    # trigger count ("no arrests were made")
    grammatical_subject = [] if rule[-1] == "implicit-police" else source_group
    if trigger.mode == "host" and source_group and target_group:
        if all(m.actor.sector in CIVIL_SECTORS | SHELTERED_SECTORS for m in target_group):
            return None  # "Jordan hosts 657,000 Syrian refugees": shelter, not a visit
        source_group, target_group = target_group, source_group  # the visitor is the source
        rule.append("visitor")

    location = next((m for m in places if m.actor.kind != "person"), None)
    place_code = location.actor.code if location and location.actor.kind in ("state", "locality") else ""
    source_group = _homed(_anchored(source_group, place_code or context_code), view.home)
    target_group = _anchored(target_group, _single_code(source_group), _unplaced_state_agents(source_group))
    if _single_code(target_group) and any(not m.actor.code for m in source_group) and not reduced:
        # police of the people they arrest ("Turkish police detained mayor X"), not of foreigners
        # described as arrested ("two Japanese nationals detained for espionage were released")
        source_group = _anchored(source_group, _single_code(target_group))
    if not target_group and source_group and places and places[-1].start > end:
        last_place = places[-1]
        if trigger.relation_type in PLACE_IS_TARGET or (
                trigger.relation_type == "MOBILIZE" and last_place.place_word in TOWARD_PREPOSITIONS):
            target_group = [last_place]
            confidence -= 0.1
            rule.append("place")
    trigger = _choose(alternatives, source_group)
    rule[0] = trigger.relation_type  # the reading chosen names the rule ("boycotted" by civilians: PROTEST)
    if not target_group and trigger.relation_type == "PROTEST" and _single_code(source_group):
        target_group = [Mention(source_group[0].start, source_group[0].end,
                                _government_of(source_group[0].actor))]  # domestic protest
        rule.append("domestic")
    if not source_group and not target_group:
        return None
    if source_group and source_group[-1].possessive and not source_group[-1].discourse and trigger.role in (VERB, FRAME) \
            and not passive and any(
            word not in BETWEEN_SUBJECT_AND_VERB and not word.endswith("ly") and word not in ("s", "'s")
            for word in _words(lower[source_group[-1].end:start])):
        # "Obama's health care law has provided", "Mugabe's critics have long blamed": the possessed
        # noun is the subject (a state's own bodies are one mention: "China's foreign ministry";
        # "their" is kept: "their restored relations have enhanced cooperation with the US")
        return None
    if trigger.relation_type in JOINT_TYPES and target_group and (
            trigger.phrase.endswith(" to") or TO_VERB.search(lower, end, target_group[0].start)) and all(
            m.actor.sector in CIVIL_SECTORS | SHELTERED_SECTORS for m in target_group):
        return None  # "agreed to accept 1,250 refugees": the people taken in are no party to the agreement
    if trigger.mode == "arrest" and ORDINARY_OFFENCE.search(lower, end, min(len(lower), end + 120)) and all(
            m.actor.sector == "COP" for m in source_group):
        return None  # "a driver arrested for drink driving", "arrested in Bali for cocaine possession": policing
    if trigger.petrarch and trigger.relation_type in SEIZURE_TYPES and (
            OFFICE_TAKEN.match(lower, end) or target_group and RANKING.match(lower, target_group[-1].end)
            or trigger.phrase.startswith("overturn") or trigger.phrase in TAKE_FORMS and TAKE_IDIOM.match(lower, end)):
        # "takes over the rotating ASEAN chairmanship", "overtook China as the most populous",
        # "overturned Milei's veto", "took a police report", "took steps against": no force
        return None
    if trigger.petrarch and EXERCISE.search(lower, end, min(right_end, end + 60)):
        return None  # "holding live-fire naval exercises", "started a missile tracking drill": practice
    if trigger.role in (VERB, FRAME) and not passive and FIRST_PERSON_OBJECT.match(lower, end):
        return None  # "urges us not to look at numbers": the writer and readers are no party
    if trigger.petrarch and target_group and lower.startswith(" by surprise", target_group[-1].end):
        return None  # "had taken the government by surprise": an idiom, no seizure
    if trigger.mode == "investigate" and trigger.phrase.startswith("investigat") and not INVESTIGATED_ACTOR.match(lower, end) and not (
            target_group and _words(lower[end:target_group[0].start]) in ([], ["the"])):
        return None  # "investigating the fire", "investigating a complaint by a mother": a thing, no actor
    if trigger.petrarch and source_group and not passive and source_group[0].start > left_start \
            and _after_preposition(lower, source_group[0].start) and not source_group[0].discourse \
            and not trigger.phrase.split()[0].endswith("ing"):  # "fired at demonstrators protesting" is theirs
        return None  # "the regions of Syria arrived at": an actor inside a phrase is not the verb's subject
    if source_group and all(m.local and m.actor.sector not in FORCE_SECTORS for m in source_group) \
            and trigger.relation_type not in FORCE_TYPES and not any(
            m.actor.code and m.actor.code != source_group[0].actor.code for m in target_group):
        return None  # "the Alabama Supreme Court halted the order": a province's own affairs, no state's event
    if trigger.petrarch and not (source_group and target_group) and not (
            source_group and not named_target and trigger.relation_type in HARM_TYPES
            and all(m.actor.sector in FORCE_SECTORS for m in source_group)
            and (not passive or _doer_in_reach(lower, end, source_group[0].start))):
        # the field's lexicon codes dyadic events: a verb with one party is no event, unless the
        # police or troops named as its doer ("by the local police", not "by the crowd even as the
        # police stood by") did it to someone the sentence does not name ("a man was shot by police";
        # not the police read again: "held a memorial for its police dogs")
        return None
    if trigger.petrarch and trigger.relation_type in COOPERATION_TYPES and len(
            {m.actor.code for m in source_group + target_group}) == 1 and source_group[0].actor.code:
        return None  # "Trump invited lawmakers", "the people voted": talk at home
    if trigger.petrarch and trigger.relation_type in COOPERATION_TYPES and all(
            m.actor.sector in CIVIL_SECTORS for m in source_group):
        return None  # "60 Syrians leave Jordan": private people's comings and goings, no state's talk
    if trigger.petrarch and "place" in rule and not all(m.actor.sector in ("COP", "MIL") for m in source_group):
        return None  # only forces acting in a place act on it ("police fired in the area")
    if trigger.petrarch and source_group and not passive and rule[-1] == "active" and len(
            _words(lower[source_group[-1].end:start])) > PETRARCH_SUBJECT_GAP:
        return None  # without a parse, a far subject is a guess
    if trigger.petrarch and trigger.plain_form and trigger.phrase.endswith("s") and source_group \
            and source_group[-1].actor.kind == "group" and lower[source_group[-1].end:start] == " ":
        return None  # "police compounds", "government offices": a noun after an agent noun
    if trigger.petrarch and trigger.plain_form and (passive or not _subject_right_before(
            lower, source_group, start, head_nouns=1 if trigger.after else 0) or _inside_noun_phrase(
            sentence, lower, source_group, end)):
        return None  # "the tax", "talks", "the Chinese in order to": a base or -s form with no subject right before it
    reciprocal = not target_group and len(source_group) > 1 and bool(RECIPROCAL.match(lower, end))
    if trigger.role == FRAME and not target_group and not reciprocal and not trigger.phrase.startswith("threat") and not (
            trigger.relation_type in JOINT_TYPES and len(source_group) > 1):
        return None  # "analysts warned that …", "vowed to continue": speech aimed at no one named is no event
        # (a threat is one even with its target left to the context: "threatened to resume protests")
    if trigger.role == NOUN:
        confidence -= 0.1
    if _in_condition(lower, start):
        return None
    # Polarity cues count from the subject on ("Albanese will travel … to meet Xi"), but for a
    # pronoun's speaker only from the pronoun ("Hamas said it had accepted").
    subject_end = grammatical_subject[-1].end if grammatical_subject and not passive else left_start
    window_start = max(left_start, subject_end) if rule[-1] == "pronoun" else subject_end
    negated, hypothetical = _polarity(lower, window_start, start, end, right_end)
    if trigger.petrarch and lower[max(0, start - 3):start] == "to ":
        hypothetical = True  # "ways to deepen cooperation": an infinitive is not a report of the event
    return Event(trigger, start, end, list(source_group), list(target_group), location,
                 negated, hypothetical, round(max(confidence, 0.1), 2), ".".join(rule), reciprocal)


# Offences with no victim that an arrest is for (drink-driving, drug possession, speeding):
# policing, not an event between political actors, when the police make it (a state arresting a
# foreigner for drugs is still that state's act). Arrests for harm done to others stay events:
# coders of police events code them.
ORDINARY_OFFENCE = re.compile(
    r"(?=[fo])\b(?:for|over|on charges? of|on suspicion of)\s+(?:[a-z-]+\s+){0,8}?(?:drink[- ]driv\w*|drunk(?:en)?[- ]driv\w*|"
    r"driving under the influence|dui|cocaine|heroin|cannabis|marijuana|drugs?|narcotics|speeding|drink[- ]drive)\b")
ROLE_IN = re.compile(r"\b(?:role|involvement|part|hand|complicity|responsibility) (?:in|for)\b")
BORDER_WITH = re.compile(r"\b(?:borders?|frontiers?|boundary) (?:with|of) (?:the )?$")
# The field lexicon's verbs of seizing and overrunning also take an office ("took over the
# rotating chairmanship") or a rank ("overtook China as the world's most populous country"):
# no force is used.
SEIZURE_TYPES = frozenset({"COERCE", "ASSAULT"})
OFFICE_TAKEN = re.compile(r"(?:\s+[\w'’.-]+){0,4}?\s+(?:chairmanship|presidency|premiership|chair|helm|leadership|"
                          r"post|office|role|seat|title|crown|lead)\b")
# "Take" with a noun of an idiom takes nothing from anyone ("took a police report", "took steps
# against", "took photos of", "took a hard line on").
TAKE_FORMS = frozenset({"take", "takes", "took", "taken", "taking"})
TAKE_IDIOM = re.compile(r"(?:\s+(?:a|an|the|some|no|further|new|tough|hard|firm|legal|strong|swift|drastic|every|all))*"
                        r"(?:\s+[a-z-]+)?\s+"
                        r"(?:reports?|steps?|photos?|photographs?|pictures?|images?|line|stand|stance|notes?|look|"
                        r"questions?|measures?|action|actions|stock|shape|place|turns?|issue|exception|credit|"
                        r"responsibility|care|advantage|time|effect|precautions|part)\b")
RANKING = re.compile(r" as (?:the )?(?:world'?s |world’s |country'?s |nation'?s |region'?s )?(?:[a-z]+-)?(?:[a-z]+est|"
                     r"largest|biggest|most|top|leading|no\. ?1|number one)\b")
# Military practice named as the object of a field-lexicon verb: no use of force, no retreat.
EXERCISE = re.compile(r"\b(?:exercises?|drills?|maneuvers|manoeuvres|war games|wargames)\b")
FIRST_PERSON_OBJECT = re.compile(r" (?:us|me|you)\b(?!\.)")
# The forces of a province or city act for the state ("Texas police arrested 12"); its other
# bodies act in its own affairs, which code no event unless another country is the target.
FORCE_SECTORS = frozenset({"COP", "MIL"})
FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})
# Harm done to people: kept with one party when its doer is the police or troops (below), or when
# the text tells only the victims (coder._untold_doer).
HARM_TYPES = frozenset({"ASSAULT", "COERCE"})
# Words from a trigger to the doer its "by" names: "by", a determiner and an adjective ("shot by the
# awaiting police"), or a word before "by" ("shot dead by the police").
BY_AGENT_MAX_WORDS = 3
# What a nominal event is aimed at follows one of these ("attacks by the Taliban on Kabul").
AIMED_AT = re.compile(r"\b(?:on|against|at|targeting)\b")
# A passive's doer right after it, maybe after one word ("shot dead by police").
DOER_AFTER = re.compile(r"(?:\s+[a-z]+)?\s+by\s")
# Armed actors and the police storming or clashing assault (for the police, violent repression:
# CAMEO 175); civilians doing it riot.
ARMED_SECTORS = frozenset({"REB", "MIL", "COP"})
# Modes whose doer, when the text names none, is the police: arrests, and tear gas or baton
# charges (the own triggers' "force" rows); only these are coded in a sentence naming no actor.
POLICE_MODES = frozenset({"arrest", "force"})
# Words of an arrest the police make; "brought to the chamber", "hunted", "confined" name no such agent.
POLICE_ARREST = re.compile(r"arrest|detain|custody|remand|booked|apprehend|rounded up|nabbed|picked up")
# What is investigated when it is no actor named right after the verb ("into", "allegations against").
INVESTIGATED_ACTOR = re.compile(r" (?:into|allegations|claims|reports|charges|corruption|abuses?|crimes?|war crimes)\b")
TO_VERB = re.compile(r"\bto [a-z]+ ")
# "… who accused", "… which has attacked": the subject is the noun before the pronoun.
RELATIVE_SUBJECT = re.compile(r"(?=w)\b(?:who|which)\s+(?:(?:have|has|had|also|then|later|[a-z]+ly)\s+)*$")
# Words before a noun that make it part of an article's own phrasing, not a noun a participle
# can describe: numbers and pronouns ("five arrested by police", "they were…").
_NOT_DESCRIBED = frozenset({"and", "or", "but", "who", "which", "that", "it", "they", "he", "she", "we", "i", "you",
                            "people", "persons", "men", "women", "others", "more", "many", "several", "some"})


def _subject_of_its_own(lower: str, actor_end: int, start: int) -> bool:
    """Whether a noun phrase opened by an article stands between an actor and its verb, after the
    last comma, and neither after a preposition nor joined to the actor by "and"/"or"."""
    between = lower[actor_end:start]
    measure = _measure_before(lower, actor_end, start)
    if measure:
        between = lower[actor_end:measure.start()]  # "launched a wave of attacks": the measure belongs to the event
    words = _words(between[between.rfind(",") + 1:])
    return any(word in ("the", "a", "an") and index < len(words) - 1
               and (index == 0 or words[index - 1] not in PREPOSITIONS | {"and", "or"})
               for index, word in enumerate(words))


def _after_preposition(lower: str, position: int) -> bool:
    before = [word for word in _words(lower[max(0, position - 20):position]) if word not in DETERMINERS][-1:]
    return bool(before) and before[0] in PREPOSITIONS


def _after_common_noun(lower: str, start: int, actors: list[Mention]) -> bool:
    """Whether the word before a participle (past adverbs such as "long") is a common noun it
    describes, rather than an actor, a number or a pronoun it reports on."""
    words = [(match.group(), match.end()) for match in _WORDS.finditer(lower, max(0, start - 40), start)]
    while words and (words[-1][0].endswith("ly") or words[-1][0] in ("long", "also", "already", "recently")):
        words.pop()
    if not words:
        return False
    word, word_end = words[-1]
    return (word.isalpha() and word not in _NOT_DESCRIBED and word not in PASSIVE_AUX and word not in DETERMINERS
            and not any(m.start < word_end <= m.end for m in actors))


def _subject_right_before(lower: str, group: list[Mention], start: int, head_nouns: int = 0) -> bool:
    """Whether ``group`` can be the subject of a base or -s form at ``start``: only adverbs
    between, or up to ``head_nouns`` other words ("government warplanes pummel", for a reading
    whose pattern also needs its object), and the group neither a possessor ("Russia's space
    launch complex") nor the object of a preposition ("the lifting of United States trade
    sanctions"), where the form is a noun."""
    if not group or group[-1].possessive:
        return False
    before = _words(lower[max(0, group[0].start - 12):group[0].start])[-1:]
    if before and before[0] in PREPOSITIONS:
        return False
    others = [word for word in _words(lower[group[-1].end:start])
              if word not in BETWEEN_SUBJECT_AND_VERB and not word.endswith("ly")]
    return len(others) <= head_nouns and not any(word in NOT_HEAD_NOUNS for word in others)


_COMMON_WORD_AFTER = re.compile(r" ([a-z]+)\b")


def _inside_noun_phrase(sentence: str, lower: str, group: list[Mention], end: int) -> bool:
    """"the U.S. trade deficit with China": an article before the subject and a common noun right
    after the form make the form a noun inside one noun phrase ("the U.S. warns Iran" is a clause)."""
    before = _words(lower[max(0, group[0].start - 5):group[0].start])[-1:] if group else []
    after = _COMMON_WORD_AFTER.match(sentence, end)
    opened = before in (["the"], ["a"], ["an"]) or bool(group) and lower.startswith("the ", group[0].start)
    return opened and after is not None and after.group(1) not in NOT_HEAD_NOUNS \
        and after.group(1) not in ("that", "and", "or", "it", "its", "their", "his", "her", "them")


def _reported_speaker(sentence: str, lower: str, actors: list[Mention], left_start: int, start: int) -> list[Mention]:
    """"Hamas said it had accepted", "Luxon leaves for Peru, where he hopes to meet …": a pronoun
    opening a clause stands for the sentence's subject ("it"/"they" only after "said": in
    "…, saying it violated" the pronoun is the thing condemned)."""
    words = _words(lower[left_start:start])
    if left_start == 0 or not words or words[0] not in SUBJECT_PRONOUNS:
        return []
    personal = words[0] in ("he", "she")
    if not personal and not SAID_BEFORE.search(lower, max(0, left_start - 10), left_start):
        return []
    subject = sentence_subject(sentence, [m for m in actors if m.end <= left_start])
    return subject if not personal or all(m.actor.kind == "person" for m in subject) else []


def sentence_subject(sentence: str, actors: list[Mention]) -> list[Mention]:
    """The first actor group of the sentence that is not a place."""
    groups = compound_groups([m for m in actors if not m.is_place], sentence)
    return groups[0] if groups else []


def _doer_in_reach(lower: str, end: int, actor_start: int) -> bool:
    """Whether an actor starting at ``actor_start`` is near enough to a trigger ending at ``end`` to
    be the doer its "by" names ("shot dead by the local police", not "by the crowd even as the
    police stood by")."""
    return len(_words(lower[end:actor_start])) <= BY_AGENT_MAX_WORDS


def _same_unplaced_force(actor: Actor, other: Actor) -> bool:
    """Two mentions of one police or troops known only by their role, no country told apart."""
    return actor.sector in FORCE_SECTORS and not actor.code and not other.code and (actor.name.lower(), actor.sector) == (
        other.name.lower(), other.sector)


def _single_code(group: list[Mention]) -> str:
    """The one country of a group of state actors ("" for organisations or mixed groups)."""
    codes = {m.actor.code for m in group if m.actor.kind != "org"}
    return codes.pop() if len(codes) == 1 and len(group) == sum(m.actor.kind != "org" for m in group) else ""


STATE_AGENT_SECTORS = _CUES["sectors.state_agent"]
SHELTERED_SECTORS = _CUES["sectors.sheltered"]


def _anchored(group: list[Mention], code: str, keep_unknown: bool = False) -> list[Mention]:
    """Actors known only by role ("protesters") take ``code``; without one they are dropped,
    except state agents, kept with an unknown country, and (``keep_unknown``) the people such
    agents act on ("police fired at the mob": one unknown country on both sides)."""
    return [m if m.actor.code or not code else with_code(m, code) for m in group
            if m.actor.code or code or keep_unknown and m.actor.kind == "group"
            or (m.actor.kind == "group" and m.actor.sector in STATE_AGENT_SECTORS)]


def _homed(group: list[Mention], home: str) -> list[Mention]:
    """Police and troops of no known country take ``home``, the outlet's; other roles do not: a
    national paper's "police" are its country's, its "protesters" or "the government" may be
    anyone's."""
    return [with_code(m, home) if home and not m.actor.code and m.actor.kind == "group"
            and m.actor.sector in FORCE_SECTORS else m for m in group]


def _unplaced_state_agents(group: list[Mention]) -> bool:
    return bool(group) and all(m.actor.kind == "group" and not m.actor.code and m.actor.sector in STATE_AGENT_SECTORS
                               for m in group)


def _government_of(actor: Actor) -> Actor:
    return Actor(name=actor.code, code=actor.code, kind="state", sector="GOV")

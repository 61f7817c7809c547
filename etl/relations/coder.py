"""The relation coder's entry points: text in, PLOVER facts with provenance out."""

from __future__ import annotations

import datetime
import gc
import re
from dataclasses import replace
from functools import cache

from .actors import learned_actor_row
from .dates import may_name_the_past, names_the_past, resolve_event_date, years_named
from .discourse import Salience
from .events import COOPERATION_TYPES, HARM_TYPES, JOINT_TYPES, POLICE_MODES, Event, clause_around, code_events
from .gazetteer import Gazetteer, NameHit, gazetteer
from .lexicon import NOUN, Trigger, word_dictionary
from .matching import Dictionary
from .mentions import ArticleMemory, Mention, MentionFinder, title_case
from .model import CodedArticle, Fact
from .sentences import split_sentences


def _same_length_lower(text: str) -> str:
    """Lower-case text whose character offsets match the original (``"İ".lower()`` grows)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _bucket(spans: list[tuple[int, int, object]], start: int, end: int, cursor: int) -> tuple[list, int]:
    """Spans inside [start, end), shifted to sentence offsets; spans are sorted by start."""
    inside = []
    while cursor < len(spans) and spans[cursor][0] < start:
        cursor += 1
    while cursor < len(spans) and spans[cursor][0] < end:
        s, e, payload = spans[cursor]
        if e <= end:
            inside.append((s - start, e - start, payload))
        cursor += 1
    return inside, cursor


def _side(mentions: list[Mention]) -> tuple[list[str], list[str], list[str]]:
    return ([m.actor.name for m in mentions], [m.actor.code or "" for m in mentions],
            [m.actor.sector or "" for m in mentions])


def _directed(event: Event) -> list[tuple[list[Mention], list[Mention]]]:
    """(sources, targets) of the facts an event asserts: one, or for "X and Y accused each
    other" one per actor, aimed at the others."""
    if event.reciprocal:
        return [([actor], [other for other in event.sources if other is not actor]) for actor in event.sources]
    if _joint(event):
        # "Chile and Peru met": one meeting of two parties, coded as the field codes it, the
        # first-named party as source and the other as target, one country pair counted once. A
        # meeting of three or more keeps its compound source: every member meets every other.
        first = event.sources[0].actor.code
        return [([m for m in event.sources if m.actor.code == first],
                 [m for m in event.sources if m.actor.code != first])]
    return [(event.sources, event.targets)]


def _joint(event: Event) -> bool:
    """A joint event of two parties: a compound source with no other recipient whose actors
    are of two known countries or organisations."""
    return event.trigger.relation_type in JOINT_TYPES and not event.targets and bool(
        event.sources[0].actor.code) and len({m.actor.code for m in event.sources if m.actor.code}) == 2


# An actor taken from an earlier sentence is a guess more than one named in the sentence.
DISCOURSE_PENALTY = 0.05


def _fact(event: Event, sources: list[Mention], targets: list[Mention], sentence: str, lower: str,
          start: int, end: int, published: datetime.date | None) -> Fact:
    source_actors, source_iso3, source_sectors = _side(sources)
    target_actors, target_iso3, target_sectors = _side(targets)
    carried = sorted({m.discourse for m in sources + targets if m.discourse})
    rule_id = event.rule_id + (".joint" if _joint(event) else "") + "".join(f".discourse-{how}" for how in carried)
    confidence = round(max(event.confidence - DISCOURSE_PENALTY, 0.1), 2) if carried else event.confidence
    return Fact(
        relation_type=event.trigger.relation_type, mode=event.trigger.mode or None,
        source_actors=source_actors, source_iso3=source_iso3, source_sectors=source_sectors,
        target_actors=target_actors, target_iso3=target_iso3, target_sectors=target_sectors,
        location=sentence[event.location.start:event.location.end] if event.location else None,
        event_date=resolve_event_date(lower, published, future=event.hypothetical),
        sentence=sentence, sentence_start=start, sentence_end=end,
        trigger=sentence[event.start:event.end], negated=event.negated,
        hypothetical=event.hypothetical, confidence=confidence, rule_id=rule_id,
        is_domestic=_domestic(sources, targets))


# Sectors acting for a state; the others (civilians, opposition, rebels, parties, unions…) are
# the society a state's agents act on, or that protests against its government.
STATE_SECTORS = frozenset({"GOV", "COP", "MIL", "JUD", "SPY", "LEG"})
INSURGENT_SECTORS = frozenset({"REB"})


def _domestic(sources: list[Mention], targets: list[Mention]) -> bool:
    """One country on both sides and two different parts of it acting: police vs protesters,
    a party leader vs a former prime minister, troops in a town of their own country. The
    country as a whole on one side ("Ukrainian drones attacked … Ukraine") or the same part on
    both is one actor read twice, not a domestic event."""
    codes = {m.actor.code for m in sources + targets}
    if len(codes) != 1 or not sources or not targets:
        return False
    source_sectors = {m.actor.sector for m in sources}
    target_sectors = {m.actor.sector for m in targets}
    if "" not in source_sectors and "" not in target_sectors:
        return source_sectors != target_sectors or {m.actor.name for m in sources}.isdisjoint(
            m.actor.name for m in targets) and all(m.actor.kind == "person" for m in sources + targets)
    # a state's agents, or armed groups fighting it, acting in a place of their own country
    # ("police fired in the town", "the Taliban launched attacks across Afghanistan"); armed groups
    # against their own state as a whole ("insurgents attacked Kabul")
    return source_sectors <= STATE_SECTORS | INSURGENT_SECTORS and all(m.is_place or m.actor.kind == "locality" for m in targets) \
        or source_sectors <= INSURGENT_SECTORS and target_sectors == {""}


def _of_weight(fact: Fact) -> bool:
    """Whether a fact tells an analyst who did what: a source of known country (or a state's
    agent whose country the text leaves open), and a partner for joint events; or, with no doer
    told at all, who suffered harm (``_untold_doer``)."""
    # police or troops whose country the text leaves open still tell who acted; anyone else does not
    known_source = any(fact.source_iso3) or any(sector in ("COP", "MIL") for sector in fact.source_sectors)
    if not known_source:
        return _untold_doer(fact)
    if fact.relation_type in JOINT_TYPES and len(fact.source_iso3) < 2 and not fact.target_iso3:
        return False
    codes = set(fact.source_iso3) | set(fact.target_iso3)
    # One known country on both sides is a domestic event or a misreading ("the U.S. … U.S. troops").
    return fact.is_domestic or not (fact.target_iso3 and len(codes) == 1 and "" not in codes)


# Harm (events.HARM_TYPES) done to people of a known country whose doer the text does not tell ("two
# French journalists who were abducted in Syria", "soldiers … have been killed during clashes"): the
# victims tell the analyst who suffered it, and with no source the fact is never a country pair.
# A doer named in a "by" phrase that is no actor ("stabbed … by her estranged boyfriend") makes it
# a private crime, not an event between political actors.
_BY_AGENT = re.compile(r"(?:\s+[\w'-]+){0,6}?\s+by\b")


def _untold_doer(fact: Fact) -> bool:
    if fact.relation_type not in HARM_TYPES or fact.source_actors or not any(fact.target_iso3) \
            or ".passive" not in fact.rule_id:
        return False
    if fact.relation_type == "COERCE" and not any(fact.target_sectors):
        return False  # things are banned and seized too ("the Russian engines banned"): people only
    after = fact.sentence.find(fact.trigger) + len(fact.trigger)
    return _BY_AGENT.match(fact.sentence, after) is None and _MISHAP.search(fact.sentence, after) is None


# With no doer told, people killed in a crash, a collapse or a disaster met with a mishap, not
# an attack ("two French tourists were killed in a bus crash").
_MISHAP = re.compile(r"\b(?:accident|accidents|crash|crashed|collision|collapse|collapsed|derailed|capsized|sank|"
                     r"drowned|trapped|stampede|avalanche|landslide|landslides|earthquake|quake|flood|floods|"
                     r"flooding|storm|cyclone|typhoon|hurricane|tornado|fire broke out|blaze|lightning)\b", re.IGNORECASE)


def _fact_key(fact: Fact) -> tuple:
    return (fact.relation_type, tuple(fact.source_iso3), tuple(fact.target_iso3), fact.negated, fact.hypothetical)


def _without_partial_copies(facts: list[Fact]) -> list[Fact]:
    """One sentence's facts, minus a fact missing its source or target when another fact of the
    same type and polarity has it ("An Israeli strike killed 12 Palestinians" is one ASSAULT)."""
    def fuller(fact: Fact, other: Fact) -> bool:
        if other is fact or _fact_key(other)[0::3] != _fact_key(fact)[0::3] or other.negated != fact.negated:
            return False
        return (not fact.target_iso3 and other.target_iso3 and other.source_iso3 == fact.source_iso3) or (
            not fact.source_iso3 and other.source_iso3 and other.target_iso3 == fact.target_iso3)
    return [fact for fact in facts if not any(fuller(fact, other) for other in facts)]


# Fire traded by two sides is each one's against the other ("Israel and Hezbollah exchanged fire",
# "Indian troops exchanged fire with Pakistani troops").
MUTUAL_PHRASES = frozenset({"traded fire", "exchanged fire", "exchanged artillery fire", "exchanged gunfire",
                            "traded gunfire"})


def _between_parties(event: Event, lower: str) -> Event:
    """"Talks between China and Japan", "clashes between Armenian and Azerbaijani troops": a
    nominal event whose parties follow it after "between" is done by them together (a joint
    event) or by each of them to the other; so is fire the sides of a compound subject traded."""
    sides = event.sources + event.targets
    if event.trigger.phrase in MUTUAL_PHRASES and len({m.actor.code for m in sides}) > 1:
        return replace(event, sources=sides, targets=[], reciprocal=True, rule_id=event.rule_id + ".mutual")
    if event.sources or len(event.targets) < 2 or event.trigger.role != NOUN or not (
            event.trigger.phrase.endswith(" between") or lower.startswith(" between ", event.end)):
        return event
    return replace(event, sources=event.targets, targets=[],
                   reciprocal=event.trigger.relation_type not in JOINT_TYPES, rule_id=event.rule_id + ".between")


# An act its subject says it will do unless a demand is met is an ultimatum, a threat ("will
# withdraw from the talks unless the US lifts sanctions"); so is force or punishment it says it
# will use if something happens ("will strike Iran if it enriches uranium"), while help or
# recognition promised on a condition stays a promise ("would recognise a Palestinian state
# unless Israel agreed to a ceasefire": SUPPORT, hypothetical). Without the condition the act
# stays a hypothetical of its own kind ("will impose sanctions next month"), and "could" or "may"
# never threaten.
INTENT_AUXILIARIES = frozenset({"will", "would", "shall"})
FORCE_THREATENED = frozenset({"ASSAULT", "COERCE", "SANCTION"})


def _ultimatum(event: Event, lower: str) -> Event:
    if not event.hypothetical or event.negated or not event.sources or event.rule_id.endswith((".embedded", ".complement")) \
            or event.trigger.relation_type in COOPERATION_TYPES:
        return event
    subject_end = max(m.end for m in event.sources)
    if subject_end > event.start or INTENT_AUXILIARIES.isdisjoint(lower[subject_end:event.start].split()) \
            or not (" unless " in lower[event.end:] or event.trigger.relation_type in FORCE_THREATENED
                    and " if " in lower[event.end:]):
        return event
    return replace(event, trigger=replace(event.trigger, relation_type="THREATEN", mode=""), hypothetical=False,
                   rule_id=event.rule_id + ".ultimatum")


def _sentence_facts(events: list[Event], sentence: str, lower: str, start: int, end: int,
                    published: datetime.date | None) -> list[Fact]:
    """One sentence's facts, each (type, actors, polarity) once."""
    seen = set()
    facts = []
    for event in events:
        for sources, targets in _directed(event):
            fact = _fact(event, sources, targets, sentence, lower, start, end, published)
            if _fact_key(fact) not in seen:
                seen.add(_fact_key(fact))
                facts.append(fact)
    return [fact for fact in _without_partial_copies(facts) if _of_weight(fact)]


def _is_headline(sentence: str) -> bool:
    """Title case and no closing full stop ("Tokyo, Seoul Target Arms Deal With Sanctions"); a
    sentence full of names still ends with one."""
    return not sentence.rstrip().endswith((".", "!", "?", '"', "”", "'", "’")) and title_case(sentence)


def _lower_case_region(text: str, start: int, end: int) -> bool:
    """Whether the words around a span are written in lower case (no capital letter nearby)."""
    around = text[max(0, start - LOWER_CASE_MARGIN):end + LOWER_CASE_MARGIN]
    # islower() answers in C for the usual stretch of lower-case text; it is False for a stretch
    # with no cased letter too, which the character scan then settles
    if not around.islower() and any(c.isupper() for c in around):
        return False
    # a long stretch of an ordinary sentence has no capital either ("… trying to change a tyre
    # after a crash"): the sentence must open in lower case too
    opening = _SENTENCE_OPENING.search(text[:start][::-1])
    return opening is None or not opening.group(1).isupper()


# A lower-case name counts only with no capital within 80 characters either side of it
# (``_lower_case_region``; fewer at the text's ends), so a text without such a stretch has none.
LOWER_CASE_MARGIN = 80
# Searched in the reversed text before a name: the first letter of its sentence (read backwards,
# the letter right before a sentence end or the text's start).
_SENTENCE_OPENING = re.compile(r"([^\W\d_])[\s\"“'‘(]*(?:\s[.!?]|\n|$)")
_CAPITAL = re.compile(r"[A-Z]")
# A capital followed by a stretch that has room for a name with the margin on both sides; each
# try starts at a capital, so the search stays linear in the text.
_UNCASED_INSIDE = re.compile(r"[A-Z][^A-Z]{%d}" % (2 * LOWER_CASE_MARGIN + 1))


def _has_uncased_stretch(text: str) -> bool:
    """Whether the text has a stretch without capitals wide enough for a lower-case name: the
    whole text, its first or last margin's worth of characters, or a longer stretch inside."""
    edge = LOWER_CASE_MARGIN + 1
    return (_CAPITAL.search(text) is None
            or len(text) >= edge and (_CAPITAL.search(text, 0, edge) is None
                                      or _CAPITAL.search(text, len(text) - edge) is None)
            or _UNCASED_INSIDE.search(text) is not None)


def _with_lower_case_names(names: list, lower_names: list, text: str) -> list:
    """Names found case-sensitively, plus lower-case names in text written in lower case."""
    if not lower_names:
        return names
    taken = [(s, e) for s, e, _ in names]
    extra = [(s, e, hits) for s, e, hits in lower_names if _lower_case_region(text, s, e)
             and not any(s < te and ts < e for ts, te in taken)]
    return sorted(names + extra, key=lambda span: span[0]) if extra else names


# Sports results and reports: teams named after countries "beat", "defeat" and "attack". (The
# lookahead of the alternatives' first characters only lets the search skip positions faster.)
SPORTS = re.compile(r"(?=[0-9iphtgsmwoqclbfnr])\b(?:\d{1,3}-\d{1,3}\b(?! (?:vote|ruling|decision|majority))|innings?|pitcher|hitters?|touchdowns?|"
                    r"goalkeeper|striker|midfielder|world cup|olympics?|grand slam|semi-?finals?|quarter-?finals?|"
                    r"championship|tournament|league|batsmen|wickets?|home runs?|match(?:es)? against|friendly against|"
                    r"national team|(?<!terrorist )(?<!terrorism )(?<!terror )(?<!police )(?<!bomb )(?<!riot )(?<!death )(?<!hit )(?<!flying )squad|struck out|strikeouts?|batters?|fastballs?|homers?|relievers?|bullpen|quarterbacks?|"
                    r"penalty kicks?|free kicks?|hat-trick)\b")


# Words of a page about a film, a show or a dish: its wars, presidents and arrests are a plot or
# a backdrop ("Vietnam provides a backdrop", "killed by a police officer" in a synopsis). The
# lookahead of the words' first letters only lets the search skip positions faster.
_REVIEW_WORD = re.compile(r"(?=[fmsptbarce])\b(film|movie|starring|played by|sequel|box office|trailer|screenplay|actor|actress|cinema|"
                          r"premiere|episode|recipe|tablespoon|teaspoon)s?\b")
REVIEW_WORDS_PER_100 = 0.6


def _is_review_page(lower: str) -> bool:
    """A review, synopsis or recipe (``lower``: its lower-cased text): two kinds of such words or
    more, at 0.6 per 100 words or more."""
    found = [match.group(1) for match in _REVIEW_WORD.finditer(lower)]
    return len(set(found)) >= 2 and len(found) * 100 >= REVIEW_WORDS_PER_100 * len(lower.split())


# Numbered citation marks ("[221]") are the mark of an encyclopedia page, whose sentences tell
# history and background; the warehouse holds events reported as news.
REFERENCE_MARK = re.compile(r"\[\d{1,4}\]")


# A heading that opens a list of other stories ("RELATED STORIES", "Recent Posts", "Read more").
_LIST_HEADING = re.compile(r"^\s*(?:related(?: stories| articles| news| content| coverage| posts)?|recent (?:posts|stories)|"
                           r"more (?:stories|news|from [\w .'-]+)|read more|latest(?: news| stories)?|most (?:read|popular)|"
                           r"you (?:may|might) also like|see also|trending(?: now)?|popular(?: stories)?|top stories)\s*:?\s*$",
                           re.IGNORECASE)
_TEASER_END = ("…", "...")
# A line linking to another story inside the article ("[Read: Tunisia sends …]", "READ MORE: …").
_LINK_LINE = re.compile(r"^\[?\s*(?:read|read more|related|see also|also read|watch)\s*:", re.IGNORECASE)
# A line of a reference list ("^ "China and New Zealand sign …". The New York Times. April 2008.")
_REFERENCE_LINE = re.compile(r"^\^|\bRetrieved (?:on )?\d{1,2} \w+ \d{4}|\bRetrieved \w+ \d{1,2}, \d{4}")
_CLOSING_QUOTES = "\"”’')"


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Lines of a page's furniture that are not the article: the headlines listed under a
    "Related stories" heading (up to the next paragraph of the article, a line of twelve or
    more words ending a sentence), truncated teasers ("… called on China to help…"), lines
    linking to another story ("[Read: …]") and the lines of a reference list."""
    spans, in_list, position = [], False, 0
    for line in text.splitlines(keepends=True):
        start, end, stripped = position, position + len(line), line.strip()
        position = end
        if not stripped:
            continue
        if _LIST_HEADING.match(stripped):
            in_list = True
            spans.append((start, end))
            continue
        # "Retrieved" or an opening caret first: the reference-line pattern is slow to search
        teaser = stripped.endswith(_TEASER_END) or ("Retrieved" in stripped or stripped.startswith("^")) \
            and _REFERENCE_LINE.search(stripped) is not None or _LINK_LINE.match(stripped) is not None
        paragraph = not teaser and len(stripped.split()) >= 12 and stripped.rstrip(_CLOSING_QUOTES).endswith((".", "!", "?"))
        if paragraph:
            in_list = False
        if in_list or teaser:
            spans.append((start, end))
    return spans


@cache
def _dictionaries() -> tuple[Gazetteer, Dictionary]:
    """The gazetteer and the word dictionary, built once per process. Their hundreds of thousands
    of objects live as long as the process: frozen out of the collector's generations, they are
    not scanned again by every later collection (a tenth of the coding time on short texts).
    The collector is off while they are built: every collection on the way would scan the growing
    tables and find nothing to free (more than half of the build's CPU time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        built = gazetteer(), word_dictionary()
    finally:
        if was_enabled:
            gc.enable()
    gc.collect()  # nothing unreachable is frozen with them
    gc.freeze()
    return built


# The languages the coder reads: its lexicon (the PETRARCH2 dictionaries), gazetteer and rules are
# English. Read with them, another language gives only misreadings (an English verb or a name in a
# German sentence, "Erdogan ... man" coded as an assault) and costs the time of coding.
CODED_LANGUAGES = frozenset({"en"})


def reads_language(language: str | None) -> bool:
    """Whether the coder reads text in ``language`` (an ISO 639-1 code, as extraction detects
    it); text of unknown language is read."""
    return language is None or language in CODED_LANGUAGES


def code_article(text: str, published: datetime.date | None = None, language: str | None = None,
                 home: str | None = None) -> CodedArticle:
    """Code every sentence of an article; names introduced early resolve later bare mentions.
    An article in a ``language`` the coder does not read (reads_language) gives nothing.

    ``home`` is the ISO3 code of the outlet's country (a national paper's): in an article that
    names no other country, police and troops known only by their role ("police arrested 25
    people") are that country's where the sentence tells no place or country of its own. An
    article that names another country may be about it, so there they stay of unknown country."""
    if not isinstance(text, str) or not text.strip():
        return CodedArticle()
    if not reads_language(language):
        return CodedArticle()
    lower = _same_length_lower(text)
    if _is_review_page(lower):
        return CodedArticle()
    if isinstance(published, datetime.datetime):
        published = published.date()
    elif not isinstance(published, datetime.date):
        published = None
    gaz, words_dictionary = _dictionaries()
    names = gaz.dictionary.find(text)
    if _has_uncased_stretch(text):  # only there can a name be written in lower case
        names = _with_lower_case_names(names, gaz.lower_dictionary.find(lower), text)
    words = words_dictionary.find(lower)
    home = home if home and not _names_another_country(names, home) else ""
    # A phrase's readings list its triggers before its role words (see lexicon.word_dictionary).
    triggers = [(s, e, p) for s, e, p in words if isinstance(p[0], Trigger)]
    roles = [(s, e, p.role) for s, e, p in words if p.role is not None and not _after_stance_prefix(lower, s)]
    memory = ArticleMemory(published=published)
    finder = MentionFinder(gaz, memory)
    salience = Salience()
    facts: list[Fact] = []
    name_cursor = trigger_cursor = role_cursor = 0
    furniture = boilerplate_spans(text)
    reference_year = published.year if published else max(years_named(lower), default=None)
    spans = split_sentences(text)
    # Text whose sentences open with a capital (not text written all in lower case).
    cased = sum(text[start:start + 1].isupper() for start, _ in spans) > len(spans) / 2 >= 1
    for start, end in spans:
        if any(s <= start < e for s, e in furniture):
            continue
        sentence, sentence_lower = text[start:end], lower[start:end]
        if SPORTS.search(sentence_lower):
            continue  # "Puerto Rico beat the Netherlands 4-3": a result, not an event between states
        if cased and sentence[:1].islower():
            continue  # "…programs was himself arrested… for": a fragment cut from a sentence the page lost
        if REFERENCE_MARK.search(sentence):
            continue  # "…signed the treaty in 1928.[221]": an encyclopedia's history, not a report of news
        sentence_names, name_cursor = _bucket(names, start, end, name_cursor)
        sentence_triggers, trigger_cursor = _bucket(triggers, start, end, trigger_cursor)
        sentence_roles, role_cursor = _bucket(roles, start, end, role_cursor)
        mentions = salience.resolve(sentence, sentence_lower, finder.find(sentence, sentence_names, sentence_roles),
                                    sentence_roles)
        # Without a named actor only an arrest or a police tactic can be coded (its agent is the police).
        codable = mentions or any(readings[0].mode in POLICE_MODES for _, _, readings in sentence_triggers)
        events = code_events(sentence, sentence_lower, mentions, sentence_triggers, home) \
            if sentence_triggers and codable else []
        events = [_ultimatum(_between_parties(event, sentence_lower), sentence_lower) for event in events]
        # "In 1997, Clinton imposed …", "the seizure of Aleppo last year": history, not news
        if events and may_name_the_past(sentence_lower):
            events = [event for event in events
                      if not names_the_past(clause_around(sentence_lower, event.start, event.end), reference_year)]
        salience.answer_responses(sentence_lower, events)
        sentence_facts = _sentence_facts(events, sentence, sentence_lower, start, end, published)
        if _is_headline(sentence):  # "Death Toll From Kabul Mosque Attack Rises": names places, not sides
            sentence_facts = [fact for fact in sentence_facts if fact.source_iso3 and fact.target_iso3]
        facts.extend(sentence_facts)
        memory.remember(mentions)
        salience.remember(sentence, sentence_lower, mentions, events)
    learned = [learned_actor_row(actor, sentence) for actor, sentence in memory.learned.values()]
    return CodedArticle(facts=facts, learned_actors=learned)


# "anti-government protesters", "pro-government militias", "anti-terrorist squad": a role word
# after one of these names what someone is for or against, not who acts.
_STANCE_PREFIXES = ("anti-", "counter-", "pro-", "non-")


def _after_stance_prefix(lower: str, start: int) -> bool:
    return any(lower.endswith(prefix, 0, start) for prefix in _STANCE_PREFIXES)


def _names_another_country(names: list[tuple[int, int, list[NameHit]]], home: str) -> bool:
    """Whether a country, a place in one, or an office holder of one other than ``home`` is named."""
    return any(hit.actor.code and hit.actor.code != home and hit.actor.kind in ("state", "locality", "person")
               for _, _, hits in names for hit in hits[:1])


def extract_relations(text: str, published: datetime.date | None = None, language: str | None = None) -> list[Fact]:
    """PLOVER facts of ``text`` (one article or any passage), each with its sentence and offsets
    (none for a ``language`` the coder does not read, see code_article)."""
    return code_article(text, published, language).facts

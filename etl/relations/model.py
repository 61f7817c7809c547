"""Value types of the relation coder: actors, coded facts and a coded article."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field

# Bumped whenever rules, lexicons or gazetteers change what the coder emits, so that re-derived
# partitions can be told apart from old ones.
CODER_VERSION = "relations-1.10.22"

# The 16 PLOVER event types (PLOVER, CC BY-SA 4.0): the only values of Fact.relation_type.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True)
class Actor:
    """Something that can act or be acted on: a state, an organisation, a group or a person.

    ``code`` is what goes into the ``*_iso3`` lists: an ISO 3166 alpha-3 code for states and
    the people and groups belonging to one, an organisation's own short code (``UN``, ``EU``,
    ``NATO``…) for international organisations, and ``""`` when the country is unknown.
    """

    name: str
    code: str
    kind: str  # person | state | org | group | agency
    sector: str = ""
    role: str = ""
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


@dataclass(frozen=True)
class Fact:
    """One coded PLOVER event, traceable to its sentence (``text[sentence_start:sentence_end]``)."""

    relation_type: str
    mode: str | None
    source_actors: list[str]
    source_iso3: list[str]
    source_sectors: list[str]
    target_actors: list[str]
    target_iso3: list[str]
    target_sectors: list[str]
    location: str | None
    event_date: datetime.date | None
    sentence: str
    sentence_start: int
    sentence_end: int
    trigger: str
    negated: bool
    hypothetical: bool
    confidence: float
    rule_id: str
    # True when source and target are of one country by design: a state's agents acting on its
    # own people or opposition (police vs protesters), or citizens protesting their government.
    # Such a fact is a domestic event, not a pair of countries.
    is_domestic: bool = False
    coder_version: str = CODER_VERSION

    # The library entry point (extract_relations) promises the actor lists as `source` and `target`.
    @property
    def source(self) -> list[str]:
        return self.source_actors

    @property
    def target(self) -> list[str]:
        return self.target_actors

    @property
    def has_target(self) -> bool:
        """True when the fact names a target whose country or organisation code is known."""
        return any(self.target_iso3)

    @property
    def country_pair(self) -> bool:
        """True when the fact links two different known countries/organisations: the facts a
        dyad count may use (domestic facts are counted as domestic, not as a pair)."""
        return any(self.source_iso3) and self.has_target and not self.is_domestic and (
            set(filter(None, self.source_iso3)) != set(filter(None, self.target_iso3)))

    @property
    def asserted(self) -> bool:
        """True when the text states the event happened (neither negated nor hypothetical)."""
        return not (self.negated or self.hypothetical)

    def as_row(self) -> dict:
        """The fact's ``relation_facts`` columns (the asset adds ids and the partition)."""
        row = asdict(self)
        row["has_target"] = self.has_target
        row["country_pair"] = self.country_pair
        for key in ("source_actors", "source_iso3", "source_sectors",
                    "target_actors", "target_iso3", "target_sectors"):
            row[key] = list(row[key])
        return row


@dataclass(frozen=True)
class CodedArticle:
    facts: list[Fact] = field(default_factory=list)
    # Rows for the `actors` table (origin='learned'); the asset fills first_seen_article_id.
    learned_actors: list[dict] = field(default_factory=list)

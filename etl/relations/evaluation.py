"""Reading the labelled set (tests/data/relations) and scoring coder output against it.

Used by ``bench/relations_bench.py`` and the tests; the notation is described in the data
folder's README.md.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .events import JOINT_TYPES

LABELLED_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "relations"
# Whole articles kept out of rule writing: art06-art10, and art18-art20 of the second batch
# (art11-art20, written for the article-level discourse rules).
HELD_OUT_ARTICLES = frozenset({"art06", "art07", "art08", "art09", "art10", "art18", "art19", "art20"})


@dataclass(frozen=True)
class GoldFact:
    relation_type: str
    source_iso3: tuple[str, ...]
    target_iso3: tuple[str, ...]
    negated: bool
    hypothetical: bool


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    gold: tuple[GoldFact, ...]
    published: datetime.date | None = None

    @property
    def held_out(self) -> bool:
        if self.id.startswith("art"):
            return self.id in HELD_OUT_ARTICLES
        return int(hashlib.sha1(self.id.encode()).hexdigest()[:8], 16) % 4 == 0


def _codes(side: str) -> tuple[str, ...]:
    side = side.strip()
    if side == "-":
        return ()
    return tuple(actor.strip().split("=")[0].split("/")[0] for actor in side.split(" + "))


def parse_fact(spec: str) -> GoldFact:
    """``ACCUSE/disapprove KOR/GOV=Yoon Suk Yeol + NZL > PRK neg`` -> GoldFact."""
    words = spec.split()
    flags = set()
    while words and words[-1] in ("neg", "hyp"):
        flags.add(words.pop())
    head, rest = words[0], " ".join(words[1:])
    source, target = rest.split(" > ")
    return GoldFact(head.split("/")[0], _codes(source), _codes(target), "neg" in flags, "hyp" in flags)


def load_sentences(directory: Path = LABELLED_DIR) -> list[Example]:
    examples = []
    for path in sorted(directory.glob("sentences_*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            ident, text, gold = line.split("\t")
            facts = () if gold.strip() == "-" else tuple(parse_fact(f) for f in gold.split(" ; "))
            examples.append(Example(ident, text, facts))
    return examples


def load_articles(directory: Path = LABELLED_DIR) -> list[Example]:
    articles = []
    blocks = ("\n" + (directory / "articles.txt").read_text(encoding="utf-8")).split("\n=== ")[1:]
    for block in blocks:
        header, _, body = block.partition("\n")
        text, _, gold = body.partition("--- gold\n")
        ident, published = header.split()
        facts = tuple(parse_fact(line) for line in gold.splitlines() if line.strip())
        articles.append(Example(ident, text.strip(), facts,
                                datetime.date.fromisoformat(published.split("=")[1])))
    return articles


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set, gold: set) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def dyads(facts: Iterable) -> set[tuple[str, str, str]]:
    """(type, source code, target code) for every pair a fact implies; '' for an absent side.

    A joint event ("X and Y met") may be written with its parties as one compound source and no
    target, or as the coder writes one of two parties, the first named as source and the other
    as target: both give the first-named party paired with each other party."""
    pairs = set()
    for fact in facts:
        sources, targets = tuple(fact.source_iso3) or ("",), tuple(fact.target_iso3) or ("",)
        if fact.relation_type in JOINT_TYPES and not any(targets) and sources[0] and len(set(filter(None, sources))) > 1:
            sources, targets = sources[:1], tuple(code for code in sources if code != sources[0])
        for source in sources:
            for target in targets:
                pairs.add((fact.relation_type, source, target))
    return pairs


@dataclass
class Scores:
    types: Counts
    full: Counts
    negated: Counts
    hypothetical: Counts
    leaks: int          # gold negated/hypothetical events the coder reported as plain facts
    flagged_gold: int   # gold negated/hypothetical facts


def score(examples: list[Example], code: Callable[[Example], list]) -> Scores:
    """Score ``code`` (example -> facts with relation_type, *_iso3, negated, hypothetical)."""
    scores = Scores(Counts(), Counts(), Counts(), Counts(), 0, 0)
    for example in examples:
        predicted = code(example)
        scores.types.add({f.relation_type for f in predicted}, {f.relation_type for f in example.gold})
        scores.full.add(dyads(predicted), dyads(example.gold))
        shared = {f.relation_type for f in predicted} & {f.relation_type for f in example.gold}
        for flag, counts in (("negated", scores.negated), ("hypothetical", scores.hypothetical)):
            counts.add({t for t in shared if any(getattr(f, flag) for f in predicted if f.relation_type == t)},
                       {t for t in shared if any(getattr(f, flag) for f in example.gold if f.relation_type == t)})
        for gold in example.gold:
            if not (gold.negated or gold.hypothetical):
                continue
            scores.flagged_gold += 1
            asserted_in_gold = any(g.relation_type == gold.relation_type and not (g.negated or g.hypothetical)
                                   for g in example.gold)
            plain = any(f.relation_type == gold.relation_type and not (f.negated or f.hypothetical)
                        for f in predicted)
            if plain and not asserted_in_gold:
                scores.leaks += 1
    return scores

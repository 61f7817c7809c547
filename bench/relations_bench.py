"""Relation coder benchmark on the hand-labelled set (tests/data/relations).

Prints precision/recall/F1 for the event type, for (type, source ISO3, target ISO3) dyads and for
the negated/hypothetical flags, the number of negated or hypothetical gold events reported as
plain facts, and sentences per second — for the coder and, in the same run, for a naive
baseline (trigger word plus the nearest country on each side). Dev and held-out splits are
reported separately; whole articles are scored at article level.

    python bench/relations_bench.py [--rounds N] [--lexicons FOLDER]

The field's lexicon is read from --lexicons, else from the folder the pipeline's settings name
(ETL_LEXICONS, else lexicons/ in the data folder), as a pipeline run does.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from etl.definitions.environment import environment_values  # noqa: E402
from etl.relations import code_article, extract_relations, petrarch  # noqa: E402
from etl.relations.evaluation import Example, Scores, load_articles, load_sentences, score  # noqa: E402
from etl.relations.gazetteer import PERSON, gazetteer  # noqa: E402
from etl.relations.lexicon import NONE, Trigger, word_dictionary  # noqa: E402
from etl.relations.sentences import split_sentences  # noqa: E402
from etl.settings import build_settings  # noqa: E402


@dataclass(frozen=True)
class BaselineFact:
    relation_type: str
    source_iso3: tuple[str, ...]
    target_iso3: tuple[str, ...]
    negated: bool = False
    hypothetical: bool = False


def baseline(text: str) -> list[BaselineFact]:
    """Naive coder: every trigger word, the nearest country before it and the nearest after it."""
    facts = []
    names = gazetteer().dictionary.find(text)
    words = word_dictionary().find(text.lower())
    for start, end in split_sentences(text):
        countries = [(s, hits[0].actor.code) for s, e, hits in names
                     if start <= s < end and hits[0].form != PERSON]
        for s, e, payload in words:
            if start <= s < end and isinstance(payload[0], Trigger) and payload[0].role != NONE:
                before = [code for position, code in countries if position < s][-1:]
                after = [code for position, code in countries if position >= e][:1]
                if before or after:
                    facts.append(BaselineFact(payload[0].relation_type, tuple(before), tuple(after)))
    return facts


def use_lexicons(folder: Path | None) -> None:
    """Point the coder (and the baseline, which shares its dictionaries) at the field's lexicon:
    ``folder``, else the one the pipeline's settings name; say which, and whether it is there."""
    folder = folder or build_settings(**environment_values()).lexicons_dir
    petrarch.use_lexicon_folder(folder)
    print(f"field lexicon: {folder} ({'found' if petrarch.available() else 'MISSING: own rules only'})")


def _throughput(texts: list[str], code, rounds: int) -> float:
    """Texts coded per CPU-second, best of ``rounds`` passes (CPU time: the other processes of
    a shared machine do not count against the coder)."""
    best = 0.0
    for _ in range(rounds):
        began = time.process_time()
        for text in texts:
            code(text)
        best = max(best, len(texts) / max(time.process_time() - began, 1e-9))
    return best


def _line(name: str, scores: Scores) -> str:
    def prf(c):
        return f"{c.precision:5.3f} {c.recall:5.3f} {c.f1:5.3f}"
    return (f"{name:<26} type {prf(scores.types)} | full {prf(scores.full)} | neg {prf(scores.negated)}"
            f" | hyp {prf(scores.hypothetical)} | leaks {scores.leaks}/{scores.flagged_gold}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds (best is reported)")
    parser.add_argument("--lexicons", type=Path, help="folder of the field's lexicon (default: the settings')")
    args = parser.parse_args()
    use_lexicons(args.lexicons)
    sentences, articles = load_sentences(), load_articles()
    code_article("warm-up: Japan met China.")  # build automata outside the timed region

    def coder(example: Example):
        return extract_relations(example.text, example.published)

    def naive(example: Example):
        return baseline(example.text)

    print("columns: P R F1 per measure; leaks = gold negated/hypothetical events reported as plain facts")
    for split_name, wanted in (("dev", False), ("held-out", True)):
        subset = [e for e in sentences if e.held_out == wanted]
        print(f"\nsentences, {split_name} split (n={len(subset)}, {sum(not e.gold for e in subset)} with no event)")
        print(_line("coder", score(subset, coder)))
        print(_line("baseline", score(subset, naive)))
    print(f"\nsentences, all (n={len(sentences)})")
    print(_line("coder", score(sentences, coder)))
    print(_line("baseline", score(sentences, naive)))
    for split_name, wanted in (("dev", False), ("held-out", True)):
        subset = [a for a in articles if a.held_out == wanted]
        print(f"\narticles, {split_name} (n={len(subset)}, article-level dyad sets)")
        print(_line("coder", score(subset, coder)))
        print(_line("baseline", score(subset, naive)))

    texts = [e.text for e in sentences]
    coder_rate = _throughput(texts, extract_relations, args.rounds)
    baseline_rate = _throughput(texts, baseline, args.rounds)
    joined = " ".join(texts)
    began = time.process_time()
    for _ in range(args.rounds):
        extract_relations(joined)
    article_rate = len(texts) * args.rounds / (time.process_time() - began)
    print(f"\nspeed (CPU time, best of {args.rounds}): coder {coder_rate:,.0f} sentences/CPU-s one call per sentence,"
          f" {article_rate:,.0f} sentences/CPU-s as one text; baseline {baseline_rate:,.0f} sentences/CPU-s;"
          f" coder/baseline = {coder_rate / baseline_rate:.2f}")


if __name__ == "__main__":
    main()

"""Relation coder benchmark on the blind set (tests/data/relations_blind), coder vs naive baseline.

The blind set was written and labelled without reading the coder or its own labelled set (see
tests/data/relations_blind/README.md). Scoring, loading, the baseline and the timing are imported
from bench/relations_bench.py and etl.relations.evaluation, so the figures are computed exactly as
for the project's own set:

* type: per sentence (or article), the set of relation types, precision/recall/F1;
* full: the set of (type, source ISO3, target ISO3) dyads, compound actors expanded;
* leaks: gold facts marked negated or hypothetical for which the system reports the same type in
  the same sentence as a plain asserted fact (neither negated nor hypothetical);
* speed: sentences per second on one core, one call per sentence, best of --rounds.

Also prints per-type recall/precision, the facts reported on the no-event sentences, and with
--errors every sentence where the coder's dyads differ from the gold ones.

    python bench/relations_blind_bench.py [--rounds N] [--errors]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from relations_bench import _line, _throughput, baseline, use_lexicons  # noqa: E402

from etl.relations import code_article, extract_relations  # noqa: E402
from etl.relations.evaluation import Example, load_articles, load_sentences, score  # noqa: E402

BLIND_DIR = ROOT / "tests" / "data" / "relations_blind"
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def coder(example: Example) -> list:
    return extract_relations(example.text, example.published)


def naive(example: Example) -> list:
    return baseline(example.text)


def _only(relation_type: str, examples: list[Example], code):
    """The examples and the system restricted to one relation type."""
    subset = [replace(e, gold=tuple(f for f in e.gold if f.relation_type == relation_type))
              for e in examples]

    def restricted(example: Example) -> list:
        return [f for f in code(example) if f.relation_type == relation_type]
    return subset, restricted


def _fact(f) -> str:
    def side(codes) -> str:
        return "+".join(c or "?" for c in codes) or "-"
    flags = ("neg " if f.negated else "") + ("hyp" if f.hypothetical else "")
    return f"{f.relation_type} {side(f.source_iso3)}>{side(f.target_iso3)} {flags}".strip()


def per_type(examples: list[Example]) -> None:
    print(f"\nper type, coder (sentences): {'type':<10} {'gold':>4}  type P/R        full P/R")
    for relation_type in TYPES:
        subset, restricted = _only(relation_type, examples, coder)
        s = score(subset, restricted)
        n = sum(len(e.gold) for e in subset)
        print(f"{'':28}{relation_type:<10} {n:>4}  {s.types.precision:4.2f} {s.types.recall:4.2f}"
              f"      {s.full.precision:4.2f} {s.full.recall:4.2f}")


def errors(examples: list[Example]) -> None:
    print("\nsentences where the coder's facts differ from gold (gold | coder)")
    for e in examples:
        got = sorted(_fact(f) for f in coder(e))
        want = sorted(_fact(f) for f in e.gold)
        if got != want:
            print(f"{e.id}: {e.text}\n    gold : {' ; '.join(want) or '-'}\n    coder: {' ; '.join(got) or '-'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds (best is reported)")
    parser.add_argument("--errors", action="store_true", help="list every sentence the coder gets wrong")
    parser.add_argument("--lexicons", type=Path, help="folder of the field's lexicon (default: the settings')")
    args = parser.parse_args()
    use_lexicons(args.lexicons)
    sentences, articles = load_sentences(BLIND_DIR), load_articles(BLIND_DIR)
    code_article("warm-up: Japan met China.")  # build automata outside the timed region

    empty = [e for e in sentences if not e.gold]
    eventful = [e for e in sentences if e.gold]
    print("blind set: columns P R F1 per measure; leaks = gold negated/hypothetical events reported as plain facts")
    for name, subset in ((f"sentences, all (n={len(sentences)}, {len(empty)} with no event)", sentences),
                         (f"sentences with an event (n={len(eventful)})", eventful),
                         (f"articles (n={len(articles)}, article-level fact sets)", articles)):
        print(f"\n{name}")
        print(_line("coder", score(subset, coder)))
        print(_line("baseline", score(subset, naive)))

    for name, code in (("coder", coder), ("baseline", naive)):
        spurious = [(e.id, _fact(f)) for e in empty for f in code(e)]
        hit = len({i for i, _ in spurious})
        print(f"\nno-event sentences, {name}: {len(spurious)} facts reported on {hit}/{len(empty)} sentences")
        if name == "coder" and spurious:
            print("    " + "; ".join(f"{i} {f}" for i, f in spurious))

    per_type(sentences)
    if args.errors:
        errors(sentences + articles)

    texts = [e.text for e in sentences]
    coder_rate = _throughput(texts, extract_relations, args.rounds)
    baseline_rate = _throughput(texts, baseline, args.rounds)
    print(f"\nspeed (CPU time, best of {args.rounds}, one call per sentence): coder {coder_rate:,.0f}"
          f" sentences/CPU-s, baseline {baseline_rate:,.0f} sentences/CPU-s")


if __name__ == "__main__":
    main()

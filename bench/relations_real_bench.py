"""Relation coder on real sentences labelled by others, against the naive baseline in the same run.

Scores every set under ``<datasets>/relations`` with the reference scorer's own metric (its
``score_set``: type P/R micro over rows, triples with intersecting ISO3 sets, negated and
hypothetical facts left out, police-restricted figures for india_police_events), once with the
coder and once with the naive baseline of ``relations_bench.py`` (trigger word plus the nearest
country on each side), with sentences per CPU-second for each: the best of ``SPEED_ROUNDS`` timed
passes over the set's first ``SPEED_SAMPLE`` sentences, coding only (the scorer's own work and
the machine's other load are left out as far as CPU time allows). For india_police_events it also
counts the labelled rows where a police COERCE/ASSAULT fact names India on both sides, coded as
the scorer codes and with the outlet's country given (the Times of India: IND, as a source's
`country` gives it in the pipeline), and scores the police figures once more with it. A set
written in ordinary case is scored once more with its text lower-cased.

Then the reading check: 50 facts drawn at random from the coder's asserted facts on the gold texts
of ``<datasets>/extraction/*/gold.jsonl``, once per fixed seed in ``READING_SEEDS`` (the first
seed's draw was read before the later ones were added, so a later draw is one the rules were not
written against), listed with the verdict a careful coder gives each
(``relations_reading_verdicts.tsv`` beside this script, written by reading them; "?" for a fact
not yet read), and the share kept; also the share kept over every asserted fact already read (a steadier figure
than one draw of 50). Finally the facts of the seed article.

    python bench/relations_real_bench.py [--datasets ../shared/datasets] [--seed-article PATH] [--lexicons FOLDER]

The datasets are not part of the repository; without them the bench says so and stops.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import importlib.util
import json
import os
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from etl.relations import code_article, extract_relations  # noqa: E402
from relations_bench import _throughput, baseline, use_lexicons  # noqa: E402

VERDICTS = Path(__file__).resolve().parent / "relations_reading_verdicts.tsv"
READ_SAMPLE = 50
READING_SEEDS = (20261203, 1207, 2103, 2312)
SPEED_ROUNDS = 5
SPEED_SAMPLE = 2000


@dataclass(frozen=True)
class NaiveFact:
    """The baseline's fact with the fields the reference scorer reads."""
    relation_type: str
    source_iso3: tuple[str, ...]
    target_iso3: tuple[str, ...]
    source_sectors: tuple[str, ...] = ()
    negated: bool = False
    hypothetical: bool = False


def naive(text: str, published=None) -> list[NaiveFact]:
    return [NaiveFact(f.relation_type, f.source_iso3, f.target_iso3) for f in baseline(text)]


def load_scorer(datasets: Path):
    spec = importlib.util.spec_from_file_location("score_relations", datasets / "score_relations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The outlet of india_police_events' sentences (the Times of India), given to the coder as a feed
# configured with its country gives it in the pipeline (a source's `country`).
INDIA_OUTLET = "IND"


def police_domestic(datasets: Path, home: str | None) -> tuple[int, int, int, int]:
    """(labelled police rows, rows with a police COERCE/ASSAULT fact IND -> IND, rows with one
    whose police are India's and whose target is India or unplaced, IND -> IND facts on rows with
    no such label), each sentence coded with ``home`` as its outlet's country."""
    rows = [json.loads(line) for line in
            (datasets / "relations" / "india_police_events" / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    labelled = found = agent = stray = 0
    for row in rows:
        police = [f for f in code_article(row["text"], home=home).facts if f.asserted
                  and f.relation_type in ("COERCE", "ASSAULT") and "COP" in f.source_sectors and "IND" in f.source_iso3]
        both = [f for f in police if "IND" in f.target_iso3]
        if row["events"]:
            labelled += 1
            found += bool(both)
            agent += any(set(f.target_iso3) <= {"IND", ""} for f in police)
        else:
            stray += bool(both)
    return labelled, found, agent, stray


def score_sets(scorer, datasets: Path) -> None:
    names = sorted(p.name for p in (datasets / "relations").iterdir() if p.is_dir())
    code_article("warm-up: Japan met China.")  # build the automata outside the timed region
    gc.collect()  # and collect after building them, so no full collection lands in a timed run
    for name in names:
        with (datasets / "relations" / name / "sentences.jsonl").open(encoding="utf-8") as rows:
            texts = [json.loads(row)["text"] for row, _ in zip(rows, range(SPEED_SAMPLE))]
        for label, code in (("coder", extract_relations), ("baseline", naive)):
            scorer.extract_relations = code
            result = scorer.score_set(name)
            speed = _throughput(texts, code, SPEED_ROUNDS)
            t, x = result["type"], result["triple"]
            line = (f"{name:<22} {label:<8} type P {t['P']:.3f} R {t['R']:.3f} F1 {t['F1']:.3f} | triple P "
                    f"{x['P']:.3f} R {x['R']:.3f} | facts on no-event rows {result['no_event_rows_with_a_fact']}"
                    f" | {speed:,.0f} sentences/CPU-s")
            print(line, flush=True)
            if "police" in result:
                police = result["police"]
                precision = police["on_gold"] / police["facts"] if police["facts"] else 0.0
                print(f"{'':<22} {label:<8} police COERCE/ASSAULT: found on {police['gold_hit_police_src']} of "
                      f"{police['gold']} labelled rows ({police['gold_hit_police_src'] / police['gold']:.1%}),"
                      f" precision {precision:.3f} ({police['on_gold']}/{police['facts']})", flush=True)
    for name in names:
        score_lower_cased(scorer, datasets, name)
    if "india_police_events" in names:
        scorer.extract_relations = lambda text, published=None: code_article(text, published, home=INDIA_OUTLET).facts
        police = scorer.score_set("india_police_events")["police"]
        print(f"{'india_police_events':<22} coder    outlet's country {INDIA_OUTLET} given: police COERCE/ASSAULT found on "
              f"{police['gold_hit_police_src']} of {police['gold']} labelled rows "
              f"({police['gold_hit_police_src'] / police['gold']:.1%}), precision {police['on_gold'] / police['facts']:.3f} "
              f"({police['on_gold']}/{police['facts']})", flush=True)
        for home, how in ((None, "as the scorer codes"), (INDIA_OUTLET, f"outlet's country {INDIA_OUTLET} given")):
            labelled, found, agent, stray = police_domestic(datasets, home)
            print(f"{'india_police_events':<22} coder    {how}: police as domestic agent of IND (IND -> IND): {found} of "
                  f"{labelled} labelled rows ({found / labelled:.1%}); India's police, target India or unplaced: "
                  f"{agent} ({agent / labelled:.1%}); IND -> IND on unlabelled rows {stray}")


def score_lower_cased(scorer, datasets: Path, name: str) -> None:
    """A set written in ordinary case scored again with its text lower-cased (as some outlets and
    feeds publish it): what the coder loses when names carry no capitals. Sets already in lower
    case are not scored twice."""
    with (datasets / "relations" / name / "sentences.jsonl").open(encoding="utf-8") as rows:
        texts = [json.loads(row)["text"] for row, _ in zip(rows, range(SPEED_SAMPLE))]
    if sum(text != text.lower() for text in texts) * 2 < len(texts):
        return
    for label, code in (("coder", extract_relations), ("baseline", naive)):
        scorer.extract_relations = lambda text, published=None, code=code: code(text.lower(), published)
        result = scorer.score_set(name)
        t, x = result["type"], result["triple"]
        print(f"{name + ' lower-cased':<22} {label:<8} type P {t['P']:.3f} R {t['R']:.3f} F1 {t['F1']:.3f} | triple P "
              f"{x['P']:.3f} R {x['R']:.3f} | facts on no-event rows {result['no_event_rows_with_a_fact']}", flush=True)


def _fact_key(sentence: str, fact) -> str:
    digest = hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:12]
    return f"{digest}|{fact.relation_type}|{'+'.join(fact.source_iso3)}>{'+'.join(fact.target_iso3)}"


def reading_check(datasets: Path) -> None:
    texts = []
    for gold in sorted((datasets / "extraction").glob("*/gold.jsonl")):
        for line in gold.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text")
            if text:
                texts.append(text)
    facts = [(fact.sentence, fact) for text in texts for fact in extract_relations(text) if fact.asserted]
    verdicts = {}
    if VERDICTS.exists():
        for line in VERDICTS.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                key, verdict = line.split("\t")[:2]
                verdicts[key] = verdict
    every = [verdicts.get(_fact_key(sentence, fact), "?") for sentence, fact in facts]
    print(f"\nreading check: {len(facts)} asserted facts in {len(texts)} gold texts; of all of them, "
          f"{every.count('keep')} of {every.count('keep') + every.count('drop')} read are kept "
          f"({every.count('keep') / max(1, every.count('keep') + every.count('drop')):.0%}), {every.count('?')} not read")
    for seed in READING_SEEDS:
        sample = random.Random(seed).sample(facts, min(READ_SAMPLE, len(facts)))
        print(f"draw with seed {seed}: {len(sample)} facts")
        kept = judged = 0
        for sentence, fact in sample:
            key = _fact_key(sentence, fact)
            verdict = verdicts.get(key, "?")
            judged += verdict in ("keep", "drop")
            kept += verdict == "keep"
            print(f"  [{verdict:>4}] {key}  {fact.relation_type} {'+'.join(fact.source_iso3) or '-'} > "
                  f"{'+'.join(fact.target_iso3) or '-'}  «{' '.join(sentence.split())[:160]}»")
        if judged:
            print(f"reading check, seed {seed}: {kept} of {judged} read facts kept ({kept / judged:.0%}); "
                  f"{len(sample) - judged} not read")


def seed_article(path: Path) -> None:
    if not path.exists():
        return
    print(f"\nseed article ({path.name}):")
    for fact in extract_relations(path.read_text(encoding="utf-8")):
        flags = "".join(flag for flag, on in ((" negated", fact.negated), (" hypothetical", fact.hypothetical)) if on)
        print(f"  {fact.relation_type} {'+'.join(fact.source_iso3) or '-'} > {'+'.join(fact.target_iso3) or '-'}"
              f"{flags}  «{fact.sentence[:140]}»")


def main() -> None:
    here = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=here.parent / "shared" / "datasets")
    parser.add_argument("--seed-article", type=Path, default=here.parent / "shared" / "seed" / "article.txt")
    parser.add_argument("--lexicons", type=Path, help="folder of the field's lexicon (default: the settings')")
    args = parser.parse_args()
    use_lexicons(args.lexicons)
    if not (args.datasets / "score_relations.py").exists():
        print(f"no labelled datasets at {args.datasets}: nothing to measure")
        return
    os.environ.setdefault("SCORE_REPORTS", str(Path(tempfile.gettempdir()) / "newsfacts-scores"))
    scorer = load_scorer(args.datasets)
    scorer.REPORTS.mkdir(parents=True, exist_ok=True)
    score_sets(scorer, args.datasets)
    reading_check(args.datasets)
    seed_article(args.seed_article)


if __name__ == "__main__":
    main()

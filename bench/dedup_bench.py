"""Dedup benchmark: labelled-set quality, signature and clustering throughput.

    python bench/dedup_bench.py [--small] [--repeats N]

Prints pair precision/recall and merged hard negatives on tests/data/dedup, documents per
second from text to signature on 400-800-word news articles (with a per-shingle Python hashing
baseline measured in the same run, as a ratio), and clustering time at 10k and 100k synthetic
documents (each size the best of 3 runs). The targets are per core, so polars runs on one thread
and speeds are documents per CPU-second of this process (wall-clock figures swing with whatever
else the machine runs).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("POLARS_MAX_THREADS", "1")  # before polars is imported: one core

import numpy as np
import polars as pl
import xxhash

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.dedup import DedupDoc, assign_stories, cluster_texts  # noqa: E402
from etl.dedup.evaluate import merged_group_pairs, pair_scores  # noqa: E402
from etl.dedup.features import featurize  # noqa: E402
from etl.dedup.minhash import band_keys, signatures  # noqa: E402
from etl.dedup.params import DEDUP_VERSION, SIGNATURE_SLOTS, SHINGLE_WORDS  # noqa: E402
from etl.dedup.replay import assign_by_day  # noqa: E402
from etl.dedup.tokens import tokenize  # noqa: E402

DATA = ROOT / "tests" / "data" / "dedup"


def labelled_quality() -> None:
    docs = [json.loads(line) for line in (DATA / "labelled.jsonl").read_text(encoding="utf-8").splitlines()]
    forbidden = [tuple(p["groups"]) for p in json.loads((DATA / "hard_negatives.json").read_text(encoding="utf-8"))]
    gold = [d["group"] for d in docs]
    texts = [d["text"] for d in docs]
    by_day = assign_by_day(
        [
            DedupDoc(d["doc_id"], f"https://{d['source']}.example/{d['doc_id']}", d["text"], datetime.fromisoformat(d["published_at"]), d["source"])
            for d in docs
        ]
    )
    story_of = dict(zip(by_day.get_column("article_id"), by_day.get_column("story_id")))
    runs = {
        "one batch, with sources": cluster_texts(texts, [d["source"] for d in docs]),
        "one batch, texts only": cluster_texts(texts),
        "day by day, 3-day window": [story_of[d["doc_id"]] for d in docs],
    }
    print(f"labelled set: {len(docs)} documents, {len(set(gold))} groups, {len(forbidden)} hard-negative group pairs")
    for name, labels in runs.items():
        s = pair_scores(gold, labels)
        merged = merged_group_pairs(gold, labels, forbidden)
        print(f"  {name:28s} pair P {s.precision:.3f}  R {s.recall:.3f}  ({s.correct_pairs}/{s.true_pairs} true pairs, {s.predicted_pairs} predicted)  hard negatives merged: {len(merged)}")


def synthetic_texts(n: int, seed: int, copy_share: float = 0.3) -> list[str]:
    """News-sized texts (~350 words, Zipf vocabulary); ``copy_share`` of them are copies of
    another with a new 8-word headline, the last tenth cut and 15 words of furniture added."""
    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i}" + "abcdefgh"[: i % 9] for i in range(50_000)])
    weights = 1.0 / np.arange(1, vocab.size + 1)
    lengths = rng.integers(150, 550, size=n)
    words = vocab[rng.choice(vocab.size, size=int(lengths.sum()), p=weights / weights.sum())]
    ends = np.cumsum(lengths)
    originals = [words[e - k : e] for e, k in zip(ends, lengths)]
    texts = [" ".join(w) for w in originals]
    for i in np.flatnonzero(rng.random(n) < copy_share):
        base = originals[int(rng.integers(0, n))]
        extra = vocab[rng.integers(0, vocab.size, size=23)]
        texts[i] = " ".join([*extra[:8], *base[: int(len(base) * 0.9)], *extra[8:]])
    return texts


def per_shingle_python_signatures(texts: list[str]) -> None:
    """Baseline: hash every shingle with a Python call (the datasketch way), numpy min per doc."""
    a = np.random.default_rng(1).integers(1, 2**63, size=SIGNATURE_SLOTS, dtype=np.int64).astype(np.uint64) | np.uint64(1)
    for text in texts:
        words = text.lower().split()
        hashes = np.array(
            [xxhash.xxh64_intdigest(" ".join(words[i : i + SHINGLE_WORDS]).encode()) for i in range(max(len(words) - SHINGLE_WORDS + 1, 1))],
            dtype=np.uint64,
        )
        with np.errstate(over="ignore"):
            ((a[:, None] * hashes[None, :]) >> np.uint64(32)).min(axis=1)


def news_articles(n: int, seed: int) -> list[str]:
    """400-800-word articles of real prose: paragraphs of the labelled set drawn at random, and
    every second article typeset with curly quotes and em dashes (not ASCII, as most news is)."""
    rng = np.random.default_rng(seed)
    docs = [json.loads(line) for line in (DATA / "labelled.jsonl").read_text(encoding="utf-8").splitlines()]
    paragraphs = sorted({p for d in docs for p in d["text"].split("\n\n") if len(p.split()) >= 15})
    articles = []
    for i in range(n):
        target, words, chosen = int(rng.integers(400, 801)), 0, []
        while words < target:
            chosen.append(paragraphs[int(rng.integers(len(paragraphs)))])
            words += len(chosen[-1].split())
        text = "\n\n".join(chosen)
        if i % 2:
            text = text.replace("'", "\u2019").replace(' "', " \u201c").replace('"', "\u201d").replace(" - ", " \u2014 ")
        articles.append(text)
    return articles


def timed(fn, *args):
    """(CPU seconds, wall seconds, result) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn(*args)
    return time.process_time() - cpu, time.perf_counter() - wall, result


def signature_speed(n: int) -> None:
    texts = news_articles(n, seed=7)
    featurize(texts[:200])  # the first call pays one-off set-up (regex compilation, allocator)
    cpu_tok, wall_tok, _ = timed(lambda: [tokenize(texts[i : i + 1000]) for i in range(0, n, 1000)])  # blocks, as featurize does
    cpu_all, wall_all, features = timed(featurize, texts)
    counts = features.shingle_counts
    cpu_sig, wall_sig, _ = timed(lambda: band_keys(signatures(features.shingles, counts)))
    sample = texts[:1000]
    cpu_base, wall_base, _ = timed(per_shingle_python_signatures, sample)
    base_rate = len(sample) / cpu_base
    print(f"signatures on {n} news articles ({int(counts.mean())} shingles/doc), one core, docs per CPU-second (wall):")
    print(f"  tokenise (NFKC, lower, words)        {n / cpu_tok:10,.0f}  ({n / wall_tok:,.0f})")
    print(f"  MinHash signatures + band keys       {n / cpu_sig:10,.0f}  ({n / wall_sig:,.0f})")
    print(f"  text -> signature, end to end        {n / cpu_all:10,.0f}  ({n / wall_all:,.0f})  target >= 10,000")
    print(f"  baseline: per-shingle Python hashing {base_rate:10,.0f}  ({len(sample) / wall_base:,.0f})")
    print(f"  end to end is {n / cpu_all / base_rate:.1f}x the baseline, signatures alone {n / cpu_sig / base_rate:.1f}x")


def clustering_time(sizes: list[int], repeats: int) -> None:
    """CPU time of assign_stories per size, the best of ``repeats`` runs: a single run swings
    with what else the machine does (cache and memory-bus contention), the best one less."""
    times = {}
    for n in sizes:
        texts = synthetic_texts(n, seed=n)
        docs = [DedupDoc(f"a{i:07d}", f"https://site.example/{i}", t, None, "") for i, t in enumerate(texts)]
        runs = [timed(assign_stories, docs, pl.DataFrame(), lambda ids: {}) for _ in range(repeats)]
        cpu, wall, result = min(runs, key=lambda run: run[0])
        times[n] = cpu
        stories = result.stories.get_column("story_id").n_unique()
        print(
            f"  assign_stories {n:>7,} docs: {cpu:7.2f} CPU-s ({wall:.2f} s wall), best of {repeats}  {n / cpu:8,.0f} docs/CPU-s"
            f"  ({stories:,} stories, {result.bands.height:,} band rows)"
        )
    if len(sizes) == 2:
        small, large = sizes
        print(f"  {large // small}x the documents took {times[large] / times[small]:.2f}x the CPU time (target <= 12x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="1k and 10k documents instead of 10k and 100k")
    parser.add_argument("--repeats", type=int, default=3, help="clustering runs per size; the fastest counts (default 3)")
    args = parser.parse_args()
    print(DEDUP_VERSION)
    labelled_quality()
    signature_speed(2_000 if args.small else 10_000)
    print("clustering (no window):")
    clustering_time([1_000, 10_000] if args.small else [10_000, 100_000], max(args.repeats, 1))


if __name__ == "__main__":
    main()

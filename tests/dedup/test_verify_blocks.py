"""Verification in small blocks of pairs gives exactly the edges of one block."""

import numpy as np
import polars as pl
from polars.testing import assert_frame_equal

from etl.dedup.features import featurize
from etl.dedup.shingle_sets import ShingleSets, shingle_table
from etl.dedup.verify import verify_pairs
from tests.dedup.labelled import labelled_docs


def test_small_blocks_give_the_same_edges_as_one_block():
    texts = [d["text"] for d in labelled_docs()]
    texts.insert(1, texts[0].upper())  # an exact copy after normalisation
    features = featurize(texts)
    nodes = np.arange(len(texts), dtype=np.int64)
    sets = ShingleSets.from_table(shingle_table(nodes, features.shingles, features.shingle_counts, nodes), len(texts))
    # Each document against its next 12 (same-group copies sit together) and a far one.
    a, b = np.triu_indices(len(texts), k=1)
    near = (b - a <= 12) | (b - a == len(texts) // 2)
    pairs = pl.DataFrame({"a": a[near], "b": b[near]}, schema={"a": pl.Int64, "b": pl.Int64})

    one_block = verify_pairs(pairs, sets, features.fingerprints, rows_per_block=10**12)
    small_blocks = verify_pairs(pairs, sets, features.fingerprints, rows_per_block=1_000)

    assert_frame_equal(small_blocks, one_block)
    assert set(one_block.get_column("method")) == {"exact", "near", "contained"}


def test_scores_match_python_sets():
    texts = [d["text"] for d in labelled_docs()[:40]]
    features = featurize(texts)
    nodes = np.arange(len(texts), dtype=np.int64)
    sets = ShingleSets.from_table(shingle_table(nodes, features.shingles, features.shingle_counts, nodes), len(texts))
    a, b = np.triu_indices(len(texts), k=1)
    pairs = pl.DataFrame({"a": a, "b": b}, schema={"a": pl.Int64, "b": pl.Int64})
    for edge in verify_pairs(pairs, sets, features.fingerprints, rows_per_block=2_000).to_dicts():
        first, second = (set(features.shingles_of(node).tolist()) for node in (edge["a"], edge["b"]))
        common = len(first & second)
        expected = {"near": common / len(first | second), "contained": common / min(len(first), len(second)), "exact": 1.0}
        assert edge["score"] == expected[edge["method"]]

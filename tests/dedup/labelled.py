"""The committed dedup labelled set (tests/data/dedup), loaded for tests."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "dedup"


def labelled_docs() -> list[dict]:
    with open(DATA / "labelled.jsonl", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def hard_negative_pairs() -> list[tuple[str, str]]:
    pairs = json.loads((DATA / "hard_negatives.json").read_text(encoding="utf-8"))
    return [tuple(pair["groups"]) for pair in pairs]


def doc(doc_id: str) -> dict:
    return next(d for d in labelled_docs() if d["doc_id"] == doc_id)

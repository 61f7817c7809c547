"""Whole-word dictionary matching with Aho-Corasick, and the data-file reader it is fed from."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import ahocorasick_rs

from . import petrarch

DATA_DIR = Path(__file__).resolve().parent / "data"


def tsv_rows(name: str) -> Iterator[list[str]]:
    """Rows of a tab-separated file in ``data/``; ``#`` lines are comments, missing cells are ''.
    The field lexicon's tables come from the lexicon folder instead (empty when it has none)."""
    if name in petrarch.TABLES:
        yield from (list(row) for row in petrarch.table_rows(name))
        return
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line.split("\t")


def word_sets(name: str) -> dict[str, frozenset[str]]:
    """The word lists of a TOML file in ``data/`` as frozen sets, keyed ``table.list``
    ("words.negation")."""
    with open(DATA_DIR / name, "rb") as handle:
        tables = tomllib.load(handle)
    return {f"{table}.{key}": frozenset(words) for table, lists in tables.items() for key, words in lists.items()}


def cell(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def split_alternatives(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


class Dictionary:
    """Patterns mapped to payload lists, matched on word boundaries, longest match first.

    Overlapping matches are collected and then resolved greedily (leftmost, then longest), so a
    candidate that fails the word-boundary test never hides a valid shorter or later one. A
    payload may be given as a function that builds it: it is called when its pattern is first
    matched, and its result kept.
    """

    def __init__(self, entries: dict[str, list | Callable[[], list]]):
        self.patterns = list(entries)
        self.payloads = [entries[p] for p in self.patterns]
        self._automaton = ahocorasick_rs.AhoCorasick(self.patterns)

    def find(self, text: str) -> list[tuple[int, int, list]]:
        candidates = []
        for index, start, end in self._automaton.find_matches_as_indexes(text, overlapping=True):
            if start > 0 and _is_word_char(text[start - 1]):
                continue
            if end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
                continue
            candidates.append((start, -end, index))
        candidates.sort()
        spans = []
        last_end = -1
        for start, neg_end, index in candidates:
            if start >= last_end:
                payload = self.payloads[index]
                if callable(payload):
                    payload = self.payloads[index] = payload()
                spans.append((start, -neg_end, payload))
                last_end = -neg_end
        return spans


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"

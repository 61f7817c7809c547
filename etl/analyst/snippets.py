"""Search-result snippets: the passage of an article that best matches the query, highlighted.

Words are compared by their Porter stems, computed by the fts extension's own ``stem``
function, so the snippet highlights exactly what the index matched ("sanctioned" for
"sanctions").
"""

from __future__ import annotations

import re

import duckdb

WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_WORDS = 30
HIGHLIGHT = ("«", "»")


def stems(con: duckdb.DuckDBPyConnection, words: list[str]) -> list[str]:
    if not words:
        return []
    return con.execute("SELECT list_transform(?::VARCHAR[], w -> stem(lower(w), 'porter'))", [words]).fetchone()[0]


def query_stems(con: duckdb.DuckDBPyConnection, query: str, stopwords: set[str]) -> set[str]:
    words = [w for w in WORD.findall(query) if w.lower() not in stopwords]
    return set(stems(con, words))


def best_snippet(con: duckdb.DuckDBPyConnection, text: str, wanted: set[str], width: int = SNIPPET_WORDS,
                 highlight: bool = True) -> str:
    """The ``width``-word window with the most distinct query stems, hits wrapped in « » when
    ``highlight``."""
    matches = list(WORD.finditer(text))
    if not matches:
        return ""
    word_stems = stems(con, [m.group(0) for m in matches])
    hits = [s in wanted for s in word_stems]
    best_start, best_score = 0, -1
    for start in range(0, max(1, len(matches) - width + 1)):
        window = {word_stems[i] for i in range(start, min(start + width, len(matches))) if hits[i]}
        # More distinct terms first; among equals the earliest window (usually the lead).
        if len(window) > best_score:
            best_start, best_score = start, len(window)
    end = min(best_start + width, len(matches))
    pieces, cursor = [], matches[best_start].start()
    for i in range(best_start, end):
        match = matches[i]
        pieces.append(text[cursor:match.start()])
        word = match.group(0)
        pieces.append(f"{HIGHLIGHT[0]}{word}{HIGHLIGHT[1]}" if hits[i] and highlight else word)
        cursor = match.end()
    # Keep the punctuation right after the last word ("Russia." not "Russia").
    tail = re.match(r"[^\w\s]*", text[cursor:]).group(0)
    snippet = " ".join("".join(pieces + [tail]).split())
    prefix = "…" if best_start > 0 else ""
    suffix = "…" if end < len(matches) else ""
    return f"{prefix}{snippet}{suffix}"

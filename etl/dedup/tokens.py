"""Text to normalised words, for a whole batch at once.

Normalisation is what makes two copies of a story equal despite typography: Unicode NFKC
(full-width letters, ligatures), lower case, and words as runs of Unicode letters/digits, so
punctuation, quotes and line breaks vanish. The result is returned as the words' UTF-8 bytes
back to back with their offsets, ready for :mod:`etl.dedup.hashing`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from etl.dedup.params import MAX_TEXT_CHARS


@dataclass(frozen=True)
class Words:
    data: np.ndarray  # uint8: every word's UTF-8 bytes, back to back
    offsets: np.ndarray  # int64, words + 1 boundaries into data
    counts: np.ndarray  # int64, words per text


def as_text(value: object) -> str:
    """Any value as text to deduplicate: None and non-text become empty, bytes are decoded."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, (bytes, bytearray)):
        text = bytes(value).decode("utf-8", errors="replace")
    else:
        text = ""
    text = text[:MAX_TEXT_CHARS]
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates (e.g. from a bad JSON escape) cannot be stored
            text = text.encode("utf-8", errors="replace").decode("utf-8")
    return text


def tokenize(texts: Iterable[object]) -> Words:
    """Normalised words of every text (see module doc)."""
    series = pl.Series("text", [as_text(t) for t in texts], dtype=pl.String)
    words = series.str.normalize("NFKC").str.to_lowercase().str.extract_all(r"\w+")
    counts = words.list.len().fill_null(0).to_numpy().astype(np.int64)
    flat = words.explode().drop_nulls()
    array = pc.cast(flat.to_arrow(), pa.large_string())
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if len(array) == 0:
        return Words(np.zeros(0, np.uint8), np.zeros(1, np.int64), counts)
    _, offset_buf, data_buf = array.buffers()
    offsets = np.frombuffer(offset_buf, dtype=np.int64)[array.offset : array.offset + len(array) + 1]
    data = np.frombuffer(data_buf, dtype=np.uint8)[offsets[0] : offsets[-1]]
    return Words(data, offsets - offsets[0], counts)

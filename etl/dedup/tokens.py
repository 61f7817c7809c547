"""Text to normalised words, for a batch of texts at once.

Normalisation is what makes two copies of a story equal despite typography: Unicode NFKC
(full-width letters, ligatures), lower case, and words as runs of Unicode letters/digits, so
punctuation, quotes and line breaks vanish.

A batch of news repeats a small vocabulary millions of times, so the expensive steps (lower
case, the word regex, hashing) run once per distinct space-separated piece of text ("(Reuters)",
"homes.\n\nMore") instead of once per word: texts are cut at spaces (cheap), the pieces
dictionary-encoded, and each distinct piece split into words. A space is never part of a word,
so the words come out exactly as a regex over the whole text would find them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from etl.dedup.params import MAX_TEXT_CHARS
from etl.dedup.ranges import concatenated_ranges


@dataclass(frozen=True)
class Words:
    vocabulary_data: np.ndarray  # uint8: UTF-8 bytes of the vocabulary's words, back to back
    vocabulary_offsets: np.ndarray  # int64, vocabulary words + 1 boundaries into vocabulary_data
    ids: np.ndarray  # int64 per word of text, in text order: its index in the vocabulary
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


def tokenize(texts: Iterable[str]) -> Words:
    """Normalised words of every text (see module doc); texts come through :func:`as_text`."""
    # unicodedata.normalize returns an already normalised text after a quick check, so the
    # common case (ASCII, or curly quotes and dashes, which NFKC keeps) costs almost nothing.
    normalised = [unicodedata.normalize("NFKC", t) for t in texts]
    pieces = pl.Series("text", normalised, dtype=pl.String).str.split(" ")
    pieces_per_text = pieces.list.len().fill_null(0).to_numpy().astype(np.int64)
    piece_ids, distinct_pieces = _dictionary_encode(pieces.explode().drop_nulls())
    piece_words = distinct_pieces.str.to_lowercase().str.extract_all(r"\w+")
    words_per_piece = piece_words.list.len().fill_null(0).to_numpy().astype(np.int64)
    first_word_of_piece = np.cumsum(words_per_piece) - words_per_piece

    # Every occurrence of a piece stands for that piece's run of words in the vocabulary.
    run_lengths = words_per_piece[piece_ids]
    ids = concatenated_ranges(first_word_of_piece[piece_ids], run_lengths)
    words_before = np.concatenate([[0], np.cumsum(run_lengths)])  # words before each occurrence
    first_piece_of_text = np.concatenate([[0], np.cumsum(pieces_per_text)])
    counts = np.diff(words_before[first_piece_of_text])

    data, offsets = _string_buffers(piece_words.explode().drop_nulls())
    return Words(data, offsets, ids, counts)


def _dictionary_encode(values: pl.Series) -> tuple[np.ndarray, pl.Series]:
    """(index of each value in the distinct values, the distinct values)."""
    # Polars' own string views: converting them to classic Arrow strings first costs a copy.
    encoded = pc.dictionary_encode(values.to_arrow(compat_level=pl.CompatLevel.newest()))
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    indices = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return indices, pl.Series(encoded.dictionary, dtype=pl.String)


def _string_buffers(values: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """The strings' UTF-8 bytes back to back (uint8) and their len + 1 boundaries (int64)."""
    array = pc.cast(values.to_arrow(), pa.large_string())
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if len(array) == 0:
        return np.zeros(0, np.uint8), np.zeros(1, np.int64)
    _, offset_buf, data_buf = array.buffers()
    offsets = np.frombuffer(offset_buf, dtype=np.int64)[array.offset : array.offset + len(array) + 1]
    data = np.frombuffer(data_buf, dtype=np.uint8)[offsets[0] : offsets[-1]]
    return data, offsets - offsets[0]

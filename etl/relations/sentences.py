"""Sentence splitting with character offsets into the original text."""

from __future__ import annotations

import sentencex


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, so ``text[start:end]`` is the sentence.

    A line break ends a sentence too: extracted articles put a headline, a caption or a list
    item on a line of its own, and running it into the next paragraph would join two
    unrelated subjects and verbs."""
    spans = []
    for boundary in sentencex.get_sentence_boundaries("en", text):
        start, end = boundary["start_index"], boundary["end_index"]
        for line_start, line_end in _lines(text, start, end):
            while line_start < line_end and text[line_start].isspace():
                line_start += 1
            while line_end > line_start and text[line_end - 1].isspace():
                line_end -= 1
            if line_end > line_start:
                spans.append((line_start, line_end))
    return spans


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces, position = [], start
    while (newline := text.find("\n", position, end)) >= 0:
        pieces.append((position, newline))
        position = newline + 1
    pieces.append((position, end))
    return pieces

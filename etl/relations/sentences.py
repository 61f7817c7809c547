"""Sentence splitting with character offsets into the original text."""

from __future__ import annotations

import re

import sentencex


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, so ``text[start:end]`` is the sentence.

    A line break ends a sentence too: extracted articles put a headline, a caption or a list
    item on a line of its own, and running it into the next paragraph would join two
    unrelated subjects and verbs; but not a break inside running prose, before a lower-case word.
    So does a full stop followed by reference marks ("[57]")."""
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


# A sentence end followed by reference marks ("… the Great Depression.[57] The depression …"),
# which the splitter does not take for a boundary.
_CITED_END = re.compile(r"[.!?](?:\[\d+\])+\s+(?=[A-Z])")


# A line of running prose broken mid-sentence ("… Romney vetoed a bill to guarantee\n access to …"):
# a letter, digit or comma before the break and a lower-case word after it.
_HARD_WRAP = re.compile(r"[\w,][ \t]*\n[ \t]*[a-z]")


def _last_visible(text: str, newline: int) -> int:
    position = newline
    while position > 0 and text[position - 1] in " \t":
        position -= 1
    return max(position - 1, 0)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts, position = [start], start
    while (newline := text.find("\n", position, end)) >= 0:
        position = newline + 1
        if not _HARD_WRAP.match(text, _last_visible(text, newline)):
            cuts.append(position)
    if "[" in text[start:end]:
        cuts.extend(match.end() for match in _CITED_END.finditer(text, start, end))
    cuts = sorted(set(cuts)) + [end]
    return [(a, b) for a, b in zip(cuts, cuts[1:])]

"""Offline language identification (py3langid), falling back to the page's declared language."""

from __future__ import annotations

import py3langid

from etl.extract.settings import LANGUAGE_MIN_WORDS, LANGUAGE_SAMPLE_CHARS


def detect_language(text: str, declared: str | None) -> str | None:
    """ISO 639-1 code of the text; the declared one when the text is too short to tell."""
    if len(text.split()) < LANGUAGE_MIN_WORDS:
        return declared
    code, _ = py3langid.classify(text[:LANGUAGE_SAMPLE_CHARS])
    return code

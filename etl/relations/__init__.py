"""Relation coder: PLOVER events between actors in news text, with sentence-level provenance.

Fast default path: Aho-Corasick gazetteer and trigger matching, sentencex sentence splitting and
span rules (no parser). See ``README.md`` in this package for codes and conventions.
"""

from .actors import seed_actors
from .coder import code_article, extract_relations, reads_language
from .model import CODER_VERSION, PLOVER_TYPES, CodedArticle, Fact

__all__ = ["CODER_VERSION", "PLOVER_TYPES", "CodedArticle", "Fact", "code_article", "extract_relations", "reads_language", "seed_actors"]

"""Every tunable of the article extractor in one place.

EXTRACTOR_VERSION is recorded with each extracted row: bump it whenever a change here, in the
extraction code or in the date, URL and decoding rules of etl.web can change an output, so
re-derived partitions say which code produced them. It names the trafilatura and htmldate
versions too, since their upgrades change outputs as well.
"""

from __future__ import annotations

from importlib.metadata import version

EXTRACTOR_VERSION = f"newsfacts-extract/2.8+trafilatura-{version('trafilatura')}+htmldate-{version('htmldate')}"

# Pages larger than this are cut before parsing: no news article needs more, and it bounds CPU.
MAX_HTML_CHARS = 3_000_000

# A video page with fewer body words than this is not an article.
VIDEO_PAGE_MAX_WORDS = 100
# Paywalled pages with fewer body words than this show only a teaser.
TEASER_MAX_WORDS = 120
# A page line is prose (a lead to put back, text a cut-short body left out) when it is a sentence
# of at least this many words; a lead that trafilatura leaves out (standfirst, video description)
# is looked for in this many page lines before the body's first line.
PROSE_LINE_MIN_WORDS = 20
LEAD_LINES = 2
# The page's declared summary shown as a standfirst is looked for this many lines before the body
# (a byline and a date often sit between them).
STANDFIRST_LINES = 12
# A page line that begins with the first words of a summary this long (all but its last word,
# which a cut may have split) shows that summary.
SUMMARY_PREFIX_MIN_WORDS = 8

# This many body lines in a row, each a whole link on the page, are a list of other stories.
LINK_LIST_MIN_LINES = 4

# Site templates are learned from at least this many pages: nothing repeats across one.
TEMPLATE_MIN_PAGES = 2
# Site templates: a line, line shape or line label counts as the host's boilerplate when it
# occurs on at least this many distinct pages (and this share of them, for big page sets).
TEMPLATE_MIN_SUPPORT = 3
TEMPLATE_MIN_SUPPORT_SHARE = 0.1
# With fewer pages than this, two occurrences are enough support.
TEMPLATE_SMALL_SET = 4
# Only lines up to this many tokens are generalised into shapes ("Photo: A A/A").
SHAPE_MAX_TOKENS = 12
# Labelled lines ("Trending: ...", "Lesen Sie auch: ...") are generalised by their label when the
# line has at most LABEL_MAX_WORDS words and the label at most LABEL_MAX_HEAD_WORDS.
LABEL_MAX_WORDS = 25
LABEL_MAX_HEAD_WORDS = 3

# Text given to the language detector (characters); more adds time, not accuracy: on 989 real
# pages (45% German) 1,000 characters gave the same language as 2,000 on every page, in half the
# detector's time, where 600 changed three.
LANGUAGE_SAMPLE_CHARS = 1000
# Below this many words the page's declared language is trusted over the detector.
LANGUAGE_MIN_WORDS = 15

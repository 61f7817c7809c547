"""Every tunable of story deduplication, and the version string that pins them.

Band keys are persisted in ``story_bands`` and compared with keys computed on later days, so
anything that changes a stored key (hash scheme, seed, permutation count, shingle size, banding,
sampling rate, text cap) must change :data:`DEDUP_VERSION`; thresholds are in it too because they
change which articles share a story.
"""

from __future__ import annotations

# Days before a partition whose stories a new article may join (D-3 .. D-1).
STORY_WINDOW_DAYS = 3

# Texts are cut here before hashing: a news article is far below it, a runaway page is not.
MAX_TEXT_CHARS = 400_000

# A line one source repeats in this many of the day's articles is site furniture.
BOILERPLATE_MIN_DOCS = 3
# ... unless those lines are this share of an article's characters or more: then they are the
# article itself repeated (copies under one label), not furniture around it.
MAX_FURNITURE_SHARE = 0.5

# Word shingles: five consecutive words (syndicated copies of one story sit near Jaccard 0.71).
SHINGLE_WORDS = 5

# MinHash by one-permutation hashing: each 64-bit shingle hash falls into one of SIGNATURE_SLOTS
# bins (low half) and the bin keeps its smallest value (high half); empty bins borrow from a
# seeded probe order (minhash.py). Banded for LSH.
HASH_SCHEME = "polyword64+splitmix64/oph32+probe-densified"
HASH_SEED = 20_250_905
SIGNATURE_SLOTS = 96
BANDS = 32
ROWS_PER_BAND = 3  # BANDS * ROWS_PER_BAND == SIGNATURE_SLOTS; LSH threshold (1/32)^(1/3) ~ 0.31

# Fixed-rate shingle sample for containment (a brief inside a longer article): a shingle is
# sampled when the top SAMPLE_BITS bits of its hash are zero, so a brief's sampled shingles are
# also sampled in the article that contains it. Stored in story_bands under band SAMPLE_BAND.
SAMPLE_BITS = 3  # 1 in 8
SAMPLE_BAND = -1
# story_bands rows under LINE_BAND hold hashes of an article's (source, line) pairs, so a line an
# outlet repeats across the window's days is recognised as furniture (boilerplate.py).
LINE_BAND = -2
# story_bands rows under TEXT_KEY_BAND hold a hash of the text the article's keys were computed
# from (its furniture removed), and under FINGERPRINT_BAND the hash of its normalised words (the
# 'exact' layer). A re-derive of the day reuses the stored keys of an article whose text key is
# unchanged instead of hashing its text again; neither band ever proposes a candidate.
TEXT_KEY_BAND = -3
FINGERPRINT_BAND = -4

# Verification on exact shingle sets.
NEAR_JACCARD = 0.5
CONTAINED_SHARE = 0.8  # of the smaller document's shingles found in the larger one
MIN_CONTAINED_SHINGLES = 25  # a one-line snippet found inside an article is no story of its own
# A sample-only candidate is verified when this share of the smaller side's samples is shared.
SAMPLE_PREFILTER_SHARE = 0.5
MIN_SHARED_SAMPLES = 2

# A key shared by more documents than this (boilerplate, stock phrases, a story syndicated very
# widely) proposes only pairs with its first-ranked document instead of all pairs: linear work.
BUCKET_ALL_PAIRS_MAX = 12

DEDUP_VERSION = (
    f"dedup-4;{HASH_SCHEME};seed={HASH_SEED};slots={SIGNATURE_SLOTS};shingle={SHINGLE_WORDS}w;"
    f"bands={BANDS}x{ROWS_PER_BAND};sample=1/{2 ** SAMPLE_BITS};cap={MAX_TEXT_CHARS};boilerplate>={BOILERPLATE_MIN_DOCS}@window<{MAX_FURNITURE_SHARE};"
    f"near>={NEAR_JACCARD};contained>={CONTAINED_SHARE}@{MIN_CONTAINED_SHINGLES}"
)

assert BANDS * ROWS_PER_BAND == SIGNATURE_SLOTS

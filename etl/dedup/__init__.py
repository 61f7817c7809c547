"""Exact and near-duplicate story clustering; see etl/dedup/README.md."""

from etl.dedup.assign import BANDS_SCHEMA, STORIES_SCHEMA, StoryAssignment, assign_stories
from etl.dedup.cluster import cluster_texts
from etl.dedup.docs import DedupDoc
from etl.dedup.params import DEDUP_VERSION, STORY_WINDOW_DAYS

__all__ = [
    "BANDS_SCHEMA",
    "DEDUP_VERSION",
    "STORIES_SCHEMA",
    "STORY_WINDOW_DAYS",
    "DedupDoc",
    "StoryAssignment",
    "assign_stories",
    "cluster_texts",
]

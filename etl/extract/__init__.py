"""Article extraction: page metadata, body text, per-host site templates."""

from etl.extract.metadata import PageMetadata, page_metadata
from etl.extract.settings import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION", "PageMetadata", "page_metadata"]

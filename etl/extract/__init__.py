"""Article extraction: page metadata, body text, per-host site templates.

extract_article(html, url, template=None) -> Article
learn_template(host, pages) -> SiteTemplate
page_metadata(html, url, now=None) -> PageMetadata (fast, head-only; for capture time)
"""

from etl.extract.article import Article, extract_article
from etl.extract.learning import learn_template
from etl.extract.metadata import PageMetadata, page_metadata
from etl.extract.settings import EXTRACTOR_VERSION
from etl.extract.template import SiteTemplate

__all__ = ["EXTRACTOR_VERSION", "Article", "PageMetadata", "SiteTemplate", "extract_article",
           "learn_template", "page_metadata"]

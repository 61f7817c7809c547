"""Facts from a page's schema.org JSON-LD blocks: dates, headline, author, publisher, page type."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

_LD_SCRIPT = re.compile(
    r"<script\b[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>", re.I | re.S)
# Nested objects deeper than this are not followed (hostile pages can nest without end).
_MAX_DEPTH = 8
_MAX_BLOCK_CHARS = 200_000
_ARTICLE_TYPES = ("article", "posting", "report")


@dataclass(frozen=True)
class JsonLdFacts:
    types: tuple[str, ...] = ()
    date_published: str | None = None
    headline: str | None = None
    description: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    url: str | None = None
    accessible_for_free: bool | None = None


def jsonld_facts(html_text: str) -> JsonLdFacts:
    """Merge every JSON-LD block of the page; article-typed objects win over other objects."""
    objects: list[dict] = []
    for match in _LD_SCRIPT.finditer(html_text):
        block = match.group(1).strip()
        if not block or len(block) > _MAX_BLOCK_CHARS:
            continue
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):
            continue
        _collect_objects(data, objects, 0)
    if not objects:
        return JsonLdFacts()
    types = tuple(sorted({t for obj in objects for t in _types(obj)}))
    is_article = [any(k in t.lower() for t in _types(obj) for k in _ARTICLE_TYPES) for obj in objects]
    articles = [obj for obj, flag in zip(objects, is_article) if flag]
    ordered = articles + [obj for obj, flag in zip(objects, is_article) if not flag]
    return JsonLdFacts(
        types=types,
        date_published=_first_str(ordered, "datePublished") or _first_str(ordered, "dateCreated"),
        headline=_first_str(articles, "headline"),
        description=_first_str(articles, "description"),
        authors=_authors(articles),
        publisher=_publisher(ordered),
        url=_first_str(articles, "url") or _main_entity(articles),
        accessible_for_free=_accessible(ordered),
    )


def _collect_objects(data, out: list[dict], depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            _collect_objects(item, out, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            out.append(data)
        if "@graph" in data:
            _collect_objects(data["@graph"], out, depth + 1)


def _types(obj: dict) -> list[str]:
    value = obj.get("@type")
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _first_str(objects: list[dict], key: str) -> str | None:
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _name(value) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        name = value.get("name")
        return name.strip() if isinstance(name, str) and name.strip() else None
    return None


def _authors(objects: list[dict]) -> tuple[str, ...]:
    for obj in objects:
        value = obj.get("author")
        values = value if isinstance(value, list) else [value]
        names = tuple(n for n in (_name(v) for v in values) if n)
        if names:
            return names
    return ()


def _publisher(objects: list[dict]) -> str | None:
    for obj in objects:
        name = _name(obj.get("publisher"))
        if name:
            return name
    for obj in objects:
        if "WebSite" in _types(obj) or "NewsMediaOrganization" in _types(obj):
            name = _name(obj)
            if name:
                return name
    return None


def _main_entity(objects: list[dict]) -> str | None:
    for obj in objects:
        value = obj.get("mainEntityOfPage")
        if isinstance(value, dict):
            value = value.get("@id")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _accessible(objects: list[dict]) -> bool | None:
    for obj in objects:
        value = obj.get("isAccessibleForFree")
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
    return None

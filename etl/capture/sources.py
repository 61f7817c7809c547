"""The list of feeds to poll, read from ``sources.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pycountry
import yaml

from etl.web.urls import normalize_url


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    tags: tuple[str, ...] = ()
    language: str | None = None
    # Politeness overrides for this source's host (None: the settings' defaults).
    min_interval: float | None = None
    concurrency: int | None = None
    enabled: bool = True
    # ISO 3166 alpha-3 code of a national outlet's country: the police and troops its articles
    # place nowhere are that country's (None: an international outlet, or unknown).
    country: str | None = None


class SourcesError(ValueError):
    """The sources file cannot be used; the message lists every problem found."""


def _source(raw, index: int, problems: list[str]) -> Source | None:
    where = f"sources[{index}]"
    if not isinstance(raw, dict):
        problems.append(f"{where}: expected a mapping with name and url")
        return None
    name, url = str(raw.get("name") or "").strip(), str(raw.get("url") or "").strip()
    if not name:
        problems.append(f"{where}: missing name")
    if normalize_url(url) is None:
        problems.append(f"{where} ({name or '?'}): url must be an http(s) URL, got {url!r}")
    politeness = raw.get("politeness") or {}
    if not isinstance(politeness, dict):
        problems.append(f"{where} ({name}): politeness must be a mapping")
        politeness = {}
    country = str(raw.get("country") or "").strip() or None
    if country is not None and not _is_country_code(country):
        problems.append(f"{where} ({name}): country must be an ISO 3166 alpha-3 code such as IND or KOR, "
                        f"got {country!r}")
        country = None
    tags = raw.get("tags") or ()
    if isinstance(tags, str):
        tags = (tags,)
    try:
        min_interval = politeness.get("min_interval")
        concurrency = politeness.get("concurrency")
        source = Source(
            name=name, url=url, tags=tuple(str(t) for t in tags),
            language=str(raw["language"]) if raw.get("language") else None,
            country=country,
            min_interval=float(min_interval) if min_interval is not None else None,
            concurrency=int(concurrency) if concurrency is not None else None,
            enabled=bool(raw.get("enabled", True)),
        )
    except (TypeError, ValueError) as exc:
        problems.append(f"{where} ({name}): {exc}")
        return None
    return source


def _is_country_code(code: str) -> bool:
    # Kosovo's user-assigned XKX is the code the coder gives it; pycountry does not list it.
    return code == "XKX" or (len(code) == 3 and code.isupper() and pycountry.countries.get(alpha_3=code) is not None)


def outlet_countries(sources: list[Source]) -> dict[str, str]:
    """Source name -> its country, for the sources that name one."""
    return {source.name: source.country for source in sources if source.country}


def parse_sources(text: str) -> list[Source]:
    """Sources from YAML text (``sources:`` list of name/url/tags/language/country/politeness/enabled)."""
    try:
        doc = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise SourcesError(f"not valid YAML: {exc}") from exc
    raw_list = doc.get("sources") if isinstance(doc, dict) else None
    if not isinstance(raw_list, list):
        raise SourcesError("expected a top-level 'sources:' list")
    if not raw_list:
        # Most likely a mistake (a truncated file, the wrong ETL_SOURCES); polling nothing would
        # still look like a successful run.
        raise SourcesError("the 'sources:' list is empty; list at least one feed "
                           "(to stop polling a feed, set enabled: false on it)")
    problems: list[str] = []
    sources = [s for i, raw in enumerate(raw_list) if (s := _source(raw, i, problems))]
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            problems.append(f"duplicate source name {source.name!r}")
        seen.add(source.name)
    if problems:
        raise SourcesError("; ".join(problems))
    return sources


def load_sources(path: str | Path) -> list[Source]:
    """Read a sources file. Raises :class:`SourcesError` naming every invalid entry."""
    return parse_sources(Path(path).read_text(encoding="utf-8"))

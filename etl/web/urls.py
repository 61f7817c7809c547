"""URLs (pure functions): normalised forms, dedup keys and hosts, on courlan.

courlan spells scheme, host and port (case, punycode, default ports). Our policy on top: the
path kept as given, which query parameters are tracking (our list, not courlan's, which also
drops names such as ``source`` or ``cid`` that select the article on some sites), and, for dedup
keys, https, no ``www.`` and no trailing slash.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import courlan

# Query parameters that identify a campaign or click, never the document. Ambiguous names
# ("id", "src", "from", "cid") are kept: on some sites they select the article.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "mkt_tok", "_hsenc", "_hsmi", "oly_anon_id", "oly_enc_id", "vero_id",
    "ref", "ref_src", "ref_url", "referrer", "cmpid", "cmp", "ocid", "smid", "smtyp", "ito",
    "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4",
    "guccounter", "guce_referrer", "guce_referrer_sig", "spm", "share", "xtor", "ns_mchannel",
    "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "sr_share", "s_cid", "tpcc", "ftag",
    "dicbo", "soc_src", "soc_trk",
})
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_", "__twitter", "_ga", "ga_")
WEB_SCHEMES = ("http", "https")

_PCT = re.compile(r"%[0-9a-fA-F]{2}")


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def absolute_url(base: str | None, link: str | None) -> str | None:
    """``link`` resolved against ``base``, when that gives an http(s) URL with a host; else None."""
    if not link or not link.strip():
        return None
    try:
        joined = urljoin(base or "", link.strip())
        parts = urlsplit(joined)
    except ValueError:
        return None
    return joined if parts.scheme.lower() in WEB_SCHEMES and parts.hostname else None


def normalize_url(url: str | None) -> str | None:
    """An http(s) URL in one spelling, or None for anything else: scheme, host and port as
    courlan writes them (lower case, punycode decoded, no default port), the path as given with
    its percent-escapes upper-cased, no fragment, no tracking parameters, the rest of the query
    sorted. Scheme, ``www.`` and a trailing slash are kept: this is still the page's address."""
    try:
        parts = urlsplit((url or "").strip())
        if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
            return None
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        # courlan only sees scheme and host: its path re-quoting ("+" and "@" escaped, "//"
        # collapsed inside archived URLs) changed 35 of 1,432 real URLs' keys, and its query
        # cleaning drops parameters that select the article on some sites.
        site = urlsplit(courlan.normalize_url(urlunsplit((parts.scheme, parts.netloc, "/", "", ""))))
    except ValueError:
        return None
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)]
    path = _PCT.sub(lambda m: m.group(0).upper(), parts.path) or "/"
    return urlunsplit((site.scheme, site.netloc, path, urlencode(sorted(query)), ""))


def canonical_url(url: str) -> str:
    """Dedup key of a URL: :func:`normalize_url`, then https, no ``www.``, no trailing slash.

    The key is for deduplication, not for fetching. Never raises; a string that is not an
    http(s) URL comes back stripped and otherwise unchanged.
    """
    text = (url or "").strip()
    normal = normalize_url(text)
    if normal is None:
        return text
    parts = urlsplit(normal)
    host = (parts.hostname or "").rstrip(".").removeprefix("www.")
    if ":" in host:
        host = f"[{host}]"
    # courlan has dropped the scheme's default port; any other port is part of the key.
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", netloc, path, parts.query, ""))


def site_host(url: str | None) -> str:
    """The URL's host, lower-case and without ``www.``: what names a site. Empty when none."""
    try:
        host = (urlsplit(url or "").hostname or "").rstrip(".")
    except ValueError:
        return ""
    return host.removeprefix("www.")


def registered_domain(url: str | None) -> str:
    """The domain a site registered (``news.bbc.co.uk`` -> ``bbc.co.uk``, by the public suffix
    list courlan reads; ``foo.blogspot.com`` stays itself), else :func:`site_host` (an IP
    address, a reserved name such as ``.example``). Empty when the URL has no host."""
    return courlan.extract_domain(url or "") or site_host(url)


def same_site(a: str, b: str) -> bool:
    """True when two URLs share a host once ``www.`` is ignored."""
    host = site_host(a)
    return bool(host) and host == site_host(b)


def host_key(url: str) -> str:
    """Politeness key: host and port (two services on one address are two hosts)."""
    try:
        parts = urlsplit(url)
        return f"{(parts.hostname or '').lower()}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
    except ValueError:
        return url


def page_url(fetched_url: str, declared: str | None) -> str | None:
    """A fetched page's canonical address as :func:`normalize_url` spells it: the URL the page
    declares (``rel=canonical``, ``og:url``) when it is on the page's own site, else its own."""
    return normalize_url(_declared_or_own(fetched_url, declared))


def page_canonical_url(fetched_url: str, declared: str | None) -> str:
    """Dedup key of a fetched page: the :func:`canonical_url` of the same choice as :func:`page_url`."""
    return canonical_url(_declared_or_own(fetched_url, declared))


def _declared_or_own(url: str, declared: str | None) -> str:
    # A page may only name a canonical URL on its own site: a hostile or syndicating page cannot
    # claim another outlet's article (which would merge distinct captures under one key).
    absolute = absolute_url(url, declared)
    if absolute is not None and same_site(absolute, url):
        return absolute
    return url

"""Canonical URL keys (pure functions): one key per article however a feed or page spells its URL.

The key is for deduplication, not for fetching: it may change the scheme and host spelling.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

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
DEFAULT_PORTS = {"http": 80, "https": 443}

_PCT = re.compile(r"%[0-9a-fA-F]{2}")


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Dedup key of a URL: https, no ``www.``, no fragment, no tracking parameters, no trailing slash.

    Never raises; a string that is not an http(s) URL comes back stripped and otherwise unchanged.
    """
    text = (url or "").strip()
    try:
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").rstrip(".")
        if scheme not in DEFAULT_PORTS or not host:
            return text
        if host.startswith("www."):
            host = host[4:]
        if ":" in host:
            host = f"[{host}]"
        port = parts.port
        netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
        path = _PCT.sub(lambda m: m.group(0).upper(), parts.path) or "/"
        if len(path) > 1:
            path = path.rstrip("/") or "/"
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                 if not is_tracking_param(k)]
        return urlunsplit(("https", netloc, path, urlencode(sorted(query)), ""))
    except ValueError:
        return text


def same_site(a: str, b: str) -> bool:
    """True when two URLs share a host once ``www.`` is ignored."""
    try:
        host_a = (urlsplit(a).hostname or "").removeprefix("www.")
        host_b = (urlsplit(b).hostname or "").removeprefix("www.")
    except ValueError:
        return False
    return bool(host_a) and host_a == host_b


def page_canonical_url(fetched_url: str, declared: str | None) -> str:
    """Canonical key of a fetched page, honouring its ``rel=canonical``/``og:url`` when credible.

    A page may only name a canonical URL on its own site: a hostile or syndicating page cannot
    claim another outlet's article (which would merge distinct captures under one key).
    """
    if declared:
        absolute = urljoin(fetched_url, declared.strip())
        if same_site(absolute, fetched_url):
            return canonical_url(absolute)
    return canonical_url(fetched_url)

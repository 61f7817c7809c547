"""Deterministic identifiers: a re-derived partition must reproduce the same keys."""

from __future__ import annotations

import hashlib


def stable_id(*parts: object) -> str:
    """First 16 hex digits of sha256 over the parts joined by a unit separator."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]

"""Rows for the ``actors`` table: the seed gazetteer and actors learned from article text."""

from __future__ import annotations

import re

from .gazetteer import gazetteer
from .model import Actor

ACTOR_COLUMNS = ("actor_id", "name", "kind", "country_iso3", "sector", "role", "valid_from",
                 "valid_to", "origin", "first_seen_article_id", "first_seen_sentence")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def actor_id(actor: Actor) -> str:
    """Stable id: the code for states, ``org:UN``, ``group:<name>[:<from>]`` (a group that changed
    its standing, from the day it did), ``agency:<name>`` (FBI), ``person:<code>:<name>[:<from>]``."""
    if actor.kind == "state":
        return actor.code
    if actor.kind == "org":
        return f"org:{actor.code}"
    if actor.kind in ("group", "agency"):
        return f"{actor.kind}:{_slug(actor.name)}" + (f":{actor.valid_from.isoformat()}" if actor.valid_from else "")
    suffix = f":{actor.role.lower()}:{actor.valid_from.isoformat()}" if actor.valid_from else ""
    return f"person:{actor.code.lower()}:{_slug(actor.name)}{suffix}"


def _row(actor: Actor, origin: str, sentence: str | None) -> dict:
    return {
        "actor_id": actor_id(actor), "name": actor.name, "kind": actor.kind,
        "country_iso3": actor.code or None, "sector": actor.sector or None, "role": actor.role or None,
        "valid_from": actor.valid_from, "valid_to": actor.valid_to, "origin": origin,
        "first_seen_article_id": None, "first_seen_sentence": sentence,
    }


def learned_actor_row(actor: Actor, sentence: str) -> dict:
    return _row(actor, "learned", sentence)


def seed_actors() -> list[dict]:
    """Every state, organisation, armed group and dated office holder the coder knows."""
    gaz = gazetteer()
    actors = [*gaz.states.values(), *gaz.organisations, *gaz.leaders]
    return [_row(actor, "seed", None) for actor in actors]

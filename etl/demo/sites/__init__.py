"""One page template per outlet style; an outlet's YAML names its template by key."""

from __future__ import annotations

from collections.abc import Callable

from etl.demo.sites import arc, broadcaster, drupal, magazine, wordpress
from etl.demo.sites.parts import PageContext

TEMPLATES: dict[str, Callable[[PageContext], str]] = {
    "wordpress": wordpress.render,
    "arc": arc.render,
    "drupal": drupal.render,
    "magazine": magazine.render,
    "broadcaster": broadcaster.render,
}

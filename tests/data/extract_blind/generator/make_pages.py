"""Render the blind set: pages/<host>/<slug>.html, gold/<host>/<slug>.txt and labels.jsonl.

usage: python tests/data/extract_blind/generator/make_pages.py [--out DIR]   (deterministic;
the default DIR is tests/data/extract_blind itself)
"""

from __future__ import annotations

import importlib
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
sys.path.insert(0, str(HERE))

from common import Site  # noqa: E402
from stories import parse_file  # noqa: E402

# layout module -> story file (stories/<file>.txt)
LAYOUTS = [
    ("layout_ghost", "fenlandobserver"),
    ("layout_next", "baysidesignal"),
    ("layout_courier", "eastbrookcourier"),
    ("layout_korean", "hanbitilbo"),
    ("layout_french", "echodescausses"),
    ("layout_table", "kettlerivertimes"),
    ("layout_amp", "ridgelinedaily"),
    ("layout_wire", "pressline"),
    ("layout_gov", "novaria-transport"),
]


def build(out: Path = DATA) -> list[dict]:
    for sub in ("pages", "gold"):
        shutil.rmtree(out / sub, ignore_errors=True)
    rows = []
    for module_name, story_file in LAYOUTS:
        path = DATA / "stories" / f"{story_file}.txt"
        if not path.exists():
            continue
        layout = importlib.import_module(module_name)
        site = Site(layout.HOST, layout.NAME, layout.LANGUAGE, layout.CHARSET, parse_file(path), layout, layout.ARCHIVE)
        for story in site.stories:
            page = Path("pages") / layout.HOST / f"{story.slug}.html"
            gold = Path("gold") / layout.HOST / f"{story.slug}.txt"
            (out / page).parent.mkdir(parents=True, exist_ok=True)
            (out / gold).parent.mkdir(parents=True, exist_ok=True)
            (out / page).write_bytes(layout.render(story, site).encode(layout.CHARSET))
            (out / gold).write_text(story.gold(), encoding="utf-8")
            rows.append({
                "host": layout.HOST, "slug": story.slug, "url": site.url(story), "page": str(page), "gold": str(gold),
                "template": module_name.removeprefix("layout_"), "kind": story["kind"], "expected_status": "ok",
                "language": layout.LANGUAGE, "charset": layout.CHARSET, "title": story["title"],
                "published": story.iso, "split": "blind",
            })
    with open(out / "labels.jsonl", "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


if __name__ == "__main__":
    args = sys.argv[1:]
    rows = build(Path(args[1]) if args[:1] == ["--out"] else DATA)
    print(f"{len(rows)} pages from {len({r['host'] for r in rows})} hosts")

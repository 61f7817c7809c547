"""Derive the dedup labelled set from the hand-written stories beside this file.

    python tests/data/dedup/make_labelled.py     # rewrites labelled.jsonl and hard_negatives.json

Deterministic: the same sources give byte-identical output. See README.md for what each
derivation imitates.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
START = datetime(2025, 6, 2, 6, 0, tzinfo=timezone.utc)

# Site furniture that survives article extraction (NOTES.md: captions, "Read more", notices).
OUTLETS = {
    "valley-courier": {
        "top": ["Valley Courier | World", "Listen to this article · 4 min"],
        "bottom": ["Sign up for the Valley Courier daily newsletter and get the top stories in your inbox every morning.", "© 2025 Valley Courier Media. All rights reserved."],
    },
    "northern-ledger": {
        "top": ["By Ledger staff with agency reports"],
        "bottom": ["The Northern Ledger is funded by readers. Support independent journalism from 1 a month."],
    },
    "metro-today": {
        "top": ["Photo: file image", "Share on Facebook · Share on X · Copy link"],
        "bottom": ["Follow Metro Today for breaking news alerts."],
    },
    "coastline-news": {
        "top": ["Advertisement"],
        "bottom": ["Editor's note: this story has been updated with additional details.", "Comments are closed for this article."],
    },
    "daily-dispatch": {
        "top": ["Dispatch wire desk"],
        "bottom": ["Have a news tip? Contact our newsroom by email.", "Related: more world news from the Daily Dispatch"],
    },
}
STYLE_EDITS = [("%", " per cent"), ("U.S.", "US"), ("U.N.", "UN"), ("kilometres", "km"), (" on Monday", " yesterday")]


def _article(headline: str, paragraphs: list[str], outlet: str | None) -> str:
    furniture = OUTLETS.get(outlet, {"top": [], "bottom": []})
    return "\n\n".join([headline, *furniture["top"], *paragraphs, *furniture["bottom"]])


def _house_style(paragraph: str) -> str:
    for old, new in STYLE_EDITS:
        paragraph = paragraph.replace(old, new)
    return paragraph


def wire_family(story: dict, index: int) -> list[dict]:
    """The agency original and six outlet versions of one wire story."""
    rng = random.Random(story["id"])
    heads = story["headlines"]
    paras = list(story["paragraphs"])
    lede = f"{story['dateline']} (Wire Agency) - {paras[0]}"
    outlets = list(OUTLETS)
    rng.shuffle(outlets)
    trimmed = paras[:-1]
    middle = rng.randrange(1, len(paras) - 2)
    reordered = paras[:middle] + [paras[middle + 1], paras[middle]] + paras[middle + 2 :]
    cut_one = [p for i, p in enumerate(paras[:-1]) if i != rng.randrange(2, len(paras) - 1)]
    dated_lede = f"{story['dateline'].title()}: {paras[0]}"
    versions = [
        ("original", heads[0], [lede, *paras[1:]], None),
        ("new headline + boilerplate", heads[1], [lede, *paras[1:]], outlets[0]),
        ("last paragraph trimmed", heads[2], [dated_lede, *trimmed[1:]], outlets[1]),
        ("paragraphs reordered + house style", heads[3], [_house_style(p) for p in [dated_lede, *reordered[1:]]], outlets[2]),
        ("middle and last paragraphs cut", heads[1], [paras[0], *cut_one[1:]], outlets[3]),
        ("brief (first two paragraphs)", heads[2], [lede, paras[1]], outlets[4]),
        ("republished with correction note", heads[3], [lede, *paras[1:], "This article was amended to correct the spelling of a name."], outlets[0]),
    ]
    base_time = START + timedelta(hours=9 * index)
    return [
        {
            "doc_id": f"{story['id']}-{n}",
            "group": story["id"],
            "kind": "wire",
            "derivation": derivation,
            "source": outlet or "wire-agency",
            "published_at": (base_time + timedelta(minutes=35 * n + rng.randrange(20))).isoformat(),
            "text": _article(headline, body, outlet),
        }
        for n, (derivation, headline, body, outlet) in enumerate(versions)
    ]


def hard_negative_docs(hard: dict, wire: dict[str, dict], wire_times: dict[str, datetime]) -> tuple[list[dict], list[dict]]:
    """Documents and the group pairs that must stay apart."""
    docs: list[dict] = []
    pairs: list[dict] = []
    outlets = list(OUTLETS)

    def add(group: str, kind: str, derivation: str, text: str, source: str, when: datetime) -> None:
        docs.append({"doc_id": f"{group}-{sum(d['group'] == group for d in docs)}", "group": group, "kind": kind,
                     "derivation": derivation, "source": source, "published_at": when.isoformat(), "text": text})

    for i, story in enumerate(hard["same_event"]):
        when = wire_times[story["about"]] + timedelta(hours=2)
        own, other = outlets[i % 5], outlets[(i + 2) % 5]
        add(story["id"], "same_event", "outlet's own story", _article(story["headline"], story["paragraphs"], own), own, when)
        add(story["id"], "same_event", "republished by a partner site", _article(story["headline"], story["paragraphs"], other), other, when + timedelta(hours=1))
        pairs.append({"kind": "same event, different outlet", "groups": [story["about"], story["id"]]})
    for story in hard["follow_up"]:
        first = wire[story["follows"]]
        paras = list(story["paragraphs"])
        at = story["insert_after"] + 1
        body = paras[:at] + [first["paragraphs"][i] for i in story["reuse"]] + paras[at:]
        when = wire_times[story["follows"]] + timedelta(days=1)
        add(story["id"], "follow_up", "agency follow-up", _article(story["headline"], body, None), "wire-agency", when)
        add(story["id"], "follow_up", "follow-up republished", _article(story["headline"], body, "valley-courier"), "valley-courier", when + timedelta(minutes=50))
        pairs.append({"kind": "follow-up quoting the first story", "groups": [story["follows"], story["id"]]})
    blog = hard["live_blog"]
    blog_groups = []
    for n, post in enumerate(blog["posts"]):
        group = f"lb{n + 1}"
        blog_groups.append(group)
        key_points = "Key points:\n" + "\n".join(f"- {p}" for p in post["key_points"])
        text = "\n\n".join([blog["header"], key_points, post["text"], blog["footer"]])
        add(group, "live_blog", "live blog update", text, "coastline-news", START + timedelta(days=1, hours=n))
    briefs = hard["daily_brief"]
    brief_groups = []
    for n, edition in enumerate(briefs["editions"]):
        group = f"db{n + 1}"
        brief_groups.append(group)
        text = "\n\n".join([briefs["intro"].format(day=edition["day"]), *edition["items"], briefs["outro"]])
        add(group, "daily_brief", "daily newsletter edition", text, "harbour-post", START + timedelta(days=n, hours=-1))
    for kind, groups in (("live blog updates", blog_groups), ("daily briefs sharing a template", brief_groups)):
        pairs += [{"kind": kind, "groups": [a, b]} for i, a in enumerate(groups) for b in groups[i + 1 :]]
    return docs, pairs


def main() -> None:
    wire_stories = yaml.safe_load((HERE / "wire_stories.yaml").read_text(encoding="utf-8"))
    hard = yaml.safe_load((HERE / "hard_negatives.yaml").read_text(encoding="utf-8"))
    docs = [doc for i, story in enumerate(wire_stories) for doc in wire_family(story, i)]
    wire_times = {d["group"]: datetime.fromisoformat(d["published_at"]) for d in docs if d["doc_id"].endswith("-0")}
    negatives, pairs = hard_negative_docs(hard, {s["id"]: s for s in wire_stories}, wire_times)
    docs += negatives
    with open(HERE / "labelled.jsonl", "w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    (HERE / "hard_negatives.json").write_text(json.dumps(pairs, indent=1) + "\n", encoding="utf-8")
    print(f"{len(docs)} documents in {len({d['group'] for d in docs})} groups; {len(pairs)} hard-negative group pairs")


if __name__ == "__main__":
    main()

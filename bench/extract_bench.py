"""Score article extraction on the labelled set (tests/data/extract) and time it, in one run.

Metric (ScrapingHub article-extraction benchmark): tokens are \\w+, each text is the multiset of
its 4-grams of tokens; per page P = |ours ∩ gold| / |ours| and R = |ours ∩ gold| / |gold|; P and
R are averaged over pages and F1 is taken of the two means. Speed is pages per CPU-second
(process time), each extractor timed over the same pages in the same run, best of --repeat.

Also counts boilerplate lines left in our output on pages whose host has >= 5 other pages: a
line of output that shares no 4-gram with the gold text (lines shorter than 4 tokens: not found
in the gold text).

usage: python bench/extract_bench.py [--repeat 3] [--show-worst 0] [--split tuning|held_out]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.extract import extract_article, learn_template  # noqa: E402

DATA = ROOT / "tests" / "data" / "extract"
_TOKENS = re.compile(r"\w+")
MIN_OTHER_PAGES = 5


def grams(text: str) -> Counter:
    tokens = _TOKENS.findall(text or "")
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def precision_recall(predicted: str, gold: str) -> tuple[float, float]:
    pred, true = grams(predicted), grams(gold)
    overlap = sum((pred & true).values())
    precision = overlap / sum(pred.values()) if pred else (1.0 if not true else 0.0)
    recall = overlap / sum(true.values()) if true else 1.0
    return precision, recall


def load_pages(split: str | None):
    rows = [json.loads(line) for line in (DATA / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    for row in rows:
        row["html"] = (DATA / row["page"]).read_bytes()
        row["gold_text"] = (DATA / row["gold"]).read_text(encoding="utf-8")
    scored = [r for r in rows if r["expected_status"] == "ok" and (split is None or r["split"] == split)]
    return rows, scored


def learn_templates(rows):
    """One template per page, learned from the host's other pages (leave-one-out)."""
    by_host: dict[str, list] = {}
    for row in rows:
        by_host.setdefault(row["host"], []).append(row)
    templates = {}
    for row in rows:
        others = [(r["url"], r["html"]) for r in by_host[row["host"]] if r is not row]
        templates[row["url"]] = (learn_template(row["host"], others) if others else None, len(others))
    return templates


def run(name, extract, pages, repeat):
    outputs = {}
    extract(pages[0])  # warm-up: lazy model and parser loading is not per-page cost
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for page in pages:
            outputs[page["url"]] = extract(page) or ""
        best = min(best, time.process_time() - start)
    scores = [precision_recall(outputs[p["url"]], p["gold_text"]) for p in pages]
    p_mean = sum(s[0] for s in scores) / len(scores)
    r_mean = sum(s[1] for s in scores) / len(scores)
    f1 = 2 * p_mean * r_mean / (p_mean + r_mean) if p_mean + r_mean else 0.0
    return {"name": name, "P": p_mean, "R": r_mean, "F1": f1, "pages_per_cpu_s": len(pages) / best,
            "outputs": outputs, "scores": scores}


def boilerplate_lines(text: str, gold: str) -> list[str]:
    true = grams(gold)
    gold_tokens = " ".join(_TOKENS.findall(gold))
    left = []
    for line in text.splitlines():
        g = grams(line)
        if len(_TOKENS.findall(line)) < 4:
            if " ".join(_TOKENS.findall(line)) not in gold_tokens:
                left.append(line)
        elif not (g & true):
            left.append(line)
    return left


def compare_extractors(pages, templates, repeat: int, template_label: str, with_fast: bool = True) -> list[dict]:
    """Ours with and without site templates, and trafilatura's settings, on the same pages."""
    candidates = [
        (template_label, lambda p: extract_article(p["html"], p["url"], templates[p["url"]][0]).text),
        ("ours (no template)", lambda p: extract_article(p["html"], p["url"]).text),
        ("trafilatura default", lambda p: trafilatura.extract(p["html"], url=p["url"])),
        ("trafilatura favor_precision", lambda p: trafilatura.extract(p["html"], url=p["url"], favor_precision=True)),
    ]
    if with_fast:
        candidates.append(("trafilatura fast", lambda p: trafilatura.extract(p["html"], url=p["url"], fast=True)))
    return [run(name, extract, pages, repeat) for name, extract in candidates]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--show-worst", type=int, default=0)
    parser.add_argument("--split", choices=["tuning", "held_out"])
    args = parser.parse_args()
    rows, pages = load_pages(args.split)
    start = time.process_time()
    templates = learn_templates(rows)
    learn_cpu = time.process_time() - start
    runs = compare_extractors(pages, templates, args.repeat, "ours (site templates)")
    baseline = next(r for r in runs if r["name"] == "trafilatura default")["pages_per_cpu_s"]
    print(f"{len(pages)} scored pages ({args.split or 'all splits'}), {len({p['host'] for p in pages})} hosts; "
          f"template learning for all {len(rows)} pages (leave-one-out): {learn_cpu:.2f} CPU-s")
    print(f"{'extractor':30} {'P':>6} {'R':>6} {'F1':>6} {'pages/CPU-s':>12} {'x traf. default':>16}")
    for r in runs:
        print(f"{r['name']:30} {r['P']:6.3f} {r['R']:6.3f} {r['F1']:6.3f} {r['pages_per_cpu_s']:12.1f} {r['pages_per_cpu_s'] / baseline:16.2f}")
    for split in ("tuning", "held_out"):
        subset = [i for i, p in enumerate(pages) if p["split"] == split]
        if not subset or args.split:
            continue
        line = []
        for r in runs[:4]:
            p_mean = sum(r["scores"][i][0] for i in subset) / len(subset)
            r_mean = sum(r["scores"][i][1] for i in subset) / len(subset)
            line.append(f"{r['name']} F1 {2 * p_mean * r_mean / (p_mean + r_mean):.3f}")
        print(f"  {split} ({len(subset)} pages): " + "; ".join(line))
    ours = runs[0]
    eligible = [p for p in pages if templates[p["url"]][1] >= MIN_OTHER_PAGES]
    leftovers = {p["url"]: boilerplate_lines(ours["outputs"][p["url"]], p["gold_text"]) for p in eligible}
    dirty = {u: v for u, v in leftovers.items() if v}
    print(f"boilerplate lines left by ours on the {len(eligible)} pages whose host has >= {MIN_OTHER_PAGES} other pages: "
          f"{sum(len(v) for v in dirty.values())} (on {len(dirty)} pages)")
    for url, lines in sorted(dirty.items()):
        for line in lines:
            print(f"  {url}: {line[:100]}")
    flagged = [r for r in rows if r["expected_status"] != "ok"]
    right = sum(extract_article(r["html"], r["url"]).status == r["expected_status"] for r in flagged)
    print(f"flags: {right}/{len(flagged)} non-article/paywall pages given the expected status")
    if args.show_worst:
        worst = sorted(range(len(pages)), key=lambda i: sum(ours["scores"][i]))[: args.show_worst]
        for i in worst:
            print(f"  worst: {pages[i]['host']}/{pages[i]['slug']} P={ours['scores'][i][0]:.3f} R={ours['scores'][i][1]:.3f}")


if __name__ == "__main__":
    main()

"""Score article extraction on the BLIND set (tests/data/extract_blind) and time it, in one run.

The blind set was written without reading the extractor's code or the tuning set's pages (see
tests/data/extract_blind/README.md). Metric and timing are those of bench/extract_bench.py,
imported from it: tokens are \\w+, each text the multiset of its word 4-grams, per-page precision
and recall averaged over pages, F1 of the two means; speed is pages per CPU-second (process time),
best of --repeat, all extractors in the same run. Our extractor gets, for each page, the site
template learned from the OTHER pages of its host (leave-one-out).

usage: python bench/extract_blind_bench.py [--repeat 3] [--worst 5] [--host HOST]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_bench import boilerplate_lines, compare_extractors, grams, learn_templates  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract_blind"
MIN_OTHER_PAGES = 5


def load(host: str | None = None):
    rows = [json.loads(line) for line in (DATA / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    for row in rows:
        row["html"] = (DATA / row["page"]).read_bytes()
        row["gold_text"] = (DATA / row["gold"]).read_text(encoding="utf-8")
    scored = [r for r in rows if r["expected_status"] == "ok" and (host is None or r["host"] == host)]
    return rows, scored


def f1_of(result, indices) -> tuple[float, float, float]:
    p = sum(result["scores"][i][0] for i in indices) / len(indices)
    r = sum(result["scores"][i][1] for i in indices) / len(indices)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def missing_lines(text: str, gold: str) -> list[str]:
    """Gold lines none of whose 4-grams are in the output (lines under 4 tokens: not contained)."""
    return boilerplate_lines(gold, text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worst", type=int, default=5)
    parser.add_argument("--host")
    args = parser.parse_args()
    rows, pages = load(args.host)
    start = time.process_time()
    templates = learn_templates(rows)
    learn_cpu = time.process_time() - start
    runs = compare_extractors(pages, templates, args.repeat, "ours (site templates, LOO)", with_fast=False)
    baseline = next(r for r in runs if r["name"] == "trafilatura default")["pages_per_cpu_s"]
    hosts = sorted({p["host"] for p in pages})
    print(f"BLIND set: {len(pages)} scored pages, {len(hosts)} hosts, "
          f"{len({p['template'] for p in pages})} templates; leave-one-out template learning: {learn_cpu:.2f} CPU-s")
    print(f"{'extractor':30} {'P':>6} {'R':>6} {'F1':>6} {'pages/CPU-s':>12} {'x traf. default':>16}")
    for r in runs:
        print(f"{r['name']:30} {r['P']:6.3f} {r['R']:6.3f} {r['F1']:6.3f} {r['pages_per_cpu_s']:12.1f} {r['pages_per_cpu_s'] / baseline:16.2f}")

    print("\nF1 per host (pages): " + " | ".join(r["name"] for r in runs))
    for host in hosts:
        idx = [i for i, p in enumerate(pages) if p["host"] == host]
        print(f"  {host:34} ({len(idx)}) " + "  ".join(f"{f1_of(r, idx)[2]:.3f}" for r in runs))

    ours = runs[0]
    eligible = [p for p in pages if templates[p["url"]][1] >= MIN_OTHER_PAGES]
    left = {p["url"]: boilerplate_lines(ours["outputs"][p["url"]], p["gold_text"]) for p in eligible}
    print(f"\nboilerplate lines left by ours on the {len(eligible)} pages whose host has >= {MIN_OTHER_PAGES} other pages: "
          f"{sum(map(len, left.values()))} (on {sum(1 for v in left.values() if v)} pages)")

    worst = sorted(range(len(pages)), key=lambda i: sum(ours["scores"][i]))[: args.worst]
    print(f"\nworst {len(worst)} pages for ours:")
    for i in worst:
        page = pages[i]
        out = ours["outputs"][page["url"]]
        print(f"  {page['host']}/{page['slug']}  P={ours['scores'][i][0]:.3f} R={ours['scores'][i][1]:.3f}  "
              f"(output {sum(grams(out).values())} 4-grams, gold {sum(grams(page['gold_text']).values())})")
        for line in boilerplate_lines(out, page["gold_text"])[:8]:
            print(f"      + extra:   {line[:110]}")
        for line in missing_lines(out, page["gold_text"])[:8]:
            print(f"      - missing: {line[:110]}")


if __name__ == "__main__":
    main()

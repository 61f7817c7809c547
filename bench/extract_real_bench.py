"""Score article extraction on the real labelled sets (../shared/datasets/extraction) and time it.

Every set is scored with the reference scorer's own functions (score_extraction.py beside the
sets, imported at run time): full-text sets by token 4-gram precision/recall per page, averaged
over pages, F1 of the two means, an empty output on a page with gold text scoring 0; the snippet
set (trafilatura_eval) by its with/without snippets, micro P/R/F1. Ours, trafilatura default and
trafilatura favor_precision run in the same process on the same pages (ours also with each
page's site template learned from the other pages of its host in the set); speed is pages per
CPU-second (process time) over all sets, template learning not included. "blanked" counts pages
with gold text and an empty output.

usage: python bench/extract_real_bench.py [SET ...] [--datasets PATH]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.extract import EXTRACTOR_VERSION, extract_article, learn_template  # noqa: E402

DEFAULT_DATASETS = ROOT.parent / "shared" / "datasets"

EXTRACTORS = {
    "ours": lambda html, url, template: extract_article(html, url).text,
    # Each page with the template learned from the other pages of its host in the set.
    "ours + site templates (LOO)": lambda html, url, template: extract_article(html, url, template).text,
    "trafilatura default": lambda html, url, template: trafilatura.extract(html) or "",
    "trafilatura favor_precision": lambda html, url, template: trafilatura.extract(html, favor_precision=True) or "",
}


def reference_scorer(datasets: Path):
    spec = importlib.util.spec_from_file_location("score_extraction", datasets / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_set(folder: Path) -> list[dict]:
    rows = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    for row in rows:
        row["html"] = gzip.decompress((folder / "html" / f"{row['id']}.html.gz").read_bytes())
    return rows


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def leave_one_out_templates(rows: list[dict]) -> None:
    """row["template"]: learned from the other pages of the row's host (None with fewer than two)."""
    by_host: dict[str, list[dict]] = {}
    for row in rows:
        by_host.setdefault(host_of(row.get("url") or ""), []).append(row)
    for host, members in by_host.items():
        for row in members:
            others = [(o.get("url") or "", o["html"]) for o in members if o is not row]
            row["template"] = learn_template(host, others) if host and len(others) >= 2 else None


def score(scorer, rows: list[dict], outputs: list[str]) -> dict:
    """P, R, F1 and blanked pages by the reference scorer's definitions."""
    blanked = sum(1 for r, out in zip(rows, outputs)
                  if (r.get("text") or r.get("with")) and not scorer.TOK.search(out))
    if rows[0].get("text") is None:  # snippet gold
        counts = [scorer.snippet_counts(r, out) for r, out in zip(rows, outputs)]
        tp, fp, fn = (sum(c[k] for c in counts) for k in range(3))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
    else:
        pairs = [scorer.pr(out, r["text"]) for r, out in zip(rows, outputs) if (r.get("text") or "").strip()]
        precision = sum(p for p, _ in pairs) / len(pairs)
        recall = sum(r for _, r in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"P": precision, "R": recall, "F1": f1, "blanked": blanked}


def run(rows: list[dict], extract) -> tuple[list[str], float]:
    outputs, cpu = [], 0.0
    for row in rows:
        start = time.process_time()
        outputs.append(extract(row["html"], row.get("url") or "", row["template"]) or "")
        cpu += time.process_time() - start
    return outputs, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*")
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")  # date parsers warn about unknown zone names on real pages
    scorer = reference_scorer(args.datasets)
    base = args.datasets / "extraction"
    names = args.sets or sorted(p.name for p in base.iterdir() if (p / "gold.jsonl").exists())
    # Warm-up: lazy model and parser loading is not per-page cost. The page is long enough for the
    # language detector to run (it loads its model on first use).
    warm_up = ("<html><body><article>" + "<p>The harbour authority will dredge the channel again in the spring, "
               "closing two berths to large ships for a month.</p>" * 5 + "</article></body></html>").encode()
    for extract in EXTRACTORS.values():
        extract(warm_up, "", None)
    totals = {name: [0, 0.0] for name in EXTRACTORS}
    print(f"ours = {EXTRACTOR_VERSION}")
    print(f"{'set':22} {'pages':>5}  {'extractor':28} {'P':>6} {'R':>6} {'F1':>6} {'blanked':>7} {'pages/CPU-s':>11}")
    for name in names:
        rows = load_set(base / name)
        leave_one_out_templates(rows)
        for label, extract in EXTRACTORS.items():
            outputs, cpu = run(rows, extract)
            result = score(scorer, rows, outputs)
            totals[label][0] += len(rows)
            totals[label][1] += cpu
            print(f"{name:22} {len(rows):5}  {label:28} {result['P']:6.3f} {result['R']:6.3f} {result['F1']:6.3f} "
                  f"{result['blanked']:7} {len(rows) / cpu:11.1f}", flush=True)
    baseline = totals["trafilatura default"][0] / totals["trafilatura default"][1]
    print("all sets, speed:")
    for label, (pages, cpu) in totals.items():
        print(f"  {label:28} {pages / cpu:6.1f} pages/CPU-s ({pages / cpu / baseline:.2f}x trafilatura default)")


if __name__ == "__main__":
    main()

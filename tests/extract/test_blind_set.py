"""The blind extraction set (tests/data/extract_blind) is complete, consistent and reproducible.

These tests check the data, not the extractor: every gold line is visible text of its page, the
committed pages are what the generator renders, and the set has the promised shape.
"""

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import lxml.html

DATA = Path(__file__).resolve().parents[1] / "data" / "extract_blind"


def _rows():
    return [json.loads(line) for line in (DATA / "labels.jsonl").read_text(encoding="utf-8").splitlines()]


def _norm(text):
    return " ".join(re.findall(r"\w+", text))


def test_shape():
    rows = _rows()
    hosts = Counter(r["host"] for r in rows)
    assert len(rows) >= 30
    assert len(hosts) >= 6
    assert sum(1 for n in hosts.values() if n >= 5) >= 4
    assert {"en", "fr", "ko"} <= {r["language"] for r in rows}


def test_gold_lines_are_visible_text_of_the_page():
    for row in _rows():
        raw = (DATA / row["page"]).read_bytes()
        doc = lxml.html.document_fromstring(raw.decode(row["charset"]))
        for bad in doc.xpath("//script|//style|//template"):
            bad.drop_tree()
        visible = _norm(doc.text_content())
        gold = (DATA / row["gold"]).read_text(encoding="utf-8").splitlines()
        assert gold, row["page"]
        for line in gold:
            assert _norm(line) in visible, (row["page"], line)


def _files(root):
    files = {p.relative_to(root): p.read_bytes() for sub in ("pages", "gold") for p in (root / sub).rglob("*") if p.is_file()}
    files[Path("labels.jsonl")] = (root / "labels.jsonl").read_bytes()
    return files


def test_pages_are_what_the_generator_renders(tmp_path):
    subprocess.run([sys.executable, str(DATA / "generator" / "make_pages.py"), "--out", str(tmp_path)], check=True, capture_output=True)
    assert _files(tmp_path) == _files(DATA)

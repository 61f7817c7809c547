"""`etl import-warc` against hostile and damaged files, all generated here as real WARC bytes:
a gzip bomb and an endless header line are refused within bounded memory, a truncated record and
records whose digests or lengths lie are rejected and reported, and a refused file leaves nothing
in the raw store."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from etl.capture.state import CaptureState
from etl.capture.warc_import import import_warc
from etl.rawstore.warc import read_record
from etl.rawstore.warc_check import WarcLimits, check_warc
from tests.capture.conftest import make_settings
from tests.conftest import REPO_ROOT

_PARAGRAPHS = [
    "Officials in both capitals confirmed on Tuesday that the talks would resume next month.",
    "The delegations last met in the spring, when negotiations stalled over the timetable.",
    "A spokesman for the foreign ministry said the agenda would include trade and fisheries.",
    "Opposition lawmakers called for the details of any agreement to be published in full.",
    "Analysts said a deal before the end of the year was possible but far from certain.",
]


def _article_html(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang='en'><head><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


def _page(title: str) -> bytes:
    return _article_html(title, _PARAGRAPHS).encode()


def _incompressible_page(title: str) -> bytes:
    """A page gzip cannot shrink much, so a cut near the end of a file lands inside its text."""
    return _article_html(title, [*_PARAGRAPHS, os.urandom(8000).hex()]).encode()


def write_warc(path: Path, pages: list[tuple[str, bytes]], gzipped: bool = True) -> Path:
    """A WARC the way crawlers write them (warcio, SHA-1 block and payload digests)."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        for url, payload in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=http,
                warc_headers_dict={"WARC-Date": "2024-10-02T01:00:00Z"}))
    return path


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path)


def _stored_files(raw: Path) -> list[Path]:
    return [p for p in raw.rglob("*") if p.is_file()] if raw.exists() else []


def test_a_member_ending_inside_held_back_input_is_followed_by_the_next(tmp_path):
    # A long page that compresses well: one read of compressed bytes holds its whole member and
    # the next ones, so its member ends while the output cap is holding input back. The check
    # once fed that held-back input to the finished member for good, memory growing.
    long_page = _article_html("Long", _PARAGRAPHS * 6000).encode()
    assert len(long_page) > 2 << 20  # more than one piece of output
    pages = [("https://a.example/long", long_page), *((f"https://a.example/{i}", _page(f"P{i}")) for i in range(3))]
    warc = write_warc(tmp_path / "members.warc.gz", pages)
    assert warc.stat().st_size < 1 << 20  # one read of compressed bytes
    finished = []
    worker = threading.Thread(target=lambda: finished.append(check_warc(warc)), daemon=True)
    worker.start()
    worker.join(30)
    assert finished, "the check did not end"
    check = finished[0]
    assert (check.records, check.responses, check.fatal, check.rejected, check.problems) == (4, 4, None, {}, [])


def test_a_sound_file_passes_every_check(tmp_path):
    warc = write_warc(tmp_path / "ok.warc.gz", [("https://a.example/1", _page("One")), ("https://a.example/2", _page("Two"))])
    check = check_warc(warc)
    assert (check.records, check.responses, check.fatal, check.rejected, check.problems) == (2, 2, None, {}, [])


def test_truncated_record_is_rejected_and_reported_the_complete_one_imported(tmp_path, settings):
    first, second = _page("Complete page"), _page("Cut page")
    whole = write_warc(tmp_path / "whole.warc", [("https://a.example/1", first), ("https://a.example/2", second)],
                       gzipped=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: data.index(second[:200]) + len(second) // 2])   # the second page ends half-way
    raw = tmp_path / "raw"
    result = import_warc([cut], raw, settings, CaptureState.empty())
    assert result.captures["url"].to_list() == ["https://a.example/1"]
    (problem,) = result.problems
    assert "https://a.example/2" in problem and "truncated:" in problem and "bytes (the file ends inside it)" in problem
    row = result.captures.row(0, named=True)
    _, payload, _, _ = read_record(raw, row["warc_file"], row["warc_offset"])
    assert payload == first


def test_truncated_gzip_file_is_reported(tmp_path, settings):
    whole = write_warc(tmp_path / "whole.warc.gz", [("https://a.example/1", _incompressible_page("One")),
                                                    ("https://a.example/2", _incompressible_page("Two"))])
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 300])
    result = import_warc([cut], tmp_path / "raw", settings, CaptureState.empty())
    assert result.captures["url"].to_list() == ["https://a.example/1"]
    assert any("https://a.example/2" in p and "truncated" in p for p in result.problems), result.problems


def test_payload_that_does_not_match_its_digest_is_rejected(tmp_path, settings):
    pages = [("https://a.example/1", _page("One")), ("https://a.example/2", _page("Two"))]
    warc = write_warc(tmp_path / "tampered.warc", pages, gzipped=False)
    data = warc.read_bytes()
    # Same length, different bytes: only the digests can tell.
    warc.write_bytes(data.replace(b"<h1>Two</h1>", b"<h1>Owt</h1>"))
    result = import_warc([warc], tmp_path / "raw", settings, CaptureState.empty())
    assert result.captures["url"].to_list() == ["https://a.example/1"]
    (problem,) = result.problems
    assert "https://a.example/2" in problem and "Digest" in problem


def test_content_length_that_lies_is_caught(tmp_path, settings):
    pages = [("https://a.example/1", _page("One")), ("https://a.example/2", _page("Two"))]
    warc = write_warc(tmp_path / "lying.warc", pages, gzipped=False)
    data = warc.read_bytes()
    start = data.index(b"Content-Length: ") + len(b"Content-Length: ")
    end = data.index(b"\r\n", start)
    length = int(data[start:end])
    # Longer than the block: the record swallows the start of the next one, its digest fails,
    # and what follows is no longer a record boundary: the file is refused.
    longer = data[:start] + str(length + 40).encode() + data[end:]
    (tmp_path / "longer.warc").write_bytes(longer)
    check = check_warc(tmp_path / "longer.warc")
    assert check.fatal and "not a WARC record after record 1" in check.fatal
    # Shorter: the block's tail is left where the next record should start.
    shorter = data[:start] + str(length - 40).encode() + data[end:]
    (tmp_path / "shorter.warc").write_bytes(shorter)
    raw = tmp_path / "raw"
    result = import_warc([tmp_path / "shorter.warc"], raw, settings, CaptureState.empty())
    assert result.captures.height == 0 and "refused, nothing imported" in result.problems[0]
    assert _stored_files(raw) == []


def test_header_line_without_end_is_refused_and_nothing_stored(tmp_path, settings):
    warc = tmp_path / "endless.warc"
    with open(warc, "wb") as out:
        out.write(b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/")
        out.write(b"a" * (4 * 1024 * 1024))   # a 4 MB "line"
    raw = tmp_path / "raw"
    result = import_warc([warc], raw, settings, CaptureState.empty(), limits=WarcLimits(max_line_bytes=64 * 1024))
    (problem,) = result.problems
    assert "refused, nothing imported" in problem and "header line longer than 65536 bytes" in problem
    assert result.captures.height == 0 and _stored_files(raw) == []


def test_record_limit(tmp_path, settings):
    pages = [(f"https://a.example/{i}", _page(str(i))) for i in range(3)]
    warc = write_warc(tmp_path / "three.warc.gz", pages)
    result = import_warc([warc], tmp_path / "raw", settings, CaptureState.empty(), limits=WarcLimits(max_records=2))
    assert "more than 2 records" in result.problems[0] and result.captures.height == 0


def write_gzip_bomb(path: Path, zeros: int) -> Path:
    """A gzip member that inflates to ``zeros`` zero bytes after a WARC version line."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(path, "wb") as out:
        out.write(packer.compress(b"WARC/1.1\r\nWARC-Type: response\r\n"))
        block = bytes(1 << 20)
        for _ in range(zeros >> 20):
            out.write(packer.compress(block))
        out.write(packer.flush())
    return path


# Peak memory of one import in a fresh process, so the figure is the import's own.
_MEASURE = """
import json, sys
from pathlib import Path
# The peak RSS a process inherits across fork and exec is the parent's: reset it first.
with open("/proc/self/clear_refs", "w") as refs:
    refs.write("5")
from etl.capture.state import CaptureState
from etl.capture.warc_import import import_warc
from etl.settings import build_settings
raw = Path(sys.argv[2])
result = import_warc([sys.argv[1]], raw, build_settings(data_dir=str(raw.parent)), CaptureState.empty())
print(json.dumps({"problems": result.problems, "captures": result.captures.height,
                  "peak_rss_mb": next(int(line.split()[1]) for line in open("/proc/self/status")
                                      if line.startswith("VmHWM:")) / 1024}))
"""


def measure_import(warc: Path, raw: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(warc), str(raw)], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_gzip_bomb_is_refused_in_bounded_memory(tmp_path):
    # 512 MB of zeros in ~0.5 MB: warcio alone would hold the whole "line" (over 512 MB).
    bomb = write_gzip_bomb(tmp_path / "bomb.warc.gz", 512 << 20)
    assert bomb.stat().st_size < 1 << 20
    raw = tmp_path / "data" / "raw"
    outcome = measure_import(bomb, raw)
    assert outcome["captures"] == 0
    (problem,) = outcome["problems"]
    assert "refused, nothing imported" in problem
    assert outcome["peak_rss_mb"] < 400, outcome
    assert _stored_files(raw) == []


def test_bomb_inside_a_valid_record_is_refused_by_its_ratio(tmp_path):
    """A well-formed record whose block is a long run of zeros: the line limit never trips,
    the decompression ratio does."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = tmp_path / "ratio.warc.gz"
    size = 300 << 20
    with open(bomb, "wb") as out:
        out.write(packer.compress(b"WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
                                  b"WARC-Target-URI: https://a.example/z\r\nContent-Length: %d\r\n\r\n" % size))
        for _ in range(size >> 20):
            out.write(packer.compress(bytes(1 << 20)))
        out.write(packer.flush())
    check = check_warc(bomb, WarcLimits(expansion_allowance=8 << 20))
    assert check.fatal and "compression bomb" in check.fatal


@pytest.mark.parametrize("gzipped", [True, False])
def test_import_command_reports_and_fails_on_a_damaged_file(tmp_path, gzipped, capsys, command_environment):
    from etl.cli.main import main

    command_environment(tmp_path / "data")
    whole = write_warc(tmp_path / "w.warc", [("https://a.example/1", _incompressible_page("One")),
                                             ("https://a.example/2", _incompressible_page("Two"))], gzipped=gzipped)
    data = whole.read_bytes()
    whole.write_bytes(data[: len(data) - 500])
    assert main(["import-warc", str(whole), "--no-derive"]) == 1
    captured = capsys.readouterr()
    assert "imported 1 pages" in captured.out
    assert "truncated" in captured.err and "https://a.example/2" in captured.err

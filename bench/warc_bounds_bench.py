"""Hostile WARC files against `import_warc`: peak memory and time of each refusal, in a fresh
process each, beside plain warcio reading the same file (the baseline, run under a 2 GB
address-space cap so it fails instead of taking the machine's memory).

* bomb: 10 MB of gzip that inflates to 10 GB of zeros right after a WARC version line
* long line: a 4 GB header line (gzip, ~4 MB on disk)
* truncated: a two-page WARC cut inside the second page

    .venv/bin/python bench/warc_bounds_bench.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CAP_BYTES = 2 << 30

OURS = """
import json, resource, sys, time
from pathlib import Path
from etl.capture.state import CaptureState
from etl.capture.warc_import import import_warc
from etl.settings import build_settings
started = time.perf_counter()
raw = Path(sys.argv[2])
result = import_warc([sys.argv[1]], raw, build_settings(data_dir=str(raw.parent)), CaptureState.empty())
stored = [p for p in Path(sys.argv[2]).rglob('*') if p.is_file()]
print(json.dumps({"seconds": time.perf_counter() - started, "captures": result.captures.height,
                  "stored_files": len(stored), "problems": result.problems,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
WARCIO = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (%d, %d))
from warcio.archiveiterator import ArchiveIterator
started, outcome, records = time.perf_counter(), "read", 0
try:
    with open(sys.argv[1], "rb") as fh:
        for record in ArchiveIterator(fh):
            records += 1
            record.content_stream().read()
except MemoryError:
    outcome = "MemoryError"
except Exception as error:
    outcome = type(error).__name__
print(json.dumps({"seconds": time.perf_counter() - started, "outcome": outcome, "records": records,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""" % (CAP_BYTES, CAP_BYTES)


def gzip_of(path: Path, head: bytes, filler: bytes, total: int) -> Path:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = filler * ((1 << 20) // len(filler))
    with open(path, "wb") as out:
        out.write(packer.compress(head))
        for _ in range(total // len(block)):
            out.write(packer.compress(block))
        out.write(packer.flush())
    return path


def truncated_warc(path: Path) -> Path:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = b"<html><body><article><p>" + os.urandom(4000).hex().encode() + b"</p></article></body></html>"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        for n in (1, 2):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://a.example/{n}", "response",
                                                          payload=io.BytesIO(body), http_headers=http))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 3000])
    return path


def run(script: str, *args: str, env: dict) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=REPO, env=env, capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else {"outcome": f"exit {done.returncode}", "stderr": done.stderr[-300:]}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "ETL_DATA_DIR": str(tmp / "data")}
        files = {
            "bomb (10 GB of zeros)": gzip_of(tmp / "bomb.warc.gz", b"WARC/1.1\r\nWARC-Type: response\r\n", b"\0", 10 << 30),
            "4 GB header line": gzip_of(tmp / "line.warc.gz", b"WARC/1.1\r\nWARC-Target-URI: https://a.example/",
                                        b"a", 4 << 30),
            "truncated record": truncated_warc(tmp / "cut.warc"),
        }
        for name, path in files.items():
            raw = tmp / "data" / "raw"
            ours = run(OURS, str(path), str(raw), env=env)
            base = run(WARCIO, str(path), env=env)
            print(f"{name} ({path.stat().st_size / 1e6:.1f} MB on disk)")
            print(f"  import_warc: peak RSS {ours['peak_rss_mb']:.0f} MB, {ours['seconds']:.1f} s, "
                  f"{ours['captures']} pages imported, {ours['stored_files']} files in the raw store; "
                  f"reported: {'; '.join(p.split(': ', 1)[1] for p in ours['problems'])[:200]}")
            print(f"  warcio alone: {base.get('outcome')} after {base.get('seconds', 0):.1f} s, "
                  f"peak RSS {base.get('peak_rss_mb', 0):.0f} MB (cap {CAP_BYTES >> 30} GB), "
                  f"{base.get('records', 0)} records read")


if __name__ == "__main__":
    main()

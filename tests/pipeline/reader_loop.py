"""A separate reader process: queries the warehouse in a loop and prints what it saw.

Run as ``python -m tests.pipeline.reader_loop DATA_DIR SECONDS``; prints one JSON object per query with
per-day row counts, or an error, so the test can check no half-replaced partition was seen.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from etl.warehouse import lake
from tests.conftest import settings_of

QUERY = """
SELECT 'articles' AS t, partition_date::VARCHAR AS d, count(*) AS n FROM articles GROUP BY ALL
UNION ALL SELECT 'stories', partition_date::VARCHAR, count(*) FROM stories GROUP BY ALL
UNION ALL SELECT 'relation_facts', partition_date::VARCHAR, count(*) FROM relation_facts GROUP BY ALL
UNION ALL SELECT 'relation_daily', partition_date::VARCHAR, sum(facts) FROM relation_daily GROUP BY ALL
"""


def main(data_dir: Path, seconds: float) -> None:
    con = lake.connect(settings_of(data_dir), read_only=True)
    deadline = time.monotonic() + seconds
    print(json.dumps({"ready": True}), flush=True)
    while time.monotonic() < deadline:
        try:
            rows = con.execute(QUERY).fetchall()
            print(json.dumps({"counts": {f"{t}/{d}": int(n) for t, d, n in rows}}), flush=True)
        except Exception as error:  # the test fails on any error: report it, keep looping
            print(json.dumps({"error": f"{type(error).__name__}: {error}"}), flush=True)
        time.sleep(0.02)


if __name__ == "__main__":
    main(Path(sys.argv[1]), float(sys.argv[2]))

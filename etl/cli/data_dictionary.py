"""``python -m etl.cli.data_dictionary [--check]``: write docs/data-dictionary.md, or exit 1 when
it is out of date. The page's table lineage is the Dagster asset graph, so the command loads the
definitions and hands them to the dictionary."""

import sys

from etl.analyst.dictionary import main
from etl.definitions import defs

if __name__ == "__main__":
    sys.exit(main(defs))

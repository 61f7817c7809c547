"""Views group: the analyst views in the catalog (the staging and intermediate SQL models of
sql/models/, then sql/views/), with their lineage and columns.

They are not materialized by a run: the step that reads them (the daily briefing) installs those
whose SQL changed when it opens the warehouse, and a view always shows the current rows of what
it selects from. As asset specs without a step they appear in the catalog and the lineage graph
only.
"""

import dagster as dg

from etl.analyst.dictionary import relations, view_dependencies
from etl.definitions.metadata import schema_metadata


VIEW_ASSETS = [
    dg.AssetSpec(
        name, deps=upstream, group_name="views", kinds={"sql", "duckdb"},
        description=relations()[name].description, metadata=schema_metadata(name),
    )
    for name, upstream in view_dependencies().items()
]

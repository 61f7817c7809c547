-- Attach the warehouse read-only from the plain DuckDB CLI (version 1.5.5), Python or Jupyter:
--   duckdb -init sql/attach.sql          (run from the repository root, after `etl demo`)
--   duckdb.connect().execute(open("sql/attach.sql").read())
-- Extensions load from the project-local folder `etl` fills from the PyPI packages (no download).
-- If ETL_DATA_DIR is not ./data, edit the three paths below.
SET extension_directory = 'data/duckdb_extensions';
SET autoinstall_known_extensions = false;
LOAD ducklake;
LOAD sqlite_scanner;
ATTACH 'ducklake:sqlite:data/lake/catalog.sqlite' AS lake (DATA_PATH 'data/lake/data/', OVERRIDE_DATA_PATH true, READ_ONLY);
USE lake;

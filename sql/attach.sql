-- Attach the warehouse read-only from Python, Jupyter or a DuckDB CLI of version 1.5.5
-- (`etl duckdb` does this for any ETL_DATA_DIR or ETL_CATALOG, with the bundled CLI):
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

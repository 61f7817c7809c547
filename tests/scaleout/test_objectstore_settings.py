"""The object-store settings as DuckDB's S3 secret and as s3fs's options: one endpoint, one set
of keys, whichever client reads them; bad values stop with a message naming their variable."""

from __future__ import annotations

import duckdb
import pytest

from etl.rawstore import objectstore
from etl.settings import build_settings
from etl.warehouse import lake


def test_a_plain_http_endpoint_reaches_both_clients_the_same_way(tmp_path):
    settings = build_settings(data_dir=str(tmp_path), s3_endpoint="http://127.0.0.1:9000", s3_key_id="k",
                              s3_secret="it's secret", s3_region="eu-west-1")
    assert objectstore.duckdb_secret_options(settings) == {
        "REGION": "eu-west-1", "URL_STYLE": "path", "KEY_ID": "k", "SECRET": "it's secret",
        "ENDPOINT": "127.0.0.1:9000", "USE_SSL": False}
    options = objectstore.fsspec_options(settings)
    assert options["endpoint_url"] == "http://127.0.0.1:9000"
    assert (options["key"], options["secret"]) == ("k", "it's secret")
    assert options["config_kwargs"] == {"s3": {"addressing_style": "path"}}
    # The secret statement runs in DuckDB as it is (the quote inside the secret stays a literal).
    con = duckdb.connect(config={"extension_directory": str(lake.extension_dir(settings)),
                                 "autoinstall_known_extensions": False})
    con.execute("LOAD httpfs")
    con.execute(lake.s3_secret_sql(settings))
    assert con.execute("SELECT count(*) FROM duckdb_secrets() WHERE name = 'lake_s3' AND type = 's3'").fetchone() == (1,)


def test_an_endpoint_without_a_scheme_is_https_and_no_endpoint_is_aws(tmp_path):
    assert objectstore.endpoint(build_settings(data_dir=str(tmp_path), s3_endpoint="minio.internal:9000")) == (
        "minio.internal:9000", True)
    aws = build_settings(data_dir=str(tmp_path))
    assert objectstore.endpoint(aws) is None
    assert "ENDPOINT" not in objectstore.duckdb_secret_options(aws)
    assert "endpoint_url" not in objectstore.fsspec_options(aws)


@pytest.mark.parametrize("values, variable", [
    ({"s3_endpoint": "ftp://store:21"}, "ETL_S3_ENDPOINT"),
    ({"s3_url_style": "virtual"}, "ETL_S3_URL_STYLE"),
])
def test_a_bad_value_names_its_variable(tmp_path, values, variable):
    settings = build_settings(data_dir=str(tmp_path), **values)
    with pytest.raises(ValueError, match=variable):
        objectstore.duckdb_secret_options(settings)
    with pytest.raises(ValueError, match=variable):
        objectstore.fsspec_options(settings)

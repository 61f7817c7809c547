"""S3-compatible object storage, configured once (ETL_S3_*) for its two clients: DuckDB's httpfs
(the lake's Parquet files) and fsspec's s3fs (the WARC raw store).

Both read the same endpoint, keys, region and URL style, so a lake and a raw store on one
bucket (under their own prefixes) can never disagree about where that bucket is.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from etl.settings import Settings

S3_SCHEME = "s3://"
URL_STYLES = ("path", "vhost")


def is_s3_url(location: str) -> bool:
    return location.startswith(S3_SCHEME)


def endpoint(settings: Settings) -> tuple[str, bool] | None:
    """``(host[:port], use_ssl)`` of ETL_S3_ENDPOINT, or None for AWS's own endpoints.

    An endpoint without a scheme is taken as HTTPS: plain HTTP must be asked for by name."""
    if not settings.s3_endpoint:
        return None
    parts = urlsplit(settings.s3_endpoint if "://" in settings.s3_endpoint else f"https://{settings.s3_endpoint}")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"ETL_S3_ENDPOINT {settings.s3_endpoint!r}: expected http(s)://host[:port]")
    return parts.netloc, parts.scheme == "https"


def _url_style(settings: Settings) -> str:
    if settings.s3_url_style not in URL_STYLES:
        raise ValueError(f"ETL_S3_URL_STYLE {settings.s3_url_style!r}: must be one of {URL_STYLES}")
    return settings.s3_url_style


def duckdb_secret_options(settings: Settings) -> dict[str, object]:
    """The options of DuckDB's ``CREATE SECRET (TYPE s3, ...)`` for these settings."""
    options: dict[str, object] = {"REGION": settings.s3_region, "URL_STYLE": _url_style(settings)}
    if settings.s3_key_id or settings.s3_secret:
        options.update(KEY_ID=settings.s3_key_id, SECRET=settings.s3_secret)
    where = endpoint(settings)
    if where is not None:
        options.update(ENDPOINT=where[0], USE_SSL=where[1])
    return options


def fsspec_options(settings: Settings) -> dict[str, object]:
    """s3fs's storage options for these settings. Without keys s3fs falls back on its usual
    credential chain (environment, instance or pod role)."""
    options: dict[str, object] = {
        "client_kwargs": {"region_name": settings.s3_region},
        "config_kwargs": {"s3": {"addressing_style": "path" if _url_style(settings) == "path" else "virtual"}},
    }
    if settings.s3_key_id or settings.s3_secret:
        options.update(key=settings.s3_key_id, secret=settings.s3_secret)
    if settings.s3_endpoint:
        where = endpoint(settings)
        options["endpoint_url"] = f"{'https' if where[1] else 'http'}://{where[0]}"
    return options

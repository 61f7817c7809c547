"""Where WARC files live: a local folder or an object-store prefix, behind one fsspec interface.

Names inside the store are relative POSIX paths (``warc/2024-05-01/capture-....warc.gz``), the
same whichever backend holds them, so the rows that point at records (``captures.warc_file``)
stay valid when a store is copied from a laptop folder to a bucket. A worker on another machine
needs only the configuration (ETL_RAW_STORE and the ETL_S3_* settings) to read any record.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import IO

from fsspec.core import url_to_fs
from fsspec.implementations.local import LocalFileSystem

from etl.rawstore import objectstore
from etl.settings import Settings

# Records are read by offset; one ranged request of this size usually holds a whole record.
READ_BLOCK_BYTES = 1024 * 1024


class RawStore:
    """The WARC raw store rooted at ``location`` (a folder, or ``s3://bucket/prefix``)."""

    def __init__(self, location: str | os.PathLike, storage_options: dict | None = None):
        self.location = str(location).rstrip("/") or "/"
        self.fs, self.root = url_to_fs(self.location, **(storage_options or {}))
        self.is_local = isinstance(self.fs, LocalFileSystem)

    @classmethod
    def from_settings(cls, settings: Settings) -> RawStore:
        location = settings.raw_store
        return cls(location, objectstore.fsspec_options(settings) if objectstore.is_s3_url(location) else None)

    def __repr__(self) -> str:
        return f"RawStore({self.location!r})"

    def path(self, name: str) -> str:
        """The backend's path of ``name`` (for a local store, a file path)."""
        return f"{self.root.rstrip('/')}/{name}"

    def open(self, name: str) -> IO[bytes]:
        """``name`` opened for reading, seekable (a remote file is read in ranged requests)."""
        if self.is_local:
            return open(self.path(name), "rb")
        return self.fs.open(self.path(name), "rb", block_size=READ_BLOCK_BYTES, cache_type="readahead")

    def exists(self, name: str) -> bool:
        return self.fs.exists(self.path(name))

    def remove(self, name: str) -> None:
        """Delete ``name``; a name that is not there is not an error."""
        try:
            self.fs.rm_file(self.path(name))
        except FileNotFoundError:
            pass

    def put(self, local_file: Path, name: str) -> None:
        """Store a complete local file as ``name``. On an object store the object appears whole
        or not at all; locally the file is copied under a temporary name and renamed."""
        if not self.is_local:
            self.fs.put_file(str(local_file), self.path(name))
            return
        target = Path(self.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        shutil.copyfile(local_file, partial)
        partial.replace(target)


def as_store(store: RawStore | str | os.PathLike) -> RawStore:
    """A RawStore from a store or from a local folder's path."""
    return store if isinstance(store, RawStore) else RawStore(store)

"""One bounded HTTP GET with manual redirects (the thin network part of capture). Never raises.

Redirects are followed here rather than by httpx so that each hop is counted, loops are caught,
and a chain made only of 301/308 can move the feed's stored URL (302/307 must not).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from etl.capture import outcomes
from etl.capture.netguard import BlockedAddress, GuardedTransport, request_deadline
from etl.settings import Settings
from etl.web.decoding import BadEncoding, BodyTooLarge, BodyTruncated, BoundedDecoder

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
               "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})


@dataclass
class FetchResult:
    requested_url: str
    final_url: str
    outcome: str                          # transport-level: ok for any complete response
    status: int | None = None
    reason: str = ""
    http_version: str = "HTTP/1.1"
    headers: dict[str, str] = field(default_factory=dict)          # lowercased, final response
    raw_headers: list[tuple[str, str]] = field(default_factory=list)
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | None = None             # decoded body, None when not read
    error: str | None = None
    started: float = 0.0                  # time.time() at the first request
    duration_ms: int = 0
    permanent_url: str | None = None      # new URL when every redirect hop was 301/308
    redirects: list[tuple[int, str]] = field(default_factory=list)

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


class Fetcher:
    """A thread-safe HTTP client bounded by the settings (timeouts, redirects, body cap)."""

    def __init__(self, settings: Settings, max_connections: int = 100):
        self.settings = settings
        self.client = httpx.Client(
            transport=GuardedTransport(settings.allow_networks, max_connections=max_connections),
            timeout=httpx.Timeout(connect=settings.connect_timeout, read=settings.read_timeout,
                                  write=settings.read_timeout, pool=settings.total_timeout),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=False,
            trust_env=False,  # a proxy would hide the address actually connected to
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def get(self, url: str, *, accept: str = PAGE_ACCEPT, etag: str | None = None,
            last_modified: str | None = None, max_bytes: int | None = None) -> FetchResult:
        result = FetchResult(requested_url=url, final_url=url, outcome=outcomes.INTERNAL_ERROR,
                             started=time.time())
        clock = time.monotonic()
        total = self.settings.total_timeout
        try:
            with request_deadline(total):
                self._get(result, accept, etag, last_modified, max_bytes or self.settings.max_body_bytes)
        except BlockedAddress as exc:
            result.outcome, result.error = outcomes.BLOCKED_ADDRESS, str(exc)
        except httpx.TimeoutException as exc:
            result.outcome = outcomes.TIMEOUT
            result.error = (f"no complete response within the {total:g} s request deadline"
                            if time.monotonic() - clock >= total else f"{type(exc).__name__}: {exc}")
        except httpx.InvalidURL as exc:
            # e.g. a host like 0177.0.0.1 (octal to some resolvers): refused before any connection
            result.outcome, result.error = outcomes.INVALID_URL, f"cannot fetch {url[:200]}: {exc}"
        except httpx.RemoteProtocolError as exc:
            # Before a status line this is garbage from the server; after it, a cut-off body.
            cut = result.status is not None
            result.outcome = outcomes.TRUNCATED if cut else outcomes.PROTOCOL_ERROR
            result.error = f"{'body cut off' if cut else 'bad HTTP response'}: {exc}"
        except (httpx.ConnectError, httpx.NetworkError, OSError) as exc:
            result.outcome, result.error = outcomes.CONNECT_ERROR, f"{type(exc).__name__}: {exc}"
        except httpx.UnsupportedProtocol as exc:
            result.outcome, result.error = outcomes.INVALID_URL, str(exc)
        except httpx.HTTPError as exc:
            result.outcome, result.error = outcomes.PROTOCOL_ERROR, f"{type(exc).__name__}: {exc}"
        except Exception as exc:  # a bug here must not stop the other sources
            result.outcome, result.error = outcomes.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}"
        result.duration_ms = int((time.monotonic() - clock) * 1000)
        return result

    def _get(self, result: FetchResult, accept: str, etag, last_modified, max_bytes: int):
        url = result.requested_url
        seen = {url}
        all_permanent = True
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        while True:
            if urlsplit(url).scheme not in ("http", "https"):
                result.outcome, result.error = outcomes.INVALID_URL, f"not an http(s) URL: {url[:200]}"
                return
            request = self.client.build_request("GET", url, headers=headers)
            result.status = None  # set again once this hop's status line has arrived
            response = self.client.send(request, stream=True)
            try:
                self._record_response(result, request, response)
                if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                    target = urljoin(url, response.headers["location"])
                    result.redirects.append((response.status_code, target))
                    all_permanent = all_permanent and response.status_code in PERMANENT_REDIRECTS
                    if target in seen or len(result.redirects) > self.settings.max_redirects:
                        kind = "redirect loop" if target in seen else "too many redirects"
                        result.outcome = outcomes.TOO_MANY_REDIRECTS
                        result.error = f"{kind} after {len(result.redirects)} hops, at {target[:200]}"
                        return
                    seen.add(target)
                    url = result.final_url = target
                    continue
                if result.redirects and all_permanent:
                    result.permanent_url = url
                result.body = self._read_body(response, max_bytes)
                result.outcome = outcomes.OK
                return
            except BodyTooLarge as exc:
                result.outcome, result.error = outcomes.TOO_LARGE, str(exc)
                return
            except BodyTruncated as exc:
                result.outcome, result.error = outcomes.TRUNCATED, str(exc)
                return
            except BadEncoding as exc:
                result.outcome, result.error = outcomes.BAD_ENCODING, str(exc)
                return
            finally:
                response.close()

    @staticmethod
    def _record_response(result: FetchResult, request: httpx.Request, response: httpx.Response):
        result.status = response.status_code
        result.reason = response.reason_phrase or ""
        result.http_version = response.http_version or "HTTP/1.1"
        result.raw_headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw]
        result.headers = {k.lower(): v for k, v in result.raw_headers}
        result.request_headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw]

    @staticmethod
    def _read_body(response: httpx.Response, max_bytes: int) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise BodyTooLarge(f"declared Content-Length {declared} exceeds {max_bytes} bytes")
        decoder = BoundedDecoder(response.headers.get("content-encoding"), max_bytes)
        chunks = []
        raw_length = 0
        for raw in response.iter_raw():
            raw_length += len(raw)
            chunks.append(decoder.feed(raw))
        decoder.finish()
        if declared.isdigit() and raw_length != int(declared):
            raise BodyTruncated(f"received {raw_length} of {declared} declared bytes")
        return b"".join(chunks)

"""Address refusal (ETL_ALLOW_NETWORKS, DNS rebinding), per-host politeness, and `sources check`."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time

import pytest

from etl.capture import outcomes
from etl.capture.check import check_sources
from etl.capture.fetch import Fetcher
from etl.capture.netguard import GuardedBackend, is_allowed
from etl.capture.politeness import HostScheduler
from etl.capture.sources import Source, SourcesError, outlet_countries, parse_sources
from tests.capture.conftest import make_settings, rss
from tests.capture.localserver import LocalServer, response


@pytest.mark.parametrize("address, allowed", [
    ("93.184.216.34", True), ("2606:4700::1111", True),
    ("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False), ("172.16.5.5", False),
    ("169.254.169.254", False), ("224.0.0.1", False), ("240.0.0.1", False), ("0.0.0.0", False),
    ("::1", False), ("fe80::1", False), ("fc00::1", False), ("::ffff:127.0.0.1", False), ("bogus", False),
    # 6to4 and NAT64 addresses lead to the IPv4 address inside them
    ("2002:7f00:1::", False), ("2002:a9fe:a9fe::1", False), ("2002:5db8:d822::", True),
    ("64:ff9b::7f00:1", False), ("64:ff9b::5db8:d822", True),
])
def test_public_addresses_only_by_default(address, allowed):
    assert is_allowed(address) is allowed


def test_loopback_refused_unless_allowed(tmp_path):
    with LocalServer() as server:
        server.routes["/"] = lambda r: response(200, b"hi")
        with Fetcher(make_settings(tmp_path, allow_networks=())) as fetcher:
            refused = fetcher.get(server.url("/"))
            by_name = fetcher.get(f"http://localhost:{server.port}/")
        with Fetcher(make_settings(tmp_path)) as fetcher:
            allowed = fetcher.get(server.url("/"))
    assert refused.outcome == by_name.outcome == outcomes.BLOCKED_ADDRESS
    assert allowed.outcome == outcomes.OK and allowed.body == b"hi"
    assert len(server.requests) == 1  # the refused requests never reached the server


class RebindingBackend(GuardedBackend):
    """A resolver whose answer changes on every lookup, like a DNS-rebinding attacker's."""

    def __init__(self, allow, answers):
        super().__init__(allow)
        self.answers = list(answers)

    def resolve(self, host, port):
        address = self.answers.pop(0)
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]


def test_connection_goes_to_the_checked_address():
    allow = (ipaddress.ip_network("127.0.0.1/32"),)
    with LocalServer() as server:
        # Checked answer allowed, later answer not: the socket uses the checked one.
        stream = RebindingBackend(allow, ["127.0.0.1", "127.0.0.2"]).connect_tcp("evil.test", server.port, 2)
        assert stream.get_extra_info("server_addr")[0] == "127.0.0.1"
        stream.close()
        # First answer private: refused, whatever a second lookup would say.
        with pytest.raises(Exception, match="not a public address"):
            RebindingBackend(allow, ["127.0.0.2", "127.0.0.1"]).connect_tcp("evil.test", server.port, 2)


def test_scheduler_bounds_concurrency_and_interval():
    scheduler = HostScheduler(workers=8, concurrency=2, min_interval=0.05)
    starts: dict[str, list[float]] = {"a": [], "b": []}
    active = {"a": 0, "b": 0}
    peak = {"a": 0, "b": 0}
    lock = threading.Lock()

    def task(host):
        with lock:
            starts[host].append(time.monotonic())
            active[host] += 1
            peak[host] = max(peak[host], active[host])
        time.sleep(0.12)
        with lock:
            active[host] -= 1

    for _ in range(6):
        for host in ("a", "b"):
            scheduler.submit(host, lambda h=host: task(h))
    began = time.monotonic()
    scheduler.run()
    elapsed = time.monotonic() - began
    for host in ("a", "b"):
        gaps = [b - a for a, b in zip(starts[host], starts[host][1:])]
        assert min(gaps) >= 0.045 and peak[host] == 2
    assert elapsed < 0.8  # the two hosts ran side by side: 6 tasks x 0.12 s / 2 slots = 0.36 s each


def test_sources_file_is_validated():
    ok = parse_sources("sources:\n  - name: a\n    url: https://a.example/rss\n    tags: x\n"
                       "    politeness: {min_interval: 5, concurrency: 1}\n")
    assert ok == [Source("a", "https://a.example/rss", ("x",), None, 5.0, 1)]
    with pytest.raises(SourcesError, match="duplicate.*|url must be"):
        parse_sources("sources:\n  - {name: a, url: 'ftp://x'}\n  - {name: a, url: 'https://b'}\n")
    # A URL that cannot even be parsed (or has no numeric port) is listed, not raised as a crash.
    with pytest.raises(SourcesError) as problems:
        parse_sources("sources:\n  - {name: a, url: 'http://[broken'}\n  - {name: b, url: 'http://b.example:xx/rss'}\n")
    assert str(problems.value).count("url must be an http(s) URL") == 2


def test_a_source_may_name_its_outlets_country():
    sources = parse_sources("sources:\n  - {name: toi, url: 'https://toi.example/rss', country: IND}\n"
                            "  - {name: wire, url: 'https://wire.example/rss'}\n"
                            "  - {name: kosovo, url: 'https://ks.example/rss', country: XKX}\n")
    assert [source.country for source in sources] == ["IND", None, "XKX"]
    assert outlet_countries(sources) == {"toi": "IND", "kosovo": "XKX"}
    with pytest.raises(SourcesError) as problems:
        parse_sources("sources:\n  - {name: a, url: 'https://a.example/rss', country: India}\n"
                      "  - {name: b, url: 'https://b.example/rss', country: ind}\n"
                      "  - {name: c, url: 'https://c.example/rss', country: QQQ}\n")
    assert str(problems.value).count("country must be an ISO 3166 alpha-3 code") == 3


def test_check_sources_reports_count_and_age(tmp_path):
    with LocalServer() as server:
        server.routes["/feed"] = lambda r: response(200, rss([
            {"title": "new", "link": "http://x.example/1", "pubDate": "Tue, 07 May 2024 09:00:00 GMT"},
            {"title": "old", "link": "http://x.example/2", "pubDate": "Mon, 06 May 2024 09:00:00 GMT"}]))
        sources = [Source("good", server.url("/feed")), Source("missing", server.url("/nope"))]
        from datetime import datetime, timezone
        report = check_sources(sources, make_settings(tmp_path), now=datetime(2024, 5, 7, 12, tzinfo=timezone.utc))
    rows = {r["name"]: r for r in report.iter_rows(named=True)}
    assert rows["good"]["outcome"] == outcomes.OK and rows["good"]["items"] == 2
    assert rows["good"]["newest_age_hours"] == 3.0
    assert rows["missing"]["outcome"] == outcomes.NOT_FOUND and rows["missing"]["http_status"] == 404

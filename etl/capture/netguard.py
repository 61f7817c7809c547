"""Refuse private, loopback, link-local, multicast and reserved addresses (ETL_ALLOW_NETWORKS excepted).

The check sits in the socket layer: the host name is resolved once, each resolved address is
checked, and the socket is connected to that very address (so a DNS answer that changes between
check and connect, i.e. DNS rebinding, cannot slip through), then the peer address of the
connected socket is checked again. Every hop of a redirect chain opens its connection here.
The same layer holds every socket operation of a request to one deadline (request_deadline).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

import httpcore
import httpx
from httpcore._backends.sync import SyncStream

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# The well-known NAT64 prefix: a gateway turns 64:ff9b::a.b.c.d into a connection to a.b.c.d.
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")


class BlockedAddress(Exception):
    """Raised instead of connecting to an address outside the public internet."""


def embedded_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address leads to: IPv4-mapped, 6to4 (2002::/16) or NAT64."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: Address) -> bool:
    address = embedded_ipv4(address) or address
    return address.is_global and not (address.is_multicast or address.is_reserved)


# Monotonic time by which the request made on this thread must be complete (None: no deadline).
_deadline: ContextVar[float | None] = ContextVar("request_deadline", default=None)


@contextmanager
def request_deadline(seconds: float) -> Iterator[None]:
    """Bound everything the connections do inside the block (connect, TLS, headers, body) by one
    deadline. httpx's own timeouts are per socket operation: a server sending a byte a second
    would never trip them."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def _bounded(timeout: float | None, timeout_error: type[Exception]) -> float | None:
    """``timeout`` shortened to what is left of the request deadline; past it, ``timeout_error``."""
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise timeout_error("request deadline passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(SyncStream):
    """A socket stream whose every read and write ends by the request deadline."""

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return super().read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        super().write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        stream = super().start_tls(ssl_context, server_hostname, _bounded(timeout, httpcore.ConnectTimeout))
        return DeadlineStream(stream.get_extra_info("socket")) if type(stream) is SyncStream else stream


def is_allowed(address: str | Address, allow_networks: tuple[Network, ...] = ()) -> bool:
    """True for public unicast addresses and for anything inside an allowed network."""
    try:
        ip = ipaddress.ip_address(str(address).split("%", 1)[0])
    except ValueError:
        return False
    return is_public(ip) or any(ip in net for net in allow_networks if ip.version == net.version)


class GuardedBackend(httpcore.SyncBackend):
    """httpcore network backend that only opens TCP connections to allowed addresses."""

    def __init__(self, allow_networks: tuple[Network, ...] = ()):
        self.allow_networks = tuple(allow_networks)

    def resolve(self, host: str, port: int) -> list[tuple]:
        try:
            return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
        except UnicodeError as exc:
            raise OSError(f"cannot resolve {host!r}: {exc}") from exc

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        host = host.decode("ascii") if isinstance(host, bytes) else host
        infos = self.resolve(host, port)
        allowed = [info for info in infos if is_allowed(info[4][0], self.allow_networks)]
        if not allowed:
            addresses = ", ".join(sorted({info[4][0] for info in infos})) or "no address"
            raise BlockedAddress(f"{host} resolves to {addresses}: not a public address "
                                 "and not in ETL_ALLOW_NETWORKS")
        last_error: OSError | None = None
        for family, kind, proto, _, sockaddr in allowed:
            limit = _bounded(timeout, httpcore.ConnectTimeout)
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(limit)
                for option in socket_options or ():
                    sock.setsockopt(*option)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                sock.connect(sockaddr)
                peer = sock.getpeername()[0]
                if not is_allowed(peer, self.allow_networks):
                    raise BlockedAddress(f"{host} connected to {peer}: not allowed")
                return DeadlineStream(sock)
            except BlockedAddress:
                sock.close()
                raise
            except socket.timeout as exc:
                sock.close()
                raise httpcore.ConnectTimeout(f"connect to {sockaddr[0]} timed out") from exc
            except OSError as exc:
                sock.close()
                last_error = exc
        raise httpcore.ConnectError(str(last_error))


class GuardedTransport(httpx.HTTPTransport):
    """httpx transport whose connections go through :class:`GuardedBackend`.

    httpx offers no public hook for the network backend, so the pool built by the parent is
    replaced by an identical one that uses the guarded backend; proxies are never used (a proxy
    would hide the address actually connected to).
    """

    def __init__(self, allow_networks: tuple[Network, ...] = (), max_connections: int = 100, **kwargs):
        super().__init__(**kwargs)
        ssl_context = self._pool._ssl_context
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=15.0,
            network_backend=GuardedBackend(allow_networks),
        )

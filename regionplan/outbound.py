"""Addresses a region may make the platform connect to, and the only way to connect to them.

A region's administrator types addresses (a data warehouse, Kolada, later other
connectors), and the workers connect to them from inside the platform's network, where
the application's own database, Redis and the health page also are. So every such
connection goes through here:

- the operator lists, per kind of connector, the hosts and networks region
  administrators may use (`<KIND>_ALLOWED_HOSTS`, e.g. `WAREHOUSE_ALLOWED_HOSTS`); a kind
  with no list may reach nothing (a new connector is closed until the operator opens it);
- Unix sockets (a host that is a path) are refused unless `OUTBOUND_ALLOW_SOCKETS` is on:
  a socket is always the machine the worker runs on;
- a name is resolved once, every address it resolves to must be allowed (unless the
  operator allowed the name itself), and the connection is made to the address that was
  checked, so a DNS answer cannot change between the check and the connection.

`Refused` carries the Swedish reason for the administrator.
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import socket
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class Refused(Exception):
    """The address may not be connected to; str() is the Swedish reason. Not an OSError,
    so that nothing retries it as a passing network failure."""


@dataclass(frozen=True)
class Allowlist:
    """What the operator allowed for one kind: host names (``*.region.se`` for a domain and
    its subdomains) and networks (``10.20.0.0/16``, or one address)."""

    names: frozenset[str]
    networks: tuple

    def allows_name(self, host: str) -> bool:
        return any(
            host == name or (name.startswith("*.") and (host == name[2:] or host.endswith(name[1:])))
            for name in self.names
        )

    def allows_address(self, address: str) -> bool:
        ip = ipaddress.ip_address(address)
        return any(ip.version == net.version and ip in net for net in self.networks)

    @property
    def empty(self) -> bool:
        return not self.names and not self.networks


def parse_allowlist(entries) -> Allowlist:
    """A list (or comma-separated text) of host names and networks as an `Allowlist`."""
    if isinstance(entries, str):
        entries = entries.split(",")
    names, networks = set(), []
    for entry in entries:
        entry = entry.strip().lower().strip("[]")
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            names.add(entry.rstrip("."))
    return Allowlist(frozenset(names), tuple(networks))


def allowlist(kind: str) -> Allowlist:
    """The operator's list for a kind of connector; none (nothing allowed) if unset."""
    return parse_allowlist(getattr(settings, f"{kind.upper()}_ALLOWED_HOSTS", ()) or ())


def describe(kind: str) -> str:
    """The allowed hosts as a person reads them, for forms and messages."""
    allowed = allowlist(kind)
    items = sorted(allowed.names) + [
        str(net.network_address) if net.prefixlen == net.max_prefixlen else str(net) for net in allowed.networks
    ]
    return ", ".join(items) if items else _("inga (driften har inte tillåtit någon värd)")


def is_socket(host: str) -> bool:
    """Whether libpq (or another client) would read this host as a Unix socket: a path,
    or Linux's abstract namespace (``@name``)."""
    return host.startswith(("/", "@"))


def resolve(kind: str, host: str, port: int | None = None) -> list[str]:
    """The addresses to connect to for `host`, every one of them allowed for `kind`;
    raises `Refused`. A socket path comes back as itself when sockets are allowed."""
    host = (host or "").strip()
    if not host:
        raise Refused(_("Adressen saknar värd."))
    if is_socket(host):
        if getattr(settings, "OUTBOUND_ALLOW_SOCKETS", False):
            return [host]
        raise Refused(
            _(
                "Adressen pekar på en lokal socket (%(host)s), och sådana tillåts inte: ange datorns "
                "namn eller IP-adress."
            )
            % {"host": host[:80]}
        )
    name = host.lower().strip("[]").rstrip(".")
    allowed = allowlist(kind)
    refusal = _(
        "Värden %(host)s är inte bland dem som driften tillåter för den här typen av källa (tillåtna: %(allowed)s)."
    ) % {"host": name[:80], "allowed": describe(kind)}
    if allowed.empty:
        raise Refused(refusal)
    try:
        addresses = [str(ipaddress.ip_address(name))]
    except ValueError:
        addresses = _lookup(name, port)
    if allowed.allows_name(name):
        return addresses
    for address in addresses:
        if not allowed.allows_address(address):
            raise Refused(
                refusal
                if address == name
                else _(
                    "Värden %(host)s (%(address)s) är inte bland dem som driften tillåter för den här typen av källa "
                    "(tillåtna: %(allowed)s)."
                )
                % {"host": name[:80], "address": address, "allowed": describe(kind)}
            )
    return addresses


def _lookup(name: str, port: int | None) -> list[str]:
    try:
        found = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise Refused(_("Värden %(host)s går inte att slå upp.") % {"host": name[:80]}) from exc
    # The scope id of a link-local IPv6 address ("fe80::1%eth0") is not part of the check.
    return list(dict.fromkeys(info[4][0].split("%")[0] for info in found))


def check_url(kind: str, url: str, schemes=("https", "http")) -> str | None:
    """Why an http(s) address is refused for `kind`, or None (it resolves to allowed hosts)."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:  # a port that is not a number, an unclosed [ of an IPv6 address
        return _("Adressen går inte att läsa (värd eller port).")
    if parts.scheme not in schemes:
        return _("Adressen måste börja med %(schemes)s.") % {"schemes": _(" eller ").join(f"{s}://" for s in schemes)}
    try:
        resolve(kind, parts.hostname or "", port)
    except Refused as exc:
        return str(exc)
    return None


# --- http(s) through the check -------------------------------------------------------------


class _Pinned:
    """An http.client connection that checks its host when it connects, and connects to
    the address that was checked (the certificate is still checked against the name).
    Through a proxy the target (the tunnel's host) is checked and the proxy connected to."""

    kind = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = self._checked_connection

    def _checked_connection(self, address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
        host, port = address
        if self._tunnel_host:
            resolve(self.kind, self._tunnel_host, self._tunnel_port)
            return socket.create_connection(address, timeout, source_address)
        ip = resolve(self.kind, host, port)[0]
        return socket.create_connection((ip, port), timeout, source_address)


class _Handler(urllib.request.HTTPHandler):
    def __init__(self, kind):
        super().__init__()
        self.connection = type("Checked", (_Pinned, http.client.HTTPConnection), {"kind": kind})

    def http_open(self, req):
        _check_target(self.connection.kind, req)
        return self.do_open(self.connection, req)


class _SecureHandler(urllib.request.HTTPSHandler):
    def __init__(self, kind):
        super().__init__()
        self.connection = type("CheckedSecure", (_Pinned, http.client.HTTPSConnection), {"kind": kind})

    def https_open(self, req):
        _check_target(self.connection.kind, req)
        return self.do_open(self.connection, req, context=self._context)


def _check_target(kind: str, req) -> None:
    """The host the request is for (also behind an http proxy, which connects for us)."""
    try:
        target = urlsplit(req.full_url)
        host, port = target.hostname or "", target.port
    except ValueError as exc:
        raise Refused(_("Adressen går inte att läsa (värd eller port).")) from exc
    resolve(kind, host, port)


@functools.cache
def _opener(kind: str):
    """urllib with the check on every connection: the first request, every redirect and
    every next page. No file://, ftp:// or data: handlers."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        _Handler(kind),
        _SecureHandler(kind),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def urlopen(kind: str, request, timeout: float):
    """Open an http(s) request for a connector of `kind`; raises `Refused` before any
    connection to a host that is not allowed (including one a redirect points at)."""
    return _opener(kind).open(request, timeout=timeout)

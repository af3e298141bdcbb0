"""Where participants reach the room, which pages may open its sockets, and its QR code."""

from __future__ import annotations

import io
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Site:
    """How the room is served: the address participants use, http or https, and the other
    sites whose pages may open the room's WebSockets (none by default)."""

    address: str = ""                      # HOST:PORT; "" means the address the browser used
    scheme: str = "http"
    origins: tuple[str, ...] = ()          # e.g. ("https://workshop.example.org",)


def lan_address() -> str:
    """This machine's address on the local network, as others will reach it; without sending
    anything: connecting a UDP socket only picks the route. 127.0.0.1 if there is none."""
    for probe_to in ("10.255.255.255", "192.168.255.255", "172.31.255.255"):
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            probe.connect((probe_to, 1))
            address = str(probe.getsockname()[0])
        except OSError:
            continue
        finally:
            probe.close()
        if not ipaddress.ip_address(address).is_loopback and address != "0.0.0.0":
            return address
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            address = str(info[4][0])
            if not ipaddress.ip_address(address).is_loopback:
                return address
    except OSError:
        pass
    return "127.0.0.1"


def shown_host(host: str) -> str:
    """A host as it goes into an address: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def allowed_origin(origin: str | None, host: str | None, allowed: tuple[str, ...]) -> bool:
    """Whether a WebSocket opened with this Origin header may talk to the room: no Origin (not
    a browser: the game's window), a page of the room itself (the same host and port), or a
    site the facilitator allowed."""
    if origin is None:
        return True
    if origin.rstrip("/") in {a.rstrip("/") for a in allowed}:
        return True
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(host) and parts.netloc.lower() == (host or "").lower()


def qr_svg(url: str) -> bytes:
    """The join URL as a QR code, an SVG drawn on the server (segno); a plain note without segno."""
    try:
        import segno
    except ModuleNotFoundError:
        note = "QR code: pip install segno"
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="240" height="40"><text x="0" y="24" '
                f'font-family="sans-serif" font-size="14">{note}</text></svg>').encode()
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=10, border=2, xmldecl=False, dark="#1f2933",
                                    light="#ffffff", title="Join the room: " + url)
    return out.getvalue()

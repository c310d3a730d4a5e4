"""This machine's addresses as other devices on the school network reach it (tablets, the wall
screen), and whether an address only works on this machine itself."""

import contextlib
import ipaddress
import socket
from urllib.parse import urlsplit

# Where the default route goes: connecting a UDP socket sends nothing, but the system picks
# the address it would send from, i.e. this machine's address on the school network.
_PROBES = ("192.0.2.1", "10.255.255.255")


def is_loopback_url(url: str) -> bool:
    """An address like http://127.0.0.1:8000 or http://localhost: no other device can use it."""
    host = (urlsplit(url).hostname or "").lower()
    if host in ("localhost", "") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses that other devices may reach, best guess first."""
    found: list[str] = []
    for probe in _PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                found.append(sock.getsockname()[0])
        except OSError:
            continue
    with contextlib.suppress(OSError):
        found += socket.gethostbyname_ex(socket.gethostname())[2]
    usable = []
    for address in found:
        ip = ipaddress.ip_address(address)
        if not (ip.is_loopback or ip.is_unspecified or ip.is_link_local) and address not in usable:
            usable.append(address)
    return usable

"""Ruby's IPAddr (stdlib ipaddr 1.2, as in Ruby 3.1) and NCG's Netomata::IPAddr.

Addresses are held as Ruby holds them: an integer, a family, and a mask
integer; `IPAddr("10.1.2.3/24")` keeps the masked address 10.1.2.0. Ruby's
own grammar decides what is an address (and which error a bad one raises);
netaddr turns accepted IPv6 text into integers and back (imported only then).
"""

from __future__ import annotations

import re
from typing import Any

from ncg.errors import (
    AddressFamilyError,
    ArgumentError,
    InvalidAddressError,
    InvalidPrefixError,
    NoMethodError,
    StandardError,
)
from ncg.errors import RangeError as RubyRangeError

AF_UNSPEC = 0
AF_INET = 2
AF_INET6 = 10
IN4MASK = (1 << 32) - 1
IN6MASK = (1 << 128) - 1

IPV4_LIKE = re.compile(r"([0-9]+)\.([0-9]+)\.([0-9]+)\.([0-9]+)\Z")
HEX_GROUP = r"[0-9a-fA-F]{1,4}"
IPV6_FULL = re.compile(
    rf"(?:(?:{HEX_GROUP}:){{7}}{HEX_GROUP}|((?:{HEX_GROUP}:){{6}})([0-9]+\.[0-9]+\.[0-9]+\.[0-9]+))\Z"
)
IPV6_COMPRESSED = re.compile(
    rf"((?:(?:{HEX_GROUP}:)*{HEX_GROUP})?)::"
    rf"((?:((?:{HEX_GROUP}:)*)(?:{HEX_GROUP}|([0-9]+\.[0-9]+\.[0-9]+\.[0-9]+)))?)\Z"
)
ZONE_ID = re.compile(r"(.*)(%[A-Za-z0-9_]+)\Z")
PREFIX_DIGITS = re.compile(r"(?:0|[1-9]+[0-9]*)\Z")
ALL_DIGITS = re.compile(r"[0-9]+\Z")


def full_mask(family: int) -> int:
    return IN4MASK if family == AF_INET else IN6MASK


def prefix_mask(family: int, prefixlen: int) -> int:
    bits = 32 if family == AF_INET else 128
    return full_mask(family) >> (bits - prefixlen) << (bits - prefixlen)


class IPAddr:
    """One Ruby IPAddr: `addr` and `mask_addr` integers of `family` (2 or 10)."""

    ruby_name = "IPAddr"
    __slots__ = ("addr", "family", "mask_addr", "zone_id")

    def __init__(self, addr: Any = "::", family: int = AF_UNSPEC) -> None:
        """Ruby's IPAddr.new: text ("a.b.c.d/len", "v6/mask", "[v6]"), or an integer and family."""
        self.zone_id: str | None = None
        self.addr: int | None = None
        self.family = AF_UNSPEC
        self.mask_addr = 0
        if not isinstance(addr, str):
            self.from_integer(addr, family)
            return
        text, slash, prefixlen = addr.partition("/")
        family = self.parse_address(text, family)
        if slash:
            self.apply_mask(prefixlen)
        else:
            self.mask_addr = full_mask(self.family)

    def from_integer(self, addr: Any, family: int) -> None:
        if family == AF_UNSPEC:
            raise AddressFamilyError("address family must be specified")
        if family not in (AF_INET, AF_INET6):
            raise AddressFamilyError(f"unsupported address family: {family}")
        self.set(ruby_to_i(addr), family)
        self.mask_addr = full_mask(family)

    def parse_address(self, text: str, family: int) -> int:
        if text.startswith("[") and text.endswith("]") and len(text) >= 2:
            text, family = text[1:-1], AF_INET6
        zoned = ZONE_ID.match(text)
        if zoned:
            text, self.zone_id, family = zoned[1], zoned[2], AF_INET6
        if family in (AF_UNSPEC, AF_INET):
            self.addr = ipv4_to_int(text)
            if self.addr is not None:
                self.family = AF_INET
        if self.addr is None and family in (AF_UNSPEC, AF_INET6):
            self.addr = ipv6_to_int(text)
            self.family = AF_INET6
        if family != AF_UNSPEC and self.family != family:
            raise AddressFamilyError("address family mismatch")
        return family

    # -- what Ruby's private helpers do -----------------------------------

    def shown_addr(self) -> str:
        """How Ruby's messages show the current address (nil shows as nothing)."""
        return "" if self.addr is None else str(self.addr)

    def set(self, addr: int, family: int | None = None) -> IPAddr:
        """Replace the address (checked against the family's range); a new family trims the mask."""
        limit = full_mask(family or self.family)
        if (family or self.family) not in (AF_INET, AF_INET6):
            raise AddressFamilyError("unsupported address family")
        if addr < 0 or addr > limit:
            raise InvalidAddressError(f"invalid address: {self.shown_addr()}")
        self.addr = addr
        if family:
            self.family = family
            if family == AF_INET:
                self.mask_addr &= IN4MASK
        return self

    def apply_mask(self, mask: Any) -> IPAddr:
        """Ruby's mask!: a prefix length (Integer or digits) or a netmask string."""
        if isinstance(mask, str):
            if PREFIX_DIGITS.match(mask):
                return self.apply_prefix(int(mask))
            if ALL_DIGITS.match(mask):
                raise InvalidPrefixError("leading zeros in prefix")
            return self.apply_netmask(mask)
        return self.apply_prefix(ruby_to_i(mask))

    def apply_netmask(self, mask: str) -> IPAddr:
        netmask = IPAddr(mask)
        if netmask.family != self.family:
            raise InvalidPrefixError(f"address family is not same: {self.shown_addr()}")
        self.mask_addr = netmask.int_addr
        inverted = self.mask_addr ^ netmask.mask_addr
        if (inverted + 1) & inverted:
            raise InvalidPrefixError(f"invalid mask {mask}: {self.shown_addr()}")
        self.addr = self.int_addr & self.mask_addr
        return self

    def apply_prefix(self, prefixlen: int) -> IPAddr:
        bits = 32 if self.family == AF_INET else 128
        if prefixlen < 0 or prefixlen > bits:
            raise InvalidPrefixError(f"invalid length: {self.shown_addr()}")
        self.mask_addr = prefix_mask(self.family, prefixlen)
        self.addr = self.int_addr & self.mask_addr
        return self

    def copy(self) -> IPAddr:
        twin = object.__new__(type(self))
        twin.addr, twin.family = self.addr, self.family
        twin.mask_addr, twin.zone_id = self.mask_addr, self.zone_id
        return twin

    def coerce(self, other: Any) -> IPAddr:
        """Ruby's coerce_other: an IPAddr, text to parse, or an integer of our family."""
        if isinstance(other, IPAddr):
            return other
        if isinstance(other, str):
            return type(self)(other)
        return type(self)(ruby_to_i(other), self.family)

    @property
    def int_addr(self) -> int:
        return self.addr or 0

    # -- the Ruby methods ---------------------------------------------------

    def bit_and(self, other: Any) -> IPAddr:
        return self.copy().set(self.int_addr & self.coerce(other).int_addr)

    def bit_or(self, other: Any) -> IPAddr:
        return self.copy().set(self.int_addr | self.coerce(other).int_addr)

    def shift_right(self, count: int) -> IPAddr:
        return self.copy().set(self.int_addr >> count)

    def shift_left(self, count: int) -> IPAddr:
        return self.copy().set((self.int_addr << count) & full_mask(self.family))

    def invert(self) -> IPAddr:
        return self.copy().set(~self.int_addr & full_mask(self.family))

    def mask(self, prefix: Any) -> IPAddr:
        return self.copy().apply_mask(prefix)

    def succ(self) -> IPAddr:
        return self.copy().set(self.int_addr + 1, self.family)

    def equals(self, other: Any) -> bool:
        try:
            other = self.coerce(other)
        except (StandardError, TypeError, ValueError):
            return False
        return self.family == other.family and self.int_addr == other.int_addr

    def compare(self, other: Any) -> int | None:
        try:
            other = self.coerce(other)
        except (StandardError, TypeError, ValueError):
            return None
        if other.family != self.family:
            return None
        return (self.int_addr > other.int_addr) - (self.int_addr < other.int_addr)

    def first_last(self) -> tuple[int, int]:
        first = self.int_addr & self.mask_addr
        return first, self.int_addr | (full_mask(self.family) ^ self.mask_addr)

    def includes(self, other: Any) -> bool:
        other = self.coerce(other)
        if other.family != self.family:
            return False
        first, last = self.first_last()
        other_first, other_last = other.first_last()
        return first <= other_first and last >= other_last

    def range_ends(self) -> tuple[IPAddr, IPAddr]:
        first, last = self.first_last()
        return type(self)(first, self.family), type(self)(last, self.family)

    def prefix(self) -> int:
        bits = 32 if self.family == AF_INET else 128
        return bits - (full_mask(self.family) ^ self.mask_addr).bit_length()

    def ipv4(self) -> bool:
        return self.family == AF_INET

    def ipv6(self) -> bool:
        return self.family == AF_INET6

    def int_to_string(self, value: int) -> str:
        """Ruby's _to_string: dotted quad, or all eight IPv6 groups in full."""
        if self.family == AF_INET and 0 <= value <= 0xFFFFFFFF:
            return ".".join(str(value >> shift & 0xFF) for shift in (24, 16, 8, 0))
        import netaddr  # only for IPv6 (and its errors): its import is 20 ms of a run's start

        if self.family == AF_INET:
            return str(netaddr.IPAddress(value, 4))
        return netaddr.IPAddress(value, 6).format(netaddr.ipv6_verbose)

    def to_string(self) -> str:
        text = self.int_to_string(self.int_addr)
        return text + (self.zone_id or "") if self.family == AF_INET6 else text

    def to_s(self) -> str:
        """Compressed text: IPv6 drops leading zeros and its longest zero run, as Ruby does."""
        if self.family == AF_INET:
            return self.to_string()
        groups = [group.lstrip("0") or "0" for group in self.to_string().split(":")]
        text = compress_zero_run(groups)
        tail = IPV4_TAIL.match(text)
        if tail:
            high, low = int(tail[2], 16), int(tail[3], 16)
            text = f"::{tail[1] or ''}{high >> 8}.{high & 255}.{low >> 8}.{low & 255}"
        return text

    def inspect(self) -> str:
        family = "IPv4" if self.family == AF_INET else "IPv6"
        zone = (self.zone_id or "") if self.family == AF_INET6 else ""
        return (
            f"#<{self.ruby_name}: {family}:{self.int_to_string(self.int_addr)}{zone}"
            f"/{self.int_to_string(self.mask_addr)}>"
        )

    def netmask(self) -> str:
        return self.int_to_string(self.mask_addr)

    def reverse(self) -> str:
        if self.family == AF_INET:
            octets = [(self.int_addr >> (8 * i)) & 0xFF for i in range(4)]
            return ".".join(map(str, octets)) + ".in-addr.arpa"
        return self.ip6_arpa()

    def ip6_arpa(self) -> str:
        if self.family != AF_INET6:
            raise InvalidAddressError(f"not an IPv6 address: {self.shown_addr()}")
        return ".".join(reversed(f"{self.int_addr:032x}")) + ".ip6.arpa"

    def is_loopback(self) -> bool:
        if self.family == AF_INET:
            return self.int_addr & 0xFF000000 == 0x7F000000
        return self.int_addr == 1

    def is_private(self) -> bool:
        a = self.int_addr
        if self.family == AF_INET:
            return (a & 0xFF000000 == 0x0A000000 or a & 0xFFF00000 == 0xAC100000
                    or a & 0xFFFF0000 == 0xC0A80000)
        return a >> 121 == 0xFC >> 1

    def is_link_local(self) -> bool:
        if self.family == AF_INET:
            return self.int_addr & 0xFFFF0000 == 0xA9FE0000
        return self.int_addr >> 118 == 0xFE80 >> 6

    def is_ipv4_mapped(self) -> bool:
        return self.family == AF_INET6 and self.int_addr >> 32 == 0xFFFF

    def ipv4_mapped(self) -> IPAddr:
        if self.family != AF_INET:
            raise InvalidAddressError(f"not an IPv4 address: {self.shown_addr()}")
        mapped = self.copy().set(self.int_addr | 0xFFFF00000000, AF_INET6)
        mapped.mask_addr = self.mask_addr | (IN6MASK ^ IN4MASK)
        return mapped

    def ipv4_compat(self) -> IPAddr:
        if self.family != AF_INET:
            raise InvalidAddressError(f"not an IPv4 address: {self.shown_addr()}")
        return self.copy().set(self.int_addr, AF_INET6)

    def is_ipv4_compat(self) -> bool:
        if self.family != AF_INET6 or self.int_addr >> 32:
            return False
        return self.int_addr & IN4MASK not in (0, 1)

    def native(self) -> IPAddr:
        """The IPv4 address inside an IPv4-mapped or -compatible IPv6 one, else itself."""
        if not self.is_ipv4_mapped() and not self.is_ipv4_compat():
            return self
        return self.copy().set(self.int_addr & IN4MASK, AF_INET)

    def set_prefix(self, prefix: Any) -> Any:
        if not isinstance(prefix, int) or isinstance(prefix, bool):
            raise InvalidPrefixError(f"prefix must be an integer: {self.shown_addr()}")
        self.apply_prefix(prefix)
        return prefix

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IPAddr) and self.equals(other)

    def __hash__(self) -> int:
        return hash((self.int_addr, self.mask_addr, self.zone_id, self.family))

    def __repr__(self) -> str:
        return self.inspect()


IPV4_TAIL = re.compile(r"::(ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})\Z", re.I)


def compress_zero_run(groups: list[str]) -> str:
    """Join IPv6 groups, writing the leftmost longest run (two or more) of zeros as `::`."""
    best_start, best_length = -1, 1
    start = None
    for index, group in enumerate([*groups, "end"]):
        if group == "0":
            start = index if start is None else start
            continue
        if start is not None and index - start > best_length:
            best_start, best_length = start, index - start
        start = None
    if best_start < 0:
        return ":".join(groups)
    left = ":".join(groups[:best_start])
    right = ":".join(groups[best_start + best_length:])
    return f"{left}::{right}"


def ntop(packed: str) -> str:
    """IPAddr.ntop: the text of a packed (network byte order) address."""
    octets = packed.encode("latin-1")
    if len(octets) == 4:
        return ".".join(str(b) for b in octets)
    if len(octets) == 16:
        return ":".join(f"{octets[i]:02x}{octets[i + 1]:02x}" for i in range(0, 16, 2))
    raise AddressFamilyError("unsupported address family")


def ruby_to_i(value: Any) -> int:
    """`value.to_i` for the non-String values IPAddr accepts (Integer, nil, Float)."""
    if value is None:
        return 0
    if isinstance(value, bool):
        shown = str(value).lower()
        raise NoMethodError(f"undefined method `to_i' for {shown}:{shown.capitalize()}Class")
    if isinstance(value, IPAddr):
        return value.int_addr
    return int(value)


def ipv4_to_int(text: str) -> int | None:
    """The address of a dotted quad; None when the text is not IPv4-like at all."""
    match = IPV4_LIKE.match(text)
    if match is None:
        return None
    for octet in match.groups():
        if int(octet) >= 256:
            raise InvalidAddressError("invalid address: ")
        if len(octet) > 1 and octet[0] == "0":
            raise InvalidAddressError("zero-filled number in IPv4 address is ambiguous: ")
    a, b, c, d = (int(octet) for octet in match.groups())
    return a << 24 | b << 16 | c << 8 | d


def ipv6_to_int(text: str) -> int:
    """The address of IPv6 text in Ruby's accepted forms (full, `::`, IPv4 tail)."""
    full = IPV6_FULL.match(text)
    compressed = None if full else IPV6_COMPRESSED.match(text)
    if full:
        if full[2]:
            ipv4_to_int(full[2])
    elif compressed:
        colons = text.count(":")
        if compressed[4]:
            ipv4_to_int(compressed[4])
            limit = 6
        else:
            limit = 8 if not compressed[1] or not compressed[2] else 7
        left_groups = len(compressed[1].split(":")) if compressed[1] else 0
        if colons > limit or left_groups + len(groups_after(compressed)) > 8:
            raise InvalidAddressError("invalid address: ")
    else:
        raise InvalidAddressError("invalid address: ")
    import netaddr

    return int(netaddr.IPAddress(text, 6))


def groups_after(compressed: re.Match[str]) -> list[str]:
    """The 16-bit groups right of `::` (an IPv4 tail counts as two)."""
    right = compressed[2]
    if not right:
        return []
    if compressed[4]:
        return [*(compressed[3].split(":")[:-1]), "0", "0"]
    return right.split(":")


class NetomataIPAddr(IPAddr):
    """NCG's Netomata::IPAddr: an IPAddr that also gives its netmask in other forms."""

    ruby_name = "Netomata::IPAddr"
    __slots__ = ()

    def netmask_as_bits(self) -> int:
        return self.prefix()

    def netmask_as_cidr(self) -> str:
        return f"/{self.netmask_as_bits()}"

    def netmask_as_ipv4_quads(self) -> str | None:
        return self.netmask() if self.family == AF_INET else None


IPV4_NETMASK = re.compile(r"^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$", re.M)
IPV6_NETMASK = re.compile(r"^[0-9A-Za-z:]*$", re.M)
BITS_NETMASK = re.compile(r"^/?([0-9]+)$", re.M)


def invalid_netmask(mask: Any) -> ArgumentError:
    from ncg.ruby.runtime.values import to_s

    return ArgumentError(f"Invalid netmask '{to_s(mask)}'")


def netmask_as_bits(mask: Any) -> int:
    """Netomata::IPAddr.netmask_as_bits: bits of "255.255.252.0", "ffff::", "/24", "24" or 24."""
    if isinstance(mask, str):
        quads = IPV4_NETMASK.search(mask)
        if quads:
            if not all(int(part) < 256 for part in quads.groups()):
                raise invalid_netmask(mask)
            return NetomataIPAddr("0.0.0.0/" + mask).netmask_as_bits()
        if IPV6_NETMASK.search(mask):
            return NetomataIPAddr("::/" + mask).netmask_as_bits()
        bits = BITS_NETMASK.search(mask)
        if bits:
            if 0 <= int(bits[1]) <= 128:
                return int(bits[1])
            raise invalid_netmask(mask)
    elif isinstance(mask, int) and not isinstance(mask, bool):
        if 0 <= mask <= 128:
            return mask
    raise invalid_netmask(mask)


def netmask_as_cidr(mask: Any) -> str:
    return f"/{netmask_as_bits(mask)}"


def netmask_as_ipv4_quads(mask: Any) -> str:
    bits = netmask_as_bits(mask)
    if bits > 32:
        from ncg.ruby.runtime.values import to_s

        raise RubyRangeError(f"{to_s(mask)} out of range 0..32 for IPv4 netmask")
    return NetomataIPAddr(f"0.0.0.0/{bits}").netmask()


def ip_union(first: Any, second: Any, *more: Any) -> str:
    """NCG's ip_union: the bitwise OR of two or more addresses, as text.

    `ip_union("10.5.0.0", "0.0.16.34")` is "10.5.16.34".
    """
    union = IPAddr(first).bit_or(IPAddr(second)).to_s()
    for address in more:
        union = IPAddr(union).bit_or(IPAddr(address)).to_s()
    return union

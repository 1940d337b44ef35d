"""The Ruby methods of IPAddr and Netomata::IPAddr objects and classes."""

from __future__ import annotations

from typing import Any

from ncg.netomata import ipaddr
from ncg.netomata.classes import IPADDR, NETOMATA_IPADDR
from ncg.netomata.ipaddr import IPAddr, NetomataIPAddr
from ncg.ruby.runtime import RClass, method, register_constant
from ncg.ruby.runtime.enumerable import eql_by_fields
from ncg.ruby.runtime.object import include_comparable
from ncg.ruby.runtime.range import Range

for _name, _value in (
    ("Socket::AF_UNSPEC", ipaddr.AF_UNSPEC),
    ("Socket::AF_INET", ipaddr.AF_INET),
    ("Socket::AF_INET6", ipaddr.AF_INET6),
    ("IPAddr::IN4MASK", ipaddr.IN4MASK),
    ("IPAddr::IN6MASK", ipaddr.IN6MASK),
):
    register_constant(_name, _value)

ADDRESS_TYPES = (IPAddr, NetomataIPAddr)


@IPADDR.smethod("new")
def ipaddr_new(cls: RClass, addr: Any = "::", family: Any = ipaddr.AF_UNSPEC) -> IPAddr:
    return IPAddr(addr, family)


@NETOMATA_IPADDR.smethod("new")
def netomata_ipaddr_new(cls: RClass, addr: Any = "::", family: Any = ipaddr.AF_UNSPEC
                        ) -> NetomataIPAddr:
    return NetomataIPAddr(addr, family)


@IPADDR.smethod("ntop")
def ntop(cls: RClass, packed: Any) -> str:
    return ipaddr.ntop(packed)


@IPADDR.smethod("new_ntoh")
def new_ntoh(cls: RClass, packed: Any) -> IPAddr:
    return IPAddr(ipaddr.ntop(packed))


@NETOMATA_IPADDR.smethod("netmask_as_bits")
def class_netmask_as_bits(cls: RClass, mask: Any) -> int:
    return ipaddr.netmask_as_bits(mask)


@NETOMATA_IPADDR.smethod("netmask_as_cidr")
def class_netmask_as_cidr(cls: RClass, mask: Any) -> str:
    return ipaddr.netmask_as_cidr(mask)


@NETOMATA_IPADDR.smethod("netmask_as_ipv4_quads")
def class_netmask_as_ipv4_quads(cls: RClass, mask: Any) -> str:
    return ipaddr.netmask_as_ipv4_quads(mask)


def plain(ruby_names: tuple[str, ...], python_name: str) -> None:
    """Ruby methods that are the IPAddr method `python_name`."""

    def call(address: IPAddr, *args: Any) -> Any:
        return getattr(address, python_name)(*args)

    method(ADDRESS_TYPES, *ruby_names)(call)


for _ruby_names, _python_name in (
    (("&",), "bit_and"),
    (("|",), "bit_or"),
    ((">>",), "shift_right"),
    (("<<",), "shift_left"),
    (("~",), "invert"),
    (("==",), "equals"),
    (("<=>",), "compare"),
    (("include?", "==="), "includes"),
    (("mask",), "mask"),
    (("succ",), "succ"),
    (("to_s",), "to_s"),
    (("to_string",), "to_string"),
    (("inspect",), "inspect"),
    (("netmask",), "netmask"),
    (("prefix",), "prefix"),
    (("ipv4?",), "ipv4"),
    (("ipv6?",), "ipv6"),
    (("loopback?",), "is_loopback"),
    (("private?",), "is_private"),
    (("link_local?",), "is_link_local"),
    (("ipv4_mapped?",), "is_ipv4_mapped"),
    (("ipv4_mapped",), "ipv4_mapped"),
    (("reverse",), "reverse"),
    (("ipv4_compat",), "ipv4_compat"),
    (("ipv4_compat?",), "is_ipv4_compat"),
    (("native",), "native"),
    (("prefix=",), "set_prefix"),
    (("ip6_arpa",), "ip6_arpa"),
):
    plain(_ruby_names, _python_name)


@method(ADDRESS_TYPES, "to_i", "to_int")
def to_i(address: IPAddr) -> int:
    return address.int_addr


@method(ADDRESS_TYPES, "family")
def family(address: IPAddr) -> int:
    return address.family


@method(ADDRESS_TYPES, "zone_id")
def zone_id(address: IPAddr) -> str | None:
    return address.zone_id


@method(ADDRESS_TYPES, "to_range")
def to_range(address: IPAddr) -> Range:
    first, last = address.range_ends()
    return Range(first, last)


@method(ADDRESS_TYPES, "eql?")
def is_eql(address: IPAddr, other: Any) -> bool:
    return type(other) is type(address) and hash(other) == hash(address) and address.equals(other)


@method(ADDRESS_TYPES, "hash")
def hash_(address: IPAddr) -> int:
    return hash(address)


@method(ADDRESS_TYPES, "hton")
def hton(address: IPAddr) -> str:
    size = 4 if address.family == ipaddr.AF_INET else 16
    return address.int_addr.to_bytes(size, "big").decode("latin-1")


@method(NetomataIPAddr, "netmask_as_bits")
def netmask_as_bits(address: NetomataIPAddr) -> int:
    return address.netmask_as_bits()


@method(NetomataIPAddr, "netmask_as_cidr")
def netmask_as_cidr(address: NetomataIPAddr) -> str:
    return address.netmask_as_cidr()


@method(NetomataIPAddr, "netmask_as_ipv4_quads")
def netmask_as_ipv4_quads(address: NetomataIPAddr) -> str | None:
    return address.netmask_as_ipv4_quads()


include_comparable(*ADDRESS_TYPES)


for _address_type in ADDRESS_TYPES:
    eql_by_fields(_address_type, "addr", "mask_addr", "family")

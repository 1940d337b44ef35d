"""ncg.netomata.ipaddr directly: the original NCG's IPAddr tests (test_25_ipaddr.rb)
rewritten, plus ip_union from its utilities tests."""

import pytest

from ncg.errors import ArgumentError, InvalidAddressError, RangeError
from ncg.netomata.ipaddr import (
    NetomataIPAddr,
    ip_union,
    netmask_as_bits,
    netmask_as_cidr,
    netmask_as_ipv4_quads,
)


def ipv4_quads(bits: int) -> str | None:
    if bits > 32:
        return None
    mask = (0xFFFFFFFF << (32 - bits)) & 0xFFFFFFFF
    return ".".join(str((mask >> shift) & 0xFF) for shift in (24, 16, 8, 0))


def ipv6_groups(bits: int) -> str:
    mask = ((1 << 128) - 1) >> (128 - bits) << (128 - bits) if bits else 0
    text = f"{mask:032x}"
    return ":".join(text[i:i + 4] for i in range(0, 32, 4))


def test_the_netmask_tables_spell_what_the_original_lists():
    assert ipv4_quads(17) == "255.255.128.0"
    assert ipv6_groups(33) == "ffff:ffff:8000:0000:0000:0000:0000:0000"
    assert ipv6_groups(0) == "0000:0000:0000:0000:0000:0000:0000:0000"


@pytest.mark.parametrize("bad", [-1, 129, None])
def test_out_of_range_netmasks_raise_argument_error(bad):
    with pytest.raises(ArgumentError):
        netmask_as_bits(bad)


def test_a_word_is_an_invalid_address():
    with pytest.raises(InvalidAddressError):
        netmask_as_bits("foo")


@pytest.mark.parametrize("bits", range(129))
def test_every_netmask_in_every_form(bits):
    cidr, bitstr, quads, groups = f"/{bits}", str(bits), ipv4_quads(bits), ipv6_groups(bits)
    forms = [bits, bitstr, cidr, groups] + ([quads] if quads else [])
    for form in forms:
        assert netmask_as_bits(form) == bits
        assert netmask_as_cidr(form) == cidr
        if quads:
            assert netmask_as_ipv4_quads(form) == quads


def test_netmask_examples():
    assert NetomataIPAddr("198.102.244.34/24").netmask() == "255.255.255.0"
    assert (NetomataIPAddr("dead:beef:0123:4567::cafe:babe/80").netmask()
            == "ffff:ffff:ffff:ffff:ffff:0000:0000:0000")
    assert NetomataIPAddr("172.16.32.16/255.255.255.252").netmask_as_bits() == 30
    assert NetomataIPAddr("198.102.244.34/24").netmask_as_bits() == 24
    assert netmask_as_bits("255.255.255.252") == 30
    assert netmask_as_bits("ffff:ffff::") == 32
    assert netmask_as_bits("/24") == 24
    assert netmask_as_bits("18") == 18
    assert netmask_as_bits(12) == 12
    assert NetomataIPAddr("10.5.16.0/255.255.255.252").netmask_as_cidr() == "/30"
    assert NetomataIPAddr("198.102.244.34/24").netmask_as_cidr() == "/24"
    assert NetomataIPAddr("cafe:babe:1234::/ffff:ffff::").netmask_as_cidr() == "/32"
    assert netmask_as_cidr("255.255.255.252") == "/30"
    assert netmask_as_cidr("ffff:ffff:ffff::") == "/48"
    assert netmask_as_cidr("/24") == "/24"
    assert netmask_as_cidr(18) == "/18"
    assert NetomataIPAddr("10.5.16.0/255.255.255.252").netmask_as_ipv4_quads() == "255.255.255.252"
    assert NetomataIPAddr("198.102.244.34/24").netmask_as_ipv4_quads() == "255.255.255.0"
    assert NetomataIPAddr("cafe:babe:1234::/ffff:ffff::").netmask_as_ipv4_quads() is None
    assert netmask_as_ipv4_quads(30) == "255.255.255.252"
    assert netmask_as_ipv4_quads("/28") == "255.255.255.240"


def test_ipv4_quads_of_a_long_mask_is_a_range_error():
    with pytest.raises(RangeError) as caught:
        netmask_as_ipv4_quads("/40")
    assert caught.value.message == "/40 out of range 0..32 for IPv4 netmask"


@pytest.mark.parametrize(
    "addresses, union",
    [
        (("10.5.0.0", "0.0.16.34"), "10.5.16.34"),
        (("10.5.1.0", "0.0.16.34"), "10.5.17.34"),
        (("10.1.0.0", "0.0.3.4"), "10.1.3.4"),
        (("10.0.0.0", "0.1.0.0", "0.0.2.0", "0.0.0.3"), "10.1.2.3"),
        (("fd00::", "::1"), "fd00::1"),
        (("10.0.0.0/8", "0.0.0.5"), "10.0.0.5"),
    ],
)
def test_ip_union_ors_the_addresses(addresses, union):
    assert ip_union(*addresses) == union


def test_ip_union_takes_the_other_familys_bits_when_they_fit():
    assert ip_union("10.0.0.0", "::1") == "10.0.0.1"
    with pytest.raises(InvalidAddressError) as caught:
        ip_union("10.0.0.0", "ffff::")
    assert caught.value.message == "invalid address: 167772160"

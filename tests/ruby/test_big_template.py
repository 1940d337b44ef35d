"""A template of 10,000 lines compiles and renders as the original renders it (issue 8.10).

The template is a generated switch configuration: text lines with `<%= %>`,
`if`/`case`/`unless` and `each` blocks, locals and `@target`. The original
NCG (ncg-orig, with `@target["name"]` = "sw1") wrote 161,227 bytes whose
SHA-256 is below.
"""

from __future__ import annotations

import hashlib

from ncg.template import engine
from ncg.text import chomp

EXPECTED_SHA256 = "c0e824500d5bb19ce58017e4ccb9dbcfea5f77ec5525cc0c472c05eda167b7fe"
EXPECTED_BYTES = 161_227


def section(n: int) -> list[str]:
    """Ten template lines about item `n`, of one of four kinds."""
    name = "<%= @target['name'] %>"
    kinds = [
        [f"interface GigabitEthernet0/{n}",
         f' description <%= "uplink-{n}".upcase %> to {name}',
         f"<% if {n}.even? -%>", " switchport mode trunk",
         f' switchport trunk allowed vlan <%= [{n} % 40 + 1, {n} % 40 + 2].join(",") %>',
         "<% else -%>", " switchport mode access", "<% end -%>",
         f" mtu <%= 1500 + {n} % 3 * 4000 %>", "!"],
        ["<% [1, 2].each do |k| -%>", f"interface Vlan<%= {n} * 10 + k %>",
         f" ip address 10.<%= {n} / 256 %>.<%= {n} % 256 %>.<%= k %> 255.255.255.0",
         f" description vlan <%= vlans[{n} % 40] %> for {name}", "<% end -%>", "!",
         f'<% name = "acl-{n}" -%>', "ip access-list extended <%= name %>",
         f" permit tcp any host 10.0.<%= {n} % 256 %>.1 eq <%= 1000 + {n} %>", "!"],
        [f"<% case {n} % 3 when 0 -%>", f"snmp-server community public{n} RO",
         "<% when 1 -%>", f"snmp-server community private{n} RW", "<% else -%>",
         f"snmp-server location rack-<%= {n} / 10 %>", "<% end -%>",
         f"ntp server 10.1.<%= {n} % 256 %>.1",
         f'logging host <%= "10.2.%d.%d" % [{n} / 256, {n} % 256] %>', "!"],
        [f'router bgp 65<%= "%03d" % ({n} % 1000) %>',
         f" neighbor 192.168.<%= {n} % 256 %>.1 remote-as 65000",
         f" neighbor 192.168.<%= {n} % 256 %>.1 description peer-<%= {n} %>",
         f"<% unless {n} % 5 == 0 -%>", " neighbor 192.168.0.1 shutdown", "<% end -%>",
         f" network 10.<%= {n} % 256 %>.0.0 mask 255.255.0.0",
         f""" ! note: <%= "#{{@target['name']}}-{n}" %>""", " exit", "!"],
    ]
    return kinds[n % 4]


def big_template() -> str:
    lines = ["<%# a generated switch configuration: interfaces, VLANs, ACLs %>",
             "<% vlans = (1..40).to_a -%>", "hostname <%= @target['name'] %>", "!"]
    for n in range(1000):
        lines += section(n)
    return "\n".join(lines) + "\nend\n"


def test_a_10000_line_template_renders_as_the_original() -> None:
    text = big_template()
    assert text.count("\n") == 10_005
    env = engine.Environment()
    compiled = env.compile(text, "big.ncg")
    output = chomp(env.render(compiled, {"@target": {"name": "sw1"}}))
    data = output.encode()
    assert (len(data), hashlib.sha256(data).hexdigest()) == (EXPECTED_BYTES, EXPECTED_SHA256)

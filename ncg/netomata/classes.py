"""The Ruby classes NCG adds to the core library, and the Python types whose
values are their instances.

`Netomata::Node` is the model's `Node`: NCG builds it on the hashery gem's
ordered Hash (`Hashery::Dictionary`, an Enumerable) with NCG's Utilities
mixed in. `IPAddr` is Ruby's standard-library class and `Netomata::IPAddr`
NCG's subclass, both implemented by `ncg.netomata.ipaddr`.
"""

from __future__ import annotations

import ncg.ruby.runtime as rb
from ncg.model.node import Node
from ncg.netomata.ipaddr import IPAddr, NetomataIPAddr

OBJECT = rb.const("Object")

NETOMATA = rb.register_class(rb.RClass("Netomata", OBJECT))
UTILITIES = rb.register_class(rb.RClass("Netomata::Utilities", is_module=True))
CLASS_METHODS = rb.register_class(
    rb.RClass("Netomata::Utilities::ClassMethods", is_module=True)
)
DICTIONARY = rb.register_class(
    rb.RClass("Hashery::Dictionary", OBJECT, (rb.const("Enumerable"),))
)
rb.register_constant("Dictionary", DICTIONARY)
NETOMATA_NODE = rb.register_class(
    rb.RClass("Netomata::Node", DICTIONARY, (UTILITIES, CLASS_METHODS)), Node
)
IPADDR = rb.register_class(rb.RClass("IPAddr", OBJECT, (rb.const("Comparable"),)), IPAddr)
NETOMATA_IPADDR = rb.register_class(rb.RClass("Netomata::IPAddr", IPADDR), NetomataIPAddr)

"""Where the model meets Ruby: Node's and IPAddr's Ruby methods, NCG's
template helpers and the error dump.

Importing this package registers those methods into the Ruby runtime.
"""

from ncg.netomata import ipaddr_methods, node_methods

__all__ = ["ipaddr_methods", "node_methods"]

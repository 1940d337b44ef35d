"""Where the model meets Ruby: NCG's Ruby classes (`classes`), Node's and
IPAddr's Ruby methods, NCG's template helpers and the error dump.

Importing this package registers those classes and methods into the Ruby
runtime, and Ruby's way of showing values into the model.
"""

from ncg.netomata import classes, ipaddr_methods, node_methods

__all__ = ["classes", "ipaddr_methods", "node_methods"]

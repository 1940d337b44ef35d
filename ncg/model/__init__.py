"""The model: NCG's tree of keys and values, loaded from .neto/.neto_table files.

    net = load(["main.neto"])
    net.get("!devices!(hostname=sw1)!ip")

See `ncg.model.node.Node` for the tree and `ncg.model.neto` / `ncg.model.table`
for the file formats.
"""

from __future__ import annotations

from ncg.model import source
from ncg.model.node import Node

__all__ = ["Node", "load"]


def load(filenames: list[str], verbose: bool = False) -> Node:
    """Read the model files (read as one stream, "-" is stdin) into a new root node.

    With `verbose`, print NCG's "Reading file(s) ..." progress on stderr.
    """
    from ncg.model.neto import import_file  # the importers need ncg.pathnames, which needs us

    root = Node(None, "<root>:0")
    with source.verbosity(verbose):
        import_file(root, list(filenames))
    return root

"""`template FILE` and `template_dir DIR`: nodes naming the .ncg templates
(and the native `.mako` ones, named by the same rules with ".mako").

A template node gets `name` (the file's name without ".ncg") and
`ncg_template` (its path).  A template directory becomes a tree of such
nodes: any entry whose name matches `^(.*)\\.ncg` (so "x.ncg.bak" too) is a
template named by what precedes the last ".ncg", a subdirectory becomes a
subtree, and entries starting with "." are skipped; entries go in bytewise
order, as NCG 0.10.3 lists them.
"""

from __future__ import annotations

import re
import sys

from ncg import settings
from ncg.errors import ArgumentError
from ncg.model import inputs
from ncg.model.node import Node
from ncg.pathnames import ruby_basename, ruby_join

_TEMPLATE_NAME = re.compile(r"^(.*)\.ncg")
# native Mako templates (ncg.template.native), named by the same rule
_MAKO_TEMPLATE_NAME = re.compile(r"^(.*)\.mako")


def import_template(node: Node, filename: str) -> Node:
    """Point `node` at one template file."""
    template_file = filename.replace("/./", "/").removeprefix("./")
    if not inputs.isfile(template_file):
        raise ArgumentError("arg must be a valid filename")
    if settings.debug:
        sys.stdout.write(f"# {node.key}.import_template({template_file})\n")
    suffix = ".mako" if template_file.endswith(".mako") else ".ncg"
    node.set("name", ruby_basename(template_file, suffix))
    node.set("ncg_template", template_file)
    return node


def import_template_dir(node: Node, dirname: str) -> Node:
    """One subnode per template and per subdirectory of `dirname`."""
    if not inputs.isdir(dirname):
        raise ArgumentError("template_dir arg must be a directory name")
    entries = sorted(inputs.listdir(dirname), key=lambda e: e.encode("utf-8", "surrogateescape"))
    for entry in entries:
        path = ruby_join(dirname, entry)
        if entry.startswith("."):
            continue
        match = _TEMPLATE_NAME.match(entry)
        if match is None and not inputs.isdir(path):  # a folder "x.mako" stays a folder
            match = _MAKO_TEMPLATE_NAME.match(entry)
        if match:
            import_template(node.node(match.group(1)), path)
        elif inputs.isdir(path):
            import_template_dir(node.node(entry), path)
    return node

"""`Node`: the model tree, an insertion-ordered map of strings and child Nodes.

Nodes are addressed by key paths (see `ncg.model.keys`).  Resolution follows
NCG 0.10.3 step by step, quirks included: a selector that finds nothing makes
the rest of the path relative to the node it was applied to, `(.)` and `(..)`
go through the absolute key of a node, and so on.

What differs is the cost.  Each node knows its own simple key (the original
searched its parent for an equal subtree, which also broke on identical
siblings), tracks its newest and oldest anonymous key (`(+)`, `(>)`, `(<)`)
instead of scanning, and answers `(key=value)` selectors from a per-node
index subkey -> value -> children that is built on first use and kept up to
date as children and their values change.  Loading is linear in model size.
A table runs the same keys for every row: `ncg.model.key_plans` splits such
a key once and walks it for each row's fields, handing anything unusual to
`_locate`.
"""

from __future__ import annotations

import copy
import functools
import re
import sys
from collections.abc import Callable, Collection, Iterator
from typing import Any, NamedTuple, TextIO

from ncg import settings
from ncg.errors import (
    ArgumentError,
    IndexError_,
    NameError_,
    NoMethodError,
    RuntimeError_,
)
from ncg.model import source
from ncg.model.keys import (
    FIRST_ANONYMOUS,
    RUBY_BOL,
    buildkey,
    is_anonymous,
    metadata_request,
    parse_criteria,
    ruby_succ,
    selector_body,
)
from ncg.model.ordering import compare_parts, has_key_order, sort_key
from ncg.pathnames import ruby_basename, ruby_dirname

_AFFIRMATIVE = re.compile(RUBY_BOL + "y", re.I | re.M)

# Child keys matching one `(subkey=value)` term, by subkey then value.
# A single child key is kept bare, a set only for a value several children share:
# most values name one child, and a set per value would hold most of the memory.
# A key that a key path would not read back as one plain step (see `_index`)
# is never bare, so that a bare one needs no more looking at.
ByValue = dict[str, "str | set[str]"]
Index = dict[str, ByValue]


class Node:
    """One node of the model: `node.get("a!b")`, `node.set("a!(+)", "v")`.

    `source` is where the node was made ("file:line"); by default the line
    being read now, or "<root>:0" when no model file is being read.
    """

    __slots__ = (
        "_aliased",
        "_anon",
        "_children",
        "_index",
        "_key",
        "_name",
        "_parent",
        "source",
    )

    def __init__(self, parent: Node | None = None, source: str | None = None) -> None:
        self._children: dict[str, Any] = {}
        self._parent = parent
        self._name: str | None = None
        self._key: str | None = None
        self.source = source if source is not None else _here()
        # (smallest, largest) of the anonymous child keys; None when there is
        # none, _STALE when an extreme one was deleted (then found again).
        self._anon: tuple[str, str] | object | None = None
        self._index: Index | None = None
        # A Node stored here that is not our own child (a template aliasing a
        # node) would not report its changes to us: no index for this node,
        # ever (`_adopt` drops it, the selectors scan instead; KeyPlan walks
        # take an index for the node not being aliased).
        self._aliased = False

    # -- identity -----------------------------------------------------------

    @property
    def parent(self) -> Node | None:
        return self._parent

    @property
    def root(self) -> Node:
        node = self
        while node._parent is not None:
            node = node._parent
        return node

    @property
    def key(self) -> str:
        """The absolute key path of this node ("!" for the root)."""
        if self._key is not None:
            return self._key
        pending = []
        node: Node | None = self
        while node is not None and node._key is None:
            pending.append(node)
            node = node._parent
        for node in reversed(pending):
            if node._parent is None:
                node._key = "!"
            elif node._name is None:
                raise RuntimeError_("Self not found among parent's children!")
            else:
                node._key = buildkey(node._parent.key, node._name)
        return self._key  # type: ignore[return-value]

    # -- plain children -----------------------------------------------------

    def items(self) -> list[tuple[str, Any]]:
        return list(self._children.items())

    def keys(self) -> list[str]:
        return list(self._children)

    def values(self) -> list[Any]:
        return list(self._children.values())

    def __len__(self) -> int:
        return len(self._children)

    def __contains__(self, simple_key: object) -> bool:
        return simple_key in self._children

    def child(self, simple_key: str) -> Any:
        return self._children.get(simple_key)

    def delete(self, simple_key: str | None) -> Any:
        """Remove one child; its value, or None."""
        if simple_key not in self._children:
            return None
        old = self._children.pop(simple_key)  # type: ignore[arg-type]
        global _version
        _version += 1  # see `_located`
        if isinstance(self._anon, tuple) and simple_key in self._anon:
            self._anon = _STALE
        self._reindex(simple_key, old, _MISSING)  # type: ignore[arg-type]
        return old

    def _store(self, simple_key: str, value: Any) -> Any:
        children = self._children
        old = children.get(simple_key, _MISSING)
        # Records repeat the same names, anonymous keys and short values (numbers,
        # flags, interface names): one string for each, not one per record.
        if old is _MISSING and type(simple_key) is str:
            simple_key = _intern(simple_key)
        if type(value) is str:
            if len(value) <= _SHORT:
                value = _intern(value)
        elif isinstance(value, Node):
            self._adopt(simple_key, value)
        children[simple_key] = value
        global _version
        _version += 1  # see `_located`
        if old is _MISSING:
            if "@" in simple_key and is_anonymous(simple_key):
                self._note_anonymous(simple_key)
            if "{" in simple_key and metadata_request(simple_key) is not None:
                _metadata_like_keys[0] += 1
        # Checked here, not in _reindex: most stores touch no index at all.
        if self._index:
            self._reindex_children(simple_key, old, value)
        parent = self._parent
        if parent is not None and parent._index and simple_key in parent._index:
            self._reindex_in_parent(simple_key, old, value)
        return value

    def _adopt(self, simple_key: str, value: Node) -> None:
        """A node made for this parent gets its name; any other is an alias."""
        if value._parent is self and value._name in (None, simple_key):
            if value._name is None:
                value._name = simple_key
                value._forget_keys()
        else:
            self._aliased = True
            self._index = None

    def _forget_keys(self) -> None:
        """Drop cached key paths below a node that just got its place."""
        if not self._children:
            self._key = None
            return
        stack = [self]
        while stack:
            node = stack.pop()
            if node._key is None and node is not self:
                continue
            node._key = None
            stack.extend(v for v in node._children.values() if isinstance(v, Node))

    def _new_child(self, simple_key: str) -> Node:
        return self._store(simple_key, Node(self))

    # -- anonymous keys: (+) (>) (<) ---------------------------------------

    def _note_anonymous(self, simple_key: str) -> None:
        anon = self._anon
        if anon is None:
            self._anon = (simple_key, simple_key)
        elif anon is not _STALE:
            smallest, largest = anon  # type: ignore[misc]
            self._anon = (min(smallest, simple_key), max(largest, simple_key))

    def _anonymous_bounds(self) -> tuple[str | None, str | None]:
        """(min, max) of the anonymous keys; found again only after deletions."""
        if self._anon is _STALE:
            keys = [key for key in self._children if is_anonymous(key)]
            self._anon = (min(keys), max(keys)) if keys else None
        return self._anon or (None, None)  # type: ignore[return-value]

    def _anonymous(self, body: str) -> str | None:
        """What `(<)`, `(>)` or `(+)` stands for here (`body` is "<", ">" or "+")."""
        anon = self._anon
        smallest, largest = anon if anon.__class__ is tuple else self._anonymous_bounds()
        if body == "<":
            return smallest
        if body == ">":
            return largest
        return FIRST_ANONYMOUS if largest is None else ruby_succ(largest)

    # -- the (key=value) index ----------------------------------------------

    def _reindex(self, simple_key: str, old: Any, new: Any) -> None:
        """Keep this node's index and its parent's index right after a change."""
        if self._index:
            self._reindex_children(simple_key, old, new)
        parent = self._parent
        if parent is not None and parent._index and simple_key in parent._index:
            self._reindex_in_parent(simple_key, old, new)

    def _reindex_children(self, simple_key: str, old: Any, new: Any) -> None:
        """This node's index, after its child `simple_key` changed."""
        if isinstance(old, Node):
            self._index_remove(simple_key, old)
        # (a new record is empty: nothing of it to index yet)
        if isinstance(new, Node) and new._children and not self._aliased:
            self._index_add(simple_key, new)

    def _reindex_in_parent(self, simple_key: str, old: Any, new: Any) -> None:
        """The parent's index of the subkey `simple_key`, after this node's value changed."""
        parent: Node = self._parent  # type: ignore[assignment]
        if parent._children.get(self._name) is not self:  # type: ignore[arg-type]
            return
        by_value = parent._index[simple_key]  # type: ignore[index]
        if isinstance(old, str):
            _unindex(by_value, old, self._name)  # type: ignore[arg-type]
        if isinstance(new, str):
            _index(by_value, new, self._name)  # type: ignore[arg-type]

    def _index_add(self, name: str, child: Node) -> None:
        for subkey, by_value in self._index.items():  # type: ignore[union-attr]
            value = child._children.get(subkey)
            if isinstance(value, str):
                _index(by_value, value, name)

    def _index_remove(self, name: str, child: Node) -> None:
        for subkey, by_value in self._index.items():  # type: ignore[union-attr]
            value = child._children.get(subkey)
            if isinstance(value, str):
                _unindex(by_value, value, name)

    def _indexed(self, subkey: str) -> ByValue:
        if self._index is None:
            self._index = {}
        by_value = self._index.get(subkey)
        if by_value is None:
            by_value = self._index[subkey] = {}
            for name, child in self._children.items():
                if isinstance(child, Node):
                    value = child._children.get(subkey)
                    if isinstance(value, str):
                        _index(by_value, value, name)
        return by_value

    def _matching_children(self, criteria: tuple[tuple[str, str], ...],
                           plain: bool) -> Collection[str]:
        """Keys of the child nodes whose subkeys have all the given values.

        `plain`: every subkey names a child directly, so the index can answer.
        """
        if self._aliased or not plain:
            return [name for name, child in self._children.items()
                    if isinstance(child, Node) and child._matches(criteria)]
        if len(criteria) == 1:
            subkey, value = criteria[0]
            return _indexed_names(self._indexed(subkey), value)
        candidates = [_indexed_names(self._indexed(subkey), value) for subkey, value in criteria]
        smallest = min(candidates, key=len)
        return [name for name in smallest if all(name in found for found in candidates)]

    def _children_with(self, subkey: str, value: str) -> str | set[str] | None:
        """The child node(s) whose `subkey` (a plain key) has `value`, by the index:
        one key, a set of them (maybe emptied by changes), or None."""
        index = self._index
        by_value = index.get(subkey) if index else None
        if by_value is None:
            by_value = self._indexed(subkey)
        return by_value.get(value)

    def _child_with(self, term: tuple[str, str], selector: str) -> str | None:
        """The one child node whose subkey (a plain key) has the value: `(k=v)` by the index."""
        found = self._children_with(*term)
        if found is None or isinstance(found, str):
            return found
        if len(found) > 1:
            raise ArgumentError(f'selector "{selector}" matches multiple subnodes')
        return next(iter(found), None)

    def _matches(self, criteria: tuple[tuple[str, str], ...]) -> bool:
        return all(self.has_key(subkey) and self.get(subkey) == value
                   for subkey, value in criteria)

    # -- key paths ------------------------------------------------------------

    def _locate(self, key: str | None, create: bool) -> tuple[Node, str | None] | None:
        """The (node, simple key) a key path refers to, as NCG resolves it.

        None when a node on the way is missing (and `create` is false) or a
        selector found nothing; (root, None) for the root itself.  NCG reads
        a path one "!" at a time and starts over on the rest whenever a
        selector resolves to a path; plain steps are walked here from one
        split of the path, which comes to the same.
        """
        node = self
        while True:
            if key is None:
                return None
            if not isinstance(key, str):
                raise NoMethodError(f"undefined method `include?' for {describe(key)}")
            if key == "!":
                return node.root, None
            if key[-1:] == "!":
                key = key.rstrip("!")
            if "!" not in key:
                selector = _selector(key) if "(" in key else None
                if selector is None:
                    return node, key
                key = node._select(key, selector[0], None)
                continue
            # Follow all but the last part; a selector may make the rest a
            # new path to read from scratch (from the node it was applied to).
            parts = key.split("!")
            last = len(parts) - 1
            for i in range(last):
                head = parts[i]
                if not head:
                    node = node.root
                    continue
                selector = _selector(head) if "(" in head else None
                if selector is not None:
                    body, term = selector
                    if term is not None and not node._aliased:
                        resolved = node._child_with(term, head)
                    elif body == "...":
                        rest = "!".join(parts[i + 1:])
                        found = node._inheritor(rest)
                        if found is None:  # a selector that found nothing drops out
                            key = rest
                            break
                        # NCG reads the inheritor's key path, then the rest: when
                        # that path leads back to the inheritor, the rest is
                        # where the inheritor found it.
                        if found[0]._reached_by_key():
                            return found[1]
                        key = buildkey(found[0].key, rest)  # type: ignore[assignment]
                        break
                    else:
                        resolved = node._select(head, body, None)
                    if resolved is None:  # a selector that found nothing drops out
                        key = "!".join(parts[i + 1:])
                        break
                    if resolved != head:
                        if not resolved or "!" in resolved or "(" in resolved:
                            key = buildkey(resolved, "!".join(parts[i + 1:]))
                            break
                        # A child's own key: reading "child!rest" again would
                        # come back here with head = child, so go on directly.
                        head = resolved
                if "(" in head or "{" in head:  # all paranoid mode (-p) refuses here
                    _check_simple(head)
                child = node._children.get(head, _MISSING)
                if isinstance(child, Node):
                    node = child
                elif child is _MISSING:
                    if not create:
                        return None
                    node = node._new_child(head)
                else:
                    raise RuntimeError_(f"{node.key}!{head} not of class Netomata::Node")
            else:
                key = parts[last]
                selector = _selector(key) if "(" in key else None
                if selector is None:
                    return node, key
                # `(+)`, `(>)`…: what the selector stands for here, as the
                # loop would read it from the last part alone
                key = node._select(key, selector[0], None)

    def _located(self, key: str | None) -> tuple[Node, str | None] | None:
        """`_locate(key, False)`, remembered until the next change to any node.

        Templates read the same key paths of the same node again and again
        (`apply_idiom` looks up `(...)!idioms!NAME` from its target for every
        port), and a path through `(...)` tries each ancestor in turn.
        """
        if type(key) is not str:
            return self._locate(key, False)  # fails as the original fails
        if _located_version[0] != _version:
            _located_paths.clear()
            _located_version[0] = _version
        # settings.active(): a tenth of the cost of `settings.paranoid`'s module __getattr__
        memo_key = (self, key, settings.active().paranoid)
        found = _located_paths.get(memo_key, _MISSING)
        if found is _MISSING:
            found = self._locate(key, False)
            if len(_located_paths) >= _MAX_LOCATED:
                _located_paths.clear()
            _located_paths[memo_key] = found
        return found  # type: ignore[return-value]

    def _select(self, selector: str, body: str, rest: str | None) -> str | None:
        """What a selector stands for here: a simple key, or an absolute key path."""
        if "=" in body:  # (k=v,...), the common kind (NCG tests /.*=.*/)
            term = _selector(selector)[1]  # type: ignore[index]
            if term is not None and not self._aliased:
                return self._child_with(term, selector)
            found = self._matching_children(*_criteria(selector, settings.paranoid))
            if len(found) > 1:
                raise ArgumentError(f'selector "{selector}" matches multiple subnodes')
            return next(iter(found), None)
        if body in (">", "<", "+"):
            return self._anonymous(body)
        if body == ".":
            return self.key
        if body == "..":
            if self._parent is None:
                raise NoMethodError("undefined method `key' for nil:NilClass")
            return self._parent.key
        if body == "...":
            return self._inheritor_key(rest)
        raise ArgumentError(f'Unknown selector "{selector}"')

    def _inheritor(self, rest: str | None) -> tuple[Node, tuple[Node, str | None]] | None:
        """`(...)`: the nearest of this node and its ancestors having `rest`,
        and where in it `rest` is (see `_holder`)."""
        # A node without the plain first step of `rest` cannot have it.
        first = rest.partition("!")[0] if isinstance(rest, str) else ""
        plain = first and "(" not in first and "{" not in first
        node: Node | None = self
        while node is not None:
            if not plain or first in node._children:
                held = node._holder(rest)
                if held is not None:
                    return node, held
            node = node._parent
        return None

    def _inheritor_key(self, rest: str | None) -> str | None:
        found = self._inheritor(rest)
        return None if found is None else found[0].key

    def _reached_by_key(self) -> bool:
        """Whether reading this node's key path from the root comes back here.

        Each name on the way must be its parent's entry for this very node,
        and read as a plain step: not empty (that would be the root), no
        selector or "!", nothing paranoid mode refuses.
        """
        node = self
        parent = node._parent
        while parent is not None:
            name = node._name
            if not name or "(" in name or "!" in name or ("{" in name and settings.paranoid):
                return False
            if parent._children.get(name) is not node:
                return False
            node = parent
            parent = node._parent
        return True

    # -- the Ruby-facing operations ------------------------------------------

    def get(self, key: str | None, default: Any = None) -> Any:
        """The value at `key` (`[]`/`fetch`), or `default` when there is none."""
        # _is_simple spelled out: templates read simple keys more than anything.
        if type(key) is str and "!" not in key and "(" not in key and "{" not in key:
            return self._children.get(key, default)
        if key is None:
            return None
        request = metadata_request(key) if isinstance(key, str) else None
        if request is not None:
            return _metadata(request)
        found = self._located(key)
        if found is None:
            return default
        node, simple_key = found
        if simple_key is None:
            return node
        _check_simple(simple_key)
        return node._children.get(simple_key, default)

    def set(self, key: str | None, value: Any) -> Any:
        """Store `value` at `key` (`[]=`), creating the nodes on the way."""
        if type(key) is str and "!" not in key and "(" not in key and "{" not in key:
            return self._store(key, value)  # _is_simple spelled out, as in `get`
        return store_located(self._locate(key, True), value)

    def has_key(self, key: str | None) -> bool:
        # _is_simple spelled out, as in `get`: a table's `+` asks for every row
        if type(key) is str and "!" not in key and "(" not in key and "{" not in key:
            return key in self._children
        return self._holder(key) is not None

    def _holder(self, key: str | None) -> tuple[Node, str | None] | None:
        """(node, simple key) of `key` when this node has it (`has_key`), else None.

        Nothing is missing on the way then, so reading `key` to store there
        (creating what is missing) comes to the same place.
        """
        found = self._located(key)
        return found if found is not None and holds(found) else None

    def affirm(self, key: str) -> bool:
        """Whether `key` holds a value starting with "y" or "Y"."""
        if not self.has_key(key):
            return False
        value = self.get(key)
        return isinstance(value, str) and _AFFIRMATIVE.search(value) is not None

    def node(self, key: str) -> Node:
        """The node at `key`, created (with the nodes on the way) if missing."""
        found = self._locate(key, True)
        if found is None:
            raise RuntimeError_(f"Unknown key {key}")
        parent, simple_key = found
        if simple_key is None:
            return parent
        _check_simple(simple_key)
        existing = parent._children.get(simple_key)
        if existing is None and simple_key not in parent._children:
            return parent._new_child(simple_key)
        if not isinstance(existing, Node):
            # NCG's own message names an undefined variable here.
            raise NameError_(f"undefined local variable or method `k' for {describe(self)}")
        return existing

    def locate(self, key: str | None, create: bool = False) -> tuple[Node, str | None] | None:
        """(node, simple key) for `key`: NCG's `dictionary_tuple`, used by the importers."""
        return self._locate(key, create)

    def graft(self, simple_key: str | None, original: Any) -> Node:
        """Copy `original`'s children into the child `simple_key` (`a < b`)."""
        target = self.get(simple_key)
        if not isinstance(target, Node):
            raise NoMethodError(f"undefined method `update' for {describe(target)}")
        return target.update(original)

    def update(self, other: Any) -> Node:
        """Store a copy of each of `other`'s entries here, replacing same-named ones."""
        if isinstance(other, Node):
            entries = other.items()
        elif isinstance(other, dict):
            entries = list(other.items())
        else:
            raise NoMethodError(f"undefined method `each' for {describe(other)}")
        for name, value in entries:
            if type(value) is str:  # a string copies as itself
                pass
            elif isinstance(value, Node):
                value = value.dup()
                value._parent = self
            else:
                value = copy.copy(value)
            # _is_simple spelled out: a graft per table row copies every entry
            if (type(name) is str and "!" not in name and "(" not in name and "{" not in name
                    or _is_plain(name, settings.paranoid)):
                self._store(name, value)
            else:
                self.set(name, value)
        return self

    def dup(self) -> Node:
        """A deep copy; each copied node's source reads "here < there"."""
        return self._copy(_here())

    def _copy(self, here: str) -> Node:
        duplicate = Node(None, f"{here} < {self.source}")
        for name, value in self._children.items():
            if isinstance(value, Node):
                value = value._copy(here)
                value._parent = duplicate
            duplicate._store(name, value)
        return duplicate

    def equivalent(self, other: Any) -> bool:
        """Same keys (in any order) and equivalent values, recursively."""
        if not isinstance(other, Node):
            raise NoMethodError(f"undefined method `keys' for {describe(other)}")
        if sorted(self._children) != sorted(other._children):
            return False
        for name, value in self._children.items():
            theirs = other.get(name)
            if isinstance(value, Node):
                if not value.equivalent(theirs):
                    return False
            elif value != theirs:
                return False
        return True

    # -- whole-tree walks (iterative: models may nest deeper than Python's stack)

    def each_r(self, prefix: str = "") -> Iterator[tuple[str, str, Any]]:
        """(prefix, key, value) for every entry below, depth first."""
        stack = [(iter(self.items()), prefix)]
        while stack:
            entries, here = stack[-1]
            for name, value in entries:
                yield here, name, value
                if isinstance(value, Node):
                    stack.append((iter(value.items()), buildkey(here, name)))
                    break
            else:
                stack.pop()

    def keys_r(self, prefix: str = "") -> list[str]:
        """Every key path below this node, depth first (what `ncg -k` prints)."""
        return [f"{here}!{name}" for here, name, _ in self.each_r(prefix)]

    def keys_having_key(self, key: str) -> list[str]:
        """Key paths of this node and the nodes below it that have `key`, depth first."""
        found = [self.key] if self.has_key(key) else []
        simple = _is_simple(key)
        # the children's own views, not copies: looking keys up changes no node
        stack = [(iter(self._children.items()), "")]
        while stack:
            entries, here = stack[-1]
            for name, value in entries:
                if type(value) is Node:  # Node has no subclasses
                    children = value._children
                    has = (key in children) if simple else value.has_key(key)
                    if not has and Node not in map(type, children.values()):
                        continue  # a node of values only (a port): nothing below to find
                    path = (here if here[-1:] == "!" else here + "!") + name  # buildkey
                    if has:
                        found.append(path)
                    stack.append((iter(children.items()), path))
                    break
            else:
                stack.pop()
        return found

    def sort_by_subkey(self, key: str,
                       compare: Callable[[Any, Any], int] | None = None) -> list[list[Any]]:
        """[[key, value], ...] ordered by each value's `key` (compare_parts by default).

        Like Ruby's sort, a stable merge sort here, the comparison runs only
        when there are two entries or more.
        """
        entries = list(self._children.items())
        if compare is None and len(entries) > 1:
            by_key = _sorted_by_parts(entries, key)
            if by_key is not None:
                return by_key
        if compare is None:
            compare = compare_parts
        order = functools.cmp_to_key(lambda a, b: compare(_subkey(a[1], key), _subkey(b[1], key)))
        return [list(entry) for entry in sorted(entries, key=order)]

    def dump(self, out: TextIO, level: int = 0, show_source: bool = True) -> Node:
        """Write the tree in .neto form, each node preceded by `# file:line`."""
        lines: list[str] = []
        if show_source:
            lines.append(f"{'    ' * level}# {self.source}\n")
        stack = [(iter(self.items()), level + 1)]
        while stack:
            entries, depth = stack[-1]
            indent = "    " * (depth - 1)
            for name, value in entries:
                if isinstance(value, Node):
                    lines.append(f"{indent}{name} {{\n")
                    if show_source:
                        lines.append(f"{indent}    # {value.source}\n")
                    stack.append((iter(value.items()), depth + 1))
                    break
                shown = value if isinstance(value, str) else _ruby_format().to_s(value)
                lines.append(f"{indent}{name} = {shown}\n")
            else:
                stack.pop()
                if stack:
                    lines.append(f"{'    ' * (depth - 2)}}}\n")
        out.write("".join(lines))
        return self

    def to_plain(self) -> dict[str, Any]:
        """The tree as nested dicts in key order, values as text (`ncg -d --format json`)."""
        plain: dict[str, Any] = {}
        for name, value in self.items():
            if isinstance(value, Node):
                plain[name] = value.to_plain()
            else:
                plain[name] = value if isinstance(value, str) else _ruby_format().to_s(value)
        return plain

    def __repr__(self) -> str:
        return f"<Node from {self.source}: {len(self._children)} entries>"


def store_located(found: tuple[Node, str | None] | None, value: Any) -> Any:
    """`Node.set`'s store, at the place `locate(key, True)` (or a KeyPlan) found."""
    if found is None:
        raise IndexError_('node_store("", ...) failed')
    node, simple_key = found
    if simple_key is None:
        raise IndexError_("Attempt to store nil key in root")
    # _is_simple spelled out: a table row stores several values, all simple keys
    if not (type(simple_key) is str and "!" not in simple_key and "(" not in simple_key
            and "{" not in simple_key):
        _check_simple(simple_key)
    return node._store(simple_key, value)


def holds(found: tuple[Node, str | None]) -> bool:
    """Whether the place `_locate(key, False)` found has the key (`Node._holder`)."""
    node, simple_key = found
    if simple_key is None:
        return True
    _check_simple(simple_key)
    return simple_key in node._children


def _index(by_value: ByValue, value: str, name: str) -> None:
    """Note child `name` under `value`."""
    found = by_value.get(value)
    if found is None:
        by_value[value] = name if _is_step(name) else {name}
    elif isinstance(found, str):
        if found != name:
            by_value[value] = {found, name}
    else:
        found.add(name)


def _is_step(name: object) -> bool:
    """Whether `_locate`, given `name` by a selector, reads it as one plain
    step: not empty, no path or selector, nothing paranoid mode refuses."""
    return (type(name) is str and name != "" and "!" not in name and "(" not in name
            and "{" not in name)


def _unindex(by_value: ByValue, value: str, name: str) -> None:
    """Child `name` no longer has `value`."""
    found = by_value.get(value)
    if found == name:
        del by_value[value]
    elif isinstance(found, set):
        found.discard(name)


def _indexed_names(by_value: ByValue, value: str) -> Collection[str]:
    found = by_value.get(value)
    if found is None:
        return ()
    return (found,) if isinstance(found, str) else found


_MISSING = object()
# Bumped by every change to any node's entries (and so to any node's place):
# what `_located` remembers holds only while it is unchanged.
_version = 0
# (node, key path, paranoid) -> what `_locate(key, False)` found, at _located_version
_located_paths: dict[tuple[Node, str, bool], tuple[Node, str | None] | None] = {}
_located_version = [0]
_MAX_LOCATED = 100_000  # paths remembered at most (then forgotten all at once)
_intern = sys.intern
_SHORT = 64  # values up to this long are shared (sys.intern); longer ones rarely recur


class _Stale:
    """What `Node._anon` holds after an extreme anonymous key was deleted: one
    object, pickled by name so that a tree from the model cache has it too."""

    def __reduce__(self) -> str:
        return "_STALE"


_STALE = _Stale()
# How many keys spelled like `{REQUEST}` were ever stored (see reread_keys).
_metadata_like_keys = [0]


def reread_keys(node: Node) -> None:
    """Look up every key below `node` again, as NCG does when an import ends.

    Only a key spelled like a metadata request can fail then: `{FILENAME}`
    once no file is being read, any other `{...}` always.  Without such keys
    (nearly every model) there is nothing to walk.
    """
    if not _metadata_like_keys[0]:
        return
    for _, name, _ in node.each_r():
        request = metadata_request(name)
        if request is not None:
            _metadata(request)


def _here() -> str:
    """Where a node made now comes from: the line being read, or "<root>:0"."""
    return source.current_location() or "<root>:0"


def _metadata(request: str) -> str:
    """{FILENAME}, {BASENAME}, {DIRNAME}: about the file being read now."""
    if request not in ("FILENAME", "BASENAME", "DIRNAME"):
        raise ArgumentError(f"Unknown metadata request '{{{request}}}'")
    filename = source.current_filename()
    if filename is None:
        raise NoMethodError("undefined method `filename' for nil:NilClass")
    if request == "BASENAME":
        return ruby_basename(filename)
    if request == "DIRNAME":
        return ruby_dirname(filename)
    return filename


@functools.lru_cache(maxsize=4096)
def _is_plain(subkey: str, paranoid: bool) -> bool:
    """A key that names a child directly: no path, selector or metadata syntax."""
    return (isinstance(subkey, str) and "!" not in subkey
            and selector_body(subkey) is None and metadata_request(subkey) is None
            and not (paranoid and ("(" in subkey or "{" in subkey)))


def _is_simple(key: object) -> bool:
    """A string naming a child of this very node: the key paths' shortcut.

    Without "!", "(" or "{" a key is no path, selector or metadata request,
    and even paranoid mode (-p) lets it through.
    """
    return type(key) is str and "!" not in key and "(" not in key and "{" not in key


@functools.lru_cache(maxsize=65536)
def _selector(part: str) -> tuple[str, tuple[str, str] | None] | None:
    """A key part's selector body, and the term of a one-term `(k=v)` selector
    that the index answers (k a plain key, even in paranoid mode); None when
    the part is no selector."""
    body = selector_body(part)
    if body is None:
        return None
    if "=" not in body:
        return body, None
    try:
        criteria = parse_criteria(part)
    except ArgumentError:  # raised again where the selector is used
        return body, None
    if len(criteria) == 1 and _is_plain(criteria[0][0], True):
        return body, criteria[0]
    return body, None


@functools.lru_cache(maxsize=65536)
def _criteria(selector: str, paranoid: bool) -> tuple[tuple[tuple[str, str], ...], bool]:
    """A `(k=v,...)` selector's terms, and whether each subkey names a child directly."""
    criteria = parse_criteria(selector)
    return criteria, all(_is_plain(subkey, paranoid) for subkey, _ in criteria)


def _check_simple(simple_key: str) -> None:
    """Paranoid mode (-p): refuse a key holding path or selector characters.

    The key is looked at before the setting, the dearer of the two to read.
    """
    if (not isinstance(simple_key, str) or "!" in simple_key or "(" in simple_key
            or "{" in simple_key) and settings.paranoid:
        raise ArgumentError("must be a simple key")


def _sorted_by_parts(entries: list[tuple[str, Any]], key: str) -> list[list[Any]] | None:
    """The entries in compare_parts order, each sort value read and split once.

    None when some value has no sort key or reading one fails: the caller
    then compares pairwise, which fails (or not) just as it always did.
    """
    try:
        values = [_subkey(value, key) for _, value in entries]
        if not all(has_key_order(value) for value in values):
            return None
        keys = [sort_key(value) for value in values]
    except Exception:  # compared pairwise, the same error comes, from the same entry
        return None
    order = sorted(range(len(entries)), key=keys.__getitem__)
    return [list(entries[i]) for i in order]


def _subkey(value: Any, key: str) -> Any:
    """`value[key]` for a sort: a node's entry, or a string's matching substring."""
    if isinstance(value, Node):
        return value.get(key)
    if isinstance(value, str):
        return key if key in value else None
    return None


class RubyFormat(NamedTuple):
    """How Ruby shows a value: in a dump (`to_s`), and as the receiver of a
    NoMethodError or NameError message (`"x":String`, `{...}:Netomata::Node`).

    The model holds strings and Nodes, but a template may store any Ruby
    value in it, and only the Ruby runtime knows how those print; so the
    model knows no Ruby, and ncg.netomata installs Ruby's rules here
    (`use_ruby_format`) when it is imported.
    """

    to_s: Callable[[Any], str]
    receiver: Callable[[Any], str]


_ruby_formats: list[RubyFormat] = []


def use_ruby_format(ruby_format: RubyFormat) -> None:
    """Show values by these rules from now on."""
    _ruby_formats[:] = [ruby_format]


def _ruby_format() -> RubyFormat:
    if not _ruby_formats:
        raise LookupError("no RubyFormat to show model values with: import ncg.netomata")
    return _ruby_formats[0]


def describe(value: Any) -> str:
    """How Ruby 3.1 names a receiver in a NoMethodError or NameError message."""
    return _ruby_format().receiver(value)

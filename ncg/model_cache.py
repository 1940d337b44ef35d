"""The model cache: a loaded model tree, used again by the next run while
everything its load looked at is unchanged (as Sphinx keeps its pickled
environment between builds).

Loading a large model costs more than generating its configs (a 1000-switch
data center: 48,000 table rows, each resolving four key paths), and most
runs follow an edit of a template, not of the model. A run whose load can
be replayed stores the tree, with the `ncg.model.inputs` probes of its load,
in ncg's private cache folder (`ncg.cachedir`), one file per model:

    ncg-model-cache FORMAT NCG_VERSION CODE_DIGEST KEY BODY_SHA256
    <the probes, pickled><the tree, pickled>

KEY covers the model's file arguments and their contents, and `-p`; the
code digest covers ncg's code and the Python version. A later run with the
same key makes each probe again, from its own folder (reads and hashes each
file, expands each glob, lists each template folder), and uses the tree
only if all see what they saw. A load is stored only when it can be replayed: not from standard
input, no `[% %]` line that is impure (`ncg.template.purity`: it may read the
clock, the environment or files, print, or leave global state), only
strings and nodes in the tree, and not with -v or -D (they print as the
load goes). Only `Node` and the probes' record can be unpickled from an
entry; an entry that is damaged, or for another ncg, is loaded again and
overwritten, never an error.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ncg.cachedir import private_dir
from ncg.model import inputs
from ncg.model.globbing import expand_pattern
from ncg.model.inputs import Inputs
from ncg.model.node import Node
from ncg.settings import Settings
from ncg.template.cache import EntryFormat, code_digest, prune

FORMAT = 1
MAGIC = "ncg-model-cache"
SUFFIX = ".model"
MAX_FILES = 8  # models are big: a 1000-switch network is a 6 MB entry
ENTRIES = EntryFormat(MAGIC, FORMAT, 512 << 20)
# what an entry may hold: anything else in it was not written by ncg
ALLOWED_CLASSES = {("ncg.model.node", "Node"), ("ncg.model.node", "_STALE"),
                   ("ncg.model.inputs", "Inputs")}


class ModelCache:
    """Loaded models by key, in `directory` (None: no cache, every run loads)."""

    def __init__(self, directory: Path | None, max_files: int = MAX_FILES) -> None:
        self.directory = directory
        self.max_files = max_files

    @classmethod
    def for_user(cls) -> ModelCache:
        """The cache in `<cache home>/ncg/models`, or none if there is no safe one."""
        return cls(private_dir("models"))

    def load(self, key: str) -> Node | None:
        """The tree stored for `key`, if every input of its load is unchanged."""
        entry = self._read(key)
        if entry is None:
            return None
        try:
            recorded = _EntryUnpickler(entry).load()
            if not isinstance(recorded, Inputs) or not recorded.unchanged():
                return None
            with _collector_paused():  # a tree is many small objects, none of them garbage
                net = _EntryUnpickler(entry).load()
        except Exception:  # noqa: BLE001  # a damaged entry is only a miss
            return None
        return net if isinstance(net, Node) else None

    def store(self, key: str, recorded: Inputs, net: Node) -> None:
        """Keep `net` for `key` if its load can be replayed; a disk that refuses costs nothing."""
        if self.directory is None or recorded.unrepeatable is not None or not plain_tree(net):
            return
        try:
            body = pickle.dumps(recorded, protocol=5) + pickle.dumps(net, protocol=5)
        except (pickle.PicklingError, RecursionError, TypeError):
            return  # a tree nested deeper than pickle recurses: loaded each run
        with contextlib.suppress(OSError):
            ENTRIES.write(self.path(key), key, body)
            prune(self.directory, SUFFIX, self.max_files)

    def path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / f"{key[:40]}{SUFFIX}"

    def _read(self, key: str) -> io.BytesIO | None:
        """The entry's body to unpickle from, if it is this ncg's entry for `key`."""
        if self.directory is None:
            return None
        found = ENTRIES.read(self.path(key), key)
        if found is None:
            return None
        data, start = found
        entry = io.BytesIO(data)  # shares the bytes read, copies nothing
        entry.seek(start)
        return entry


def model_key(files: list[str], settings: Settings) -> str:
    """What decides a load besides the files it goes on to read: the file
    arguments and what they hold, -p, and the code that reads them.

    Not the folder: a load reads paths as given (relative ones from the
    folder it runs in) and keeps them so, and its probes look again from
    the folder of the run that asks; so a copy of a tree elsewhere is the
    same model. The arguments' contents keep two models of the same file
    names in two folders apart (else they would take turns in one entry).
    """
    parts = [str(FORMAT), code_digest(), str(settings.paranoid)]
    for name in files:
        parts.append(name)
        parts.extend(inputs.digest_of(path) for path in expand_pattern(name))
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def replayable(settings: Settings) -> bool:
    """-v and -D print as a model loads: such a run loads it."""
    return not (settings.verbose or settings.debug)


def load_model(cache: ModelCache, files: list[str], settings: Settings,
               read: Callable[[], Node], impure: Callable[[], str | None]) -> Node:
    """The model of `files`: from `cache` when its inputs are unchanged, else
    `read()` and stored for the next run (`impure()`: where a `[% %]` line that
    is not pure ran, if one did)."""
    if cache.directory is None or not replayable(settings):
        return read()
    key = model_key(files, settings)
    net = cache.load(key)
    if net is not None:
        return net
    with inputs.recording() as recorded:
        net = read()
    where = impure()
    if where is not None:
        recorded.unrepeatable = f"an impure [% %] line at {where}"
    cache.store(key, recorded, net)
    return net


def plain_tree(net: Node) -> bool:
    """Whether the tree holds only strings and nodes: a value a template stored
    (an Array, a Symbol…) may have an identity that a copy would lose."""
    stack = [net]
    while stack:
        node = stack.pop()
        for name, value in node.items():
            if type(name) is not str:
                return False
            if type(value) is Node:
                stack.append(value)
            elif type(value) is not str:
                return False
    return True


class _EntryUnpickler(pickle.Unpickler):
    """Unpickles what an entry holds and refuses any other class."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED_CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name} is not in a model cache entry")
        return super().find_class(module, name)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off meanwhile (it would scan the
    growing tree again and again: half the time of loading it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

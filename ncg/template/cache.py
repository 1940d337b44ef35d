"""The cache of compiled templates, like Jinja2's bytecode cache.

Compiling a template's ERB and Ruby to Mako source, and that to Python with
Mako, are the costly steps, so their result (`ncg.template.engine` decides
what it holds: the module's bytecode, its line map and how it renders) is
kept in memory and, for template files, on disk in ncg's private cache folder
(`ncg.cachedir`), one file per template:

    ncg-template-cache FORMAT NCG_VERSION CODE_DIGEST KEY BODY_SHA256
    <the compiled template, UTF-8>

CODE_DIGEST covers everything that decides what the compilers write: the
ncg package's own code and grammars, and the Lark, Mako and Python versions
(Lark's and Mako's read from their `__init__.py`, not imported); the
digest of ncg's files is remembered by their times (`source_digest`). KEY
is the digest of the template's file name and text. A file is used only if
its first line is exactly the one this ncg would write and the rest hashes
to BODY_SHA256; anything else (empty, truncated, garbage, not UTF-8, another
version's) is compiled again and overwritten, never run and never an error.
The folder keeps at most `max_files` templates, the oldest going first.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ncg import __version__
from ncg.cachedir import package_fingerprint, private_dir, write_atomic
from ncg.grammar_files import grammar_paths, grammar_texts

FORMAT = 2  # 2: the engine's entries hold the module's bytecode (1: Mako source)
MAGIC = "ncg-template-cache"
SUFFIX = ".mako"
MAX_FILES = 1000
MAX_BYTES = 64 << 20  # a bigger file is not one this cache wrote
STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a killed run

SETTLED_NS = 2 * 10**9  # a file changed more recently may change again unseen
SOURCE_MEMO = "code-digest"  # in the cache folder: the sources' digest by their file times

_code_digest: list[str] = []


def code_digest() -> str:
    """A digest of ncg's code and grammars and the Lark, Mako and Python versions
    (once per process)."""
    if not _code_digest:
        # Lark's version without importing Lark, which a cached run needs not
        versions = f"{package_fingerprint('lark')}\0{package_fingerprint('mako')}"
        sources = source_digest(_code_files(), grammar_paths(), private_dir())
        digest = hashlib.sha256(f"{versions}\0{sys.version_info[:2]}\0{sources}".encode())
        _code_digest.append(digest.hexdigest()[:32])
    return _code_digest[0]


def source_digest(code: list[str], grammars: list[Path] | None, folder: Path | None) -> str:
    """The digest of the bytes of ncg's code and grammars, remembered in
    `folder` by the files' names, sizes, inodes and times.

    Hashing the ~100 files (0.9 MB) took 1.5 ms of every run; their times
    tell a change as surely as Python's own check of a module's `.pyc` (by
    size and a time to the second): every write sets the change time,
    which no one can set back. A file changed in the last SETTLED_NS could
    change again within the same tick of the file system's clock, so the
    digest is remembered only once every file has settled.
    """
    memo = None if folder is None or grammars is None else folder / memo_name(code)
    signature, settled = _signature([*code, *(grammars or [])])
    if memo is not None and signature is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            remembered, _, digest = memo.read_text(encoding="ascii").partition(" ")
            if remembered == signature and len(digest) == 64:
                return digest
    digest = _content_digest(code)
    if memo is not None and signature is not None and settled:
        with contextlib.suppress(OSError):  # then the next run hashes them again
            write_atomic(memo, f"{signature} {digest}".encode("ascii"))
    return digest


def memo_name(code: list[str]) -> str:
    """The memo of the ncg whose code is `code` (each install or checkout has its own)."""
    where = hashlib.sha256("\0".join(code).encode("utf-8", "surrogateescape")).hexdigest()
    return f"{SOURCE_MEMO}-{where[:16]}"


def _signature(files: list[str | Path]) -> tuple[str | None, bool]:
    """A digest of the files' names, sizes, inodes and times, and whether all
    have settled; (None, False) if one cannot be read."""
    signature = hashlib.sha256()
    newest = 0
    try:
        for path in files:
            info = os.stat(path)
            newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
            signature.update(f"{path}\0{info.st_size}\0{info.st_ino}\0{info.st_mtime_ns}\0"
                             f"{info.st_ctime_ns}\0".encode("utf-8", "surrogateescape"))
    except OSError:
        return None, False
    return signature.hexdigest(), time.time_ns() - newest > SETTLED_NS


def _content_digest(code: list[str]) -> str:
    """The digest of the bytes of ncg's code and its grammars."""
    digest = hashlib.sha256()
    for path in code:
        digest.update(f"{os.path.basename(path)}\0".encode())
        with open(path, "rb") as fh:
            digest.update(fh.read())
    for name, text in grammar_texts().items():  # installed or beside a checkout
        digest.update(f"{name}\0{text}".encode())
    return digest.hexdigest()


def _code_files() -> list[str]:
    """ncg's modules, by path (os.scandir and strings: os.walk and Path objects
    took 0.5 ms of every run)."""
    found = []
    folders = [os.path.dirname(os.path.dirname(os.path.realpath(__file__)))]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    found.append(entry.path)
    return sorted(found)


def template_key(source: str, filename: str) -> str:
    """The cache key of a template: its file name (`__FILE__` is compiled in) and text."""
    return hashlib.sha256(f"{filename}\0{source}".encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class EntryFormat:
    """How a cache's files are laid out: a header line saying what wrote the
    file, for which key, and the SHA-256 of the body; then the body. A file
    that is not exactly that (another ncg's, cut short, damaged) is no entry.
    """

    magic: str
    version: int
    max_bytes: int  # a bigger file is not one the cache wrote

    def header(self, key: str, body: bytes | memoryview) -> bytes:
        digest = hashlib.sha256(body).hexdigest()
        return (f"{self.magic} {self.version} {__version__} {code_digest()} {key} "
                f"{digest}\n").encode()

    def write(self, path: Path, key: str, body: bytes) -> None:
        """Write the entry (atomically); one too big is not written."""
        data = self.header(key, body) + body
        if len(data) <= self.max_bytes:
            write_atomic(path, data)

    def read(self, path: Path, key: str) -> tuple[bytes, int] | None:
        """The file's bytes and where its body starts, if it is the entry for
        `key` (the body is checked where it lies, not copied)."""
        try:
            with open(path, "rb") as fh:
                data = fh.read(self.max_bytes + 1)
        except OSError:
            return None
        start = data.find(b"\n") + 1
        if not start or len(data) > self.max_bytes:
            return None
        with memoryview(data) as view:
            if view[:start] != self.header(key, view[start:]):
                return None
        return data, start


TEMPLATE_ENTRIES = EntryFormat(MAGIC, FORMAT, MAX_BYTES)


class TemplateCache:
    """Mako source by template key: in memory, and on disk when given a folder.

    `TemplateCache()` keeps everything in memory only (for `[% %]` model
    lines, which would otherwise leave one file per line); `for_user()` also
    uses the user's private cache folder when there is a safe one.
    """

    def __init__(self, directory: Path | None = None, max_files: int = MAX_FILES) -> None:
        self.directory = directory
        self.max_files = max_files
        self._memory: dict[str, str] = {}

    @classmethod
    def for_user(cls) -> TemplateCache:
        """A cache on disk in `<cache home>/ncg/templates`, or in memory if there is none."""
        return cls(private_dir("templates"))

    def load(self, key: str) -> str | None:
        """The Mako source stored for `key`, or None (then compile and `store` it)."""
        text = self._memory.get(key)
        if text is None and self.directory is not None:
            text = self._read(key)
            if text is not None:
                self._memory[key] = text
        return text

    def store(self, key: str, text: str) -> None:
        """Keep `text` for `key`; a disk that refuses it only costs a later compile."""
        self._memory[key] = text
        if self.directory is None:
            return
        body = text.encode("utf-8", "surrogatepass")  # a template's undecodable bytes
        try:
            TEMPLATE_ENTRIES.write(self.path(key), key, body)
            self._prune()
        except OSError:
            pass

    def path(self, key: str) -> Path:
        """The file for `key` (a different ncg or compiler gets a different file)."""
        assert self.directory is not None
        name = hashlib.sha256(f"{code_digest()}\0{key}".encode()).hexdigest()[:40]
        return self.directory / f"{name}{SUFFIX}"

    def _read(self, key: str) -> str | None:
        entry = TEMPLATE_ENTRIES.read(self.path(key), key)
        if entry is None:
            return None
        data, start = entry
        try:
            return data[start:].decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return None

    def _prune(self) -> None:
        assert self.directory is not None
        prune(self.directory, SUFFIX, self.max_files)


def prune(directory: Path, suffix: str, max_files: int) -> None:
    """Remove the oldest entries (files ending in `suffix`) beyond `max_files`,
    and temporary files left behind."""
    entries = []
    now = time.time()
    with os.scandir(directory) as scan:
        for entry in scan:
            with contextlib.suppress(OSError):
                if entry.name.endswith(suffix):
                    entries.append((entry.stat().st_mtime_ns, entry.path))
                elif entry.name.endswith(".tmp") and (
                    now - entry.stat().st_mtime > STALE_TEMP_SECONDS
                ):
                    os.unlink(entry.path)
    entries.sort()
    for _, path in entries[: max(len(entries) - max_files, 0)]:
        with contextlib.suppress(OSError):
            os.unlink(path)


class BundleCache:
    """Many small templates (a model's `[% %]` lines) kept as ONE entry of a
    TemplateCache, under `key`: a model of 10,000 such lines leaves one
    file, and a run of a model read before needs no compiler for them.

    It answers `load`/`store` as a TemplateCache does. The entry is read at
    the first `load`; `save` writes it back, holding the templates this run
    used, if the run compiled any or used fewer than it holds.
    """

    def __init__(self, cache: TemplateCache, key: str) -> None:
        self.cache = cache
        self.key = key
        self._stored: dict[str, str] | None = None
        self._used: dict[str, str] = {}
        self._compiled = False

    def load(self, key: str) -> str | None:
        if self._stored is None:
            self._stored = self._read()
        text = self._used.get(key) or self._stored.get(key)
        if text is not None:
            self._used[key] = text
        return text

    def store(self, key: str, text: str) -> None:
        self._used[key] = text
        self._compiled = True

    def save(self) -> None:
        """Keep what this run used for the next run (when it changed)."""
        unused = self._stored is not None and self._used.keys() != self._stored.keys()
        if self._compiled or unused:
            self.cache.store(self.key, json.dumps(self._used, ensure_ascii=False))

    def _read(self) -> dict[str, str]:
        text = self.cache.load(self.key)
        if text is None:
            return {}
        try:
            stored = json.loads(text)
        except ValueError:
            return {}
        if not isinstance(stored, dict):
            return {}
        return {k: v for k, v in stored.items() if isinstance(v, str)}

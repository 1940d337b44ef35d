"""The cache of compiled templates, like Jinja2's bytecode cache.

Compiling a template's ERB and Ruby to Mako source, and that to Python with
Mako, are the costly steps, so their result (`ncg.template.engine` decides
what it holds: the Mako source and Mako's Python module) is kept in memory
and, for template files, on disk in ncg's private cache folder
(`ncg.cachedir`), one file per template:

    ncg-template-cache FORMAT NCG_VERSION CODE_DIGEST KEY BODY_SHA256
    <the compiled template, UTF-8>

CODE_DIGEST covers everything that decides what the compilers write: the
ncg package's own code and grammars, and the Lark, Mako and Python versions
(Lark's and Mako's read from their `__init__.py`, not imported). KEY
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
from pathlib import Path

from ncg import __version__
from ncg.cachedir import package_fingerprint, private_dir, write_atomic
from ncg.grammar_files import grammar_texts

FORMAT = 2  # 2: the engine's entries hold Mako's Python module too
MAGIC = "ncg-template-cache"
SUFFIX = ".mako"
MAX_FILES = 1000
MAX_BYTES = 64 << 20  # a bigger file is not one this cache wrote
STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a killed run

_code_digest: list[str] = []


def code_digest() -> str:
    """A digest of ncg's code and grammars and the Lark, Mako and Python versions
    (once per process).

    Reading the package's ~100 files (0.9 MB) takes about two milliseconds,
    so this hashes their bytes rather than trusting sizes and times.
    """
    if not _code_digest:
        # Lark's version without importing Lark, which a cached run needs not
        versions = f"{package_fingerprint('lark')}\0{package_fingerprint('mako')}"
        digest = hashlib.sha256(f"{versions}\0{sys.version_info[:2]}\0".encode())
        for path in _code_files():
            digest.update(f"{path.name}\0".encode())
            digest.update(path.read_bytes())
        for name, text in grammar_texts().items():  # installed or beside a checkout
            digest.update(f"{name}\0{text}".encode())
        _code_digest.append(digest.hexdigest()[:32])
    return _code_digest[0]


def _code_files() -> list[Path]:
    package = Path(__file__).resolve().parent.parent
    return sorted(Path(root, name) for root, dirs, names in os.walk(package)
                  for name in names if name.endswith(".py"))


def template_key(source: str, filename: str) -> str:
    """The cache key of a template: its file name (`__FILE__` is compiled in) and text."""
    return hashlib.sha256(f"{filename}\0{source}".encode("utf-8", "surrogatepass")).hexdigest()


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
        data = self._header(key, body) + body
        if len(data) > MAX_BYTES:
            return
        try:
            write_atomic(self.path(key), data)
            self._prune()
        except OSError:
            pass

    def path(self, key: str) -> Path:
        """The file for `key` (a different ncg or compiler gets a different file)."""
        assert self.directory is not None
        name = hashlib.sha256(f"{code_digest()}\0{key}".encode()).hexdigest()[:40]
        return self.directory / f"{name}{SUFFIX}"

    def _header(self, key: str, body: bytes) -> bytes:
        digest = hashlib.sha256(body).hexdigest()
        return f"{MAGIC} {FORMAT} {__version__} {code_digest()} {key} {digest}\n".encode()

    def _read(self, key: str) -> str | None:
        try:
            with open(self.path(key), "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError:
            return None
        header, newline, body = data.partition(b"\n")
        if not newline or len(data) > MAX_BYTES or header + newline != self._header(key, body):
            return None
        try:
            return body.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return None

    def _prune(self) -> None:
        """Remove the oldest templates beyond `max_files`, and temporary files left behind."""
        assert self.directory is not None
        entries = []
        now = time.time()
        with os.scandir(self.directory) as scan:
            for entry in scan:
                with contextlib.suppress(OSError):
                    if entry.name.endswith(SUFFIX):
                        entries.append((entry.stat().st_mtime_ns, entry.path))
                    elif entry.name.endswith(".tmp") and (
                        now - entry.stat().st_mtime > STALE_TEMP_SECONDS
                    ):
                        os.unlink(entry.path)
        entries.sort()
        for _, path in entries[: max(len(entries) - self.max_files, 0)]:
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

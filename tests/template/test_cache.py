"""Caches you can trust: compiled templates on disk, and the Ruby parser's table.

Every test points HOME and XDG_CACHE_HOME into its own tmp_path.
"""

from __future__ import annotations

import base64
import hashlib
import json
import marshal
import os
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ncg import __version__, cachedir
from ncg.errors import InternalError, RubyError
from ncg.grammar_files import grammar_text
from ncg.ruby.syntax import bridge, parser, table, transform
from ncg.template import cache as cache_module
from ncg.template import engine
from ncg.template.cache import (
    FORMAT,
    MAGIC,
    TEMPLATE_ENTRIES,
    BundleCache,
    TemplateCache,
    code_digest,
    template_key,
)
from ncg.template.engine import Environment
from ncg.template.erb import build_program
from ncg.template.layout import compile_template

SOURCE = "<% x = 1 %>1 + <%= x %> = <%= x + 1 %>\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
RECORDED = Path(__file__).with_name("recorded_compiler.json")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh HOME (no XDG_CACHE_HOME), and the test's working directory beside it."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return home


def templates_dir(home: Path) -> Path:
    return home / ".cache" / "ncg" / "templates"


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# -- where the cache lives ----------------------------------------------------


def test_cache_folders_are_private(home: Path) -> None:
    cache = TemplateCache.for_user()
    assert cache.directory == templates_dir(home)
    for folder in (home / ".cache" / "ncg", templates_dir(home)):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    cache.store("k", "text")
    assert stat.S_IMODE(cache.path("k").stat().st_mode) == 0o600


def test_xdg_cache_home_comes_first(home: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg" / "deep"))
    assert TemplateCache.for_user().directory == tmp_path / "xdg" / "deep" / "ncg" / "templates"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # the XDG spec: ignored
    assert TemplateCache.for_user().directory == templates_dir(home)
    assert files_in(Path.cwd()) == []


@pytest.mark.parametrize("value", [None, "", "~", "relative/home", "/nonexistent/home"])
def test_cache_is_off_without_a_usable_home(home: Path, monkeypatch: pytest.MonkeyPatch,
                                            value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("HOME")
    else:
        monkeypatch.setenv("HOME", value)
    cache = TemplateCache.for_user()
    assert cache.directory is None
    cache.store("k", "text")  # kept in memory
    assert cache.load("k") == "text"
    assert files_in(Path.cwd()) == []  # never a ./~/.cache
    assert not Path("/nonexistent").exists()


def test_ncg_runs_without_home_and_writes_no_cache(tmp_path: Path) -> None:
    (tmp_path / "t.ncg").write_text("<%= 6 * 7 %>\n")
    (tmp_path / "m.neto").write_text(
        'n = [%= "s" * 3 %]\nout {\n    ncg_template = t.ncg\n    ncg_output = out.txt\n}\n'
    )
    root = Path(__file__).resolve().parents[2]
    env = {name: value for name, value in os.environ.items()
           if name not in ("HOME", "XDG_CACHE_HOME")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    env["TMPDIR"] = str(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "ncg", "m.neto"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert (tmp_path / "out.txt").read_text() == "42"
    proc = subprocess.run([sys.executable, "-m", "ncg", "-d", "m.neto"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert "n = sss" in proc.stdout.replace('"', "")
    assert sorted(os.listdir(tmp_path)) == ["m.neto", "out.txt", "t.ncg"]


@pytest.mark.parametrize("spoil", ["file at cache home", "file at ncg", "world-writable",
                                   "group-writable", "symlink", "not ours", "read-only"])
def test_unusable_cache_folder_turns_the_cache_off(home: Path, tmp_path: Path,
                                                   spoil: str) -> None:
    ncg_dir = home / ".cache" / "ncg"
    if spoil == "file at cache home":
        (home / ".cache").write_text("")
    elif spoil == "file at ncg":
        ncg_dir.parent.mkdir()
        ncg_dir.write_text("")
    elif spoil == "symlink":
        ncg_dir.parent.mkdir()
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        ncg_dir.symlink_to(tmp_path / "elsewhere")
    else:
        ncg_dir.mkdir(parents=True, mode=0o700)
        if spoil == "not ours":
            if not IS_ROOT:
                pytest.skip("only root can give a folder to another user")
            os.chown(ncg_dir, 65534, 65534)
        elif spoil == "read-only":
            if IS_ROOT:
                pytest.skip("root writes into read-only folders")
            ncg_dir.chmod(0o500)
        else:
            ncg_dir.chmod(0o777 if spoil == "world-writable" else 0o770)
    cache = TemplateCache.for_user()
    assert cache.directory is None
    assert cache_of_engine_compiles(cache) == module_of(compiled_now("off.ncg"))
    if spoil.endswith("writable"):  # refused, not repaired: others may have put files there
        assert stat.S_IMODE(ncg_dir.stat().st_mode) in (0o777, 0o770)
        assert files_in(ncg_dir) == []


def test_a_readable_folder_of_ours_is_made_private(home: Path) -> None:
    ncg_dir = home / ".cache" / "ncg"
    ncg_dir.mkdir(parents=True, mode=0o755)
    ncg_dir.chmod(0o755)
    assert TemplateCache.for_user().directory == templates_dir(home)
    assert stat.S_IMODE(ncg_dir.stat().st_mode) == 0o700


def test_a_failed_write_is_no_error_and_leaves_no_temp_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = TemplateCache.for_user()

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    cache.store("k", "text")
    assert files_in(templates_dir(home)) == []
    assert cache.load("k") == "text"  # still compiled once for this process


def test_an_interrupted_write_leaves_no_temp_file(home: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = templates_dir(home)
    folder.mkdir(parents=True)

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cachedir.write_atomic(folder / "x.mako", b"data")
    assert files_in(folder) == []


# -- what is in a cache file ----------------------------------------------------


def cache_of_engine_compiles(cache: TemplateCache,
                             filename: str = "off.ncg") -> tuple[object, ...]:
    """Render SOURCE through the engine with `cache`; return the module it stored."""
    env = Environment()
    compiled = env.compile(SOURCE, filename, 1, cache)
    assert env.render(compiled, {}) == "1 + 1 = 2\n"
    stored = cache.load(template_key(SOURCE, filename))
    assert stored is not None
    return module_of(stored)


def compiled_now(filename: str) -> str:
    """The cache entry of SOURCE as `filename`, as a compile without a cache makes it."""
    name = "ncg_" + template_key(SOURCE, filename)[:32]
    return engine.CompiledModule.of_mako(compile_template(SOURCE, filename), name,
                                         filename, 1).dumps()


def module_of(stored: str) -> tuple[object, ...]:
    """A cache entry's module code (its names and constants but for the float of
    Mako's `_modified_time`: code objects compare by contents), lines and flag."""
    record = json.loads(stored)
    code = marshal.loads(base64.b64decode(record["bytecode"]))
    constants = [c for c in code.co_consts if not isinstance(c, float)]
    return code.co_names, constants, record["lines"], record["direct"]


def test_a_stored_template_is_read_back_by_the_next_run(home: Path) -> None:
    TemplateCache.for_user().store("k", "mako text ü")
    fresh = TemplateCache.for_user()  # nothing in memory: read from disk
    assert fresh.load("k") == "mako text ü"
    header = fresh.path("k").read_bytes().split(b"\n")[0].decode()
    assert header.split()[:5] == [MAGIC, str(FORMAT), __version__, code_digest(), "k"]
    assert fresh.load("other") is None


def good_file(cache: TemplateCache, key: str, body: bytes) -> bytes:
    return TEMPLATE_ENTRIES.header(key, body) + body


def spoiled(kind: str, cache: TemplateCache, key: str, good: bytes) -> bytes:
    """A cache file of the given kind of wrong, for `key` whose right file is `good`."""
    evil = b"<%def name='body()'>EVIL</%def>${body()}"
    header = good.split(b"\n")[0].decode()
    fields = header.split()
    if kind == "empty":
        return b""
    if kind == "truncated":
        return good[: len(good) - 10]
    if kind == "header only":
        return good.split(b"\n")[0]
    if kind == "garbage":
        return bytes(range(256)) * 4
    if kind == "non-UTF-8":
        return good_file(cache, key, b"\xff\xfe" + evil)
    if kind == "foreign":  # another program's file, or the old format (Mako source alone)
        return evil
    if kind == "other key":
        return good_file(cache, "another template", evil)
    if kind == "body changed":
        return good.replace(b"\n", b"\n" + evil, 1)
    replaced = {"wrong format": (1, "0"), "wrong version": (2, "0.0.1"),
                "other code": (3, "0" * 32)}[kind]
    fields[replaced[0]] = replaced[1]
    fields[5] = hashlib.sha256(evil).hexdigest()  # all right but the one field
    return " ".join(fields).encode() + b"\n" + evil


KINDS = ["empty", "truncated", "header only", "garbage", "non-UTF-8", "foreign", "other key",
         "body changed", "wrong format", "wrong version", "other code"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_spoiled_cache_file_is_compiled_again_and_overwritten(home: Path, kind: str) -> None:
    filename = f"spoiled-{kind}.ncg"
    key = template_key(SOURCE, filename)
    right = compiled_now(filename)
    cache = TemplateCache.for_user()
    cache_of_engine_compiles(cache, filename)
    path = cache.path(key)
    path.write_bytes(spoiled(kind, cache, key, path.read_bytes()))

    fresh = TemplateCache.for_user()
    assert fresh.load(key) is None
    assert cache_of_engine_compiles(fresh, filename) == module_of(right)  # not the file's body
    overwritten = TemplateCache.for_user().load(key)
    assert overwritten is not None
    assert module_of(overwritten) == module_of(right)


def test_template_files_are_cached_on_disk_and_model_lines_are_not(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ncg.netomata  # noqa: F401  # Node's Ruby methods (`@target["a"]`)
    from ncg.model.node import Node

    env = Environment(file_cache=TemplateCache.for_user())
    target = Node()
    target.set("a", "x")
    for line in range(1, 201):
        text = f'v = <%= @target["a"] * {line} %>'
        assert env.render_snippet(text, "many.neto", line, target) == "v = " + "x" * line
    assert files_in(templates_dir(home)) == []
    template = home / "t.ncg"
    template.write_text(SOURCE)
    assert env.apply_by_filename(str(template)) == "1 + 1 = 2"
    assert len(files_in(templates_dir(home))) == 1


def test_the_same_model_line_text_compiles_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from ncg.model.node import Node

    calls: list[int] = []
    real = engine.translate
    monkeypatch.setattr(engine, "translate", lambda *a: calls.append(1) or real(*a))
    target = Node()
    env = Environment()
    for line in range(1, 6):
        assert env.render_snippet("<%= 'same shape' %>", "shape.neto", line, target) == (
            "same shape"
        )
    assert calls == [1]


def test_the_cache_keeps_at_most_max_files(home: Path) -> None:
    cache = TemplateCache(templates_dir(home), max_files=20)
    templates_dir(home).mkdir(parents=True)
    for n in range(10_000):
        cache.store(f"snippet {n}", f"text {n}")
    assert len(files_in(templates_dir(home))) == 20


def test_the_oldest_files_go_first(home: Path) -> None:
    folder = templates_dir(home)
    folder.mkdir(parents=True)
    cache = TemplateCache(folder)
    for n in range(5):
        cache.store(f"k{n}", f"text {n}")
    for n in range(5):  # k4 newest… k0 oldest, whatever the clock's resolution
        os.utime(cache.path(f"k{n}"), ns=(n * 10**9, n * 10**9))
    stale = folder / ".left-by-a-killed-run.tmp"
    stale.write_text("")
    os.utime(stale, (0, 0))
    writing = folder / ".being-written.tmp"
    writing.write_text("")
    TemplateCache(folder, max_files=3).store("k5", "text 5")
    kept = {n for n in range(6) if cache.path(f"k{n}").exists()}
    assert kept == {3, 4, 5}
    assert not stale.exists() and writing.exists()


# -- the digest of ncg's own code ------------------------------------------------


def source_files(folder: Path, count: int = 3) -> list[str]:
    folder.mkdir()
    paths = []
    for n in range(count):
        path = folder / f"m{n}.py"
        path.write_text(f"x = {n}\n")
        paths.append(str(path))
    return paths


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once (a file's change time can't be set back)."""
    monkeypatch.setattr(cache_module, "SETTLED_NS", -1)


def unhashed(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(code: list[str]) -> str:
        raise AssertionError("hashed again")

    monkeypatch.setattr(cache_module, "_content_digest", refuse)


@pytest.mark.usefixtures("settled")
def test_the_code_digest_is_remembered_by_the_files_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = source_files(tmp_path / "src")
    folder = tmp_path / "cache"
    folder.mkdir()
    digest = cache_module.source_digest(code, [], folder)
    assert digest == cache_module._content_digest(code)
    assert files_in(folder) == [cache_module.memo_name(code)]
    with monkeypatch.context() as patch:
        unhashed(patch)
        assert cache_module.source_digest(code, [], folder) == digest


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize("change", ["same size and time", "file added", "file gone"])
def test_a_changed_file_is_hashed_again(tmp_path: Path, change: str) -> None:
    code = source_files(tmp_path / "src")
    folder = tmp_path / "cache"
    folder.mkdir()
    before = cache_module.source_digest(code, [], folder)
    assert files_in(folder) == [cache_module.memo_name(code)]
    if change == "same size and time":  # only the change time tells
        time.sleep(0.05)  # past the file system clock's tick
        info = os.stat(code[1])
        Path(code[1]).write_text("x = 7\n")
        os.utime(code[1], ns=(info.st_atime_ns, info.st_mtime_ns))
    elif change == "file added":
        code = [*code, *source_files(tmp_path / "more", 1)]
    else:
        code = code[:-1]
    after = cache_module.source_digest(code, [], folder)
    assert after == cache_module._content_digest(code) != before


def test_a_file_changed_just_now_is_not_remembered(tmp_path: Path) -> None:
    code = source_files(tmp_path / "src")
    Path(code[0]).write_text("x = 8\n")
    folder = tmp_path / "cache"
    folder.mkdir()
    cache_module.source_digest(code, [], folder)
    assert files_in(folder) == []


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize("memo", ["", "garbage \xff", "0" * 64 + " " + "1" * 64, "other"])
def test_a_spoiled_memo_is_not_believed(tmp_path: Path, memo: str) -> None:
    code = source_files(tmp_path / "src")
    folder = tmp_path / "cache"
    folder.mkdir()
    path = folder / cache_module.memo_name(code)
    if memo == "other":  # the same files, changed since
        cache_module.source_digest(code, [], folder)
        assert files_in(folder) == [path.name]
        time.sleep(0.05)  # past the file system clock's tick
        Path(code[0]).write_text("y = 1\n")
    else:
        path.write_bytes(memo.encode("latin-1"))
    assert cache_module.source_digest(code, [], folder) == cache_module._content_digest(code)


@pytest.mark.usefixtures("settled")
def test_without_a_folder_or_grammar_files_nothing_is_remembered(tmp_path: Path) -> None:
    code = source_files(tmp_path / "src")
    folder = tmp_path / "cache"
    folder.mkdir()
    assert cache_module.source_digest(code, None, folder) == cache_module._content_digest(code)
    assert cache_module.source_digest(code, [], None) == cache_module._content_digest(code)
    assert files_in(folder) == []


# -- the Ruby parser's table ----------------------------------------------------


def ruby_refs() -> dict[str, object]:
    return {"lexer": bridge.RubyLexer}


def test_the_shipped_table_is_built_from_the_grammar_of_this_checkout() -> None:
    digest = table.table_digest(grammar_text("ruby"), bridge.RubyLexer)
    assert table.read_table(table.SHIPPED, digest, ruby_refs()) is not None, (
        "grammars/ruby.lark changed: run python -m ncg.ruby.syntax.build_table"
    )


def test_the_shipped_table_is_used_and_nothing_is_written(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "work"))
    monkeypatch.setattr(table, "Lark", type("NoBuild", (table.Lark,), {"__init__": None}))
    table.ruby_parser.__wrapped__(bridge.RubyLexer, transform.BUILD)  # would fail to build
    assert files_in(home) == [] and files_in(tmp_path / "work") == []


@pytest.mark.parametrize("kind", ["empty", "truncated", "garbage", "no payload", "other digest",
                                  "payload changed", "other format", "unknown reference"])
def test_a_spoiled_table_file_is_not_used(tmp_path: Path, kind: str) -> None:
    digest = table.table_digest(grammar_text("ruby"), bridge.RubyLexer)
    good = table.SHIPPED.read_bytes()
    first, payload = good.split(b"\n", 1)
    header = json.loads(first)
    if kind == "empty":
        data = b""
    elif kind == "truncated":
        data = good[: len(good) // 2]
    elif kind == "garbage":
        data = bytes(range(256)) * 100
    elif kind == "no payload":
        data = first
    elif kind == "payload changed":
        data = first + b"\n" + payload.replace(b'"lalr"', b'"earley"', 1)
    elif kind == "unknown reference":
        changed = payload.replace(b'{"@ref":"lexer"}', b'{"@ref":"os.system"}')
        header["sha256"] = hashlib.sha256(changed).hexdigest()
        data = json.dumps(header).encode() + b"\n" + changed
    else:
        header["digest" if kind == "other digest" else "format"] = "0"
        data = json.dumps(header).encode() + b"\n" + payload
    path = tmp_path / "table.json"
    path.write_bytes(data)
    assert table.read_table(path, digest, ruby_refs()) is None


def test_an_edited_grammar_is_built_once_into_the_private_cache(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = grammar_text("ruby") + "\n// a developer's edit\n"
    monkeypatch.setattr(table, "grammar_text", lambda name: edited)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "work"))
    rebuilt = table.ruby_parser.__wrapped__(bridge.RubyLexer, transform.BUILD)
    cached = home / ".cache" / "ncg" / table.SHIPPED.name
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600
    assert files_in(tmp_path / "work") == []  # never Lark's pickle in the temp folder

    monkeypatch.setattr(table, "Lark", type("NoBuild", (table.Lark,), {"__init__": None}))
    reloaded = table.ruby_parser.__wrapped__(bridge.RubyLexer, transform.BUILD)
    shipped = parser.ruby_parser(bridge.RubyLexer, transform.BUILD)
    templates = [case["template"] for case in json.loads(RECORDED.read_text())]
    expected = [parser.parse(build_program(text)) for text in templates]
    for lark_parser in (rebuilt, reloaded):
        monkeypatch.setattr(parser, "ruby_parser", lambda *_, chosen=lark_parser: chosen)
        assert [parser.parse(build_program(text)) for text in templates] == expected
    assert shipped is not rebuilt


def test_a_models_snippets_are_one_cache_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The `[% %]` lines of a run go to one file; the next run of the same
    model compiles none of them, and a bundle keeps only what a run used."""
    folder = tmp_path / "cache"
    folder.mkdir()
    snippets = ['<%= @target_key + "1" %>', "<%= @target_key.upcase %>"]  # two shapes

    def run(texts: list[str]) -> tuple[list[str], BundleCache]:
        bundle = BundleCache(TemplateCache(folder), "model")
        env = Environment(snippet_cache=bundle)
        target = type("Target", (), {"key": "!k"})()
        rendered = [env.render_snippet(t, "m.neto", n, target) for n, t in enumerate(texts)]
        bundle.save()
        return rendered, bundle

    assert run(snippets)[0] == ["!k1", "!K"]
    assert len(list(folder.glob("*.mako"))) == 1

    def no_compiler(*args: object) -> str:
        raise AssertionError("compiled again")

    with monkeypatch.context() as patch:
        patch.setattr(engine, "compile_template", no_compiler)
        assert run(snippets)[0] == ["!k1", "!K"]
        run(snippets[:1])  # saved with the first only
        with pytest.raises(InternalError) as caught:  # how ncg reports its compiler failing
            run(snippets[1:])
        assert str(caught.value.__cause__) == "compiled again"


def test_a_broken_snippet_bundle_is_compiled_again(tmp_path: Path) -> None:
    cache = TemplateCache(tmp_path)
    for garbage in ("not json", "[1, 2]", '{"k": 3}'):
        cache.store("model", garbage)
        bundle = BundleCache(TemplateCache(tmp_path), "model")
        assert bundle.load("k") is None
        bundle.store("k", "text")
        bundle.save()
        assert BundleCache(TemplateCache(tmp_path), "model").load("k") == "text"


def test_a_cached_template_loads_without_mako_or_pythons_compiler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next run takes the module's bytecode from the cache: no compiler,
    Mako lexer or Python `compile` runs (a 10,000-line template costs those
    seconds). A long template keeps its lines and its output."""
    source = "".join(f"<%= {n} * 2 %> line {n}\n" for n in range(2000)) + "<%= nil.x %>\n"
    cache = TemplateCache(tmp_path)

    def render(env: Environment) -> tuple[str, list[str]]:
        compiled = env.compile(source, "long.ncg", 1, TemplateCache(tmp_path))
        with pytest.raises(RubyError) as caught:
            env.render(compiled, {})
        return str(caught.value), caught.value.trace

    first = render(Environment(file_cache=cache))

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(engine, "translate", refused)
    monkeypatch.setattr(engine, "Template", refused)
    monkeypatch.setattr(engine, "compile", refused, raising=False)
    assert render(Environment()) == first == (
        "undefined method `x' for nil:NilClass", ["long.ncg:2001"])

"""The model cache: a run reuses the tree the run before loaded while
everything that load looked at is unchanged, and loads again otherwise;
whatever it can't replay it never stores. Each case runs ncg twice (or
more) and asserts both what it printed and whether the second run loaded.
"""

from __future__ import annotations

import io
import os
import pickle
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ncg import app, model_cache
from ncg.model import Node, inputs
from ncg.model_cache import ModelCache
from ncg.settings import Settings
from ncg.template.cache import TemplateCache

TEMPLATE = '<% @target["ports"].each do |k, p| -%>\n<%= k %> <%= p["name"] %>\n<% end -%>\n'
MODEL = """\
base = 10.0.0.0
sw {
    ncg_template = t.ncg
    ncg_output = out.cfg
    addr = [%= ip_union(@target["(...)!base"], "0.0.0.9") %]
}
table ports.neto_table
"""
PORTS = "@ !sw!ports!(+)!name = %{name}\n% name\nGi1\nGi2\n"
# emit_header's lines that change from run to run
VOLATILE = re.compile(rb"^.*(Date|User|Host|Directory|Command):.*$", re.M)


class Loads:
    """Counts the loads that read the model files (a run from the cache reads none)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = app.load

        def counted(*args: Any, **kwargs: Any) -> Node:
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(app, "load", counted)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tree"
    folder.mkdir()
    (folder / "net.neto").write_text(MODEL)
    (folder / "ports.neto_table").write_text(PORTS)
    (folder / "t.ncg").write_text(TEMPLATE)
    (folder / ".models").mkdir()
    monkeypatch.chdir(folder)
    return folder


def ncg(tree: Path, *flags: str, files: tuple[str, ...] = ("net.neto",),
        settings: Settings | None = None) -> str:
    """One run in `tree` with its own template and model caches; -k's keys or
    the generated config."""
    options = app.Options(list(files), settings or Settings(), keys="-k" in flags)
    out = io.StringIO()
    app.run(options, out, TemplateCache(tree / ".templates"), ModelCache(tree / ".models"))
    return out.getvalue() if "-k" in flags else (tree / "out.cfg").read_text()


def test_second_run_uses_the_loaded_tree(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads = Loads(monkeypatch)
    first = ncg(tree)
    assert ncg(tree) == first == "@000000001 Gi1\n@000000002 Gi2"
    assert loads.count == 1
    assert ncg(tree, "-k").split("\n")[-4:] == [
        "!sw!ports!@000000001!name", "!sw!ports!@000000002", "!sw!ports!@000000002!name", ""]
    assert loads.count == 1


@pytest.mark.parametrize("change", [
    # the same size and time, other bytes: files are compared by content
    lambda tree: same_stat_write(tree / "ports.neto_table", PORTS.replace("Gi1", "Gi9")),
    lambda tree: (tree / "ports.neto_table").write_text(PORTS + "Gi3\n"),
])
def test_an_edited_file_is_read_again(tree: Path, monkeypatch: pytest.MonkeyPatch,
                                      change: Callable[[Path], None]) -> None:
    loads = Loads(monkeypatch)
    ncg(tree)
    change(tree)
    assert ncg(tree) != "@000000001 Gi1\n@000000002 Gi2"
    assert loads.count == 2


def same_stat_write(path: Path, text: str) -> None:
    before = path.stat()
    assert len(text) == before.st_size
    path.write_text(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_new_file_a_glob_matches_is_read(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads = Loads(monkeypatch)
    (tree / "net.neto").write_text(MODEL.replace("ports.neto_table", "*.neto_table"))
    ncg(tree)
    (tree / "zz.neto_table").write_text("Gi3\n")  # read on after ports.neto_table
    assert ncg(tree) == "@000000001 Gi1\n@000000002 Gi2\n@000000003 Gi3"
    assert loads.count == 2


def test_a_new_template_in_a_template_dir_is_seen(tree: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    loads = Loads(monkeypatch)
    (tree / "templates").mkdir()
    (tree / "templates" / "a.ncg").write_text("a")
    (tree / "net.neto").write_text("t {\n    template_dir templates\n}\n")
    assert ncg(tree, "-k") == "!t\n!t!a\n!t!a!name\n!t!a!ncg_template\n"
    (tree / "templates" / "sub").mkdir()
    (tree / "templates" / "sub" / "b.ncg").write_text("b")
    assert ncg(tree, "-k") == ("!t\n!t!a\n!t!a!name\n!t!a!ncg_template\n"
                               "!t!sub\n!t!sub!b\n!t!sub!b!name\n!t!sub!b!ncg_template\n")
    assert ncg(tree, "-k").endswith("!t!sub!b!ncg_template\n")
    assert loads.count == 2


@pytest.mark.parametrize("line", [
    'stamp = [%= Time.now.year > 2000 %]',  # the clock
    'home = [%= ENV.key?("HOME") %]',  # the environment
    'x = [% $seen = 1 %]',  # a global the templates would see
    'x = [%= apply_by_filename("x.ncg") %]',  # a template file the probes don't cover
    'x = [% @target["list"] = [1, 2] %]',  # a value that isn't a string
])
def test_a_load_that_cannot_be_replayed_is_not_kept(tree: Path, monkeypatch: pytest.MonkeyPatch,
                                                    line: str) -> None:
    loads = Loads(monkeypatch)
    (tree / "x.ncg").write_text("x")
    (tree / "net.neto").write_text(MODEL + f"other {{\n    {line}\n}}\n")
    first = ncg(tree, "-k")
    assert ncg(tree, "-k") == first
    assert loads.count == 2
    assert not list((tree / ".models").glob("*.model"))


def test_standard_input_is_not_kept(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads = Loads(monkeypatch)
    for _ in range(2):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"a = 1\n")))
        monkeypatch.setattr("ncg.model.source._stdin", None)
        assert ncg(tree, "-k", files=("-",)) == "!a\n"
    assert loads.count == 2


def test_verbose_runs_load_and_print_as_they_go(tree: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    loads = Loads(monkeypatch)
    ncg(tree)
    for _ in range(2):
        ncg(tree, settings=Settings(verbose=True))
        assert capsys.readouterr().err.startswith(
            "Reading file(s) net.neto\n| Reading table(s) ./ports.neto_table\n")
    assert loads.count == 3


def test_a_copy_of_the_tree_elsewhere_is_the_same_model(tree: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths are read as given, relative to the run's folder: a copy is the same."""
    import shutil

    loads = Loads(monkeypatch)
    first = ncg(tree)
    copy = tree.parent / "copy"
    shutil.copytree(tree, copy)  # its cache folder too
    monkeypatch.chdir(copy)
    assert ncg(copy) == first
    assert loads.count == 1


def test_two_models_of_the_same_file_names_keep_their_entries(
        tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads = Loads(monkeypatch)
    other = tree.parent / "other"
    other.mkdir()
    (other / "net.neto").write_text(MODEL.replace("0.0.0.9", "0.0.0.8"))
    (other / "ports.neto_table").write_text(PORTS)
    (other / "t.ncg").write_text(TEMPLATE)
    (other / ".models").symlink_to(tree / ".models")  # one cache for both
    for _ in range(2):
        monkeypatch.chdir(tree)
        ncg(tree, "-k")
        monkeypatch.chdir(other)
        ncg(other, "-k")
    assert loads.count == 2


def test_paranoid_mode_is_part_of_the_key(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads = Loads(monkeypatch)
    ncg(tree)
    ncg(tree, settings=Settings(paranoid=True))
    ncg(tree, settings=Settings(paranoid=True))
    assert loads.count == 2


def test_a_deleted_newest_anonymous_key_is_reused_after_the_cache(
        tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`(+)` after deleting the highest `@N` gives `@N` again: the node's note
    that its anonymous keys must be counted again survives the cache."""
    (tree / "net.neto").write_text(MODEL + "sw!ports!(>) = -\n")
    ncg(tree, "-k")
    net = ModelCache(tree / ".models").load(model_cache.model_key(["net.neto"], Settings()))
    assert net is not None
    ports = net.get("sw!ports")
    ports.set("(+)", Node(ports))
    assert ports.keys() == ["@000000001", "@000000002"]


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # cut short
    lambda data: data.replace(b"ncg-model-cache", b"ncg-model-cachf", 1),  # another format
    lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit off
    lambda data: b"",
])
def test_a_damaged_entry_is_loaded_again(tree: Path, monkeypatch: pytest.MonkeyPatch,
                                         damage: Callable[[bytes], bytes]) -> None:
    loads = Loads(monkeypatch)
    first = ncg(tree)
    (entry,) = (tree / ".models").glob("*.model")
    entry.write_bytes(damage(entry.read_bytes()))
    assert ncg(tree) == first
    assert ncg(tree) == first
    assert loads.count == 2


class Planted:
    """Not a model: unpickling an entry must never make one."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.getcwd, ())


def test_an_entry_holding_other_classes_is_refused(tree: Path) -> None:
    cache = ModelCache(tree / ".models")
    key = model_cache.model_key(["net.neto"], Settings())
    body = pickle.dumps(inputs.Inputs()) + pickle.dumps(Planted())
    cache.path(key).write_bytes(model_cache.ENTRIES.header(key, body) + body)
    assert cache.load(key) is None


def test_no_folder_no_cache(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads = Loads(monkeypatch)
    for _ in range(2):
        app.run(app.Options(["net.neto"], keys=True), io.StringIO(),
                TemplateCache(tree / ".templates"), ModelCache(None))
    assert loads.count == 2


def test_the_sample_network_from_the_cache_is_the_same(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample's dump and configs, loaded and then from the cache: the same bytes."""
    import shutil

    tree = tmp_path / "sample"
    shutil.copytree(Path(__file__).parents[1] / "sample", tree,
                    ignore=shutil.ignore_patterns("out", "expected"))
    (tree / ".models").mkdir()
    monkeypatch.chdir(tree)
    loads = Loads(monkeypatch)
    dumps, configs = [], []
    for _ in range(2):
        out = io.StringIO()
        options = app.Options(["network.neto"], dump=True)
        app.run(options, out, TemplateCache(tree / ".templates"), ModelCache(tree / ".models"))
        dumps.append(out.getvalue())
        app.run(app.Options(["network.neto"]), io.StringIO(), TemplateCache(tree / ".templates"),
                ModelCache(tree / ".models"))
        configs.append({p.name: VOLATILE.sub(b"", p.read_bytes())
                        for p in sorted((tree / "out").rglob("*"))})
    assert loads.count == 1
    assert dumps[0] == dumps[1] and len(dumps[0]) > 1000
    assert configs[0] == configs[1] and len(configs[0]) > 3

"""`ncg -j N`: the same configs, -v lines and errors as one process; and
`ncg -d --format json`.

The error wording was recorded with `ncg-orig -v main.neto` on the same files.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from ncg import parallel
from ncg.migrate import mask_volatile

DATA = Path(__file__).resolve().parent / "migrate" / "data" / "web_hosting"
HTTP_DATE = re.compile(r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT")
TARGET = "{name} {{\n    ncg_template = t.ncg\n    ncg_output = out/{name}.cfg\n}}\n"
FAILING_TEMPLATE = """\
target <%= @target_key %>
<% raise "no config for #{@target_key}" if @target_key == "!c" %>
done
"""
# ncg-orig -v main.neto (up to its backtrace)
FAILING_STDERR = """\
Reading file(s) main.neto
Generating out/a.cfg for !a
Generating out/b.cfg for !b
Generating out/c.cfg for !c
ERROR(RuntimeError): no config for !c
\tat t.ncg:2
"""


def ncg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ncg", *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def outputs(folder: Path) -> dict[str, str]:
    """The configs written, their run-dependent lines masked."""
    texts = {str(p.relative_to(folder)): p.read_text(errors="surrogateescape")
             for p in sorted((folder / "configs").rglob("*")) if p.is_file()}
    return {path: HTTP_DATE.sub("<date>", mask_volatile(text)) for path, text in texts.items()}


def failing_tree(folder: Path, names: str = "abcdefg") -> Path:
    folder.mkdir()
    (folder / "main.neto").write_text("".join(TARGET.format(name=n) for n in names))
    (folder / "t.ncg").write_text(FAILING_TEMPLATE)
    return folder


@pytest.mark.parametrize("jobs", ["1", "2", "3"])
def test_the_first_failing_target_is_reported_as_without_j(tmp_path: Path, jobs: str) -> None:
    tree = failing_tree(tmp_path / "tree")
    proc = ncg("-v", "-j", jobs, "main.neto", cwd=tree)
    assert (proc.returncode, proc.stdout, proc.stderr) == (1, "", FAILING_STDERR)
    assert sorted(p.name for p in (tree / "out").iterdir()) == ["a.cfg", "b.cfg"]
    assert (tree / "out" / "b.cfg").read_text() == "target !b\n\ndone"


def test_j2_gives_what_j1_gives(tmp_path: Path) -> None:
    runs = {}
    for jobs in ("1", "2"):
        tree = tmp_path / f"j{jobs}"
        shutil.copytree(DATA / "model", tree)
        proc = ncg("-v", f"--jobs={jobs}", "web_hosting.neto", cwd=tree)
        assert proc.returncode == 0
        runs[jobs] = (proc.stdout, proc.stderr, outputs(tree))
    assert runs["1"] == runs["2"]
    assert len(runs["2"][2]) == 8
    assert runs["2"][1].count("\nGenerating ") == 6


def test_without_fork_everything_is_rendered_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    texts = parallel.prerendered(None, None, ["!a", "!b"], 4)  # type: ignore[arg-type]
    assert [next(texts), next(texts), next(texts)] == [None, None, None]


def test_chunks_keep_the_targets_order() -> None:
    keys = [f"!{n}" for n in range(10)]
    chunks = parallel.chunks(keys, 2)
    assert [key for chunk in chunks for key in chunk] == keys
    assert len(chunks) == 5


def test_dump_as_json(tmp_path: Path) -> None:
    tree = failing_tree(tmp_path / "tree", "ab")
    (tree / "main.neto").write_text((tree / "main.neto").read_text()
                                    + 'note = "grüße, \\"quoted\\""\nn = 3\n')
    proc = ncg("-d", "--format", "json", "main.neto", cwd=tree)
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == {
        "a": {"ncg_template": "t.ncg", "ncg_output": "out/a.cfg"},
        "b": {"ncg_template": "t.ncg", "ncg_output": "out/b.cfg"},
        "note": '"grüße, \\"quoted\\""',
        "n": "3",
    }
    assert '"grüße' in proc.stdout  # as UTF-8, not escaped
    assert proc.stdout.startswith('{\n  "a": {\n    "ncg_template": "t.ncg",\n')


def test_json_dump_of_the_example_holds_its_top_level_keys(tmp_path: Path) -> None:
    tree = tmp_path / "model"
    shutil.copytree(DATA / "model", tree)
    plain = json.loads(ncg("-d", "--form=json", "web_hosting.neto", cwd=tree).stdout)
    keys = ncg("-k", "web_hosting.neto", cwd=tree).stdout.splitlines()
    top = [key.split("!")[1] for key in keys if key.count("!") == 1]
    assert list(plain) == top
    assert plain["devices"]["@000000001"]["ncg_output"] == "./configs/switch-1.config"


def test_neto_is_the_default_dump(tmp_path: Path) -> None:
    tree = failing_tree(tmp_path / "tree", "ab")
    assert ncg("-d", "main.neto", cwd=tree).stdout == ncg(
        "-d", "--format", "neto", "main.neto", cwd=tree).stdout


def test_render_targets_yields_in_order_and_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ncg import app
    from ncg.errors import RubyError
    from ncg.template.cache import TemplateCache

    tree = failing_tree(tmp_path / "tree", "abcd")
    monkeypatch.chdir(tree)
    configs = app.render_targets(app.Options(["main.neto"]), TemplateCache(tmp_path / "cache"))
    assert next(configs) == ("out/a.cfg", "target !a\n\ndone")
    assert next(configs) == ("out/b.cfg", "target !b\n\ndone")
    with pytest.raises(RubyError) as failed:
        next(configs)
    assert (failed.value.message, failed.value.trace) == ("no config for !c", ["t.ncg:2"])
    assert not (tree / "out").exists()


def test_what_templates_print_comes_in_order(tmp_path: Path) -> None:
    tree = failing_tree(tmp_path / "tree", "abcdefgh")
    (tree / "t.ncg").write_text(
        '<% puts "out #{@target_key}"; STDERR.puts "err #{@target_key}" %>x\n')
    runs = [ncg("-v", "-j", jobs, "main.neto", cwd=tree) for jobs in ("1", "3")]
    assert [(p.returncode, p.stdout, p.stderr) for p in runs] == [
        (0, "".join(f"out !{n}\n" for n in "abcdefgh"),
         "Reading file(s) main.neto\n"
         + "".join(f"Generating out/{n}.cfg for !{n}\nerr !{n}\n" for n in "abcdefgh"))] * 2


def test_a_worker_killed_does_not_hang_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # the worker rendering !c is killed: what did not arrive is left to the parent (None)
    def render(net: object, key: str, apply: object, verbose: bool) -> tuple[str, str]:
        if key == "!c":
            os.kill(os.getpid(), signal.SIGKILL)
        return f"out/{key}", f"text {key}"

    monkeypatch.setattr(parallel, "render_one", render)
    keys = ["!a", "!b", "!c", "!d"]
    env = SimpleNamespace(on_error=None, apply_by_filename=None)
    got = list(itertools.islice(parallel.prerendered(None, env, keys, 2), 4))  # type: ignore[arg-type]
    arrived = [item for item in got if item is not None]
    assert got[len(arrived):] == [None] * (4 - len(arrived))
    assert [item.text for item in arrived] == [f"text {key}" for key in keys[:len(arrived)]]
    assert got[2] is None

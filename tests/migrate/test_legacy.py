"""run_legacy: the old tool's command on a scratch copy of the tree.

The "old tool" here is a small shell script, so the tests need no Ruby.
"""

from __future__ import annotations

import shlex
import tempfile
from pathlib import Path

import pytest

from ncg.errors import RubyError
from ncg.migrate import LegacyCommandError, Status, compare_outputs, run_legacy

# writes out/NAME.conf for each model file NAME given, naming the folder it ran in
FAKE_TOOL = """\
for model in "$@"; do
    out="out/${model%.neto}.conf"
    mkdir -p "$(dirname "$out")"
    printf 'model %s\\nin %s\\n' "$model" "$(basename "$PWD")" > "$out"
done
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    tree = tmp_path / "net"
    tree.mkdir()
    (tree / "main.neto").write_text("devices {\n}\n")
    return tree


def script(tmp_path: Path, text: str, name: str = "tool.sh") -> str:
    """A shell command running `text`, kept outside the tree."""
    path = tmp_path / "bin" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    return f"sh {shlex.quote(str(path))}"


def test_runs_the_command_with_the_files_in_a_copy(tmp_path: Path, tree: Path) -> None:
    command = script(tmp_path, FAKE_TOOL)
    with run_legacy(command, ["main.neto"], ["out/main.conf"], tree=tree) as folder:
        assert folder != tree and folder.name == "net"
        assert (folder / "out" / "main.conf").read_text() == "model main.neto\nin net\n"
        assert (folder / "main.neto").read_text() == "devices {\n}\n"
        comparison = compare_outputs({"out/main.conf": "model main.neto\nin net\n"}, folder)
    assert comparison.exit_status == 0
    assert not folder.exists(), "the scratch copy is removed"
    assert sorted(p.name for p in tree.iterdir()) == ["main.neto"], "the tree is not written"


def test_runs_in_the_current_folder_by_default(tmp_path: Path, tree: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    with run_legacy(script(tmp_path, FAKE_TOOL), ["main.neto"]) as folder:
        assert (folder / "out" / "main.conf").is_file()
    assert not (tree / "out").exists()


def test_file_names_reach_the_command_as_written(tmp_path: Path, tree: Path) -> None:
    (tree / "my model.neto").write_text("")
    (tree / "sub").mkdir()
    (tree / "sub" / "b.neto").write_text("")
    files = ["my model.neto", "sub/b.neto"]
    with run_legacy(script(tmp_path, FAKE_TOOL), files, tree=tree) as folder:
        assert sorted(str(p.relative_to(folder / "out")) for p in
                      (folder / "out").rglob("*.conf")) == ["my model.conf", "sub/b.conf"]


def test_command_is_a_shell_command_line(tmp_path: Path, tree: Path) -> None:
    (tree / "sub").mkdir()
    tool = script(tmp_path, 'printf "%s|" "$MODE" "$@" > seen\n')
    with run_legacy(f"cd sub && MODE=old {tool}", ["../main.neto"], tree=tree) as folder:
        assert (folder / "sub" / "seen").read_text() == "old|../main.neto|"


def test_stale_targets_in_the_tree_do_not_count(tmp_path: Path, tree: Path) -> None:
    # an earlier run left out/main.conf: if the old tool writes nothing,
    # the comparison must say missing, not identical
    (tree / "out").mkdir()
    (tree / "out" / "main.conf").write_text("stale\n")
    with run_legacy(script(tmp_path, "true\n"), ["main.neto"], ["out/main.conf"],
                    tree=tree) as folder:
        assert (folder / "out").is_dir(), "folders stay: the old tool needed them made"
        comparison = compare_outputs({"out/main.conf": "stale\n"}, folder)
    assert comparison.files[0].status is Status.MISSING
    assert (tree / "out" / "main.conf").read_text() == "stale\n"


def test_version_control_folders_are_not_copied(tmp_path: Path, tree: Path) -> None:
    (tree / ".git").mkdir()
    (tree / ".git" / "HEAD").write_text("ref\n")
    with run_legacy(script(tmp_path, "true\n"), ["main.neto"], tree=tree) as folder:
        assert not (folder / ".git").exists()


def test_a_scratch_folder_inside_the_tree_is_not_copied_into_itself(
        tmp_path: Path, tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tree / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tree / "tmp"))
    with run_legacy(script(tmp_path, FAKE_TOOL), ["main.neto"], tree=tree) as folder:
        assert folder.parent.parent == tree / "tmp"
        assert sorted(p.name for p in (folder / "tmp").iterdir()) == []
        assert (folder / "out" / "main.conf").is_file()


def test_standard_input_is_given_when_asked(tmp_path: Path, tree: Path) -> None:
    with run_legacy(script(tmp_path, "cat > got\n"), ["-"], tree=tree,
                    stdin=b"devices {\n}\n") as folder:
        assert (folder / "got").read_bytes() == b"devices {\n}\n"


def test_failure_names_status_and_first_stderr_lines(tmp_path: Path, tree: Path) -> None:
    lines = "".join(f"echo line{n} >&2\n" for n in range(1, 9))
    command = script(tmp_path, lines + "exit 3\n", "fail.sh")
    with pytest.raises(LegacyCommandError) as caught:
        with run_legacy(command, ["main.neto"], tree=tree):
            pytest.fail("the body runs only when the command succeeds")
    assert isinstance(caught.value, RubyError)
    assert caught.value.ruby_name == "LegacyCommandError"
    assert caught.value.message == (
        f"`{command} main.neto` failed with exit status 3"
        "\n\tline1\n\tline2\n\tline3\n\tline4\n\tline5")


def test_a_command_that_does_not_exist(tree: Path) -> None:
    with pytest.raises(LegacyCommandError) as caught:
        with run_legacy("no-such-legacy-ncg", ["main.neto"], tree=tree):
            pass
    first, *rest = caught.value.message.split("\n")
    assert first == "`no-such-legacy-ncg main.neto` failed with exit status 127"
    assert "not found" in rest[0]


def test_a_killed_command(tree: Path) -> None:
    # the shell that runs the command line is killed itself
    with pytest.raises(LegacyCommandError, match=r"^`kill -9 \$\$; true main.neto` was killed "
                       "by signal 9$"):
        with run_legacy("kill -9 $$; true", ["main.neto"], tree=tree):
            pass


def test_absolute_targets_are_refused_before_running(tmp_path: Path, tree: Path) -> None:
    marker = tmp_path / "ran"
    with pytest.raises(LegacyCommandError, match="would write /etc/dhcpd.conf outside"):
        with run_legacy(f"touch {marker}", ["main.neto"], ["out/a", "/etc/dhcpd.conf"],
                        tree=tree):
            pass
    assert not marker.exists()

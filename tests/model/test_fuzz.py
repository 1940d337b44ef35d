"""Random model lines: the importers may reject them, but only as NCG errors.

Whatever a model holds, ncg must answer with one of the Ruby errors NCG
would raise (a `RubyError`), never with a Python traceback.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ncg.errors import RubyError, SyntaxError_
from ncg.model import importer, load, source
from ncg.model.node import Node
from ncg.model.table import import_table

PIECES = ["!", "(", ")", "{", "}", "<", "=", "+", "@", "%", "#", "[%", "%]", "\\", " ", "\t",
          "-", ".", ",", "*", "?", "a", "b", "1", "(+)", "(>)", "(<)", "(.)", "(..)", "(...)",
          "(a=1)", "%{a}", "%{b}", "{FILENAME}", "{X}", "include ", "table ", "template ",
          "template_dir ", "t.neto_table", "m.neto", "x.ncg", "d", "\r", "\u00e9"]
LINES = st.lists(st.lists(st.sampled_from(PIECES), max_size=8).map("".join), max_size=12)


def lenient_render(text: str, filename: str, lineno: int, target: object) -> str:
    """Stands in for the template engine: "|" makes newlines, "?" a Ruby error."""
    if "?" in text:
        error = SyntaxError_("template error")
        error.add_location(f"{filename}:{lineno}")
        raise error
    return text.replace("<%", "").replace("%>", "").replace("|", "\n")


@pytest.fixture
def model_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a = 1\n")))
    directory = tmp_path_factory.mktemp("fuzz")
    (directory / "d").mkdir()
    (directory / "x.ncg").write_text("")
    monkeypatch.chdir(directory)
    return directory


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(neto=LINES, table=LINES, header=st.booleans(), with_table=st.booleans())
def test_random_lines_give_only_ncg_errors(model_dir: Path, neto: list[str], table: list[str],
                                           header: bool, with_table: bool) -> None:
    lines = (["table t.neto_table"] if with_table else []) + neto
    (model_dir / "m.neto").write_text("\n".join(lines) + "\n")
    (model_dir / "t.neto_table").write_text(("% a\tb\n" if header else "") + "\n".join(table))
    source._stdin = None
    for read in (lambda: load(["m.neto"], lenient_render),
                 lambda: import_table(importer(lenient_render), Node(), ["t.neto_table"])):
        try:
            net = read()
        except RubyError as error:
            # ncg turns its own bugs into errors too; the fuzz must not find any
            assert error.__cause__ is None or isinstance(error.__cause__, RecursionError), \
                repr(error.__cause__)
            continue
        net.keys_r()
        net.dump(io.StringIO())


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("!(){}<>=+@%#[]\\ \t\r\n\v-.,*a1é"), max_size=30))
def test_line_grammars_classify_any_text(text: str) -> None:
    from ncg.model.lines import Line, LineGrammar

    for name in ("neto", "neto_table"):
        parsed = LineGrammar(name).classify(text)
        assert parsed is None or isinstance(parsed, Line)

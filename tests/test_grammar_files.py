"""The line grammars' terminals, kept in ncg's private cache folder so that
reading a model needs no Lark: the same as Lark's, and never a stale or
spoiled file's.

Every test points HOME into its own tmp_path.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from lark import Lark

from ncg import grammar_files
from ncg.grammar_files import LINE_OPTIONS, grammar_text, line_terminals

LINE_GRAMMARS = ["neto", "neto_table"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    return home


def kept(home: Path, name: str) -> Path:
    return home / ".cache" / "ncg" / "grammars" / f"{name}.terminals.json"


def larks(name: str, text: str | None = None) -> tuple[tuple[str, int, str], ...]:
    parser = Lark(grammar_text(name) if text is None else text, **LINE_OPTIONS)
    return tuple((t.name, t.priority, t.pattern.to_regexp()) for t in parser.terminals)


def no_lark(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(name: str, text: str, **options: object) -> Lark:
        raise AssertionError("Lark was asked to build " + name)

    monkeypatch.setattr(grammar_files, "build_grammar", refuse)


@pytest.mark.parametrize("name", LINE_GRAMMARS)
def test_the_terminals_are_larks_and_read_back_without_lark(
    home: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    built = line_terminals.__wrapped__(name)
    assert built == larks(name)
    assert stat.S_IMODE(kept(home, name).stat().st_mode) == 0o600
    no_lark(monkeypatch)
    assert line_terminals.__wrapped__(name) == built


def test_without_a_cache_folder_they_are_built_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HOME")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    assert line_terminals.__wrapped__("neto") == larks("neto")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["empty", "truncated", "garbage", "not an object",
                                  "other digest", "other format", "wrong types"])
def test_a_spoiled_file_is_built_again_and_overwritten(home: Path, kind: str) -> None:
    line_terminals.__wrapped__("neto")
    path = kept(home, "neto")
    good = path.read_bytes()
    data = json.loads(good)
    if kind == "empty":
        spoiled = b""
    elif kind == "truncated":
        spoiled = good[: len(good) // 2]
    elif kind == "garbage":
        spoiled = bytes(range(256)) * 10
    elif kind == "not an object":
        spoiled = json.dumps(data["terminals"]).encode()
    elif kind == "wrong types":
        data["terminals"][0][1] = "7"
        spoiled = json.dumps(data).encode()
    else:
        data["digest" if kind == "other digest" else "format"] = "0"
        spoiled = json.dumps(data).encode()
    path.write_bytes(spoiled)
    assert line_terminals.__wrapped__("neto") == larks("neto")
    assert path.read_bytes() == good


def test_an_edited_grammar_is_built_again(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line_terminals.__wrapped__("neto")
    edited = grammar_text("neto").replace("BLOCK_CLOSE.5: /\\}$/", "BLOCK_CLOSE.5: /\\}\\s*$/")
    assert edited != grammar_text("neto")
    monkeypatch.setattr(grammar_files, "grammar_text", lambda name: edited)
    assert line_terminals.__wrapped__("neto") == larks("neto", edited)
    assert ("BLOCK_CLOSE", 5, "\\}\\s*$") in line_terminals.__wrapped__("neto")

"""A cached template is Mako's module as well as its Mako source: a run that
finds it needs neither ncg's compiler nor Mako's, renders the same and
reports errors at the same template lines; an entry that is not one, or is
another line's, is never run as it is."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from ncg import app
from ncg.errors import NoMethodError, RubyError
from ncg.settings import Settings
from ncg.template import engine, entries
from ncg.template.cache import TemplateCache, template_key
from ncg.template.engine import Environment
from ncg.template.entries import Entry, read_entry
from ncg.template.makolib import Template

SOURCE = "one\n<% x = 6 %><%= x * 7 %>\n<%= @x.fetch(1) if @x %>\n"


def environment(folder: Path) -> Environment:
    """A fresh environment (nothing compiled in memory) over the cache in `folder`."""
    folder.mkdir(exist_ok=True)
    return app.environment(Settings(), "ncg", TemplateCache(folder))


def no_compilers(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(engine, "compile_template", refuse)
    monkeypatch.setattr(engine, "mako_template", refuse)


def test_a_cached_template_runs_no_compiler(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    template = tmp_path / "t.ncg"
    template.write_text(SOURCE, encoding="utf-8")
    cache = tmp_path / "cache"
    cold = environment(cache)
    assert cold.apply_by_filename(str(template)) == "one\n42\n"
    with pytest.raises(NoMethodError) as cold_error:
        cold.apply_by_filename(str(template), {"@x": 5})

    no_compilers(monkeypatch)
    monkeypatch.setattr(entries, "compile", no_python_compile, raising=False)
    warm = environment(cache)
    assert warm.apply_by_filename(str(template)) == "one\n42\n"
    with pytest.raises(NoMethodError) as warm_error:
        warm.apply_by_filename(str(template), {"@x": 5})
    assert warm_error.value.trace == cold_error.value.trace == [f"{template}:3"]
    text = engine.format_exception(warm_error.value)
    assert f'File "{template}", line 3, in ' in text
    assert 'File "ncg_' not in text


def no_python_compile(*args: object) -> None:
    raise AssertionError("the module's code was compiled, not read")


@pytest.mark.parametrize("spoil", ["another Python", "not base64", "not marshal", "no code",
                                   "another module's"])
def test_code_that_is_not_this_modules_is_compiled_from_the_source(spoil: str) -> None:
    python = Template(text="x${6 * 7}", uri="u").code
    entry = Entry.made("x${6 * 7}", "u", python)
    other = Entry.made("x${6 * 7}", "v", python)
    data = json.loads(entry.text())
    if spoil == "another Python":
        data["magic"] = "0d0d0d0a"
    elif spoil == "not base64":
        data["code"] = "%%%"
    elif spoil == "not marshal":
        data["code"] = base64.b64encode(b"\xff" * 20).decode()
    elif spoil == "no code":
        data["code"] = ""
    else:
        data["code"] = other.code
    read = read_entry(json.dumps(data))
    assert read is not None and read.module_code().co_filename == "u"
    template = entries.cached_template(read)
    assert template is not None and template.render() == "x42"


def test_another_lines_module_is_made_again_from_the_mako_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = TemplateCache()
    target = type("Target", (), {"key": "!k"})()
    env = Environment(snippet_cache=cache)
    assert env.render_snippet("<%= @target_key %>", "m.neto", 1, target) == "!k"
    first = read_entry(cache.load(template_key("<%= @target_key %>", "m.neto")))
    monkeypatch.setattr(engine, "compile_template", lambda *args: pytest.fail("compiled"))
    env = Environment(snippet_cache=cache)
    assert env.render_snippet("<%= @target_key %>", "m.neto", 7, target) == "!k"
    second = read_entry(cache.load(template_key("<%= @target_key %>", "m.neto")))
    assert first is not None and second is not None
    assert second.mako == first.mako and second.uri != first.uri


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '{"mako": "x"}',
                                  '{"mako": "x", "uri": 1, "python": "y"}'])
def test_what_is_not_an_entry_is_none(text: str) -> None:
    assert read_entry(text) is None


@pytest.mark.parametrize("python", ["x = (", "raise ValueError('top level')",
                                    "x = 'a' is 'a'\n_template_uri = 'u'",  # warns
                                    "_template_uri = 'another'"])
def test_a_module_that_fails_warns_or_names_another_is_not_used(python: str) -> None:
    assert entries.cached_template(Entry("mako", "u", python)) is None


def test_a_spoiled_entry_is_compiled_again(tmp_path: Path) -> None:
    template = tmp_path / "t.ncg"
    template.write_text(SOURCE, encoding="utf-8")
    folder = tmp_path / "cache"
    environment(folder).apply_by_filename(str(template))
    key = template_key(SOURCE, str(template))
    entry = read_entry(TemplateCache(folder).load(key))
    assert entry is not None
    spoiled = Entry(entry.mako, entry.uri, f"raise RuntimeError('spoiled')\n{entry.python}")
    TemplateCache(folder).store(key, spoiled.text())
    assert environment(folder).apply_by_filename(str(template)) == "one\n42\n"
    assert same_template(read_entry(TemplateCache(folder).load(key)), entry)  # overwritten


def test_a_template_of_mako_source_alone_is_compiled_again(tmp_path: Path) -> None:
    """What the cache's first format held: Mako source, not an entry."""
    template = tmp_path / "t.ncg"
    template.write_text(SOURCE, encoding="utf-8")
    folder = tmp_path / "cache"
    environment(folder).apply_by_filename(str(template))
    key = template_key(SOURCE, str(template))
    entry = read_entry(TemplateCache(folder).load(key))
    assert entry is not None
    TemplateCache(folder).store(key, entry.mako)
    env = environment(folder)
    assert env.apply_by_filename(str(template)) == "one\n42\n"
    with pytest.raises(RubyError):
        env.apply_by_filename(str(template), {"@x": 5})
    assert same_template(read_entry(TemplateCache(folder).load(key)), entry)


def same_template(made: Entry | None, entry: Entry) -> bool:
    """The same entry, but for the time Mako wrote into the module."""
    return made is not None and (made.mako, made.uri) == (entry.mako, entry.uri) and (
        "_modified_time" in made.python and "spoiled" not in made.python)

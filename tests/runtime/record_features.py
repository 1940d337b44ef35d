"""Record what `require` does in the original NCG's Ruby process, for ncg's
library registry (ncg/ruby/runtime/stdlib_features.py, which this rewrites):

    python -m tests.runtime.record_features     # needs ruby 3.1 and NCG 0.10.3's lib

The original runs with its own libraries loaded (`netomata` requires erb,
ipaddr, fileutils…): those are PRELOADED, and `require` of them is false.
Every library of Ruby 3.1's standard distribution (its lib and arch folders
and the bundled gems) is then required in a forked copy of such a process:
the ones that load are REQUIRABLE, and LOADS names, for each library outside
Ruby's own tools, the top-level libraries and its own parts that its require
loads with it (`json` brings `ostruct` and `json/common`), which `require`
answers false for afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ORIGINAL_LIB = os.environ.get("NCG_ORIG_LIB", "/work/orig-ncg/lib")
TARGET = Path(__file__).parents[2] / "ncg" / "ruby" / "runtime" / "stdlib_features.py"
# Ruby's own tools: their internals are requirable, but what they load is no template's concern
TOOLS = ("rdoc", "rbs", "irb", "bundler", "rubygems", "debug", "rake", "typeprof", "racc",
         "reline", "minitest", "test/", "power_assert", "did_you_mean", "error_highlight",
         "hoe/", "enc/")
BUNDLED_GEMS = ("debug matrix minitest net-ftp net-imap net-pop net-smtp power_assert prime rake "
                "rbs rexml rss test-unit typeprof")

RUBY = r"""
require 'netomata'; require 'optparse'
BUNDLED = ARGV[0].split
gems = Gem.path.flat_map { |p| Dir[File.join(p, "gems", "*")] }
gems = gems.select { |d| BUNDLED.include?(File.basename(d).sub(/-[\d.]+\z/, "")) }
dirs = [RbConfig::CONFIG["rubylibdir"], RbConfig::CONFIG["archdir"], *gems.map { |d| d + "/lib" }]
def name_of(path, dirs)
  (dirs + $LOAD_PATH).each do |d|
    return path.delete_prefix(d + "/").sub(/\.(rb|so)\z/, "") if path.start_with?(d + "/")
  end
  path.sub(/\.(rb|so)\z/, "")
end
base = $LOADED_FEATURES.dup
puts "preloaded " + base.map { |p| name_of(p, dirs) }.uniq.join(" ")
names = dirs.flat_map { |d| Dir["#{d}/**/*.{rb,so}"].map { |p| name_of(p, dirs) } }
names.uniq.sort.each do |n|
  r, w = IO.pipe
  pid = fork do
    r.close
    $stdin.reopen("/dev/null"); $stdout.reopen("/dev/null"); $stderr.reopen("/dev/null")
    begin
      require(n)
      w.write("ok #{n} " + ($LOADED_FEATURES - base).map { |p| name_of(p, dirs) }.join(" "))
    rescue Exception
      w.write("error #{n}")
    end
    w.close
    exit!(0)
  end
  w.close
  out = nil
  reader = Thread.new { out = r.read }
  Process.kill(9, pid) unless reader.join(20)
  Process.wait(pid)
  puts(out.to_s.empty? ? "error #{n}" : out)
end
"""


def record() -> None:
    run = subprocess.run(["ruby", "-W0", "-I", ORIGINAL_LIB, "-e", RUBY, BUNDLED_GEMS],
                         capture_output=True, text=True, check=True)
    lines = [line.split() for line in run.stdout.splitlines()]
    preloaded = sorted(set(lines[0][1:]))
    loaded = {words[1]: words[2:] for words in lines[1:] if words[0] == "ok"}
    loads = {}
    for name, features in loaded.items():
        family = name.split("/")[0]
        brought = sorted({f for f in features if f != name and f in loaded
                          and ("/" not in f or f.split("/")[0] == family)})
        if brought and not name.startswith(TOOLS):
            loads[name] = brought
    TARGET.write_text(module_text(preloaded, sorted(loaded), reduced(loads)), encoding="utf-8")
    print(f"{len(loaded)} libraries, {len(loads)} with dependencies", file=sys.stderr)


def closure(name: str, direct: dict[str, list[str]]) -> set[str]:
    found: set[str] = set()
    todo = [name]
    while todo:
        for dep in direct.get(todo.pop(), ()):
            if dep not in found and dep != name:
                found.add(dep)
                todo.append(dep)
    return found


def reduced(loads: dict[str, list[str]]) -> dict[str, list[str]]:
    """Only what a library loads that none of its other dependencies loads
    (the registry follows the chain), where that gives the same closure."""
    direct = {}
    for name, deps in loads.items():
        direct[name] = [dep for dep in deps if not any(
            dep in loads.get(other, ()) and other not in loads.get(dep, ())
            for other in deps if other != dep)]
    for name, deps in loads.items():
        if closure(name, direct) != set(deps):
            direct[name] = deps
    return direct


def words(names: list[str]) -> str:
    return textwrap.fill(" ".join(names), 96, break_on_hyphens=False, break_long_words=False)


def module_text(preloaded: list[str], requirable: list[str], loads: dict[str, list[str]]) -> str:
    pairs = "\n".join(f"{name}: {line}" for name, deps in loads.items()
                      for line in textwrap.wrap(" ".join(deps), 94 - len(name)))
    return f'''"""What `require` finds in the original NCG's Ruby 3.1 process.

Recorded by tests/runtime/record_features.py: do not edit by hand.
"""

# features the original has loaded before any template runs
PRELOADED = frozenset("""
{words(preloaded)}
""".split())

# every library of Ruby 3.1's standard distribution that `require` loads
REQUIRABLE = frozenset("""
{words(requirable)}
""".split())

# what a library's require loads with it, besides what those load in turn
# (a library's line may go on on lines that name it again)
DIRECT_LOADS: dict[str, list[str]] = {{}}
for _line in """
{pairs}
""".strip().splitlines():
    _name, _brought = _line.split(": ")
    DIRECT_LOADS.setdefault(_name, []).extend(_brought.split())
'''


if __name__ == "__main__":
    record()

"""RubyGems' `Gem::Version` (loaded in every Ruby, as in the original):
version strings compared by their segments, `"1.10" > "1.9"`.

A version is its string, stripped, `-` written `.pre.`; its segments are the
runs of digits (Integers) and of letters (Strings). Versions compare by their
segments without trailing zeros (`1.2.0 == 1.2`), a String segment (a
prerelease) before any number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ncg.errors import ArgumentError
from ncg.ruby.runtime.consts import COMPARABLE, OBJECT, RClass, register_class
from ncg.ruby.runtime.core import method
from ncg.ruby.runtime.enumerable import eql_by_fields
from ncg.ruby.runtime.object import include_comparable
from ncg.ruby.runtime.values import to_s

GEM = RClass("Gem", is_module=True)
GEM_VERSION = RClass("Gem::Version", OBJECT, (COMPARABLE,))
_CORRECT = re.compile(
    r"\A\s*([0-9]+(?>\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*\Z")


@dataclass(frozen=True)
class GemVersion:
    version: str

    def segments(self) -> list[int | str]:
        return [int(s) if s.isdigit() else s
                for s in re.findall(r"[0-9]+|[a-zA-Z]+", self.version)]

    def canonical(self) -> list[int | str]:
        """The segments, each part (release, prerelease) without its trailing zeros."""
        segments = self.segments()
        first_string = next((i for i, s in enumerate(segments) if isinstance(s, str)), None)
        parts = [segments] if first_string is None else [segments[:first_string],
                                                          segments[first_string:]]
        out: list[int | str] = []
        for part in parts:
            while part and part[-1] == 0:
                part = part[:-1]
            out.extend(part)
        return out

    def release_segments(self) -> list[int | str]:
        """The segments before the first String one (Ruby pops while any is a String)."""
        segments = self.segments()
        while any(isinstance(s, str) for s in segments):
            segments.pop()
        return segments


register_class(GEM)
register_class(GEM_VERSION, GemVersion)
eql_by_fields(GemVersion, "version")
include_comparable(GemVersion)


def is_correct(value: Any) -> bool:
    text = "" if value is None else to_s(value)
    return _CORRECT.match(text) is not None


@GEM_VERSION.smethod("new")
def new(cls: RClass, version: Any) -> GemVersion:
    if isinstance(version, GemVersion):
        return version
    if not is_correct(version):
        raise ArgumentError(f"Malformed version number string {to_s(version)}")
    text = "" if version is None else to_s(version)
    if isinstance(version, str) and not version.strip():
        text = "0"
    return GemVersion(text.strip().replace("-", ".pre."))


@GEM_VERSION.smethod("create")
def create(cls: RClass, version: Any) -> GemVersion | None:
    return None if version is None else new(cls, version)


@GEM_VERSION.smethod("correct?")
def correct(cls: RClass, version: Any) -> bool:
    return is_correct(version)


method(GemVersion, "to_s", "version")(lambda v: v.version)
method(GemVersion, "inspect")(lambda v: f'#<Gem::Version "{v.version}">')
method(GemVersion, "segments")(lambda v: v.segments())
method(GemVersion, "canonical_segments")(lambda v: v.canonical())
method(GemVersion, "prerelease?")(lambda v: re.search(r"[a-zA-Z]", v.version) is not None)
method(GemVersion, "hash")(lambda v: hash(tuple(v.canonical())))
method(GemVersion, "eql?")(lambda v, other: isinstance(other, GemVersion)
                           and v.version == other.version)


@method(GemVersion, "<=>")
def compare(v: GemVersion, other: Any) -> int | None:
    if isinstance(other, str) and is_correct(other):
        other = new(GEM_VERSION, other)
    if not isinstance(other, GemVersion):
        return None
    left, right = v.canonical(), other.canonical()
    if v.version == other.version or left == right:
        return 0
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else 0
        b = right[i] if i < len(right) else 0
        if a == b:
            continue
        if isinstance(a, str) and isinstance(b, int):
            return -1
        if isinstance(a, int) and isinstance(b, str):
            return 1
        return (a > b) - (a < b)  # type: ignore[operator]
    return 0


@method(GemVersion, "release")
def release(v: GemVersion) -> GemVersion:
    if not re.search(r"[a-zA-Z]", v.version):
        return v
    return GemVersion(".".join(str(s) for s in v.release_segments()))


@method(GemVersion, "bump")
def bump(v: GemVersion) -> GemVersion:
    segments = v.release_segments()
    if len(segments) > 1:
        segments.pop()
    segments[-1] = int(segments[-1]) + 1
    return GemVersion(".".join(str(s) for s in segments))


@method(GemVersion, "approximate_recommendation")
def approximate_recommendation(v: GemVersion) -> str:
    segments = v.release_segments()[:2]
    while len(segments) < 2:
        segments.append(0)
    return "~> " + ".".join(str(s) for s in segments)

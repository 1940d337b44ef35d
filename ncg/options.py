"""Reading the command line as NCG 0.10.3's OptionParser (Ruby 3.1) reads it.

The rules users and scripts rely on, general for every flag, old or new:

- a long flag may be shortened to any unique prefix, word by word and in any
  case (`--dum`, `--e-d`, `--KEYS`); `_` is read as `-`; a flag name that is
  a prefix of a longer one wins over it; two matches are ambiguous;
- short flags combine (`-kv`), take their argument attached or next
  (`-Efile`, `-E file`; `-E=x` is the file `=x`), and a letter that is no
  short flag is taken as a prefix of a long one (`-e file` is `--error-dump`);
- an argument a flag requires is the next word even when it starts with `-`;
  `--flag=VALUE` on a flag without one is a needless argument;
- flags may follow file names (the command line is permuted, unless
  POSIXLY_CORRECT is set); `--` ends the flags, `-` is a file name;
- `-h` prints the help as soon as it is read: later words are not looked at.

Errors are raised as `OptionError(ruby_name, message)` in OptionParser's words.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


class OptionError(Exception):
    """A flag the parser refuses: `ERROR(OptionParser::<kind>): <message>`."""

    def __init__(self, kind: str, reason: str, word: str, hint: str = "") -> None:
        super().__init__(f"{reason}: {word}{hint}")
        self.ruby_name = f"OptionParser::{kind}"
        self.message = f"{reason}: {word}{hint}"


class HelpRequested(Exception):
    """`-h`: the help is printed at once, the rest of the line unread."""


def needless(word: str) -> OptionError:
    return OptionError("NeedlessArgument", "needless argument", word)


def missing(word: str) -> OptionError:
    return OptionError("MissingArgument", "missing argument", word)


def invalid_argument(word: str) -> OptionError:
    return OptionError("InvalidArgument", "invalid argument", word)


# Turns a flag's argument into its value; ValueError: "invalid argument".
Convert = Callable[[str], Any]


@dataclass(frozen=True)
class Flag:
    """One flag: `-s, --long[=ARG]  help`."""

    dest: str  # where its value goes
    long: str  # without "--"
    short: str | None = None  # one letter, without "-"
    arg: str | None = None  # the argument's name (FILENAME) if it takes one
    help: str = ""
    convert: Convert = str
    hidden: bool = False  # left out of `ncg -h`

    def usage(self) -> str:
        """The `-h` line, laid out as OptionParser lays it out."""
        names = f"-{self.short}, " if self.short else "    "
        names += f"--{self.long}" + (f"={self.arg}" if self.arg else "")
        return f"    {names:<32} {self.help}".rstrip() + "\n"


@dataclass
class Parsed:
    values: dict[str, Any] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


TERMINATE = Flag("--", "")  # `--`: OptionParser's own empty long flag
# OptionParser's built-in long flags after the tail's: only its spelling
# suggestions see them (ncg answers completion and --version itself)
OFFICIOUS = ("*-completion-bash", "*-completion-zsh", "version")


def word_pattern(key: str, icase: bool) -> re.Pattern[str]:
    """OptionParser's completion: every word typed may be the start of a word."""
    pattern = re.sub(r"(\w+)\b", r"\1\\w*", re.escape(key))
    return re.compile(pattern, re.IGNORECASE if icase else 0)


class AmbiguousError(Exception):
    pass


def complete(names: dict[str, Flag], key: str, icase: bool) -> Flag | None:
    """The flag `key` abbreviates among `names` (None: none; AmbiguousError)."""
    pattern = word_pattern(key, icase)
    candidates = sorted(((name, flag) for name, flag in names.items() if pattern.match(name)),
                        key=lambda item: len(item[0]))
    if not candidates:
        return None
    canon, chosen = candidates[0]
    for name, flag in candidates[1:]:
        if flag is chosen or name.startswith(canon):
            continue  # the same flag, or a longer name than an exact prefix
        raise AmbiguousError
    return chosen


class Parser:
    """The flags in OptionParser's lists: the command's own first, then `-h`."""

    def __init__(self, flags: Sequence[Flag], tail: Sequence[Flag]) -> None:
        self.flags = list(flags)
        self.tail = list(tail)
        self.lists = [self._table(self.flags), self._table(self.tail),
                      ({}, {"": TERMINATE})]
        # the names "Did you mean?" chooses from, in OptionParser's order
        self.names = [*(f.long for f in self.flags), *(f.long for f in self.tail), *OFFICIOUS]

    @staticmethod
    def _table(flags: Sequence[Flag]) -> tuple[dict[str, Flag], dict[str, Flag]]:
        shorts = {f.short: f for f in flags if f.short}
        longs = {f.long: f for f in flags}
        return shorts, longs

    def find_long(self, key: str, icase: bool) -> Flag | None:
        """Exact name first in every list, then a unique abbreviation, list by list."""
        for _, longs in self.lists:
            if key in longs:
                return longs[key]
        for _, longs in self.lists:
            found = complete(longs, key, icase)
            if found is not None:
                return found
        return None

    def unknown(self, kind: str, reason: str, word: str, key: str) -> OptionError:
        """An unknown or ambiguous flag, with Ruby's spelling suggestions for `key`."""
        from ncg.spelling import suggestions

        return OptionError(kind, reason, word, suggestions(key, self.names))

    def find_short(self, letter: str) -> Flag | None:
        for shorts, _ in self.lists:
            if letter in shorts:
                return shorts[letter]
        return None

    def parse(self, argv: Sequence[str]) -> Parsed:
        """The flags' values and the file names; raises OptionError, HelpRequested."""
        words = list(argv)
        parsed = Parsed()
        in_order = "POSIXLY_CORRECT" in os.environ
        while words:
            word = words.pop(0)
            if word.startswith("--"):
                if self._long(word, words, parsed):
                    break
            elif len(word) > 1 and word.startswith("-"):
                self._short(word, words, parsed)
            else:
                parsed.files.append(word)
                if in_order:
                    break
        parsed.files.extend(words)
        return parsed

    def _long(self, word: str, words: list[str], parsed: Parsed) -> bool:
        """One `--name[=value]` word; True at `--`."""
        name, eq, rest = word[2:].partition("=")
        value = rest if eq else None
        key = name.replace("_", "-")
        try:
            flag = self.find_long(key, icase=True)
        except AmbiguousError:
            raise self.unknown("AmbiguousOption", "ambiguous option", word, key) from None
        if flag is None:
            raise self.unknown("InvalidOption", "invalid option", word, key)
        if flag.arg is None:
            if value is not None:
                raise needless(word)
            return self._set(flag, None, parsed)
        if value is None:
            if not words:
                raise missing(word)
            value = words.pop(0)
            word = f"{word} {value}"
        return self._set(flag, self._convert(flag, value, word), parsed)

    def _short(self, word: str, words: list[str], parsed: Parsed) -> None:
        """One `-x...` word: a letter, then its argument or more letters."""
        letter, rest = word[1], word[2:] or None
        eq = rest is not None and rest.startswith("=")
        flag = self.find_short(letter)
        if flag is None:
            try:
                flag = self.find_long(letter, icase=False)
            except AmbiguousError:
                raise self.unknown("AmbiguousOption", "ambiguous option", word, letter) from None
            if flag is None:
                raise self.unknown("InvalidOption", "invalid option", word, letter)
            eq = eq or rest is None
        if flag.arg is None:
            if rest is not None and eq:
                raise needless(word)
            self._set(flag, None, parsed)
            more = "-" + rest.lstrip("-") if rest is not None else "-"
            if more != "-":  # the letters after it are flags of their own
                words.insert(0, more)
            return
        if rest is None:
            if not words:
                raise missing(word)
            rest = words.pop(0)
            word = f"{word} {rest}"
        self._set(flag, self._convert(flag, rest, word), parsed)

    @staticmethod
    def _convert(flag: Flag, value: str, word: str) -> Any:
        try:
            return flag.convert(value)
        except ValueError:
            raise invalid_argument(word) from None

    @staticmethod
    def _set(flag: Flag, value: Any, parsed: Parsed) -> bool:
        if flag is TERMINATE:
            return True
        if flag.dest == "help":
            raise HelpRequested
        parsed.values[flag.dest] = True if flag.arg is None else value
        return False

    def usage_lines(self) -> str:
        return "".join(flag.usage() for flag in [*self.flags, *self.tail] if not flag.hidden)


RUBY_INTEGER = re.compile(
    r"[-+]?(?:0(?:[0-7]+(?:_[0-7]+)*|b[01]+(?:_[01]+)*|x[\da-f]+(?:_[\da-f]+)*)?|\d+(?:_\d+)*)",
    re.IGNORECASE)


def ruby_integer(text: str) -> int:
    """An Integer flag's argument as OptionParser reads it (0x10, 010, 1_000)."""
    if not RUBY_INTEGER.fullmatch(text):
        raise ValueError(text)
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    if len(digits) > 1 and digits[0] == "0" and digits[1] in "bBxX":
        return sign * int(digits, 0)
    if len(digits) > 1 and digits[0] == "0":
        return sign * int(digits, 8)
    return sign * int(digits)


def one_of(*choices: str) -> Convert:
    """An argument from a list, shortened to any unique prefix as OptionParser allows."""
    def convert(text: str) -> str:
        if text in choices:
            return text
        matches = [c for c in choices if word_pattern(text, False).match(c)]
        if len(matches) != 1:
            raise ValueError(text)
        return matches[0]
    return convert

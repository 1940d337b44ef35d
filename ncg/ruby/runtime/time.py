"""Ruby's Time: `Time.now`, `strftime`, `to_s` (`2026-11-25 17:58:21 +0000`)…

A Time is an instant in nanoseconds since the epoch, shown in local time
(or UTC for `Time.utc`/`#utc`), as Ruby does.
"""

from __future__ import annotations

import calendar
import math
import os
import re
import time as pytime
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from fractions import Fraction
from typing import Any

from ncg.errors import ArgumentError, NotImplementedError_, TypeError_
from ncg.ruby.runtime.consts import CLASS_OF, TIME, RClass
from ncg.ruby.runtime.core import method
from ncg.ruby.runtime.enumerable import eql_by_fields, implicit_conversion_error
from ncg.ruby.runtime.kernel import ruby_integer
from ncg.ruby.runtime.numeric import is_number
from ncg.ruby.runtime.object import include_comparable

NANOS = 1_000_000_000
RUBY_ONLY_DIRECTIVE = re.compile(r"%(-?)(\d*)([LNszZ]|:z|%)")


@dataclass(frozen=True)
class Time:
    """One instant; `utc` says whether it shows as UTC, `offset` (seconds east
    of UTC) a fixed offset it shows in (`Time.parse("… +0200")`), else the
    local zone."""

    nanos: int
    utc: bool = False
    offset: int | None = None

    def moment(self) -> datetime:
        seconds, rest = divmod(self.nanos, NANOS)
        if self.utc:
            zone = UTC
        elif self.offset is not None:
            zone = timezone(timedelta(seconds=self.offset))
        else:
            zone = local_zone(seconds)
        return datetime.fromtimestamp(seconds, zone).replace(microsecond=rest // 1000)

    def subsec_nanos(self) -> int:
        return self.nanos % NANOS


CLASS_OF[Time] = TIME


def local_zone(seconds: int) -> timezone:
    local = pytime.localtime(seconds)
    return timezone(timedelta(seconds=local.tm_gmtoff), local.tm_zone)


def offset_text(moment: datetime, colon: bool = False) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{':' if colon else ''}{mins:02d}"


def strftime(t: Time, fmt: str) -> str:
    """Ruby's strftime: C's directives, plus %L, %N, %s, %z and %:z done here."""
    moment = t.moment()

    def ruby_directive(match: re.Match[str]) -> str:
        flag, width, kind = match.groups()
        if kind == "%":
            return "%%"
        if kind == "L":
            text = f"{t.subsec_nanos():09d}"[: int(width or 3)].ljust(int(width or 3), "0")
        elif kind == "N":
            text = f"{t.subsec_nanos():09d}"[: int(width or 9)].ljust(int(width or 9), "0")
        elif kind == "s":
            text = str(t.nanos // NANOS)
        elif kind == "Z":  # a fixed offset has no zone name
            text = "" if t.offset is not None and not t.utc else moment.tzname() or ""
        else:
            text = offset_text(moment, colon=kind == ":z")
        return text.replace("%", "%%")

    return moment.strftime(RUBY_ONLY_DIRECTIVE.sub(ruby_directive, fmt))


def time_to_s(t: Time) -> str:
    moment = t.moment()
    zone = "UTC" if t.utc else offset_text(moment)
    return moment.strftime("%Y-%m-%d %H:%M:%S ") + zone


def current_time() -> Time:
    """The time of the run: now, or `SOURCE_DATE_EPOCH` (seconds since 1970,
    shown at offset +0000) when set, so that builds are reproducible."""
    epoch = source_date_epoch()
    if epoch is None:
        return Time(pytime.time_ns())
    return Time(epoch * NANOS, offset=0)


def source_date_epoch() -> int | None:
    """`SOURCE_DATE_EPOCH` as seconds, None when unset or empty."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not value:
        return None
    if not value.isascii() or not value.isdigit():
        raise ArgumentError(
            f"invalid SOURCE_DATE_EPOCH: {value!r} (expected seconds since 1970-01-01 UTC)")
    return int(value)


@TIME.smethod("now")
def now(cls: RClass) -> Time:
    return current_time()


SUBSECOND_UNITS = {"millisecond": 10**6, "usec": 1000, "microsecond": 1000, "nsec": 1,
                   "nanosecond": 1}


def exact_nanos(seconds: Any) -> int:
    """Nanoseconds in a number of seconds, from the exact value of a Float."""
    if not is_number(seconds):
        raise TypeError_("can't convert into an exact number")
    return math.floor(Fraction(seconds) * NANOS)


@TIME.smethod("at")
def at(cls: RClass, seconds: Any, subsec: Any = None, unit: Any = None) -> Time:
    """Time.at(seconds) or Time.at(seconds, subseconds, :usec / :millisecond / :nsec)."""
    if type(seconds) is Time:
        return seconds
    nanos = exact_nanos(seconds)
    if subsec is not None:
        scale = SUBSECOND_UNITS.get(getattr(unit, "name", "usec"))
        if scale is None:
            raise ArgumentError(f"unexpected unit: {unit.name}")
        nanos += math.floor(Fraction(subsec) * scale)
    return Time(nanos)


MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
               "dec")
# Ruby reads each field into an unsigned bit field first ("argument out of
# range" when it does not fit), then checks the calendar's own range.
FIELD_LIMITS = (("mon", 4, 1, 12), ("mday", 5, 1, 31), ("hour", 5, 0, 24), ("min", 6, 0, 59),
                ("sec", 6, 0, 60))


def civil_field(value: Any, month: bool = False) -> Any:
    """One argument of Time.utc/local as Ruby reads it: an Integer, a Float or
    Rational (only seconds keep their fraction), a decimal String, a month's
    three-letter name."""
    if isinstance(value, str):
        if month and value.lower() in MONTH_NAMES:
            return MONTH_NAMES.index(value.lower()) + 1
        return ruby_integer(value, 10)
    if isinstance(value, bool) or not is_number(value):
        raise implicit_conversion_error(value, "Integer")
    return value


def civil(year: Any, month: Any, day: Any, hour: Any, minute: Any,
          second: Any) -> tuple[tuple[int, ...], int]:
    """The fields of Time.utc(year, month…) as Ruby checks them, and the
    nanoseconds of a fractional second."""
    if year is None:
        raise TypeError_("no implicit conversion of nil into Integer")
    fields = [math.trunc(civil_field(year))]
    defaults = (1, 1, 0, 0, 0)
    nanos = 0
    for (name, bits, low, high), value, default in zip(
            FIELD_LIMITS, (month, day, hour, minute, second), defaults, strict=True):
        value = default if value is None else civil_field(value, month=name == "mon")
        whole = math.floor(value)
        if name == "sec":
            nanos = math.floor((Fraction(value) - whole) * NANOS)
        else:
            whole = math.trunc(value)
        if not 0 <= whole < 1 << bits:
            raise ArgumentError("argument out of range")
        if not low <= whole <= high:
            raise ArgumentError(f"{name} out of range")
        fields.append(whole)
    if fields[3] == 24:
        for name, value in (("min", fields[4]), ("sec", fields[5])):
            if value or (name == "sec" and nanos):
                raise ArgumentError(f"{name} out of range")
    return tuple(fields), nanos


@TIME.smethod("utc", "gm")
def utc(cls: RClass, year: Any, month: Any = None, day: Any = None, hour: Any = None,
        minute: Any = None, second: Any = None) -> Time:
    fields, nanos = civil(year, month, day, hour, minute, second)
    return Time(calendar.timegm(fields) * NANOS + nanos, utc=True)


@TIME.smethod("local", "mktime", "new")
def local(cls: RClass, *args: Any) -> Time:
    if not args:
        return now(cls)
    if len(args) > 6:
        raise NotImplementedError_("Time.local/Time.new with a zone or the 10-argument form")
    fields, nanos = civil(*args, *(None,) * (6 - len(args)))
    stamp = pytime.mktime((*fields, 0, 0, -1))
    return Time(int(stamp) * NANOS + nanos)


@method(Time, "to_s")
def to_s(t: Time) -> str:
    return time_to_s(t)


@method(Time, "inspect")
def inspect(t: Time) -> str:
    text = time_to_s(t)
    fraction = t.subsec_nanos()
    if not fraction:
        return text
    day, rest = text[:19], text[19:]
    return f"{day}.{f'{fraction:09d}'.rstrip('0')}{rest}"


@method(Time, "strftime")
def strftime_method(t: Time, fmt: Any) -> str:
    return strftime(t, fmt)


FIELDS = {
    "year": lambda m: m.year,
    "month": lambda m: m.month,
    "mon": lambda m: m.month,
    "day": lambda m: m.day,
    "mday": lambda m: m.day,
    "hour": lambda m: m.hour,
    "min": lambda m: m.minute,
    "sec": lambda m: m.second,
    "wday": lambda m: (m.weekday() + 1) % 7,
    "yday": lambda m: m.timetuple().tm_yday,
    "utc_offset": lambda m: int((m.utcoffset() or timedelta(0)).total_seconds()),
}


def field_method(name: str) -> None:
    def read(t: Time) -> Any:
        return FIELDS[name](t.moment())

    method(Time, name)(read)


for _name in FIELDS:
    field_method(_name)


@method(Time, "zone")
def zone(t: Time) -> str | None:
    """The zone's name; nil for a fixed offset."""
    if t.offset is not None and not t.utc:
        return None
    return t.moment().tzname()


@method(Time, "usec")
def usec(t: Time) -> int:
    return t.subsec_nanos() // 1000


@method(Time, "nsec")
def nsec(t: Time) -> int:
    return t.subsec_nanos()


@method(Time, "to_i")
def to_i(t: Time) -> int:
    return t.nanos // NANOS


@method(Time, "to_f")
def to_f(t: Time) -> float:
    return t.nanos / NANOS


@method(Time, "utc", "getutc", "gmtime")
def to_utc(t: Time) -> Time:
    return Time(t.nanos, utc=True)


@method(Time, "localtime", "getlocal")
def to_local(t: Time) -> Time:
    return Time(t.nanos)


@method(Time, "utc?", "gmt?")
def is_utc(t: Time) -> bool:
    return t.utc


@method(Time, "+")
def plus(t: Time, seconds: Any) -> Time:
    return Time(t.nanos + exact_nanos(seconds), t.utc, t.offset)


@method(Time, "-")
def minus(t: Time, other: Any) -> Any:
    if type(other) is Time:
        return (t.nanos - other.nanos) / NANOS
    return Time(t.nanos - exact_nanos(other), t.utc, t.offset)


@method(Time, "<=>")
def compare(t: Time, other: Any) -> int | None:
    if type(other) is not Time:
        return None
    return (t.nanos > other.nanos) - (t.nanos < other.nanos)


@method(Time, "==", "eql?")
def equal(t: Time, other: Any) -> bool:
    return type(other) is Time and t.nanos == other.nanos


@method(Time, "hash")
def hash_(t: Time) -> int:
    return hash(t.nanos)


include_comparable(Time)


eql_by_fields(Time, "nanos")

"""`require 'time'`: Time.parse and Time.iso8601, and Time#iso8601/xmlschema,
httpdate, rfc2822 — the Time methods Ruby 3.1 keeps in its `time` library.

A parsed time with a zone shows in the local zone when that has the same
offset then, else at the fixed offset (`2020-01-02 03:04:05 +0200`), as
Ruby's `Time.parse` chooses.
"""

from __future__ import annotations

import calendar
import datetime as pydt
import re
import time as pytime
from typing import Any

from ncg.errors import ArgumentError
from ncg.ruby.runtime.core import send
from ncg.ruby.runtime.enumerable import to_int, to_str
from ncg.ruby.runtime.libraries import library_method
from ncg.ruby.runtime.stdlib.date import parse_fields
from ncg.ruby.runtime.time import NANOS, TIME, Time, local_zone, offset_text, strftime

_UTC_ZONES = re.compile(r"\A(?:-00:00|-0000|-00|UTC|Z|UT)\Z", re.I)
_XMLSCHEMA = re.compile(
    r"\s*(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d(?::?\d\d)?)?\s*\Z",
    re.I)


def in_zone(nanos: int, zone: str | None, offset: int | None) -> Time:
    """Ruby's force_zone!: UTC for a UTC zone; the local zone if it has that
    offset at that instant; else the fixed offset."""
    if zone is not None and _UTC_ZONES.match(zone):
        return Time(nanos, utc=True)
    if offset is None:
        return Time(nanos)
    local = local_zone(nanos // NANOS).utcoffset(None)
    if local is not None and int(local.total_seconds()) == offset:
        return Time(nanos)
    return Time(nanos, offset=offset)


def make_time(year: int, month: int, day: int, hour: int, minute: int, second: int,
              nanos: int, offset: int | None) -> int:
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour <= 24 and minute < 60 and second <= 60):
        raise ArgumentError("argument out of range")
    fields = (year, month, day, hour, minute, second)
    if offset is None:
        seconds = int(pytime.mktime((*fields, 0, 0, -1)))
    else:
        seconds = calendar.timegm(fields) - offset
    return seconds * NANOS + nanos


@library_method("time", TIME, "parse")
def time_parse(cls: Any, text: Any, *_now: Any) -> Time:
    source = to_str(text)
    parsed = parse_fields(source)
    if not parsed.found():
        raise ArgumentError(f"no time information in {send(source, 'inspect')}")
    today = pydt.date.today()
    year = parsed.year if parsed.year is not None else today.year
    month = parsed.month if parsed.month is not None else (1 if parsed.year else today.month)
    day = parsed.day if parsed.day is not None else (
        1 if parsed.year or parsed.month else today.day)
    nanos = int(parsed.fraction * NANOS) if parsed.fraction is not None else 0
    stamp = make_time(year, month, day, parsed.hour or 0, parsed.minute or 0,
                      parsed.second or 0, nanos, parsed.offset)
    return in_zone(stamp, parsed.zone, parsed.offset)


@library_method("time", TIME, "iso8601", "xmlschema")
def time_iso8601_parse(cls: Any, text: Any) -> Time:
    source = to_str(text)
    match = _XMLSCHEMA.match(source)
    if match is None:
        raise ArgumentError(f"invalid xmlschema format: {send(source, 'inspect')}")
    year, month, day, hour, minute, second = (int(match[i]) for i in range(1, 7))
    fraction = match[7] or ""
    nanos = int(fraction[:9].ljust(9, "0")) if fraction else 0
    zone = match[8]
    offset = None
    if zone is not None and zone.upper() != "Z":
        digits = zone[1:].replace(":", "")
        offset = (-1 if zone[0] == "-" else 1) * (int(digits[:2]) * 3600 + int(digits[2:] or 0)
                                                   * 60)
    if zone is not None and zone.upper() == "Z":
        offset = 0
    stamp = make_time(year, month, day, hour, minute, second, nanos, offset)
    return in_zone(stamp, zone, offset)


@library_method("time", Time, "iso8601", "xmlschema")
def time_iso8601(t: Time, digits: Any = 0) -> str:
    places = to_int(digits)
    text = strftime(t, "%Y-%m-%dT%H:%M:%S")
    if places > 0:
        text += "." + f"{t.subsec_nanos():09d}"[:places].ljust(places, "0")
    return text + ("Z" if t.utc else offset_text(t.moment(), colon=True))


@library_method("time", Time, "httpdate")
def time_httpdate(t: Time) -> str:
    return strftime(Time(t.nanos, utc=True), "%a, %d %b %Y %H:%M:%S GMT")


@library_method("time", Time, "rfc2822", "rfc822")
def time_rfc2822(t: Time) -> str:
    zone = "-0000" if t.utc else offset_text(t.moment())
    return strftime(t, "%a, %d %b %Y %H:%M:%S ") + zone

"""`require 'date'` (and `time`, which brings it): Ruby's Date, a day of the
proleptic Gregorian calendar, and the lenient parse (`Date._parse`) that
`Date.parse` and `Time.parse` share.
"""

from __future__ import annotations

import calendar
import datetime as pydt
import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ncg.errors import ArgumentError, TypeError_
from ncg.ruby.runtime.consts import CLASS_OF, COMPARABLE, OBJECT, RClass
from ncg.ruby.runtime.core import method
from ncg.ruby.runtime.enumerable import eql_by_fields, to_int, to_str
from ncg.ruby.runtime.libraries import library_constant, library_exception, library_method
from ncg.ruby.runtime.object import include_comparable
from ncg.ruby.runtime.time import Time, strftime

Block = Callable[..., Any] | None

DATE = library_constant("Date", RClass("Date", OBJECT, (COMPARABLE,)), "date")
DateError = library_exception("Date::Error", ArgumentError, "date")
JD_OF_ORDINAL_ZERO = 1721425  # Julian Day Number of Python's ordinal 0 (0000-12-31)
MONTHNAMES = [None, *calendar.month_name[1:]]
DAYNAMES = [calendar.day_name[(i - 1) % 7] for i in range(7)]
for _name, _value in (("MONTHNAMES", MONTHNAMES), ("DAYNAMES", DAYNAMES),
                      ("ABBR_MONTHNAMES", [None, *calendar.month_abbr[1:]]),
                      ("ABBR_DAYNAMES", [d[:3] for d in DAYNAMES]),
                      ("ITALY", 2299161), ("ENGLAND", 2361222), ("GREGORIAN", -float("inf"))):
    library_constant(f"Date::{_name}", _value, "date")


@dataclass(frozen=True)
class Date:
    """A calendar day (Python's proleptic Gregorian ordinal)."""

    ordinal: int

    def day(self) -> pydt.date:
        return pydt.date.fromordinal(self.ordinal)


CLASS_OF[Date] = DATE
eql_by_fields(Date, "ordinal")


def civil(year: int, month: int, day: int) -> Date:
    """Date.new's rules: negative month and day count from the end."""
    if month < 0:
        month += 13
    if not 1 <= month <= 12:
        raise DateError("invalid date")
    last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    if day < 0:
        day += last + 1
    try:
        return Date(pydt.date(year, month, day).toordinal())
    except ValueError:
        raise DateError("invalid date") from None


@DATE.smethod("new", "civil")
def date_new(cls: RClass, year: Any = -4712, month: Any = 1, day: Any = 1, *_start: Any) -> Date:
    return civil(to_int(year), to_int(month), to_int(day))


@DATE.smethod("today")
def date_today(cls: RClass, *_start: Any) -> Date:
    return Date(pydt.date.today().toordinal())


@DATE.smethod("valid_date?", "valid_civil?")
def date_valid(cls: RClass, year: Any, month: Any, day: Any, *_start: Any) -> bool:
    try:
        civil(to_int(year), to_int(month), to_int(day))
    except DateError:
        return False
    return True


@DATE.smethod("leap?", "gregorian_leap?")
def date_leap_year(cls: RClass, year: Any) -> bool:
    return calendar.isleap(to_int(year))


@DATE.smethod("jd")
def date_jd(cls: RClass, number: Any = 0, *_start: Any) -> Date:
    return Date(to_int(number) - JD_OF_ORDINAL_ZERO)


# -- Date._parse: the fields a date/time text names -----------------------------

_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ZONES = {"utc": 0, "ut": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
          "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "cet": 1, "cest": 2, "bst": 1,
          "jst": 9}
_ZONE = re.compile(r"(?<![a-z])(z|utc|ut|gmt|[ecmp][sd]t|cest|cet|bst|jst)(?![a-z])"
                   r"|([+-])(\d{1,2})(?::?(\d{2}))?\s*$", re.I)
_TIME = re.compile(
    r"(?<!\d)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d+))?)?(?:\s*([ap])\.?m\.?\b)?"
    r"|(?<!\d)(\d{1,2})\s*([ap])\.?m\.?\b", re.I)
_DATES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[Any, Any, Any]]]] = [
    (re.compile(r"(?<!\d)([-+]?\d{2,})-(\d{1,2})-(\d{1,2})(?!\d)"),
     lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?:t(\d{2})(\d{2})(\d{2})?)?", re.I),
     lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)"),
     lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{2,4})(?!\d)"),
     lambda m: (int(m[3]), int(m[2]), int(m[1]))),
    (re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s*" + _MONTH + r",?\s*(\d{3,})?", re.I),
     lambda m: (m[3] and int(m[3]), _MONTHS.index(m[2].lower()) + 1, int(m[1]))),
    (re.compile(_MONTH + r"\s*(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s*(\d{3,}))?", re.I),
     lambda m: (m[3] and int(m[3]), _MONTHS.index(m[1].lower()) + 1, int(m[2]))),
    (re.compile(_MONTH + r"\s*(\d{4})", re.I),
     lambda m: (int(m[2]), _MONTHS.index(m[1].lower()) + 1, None)),
]


@dataclass
class Parsed:
    """What `Date._parse` found: each field, or None."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    fraction: Fraction | None = None
    offset: int | None = None
    zone: str | None = None

    def found(self) -> bool:
        return any(v is not None for v in (self.year, self.month, self.day, self.hour))


def parse_fields(text: str) -> Parsed:
    parsed = Parsed()
    rest = parse_time(text, parsed)
    for pattern, fields in _DATES:
        match = pattern.search(rest)
        if match is not None:
            parsed.year, parsed.month, parsed.day = fields(match)
            compact = match.lastindex is not None and match.lastindex >= 5 and match[4]
            if compact:
                parsed.hour, parsed.minute = int(match[4]), int(match[5])
                parsed.second = int(match[6]) if match[6] else 0
            break
    return parsed


def parse_time(text: str, parsed: Parsed) -> str:
    """Take the time of day and the zone out of `text`; what is left names the date."""
    match = _TIME.search(text)
    if match is None:
        return text
    if match[6] is not None:
        hour, minute, second, fraction, meridian = int(match[6]), 0, None, None, match[7]
    else:
        hour, minute = int(match[1]), int(match[2])
        second = int(match[3]) if match[3] else None
        fraction, meridian = match[4], match[5]
    if meridian:
        hour = hour % 12 + (12 if meridian.lower() == "p" else 0)
    parsed.hour, parsed.minute, parsed.second = hour, minute, second
    if fraction:
        parsed.fraction = Fraction(int(fraction), 10 ** len(fraction))
    after = text[match.end():]
    zone = _ZONE.search(after)
    if zone is not None:
        parsed.zone = zone[0].strip()
        if zone[1]:
            parsed.offset = _ZONES[zone[1].lower()] * 3600
        else:
            sign = -1 if zone[2] == "-" else 1
            parsed.offset = sign * (int(zone[3]) * 3600 + int(zone[4] or 0) * 60)
    return text[:match.start()] + " " + after[:zone.start()] if zone else text[:match.start()]


@DATE.smethod("parse")
def date_parse(cls: RClass, text: Any = "-4712-01-01", *_options: Any) -> Date:
    parsed = parse_fields(to_str(text))
    if parsed.year is None and parsed.month is None and parsed.day is None:
        raise DateError("invalid date")
    today = pydt.date.today()
    year = parsed.year if parsed.year is not None else today.year
    month = parsed.month if parsed.month is not None else 1 if parsed.year else today.month
    return civil(year, month, parsed.day if parsed.day is not None else 1)


# -- Date's methods --------------------------------------------------------------

def plus_months(d: Date, months: int) -> Date:
    day = d.day()
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return Date(pydt.date(year, month + 1, min(day.day, last)).toordinal())


@method(Date, "to_s", "iso8601", "xmlschema")
def date_to_s(d: Date) -> str:
    return d.day().isoformat()


@method(Date, "inspect")
def date_inspect(d: Date) -> str:
    return f"#<Date: {date_to_s(d)} (({d.ordinal + JD_OF_ORDINAL_ZERO}j,0s,0n),+0s,2299161j)>"


def as_time(d: Date) -> Time:
    """Midnight of the day, local time (what Date#to_time and strftime see)."""
    import time as pytime

    day = d.day()
    seconds = pytime.mktime((day.year, day.month, day.day, 0, 0, 0, 0, 0, -1))
    return Time(int(seconds) * 1_000_000_000)


@method(Date, "strftime")
def date_strftime(d: Date, fmt: Any = "%F") -> str:
    day = d.day()
    midnight_utc = Time(calendar.timegm((day.year, day.month, day.day, 0, 0, 0)) * 10**9,
                        offset=0)
    return strftime(midnight_utc, to_str(fmt))


@method(Date, "httpdate")
def date_httpdate(d: Date) -> str:
    return date_strftime(d, "%a, %d %b %Y %H:%M:%S GMT")


@method(Date, "rfc3339")
def date_rfc3339(d: Date) -> str:
    return date_strftime(d, "%Y-%m-%dT%H:%M:%S+00:00")


@method(Date, "+")
def date_plus(d: Date, days: Any) -> Date:
    if type(days) is not int:
        raise TypeError_("expected numeric")
    return Date(d.ordinal + days)


@method(Date, "-")
def date_minus(d: Date, other: Any) -> Any:
    if type(other) is Date:
        return Fraction(d.ordinal - other.ordinal)
    if type(other) is not int:
        raise TypeError_("expected numeric")
    return Date(d.ordinal - other)


@method(Date, ">>")
def date_later_months(d: Date, months: Any) -> Date:
    return plus_months(d, to_int(months))


@method(Date, "<<")
def date_earlier_months(d: Date, months: Any) -> Date:
    return plus_months(d, -to_int(months))


for _name, _sign in (("next_day", 1), ("prev_day", -1)):
    method(Date, _name)(lambda d, n=1, s=_sign: Date(d.ordinal + s * to_int(n)))
for _name, _sign, _months in (("next_month", 1, 1), ("prev_month", -1, 1),
                              ("next_year", 1, 12), ("prev_year", -1, 12)):
    method(Date, _name)(lambda d, n=1, s=_sign, m=_months: plus_months(d, s * m * to_int(n)))
method(Date, "succ", "next")(lambda d: Date(d.ordinal + 1))

FIELDS: dict[str, Callable[[pydt.date], Any]] = {
    "year": lambda day: day.year,
    "month": lambda day: day.month,
    "mon": lambda day: day.month,
    "day": lambda day: day.day,
    "mday": lambda day: day.day,
    "wday": lambda day: day.isoweekday() % 7,
    "yday": lambda day: day.timetuple().tm_yday,
    "cwday": lambda day: day.isoweekday(),
    "cweek": lambda day: day.isocalendar()[1],
    "cwyear": lambda day: day.isocalendar()[0],
    "leap?": lambda day: calendar.isleap(day.year),
}
for _name, _field in FIELDS.items():
    method(Date, _name)(lambda d, f=_field: f(d.day()))
for _index, _day in enumerate(DAYNAMES):
    method(Date, _day.lower() + "?")(lambda d, i=_index: d.day().isoweekday() % 7 == i)


@method(Date, "jd")
def date_jd_number(d: Date) -> int:
    return d.ordinal + JD_OF_ORDINAL_ZERO


@method(Date, "mjd")
def date_mjd(d: Date) -> int:
    return d.ordinal + JD_OF_ORDINAL_ZERO - 2400001


@method(Date, "to_date")
def date_to_date(d: Date) -> Date:
    return d


@method(Date, "to_time")
def date_to_time(d: Date) -> Time:
    return as_time(d)


@method(Date, "<=>")
def date_compare(d: Date, other: Any) -> int | None:
    if type(other) is not Date:
        return None
    return (d.ordinal > other.ordinal) - (d.ordinal < other.ordinal)


@method(Date, "==", "eql?", "===")
def date_equal(d: Date, other: Any) -> bool:
    return type(other) is Date and d.ordinal == other.ordinal


@method(Date, "hash")
def date_hash(d: Date) -> int:
    return hash(d.ordinal)


include_comparable(Date)


@library_method("date", Time, "to_date")
def time_to_date(t: Time) -> Date:
    return Date(t.moment().date().toordinal())

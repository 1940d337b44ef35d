# ruff: noqa: E501  (a table of cases, one per line)
"""Time: printing, strftime, fields and arithmetic, against Ruby (run with TZ=UTC, as tests/conftest.py sets).

Expected values were recorded from real Ruby 3.1 (`ruby -e 'p(EXPR)'`).
"""

import pytest

from .helpers import C, R, fn, outcome, s, sym  # noqa: F401

CASES = [
    ('Time.at(1700000000, 123456789, :nsec).utc', lambda: s(s(C('Time'), 'at', 1700000000, 123456789, sym('nsec')), 'utc'), '2023-11-14 22:13:20.123456789 UTC'),
    ('Time.at(1700000000, 5).usec', lambda: s(s(C('Time'), 'at', 1700000000, 5), 'usec'), '5'),
    ('Time.at(1700000000).utc.to_s', lambda: s(s(s(C('Time'), 'at', 1700000000), 'utc'), 'to_s'), '"2023-11-14 22:13:20 UTC"'),
    ('Time.at(1700000000).to_s', lambda: s(s(C('Time'), 'at', 1700000000), 'to_s'), '"2023-11-14 22:13:20 +0000"'),
    ("Time.at(1700000000).strftime('%Y-%m-%d %H:%M:%S %z %Z %a %A %b %B %j %p %y %e %-d %s %P %:z %I %l %^a %10A %-m %%')", lambda: s(s(C('Time'), 'at', 1700000000), 'strftime', '%Y-%m-%d %H:%M:%S %z %Z %a %A %b %B %j %p %y %e %-d %s %P %:z %I %l %^a %10A %-m %%'), '"2023-11-14 22:13:20 +0000 UTC Tue Tuesday Nov November 318 PM 23 14 14 1700000000 pm +00:00 10 10 TUE    Tuesday 11 %"'),
    ("Time.at(1700000000.5).strftime('%L %N %3N')", lambda: s(s(C('Time'), 'at', 1700000000.5), 'strftime', '%L %N %3N'), '"500 500000000 500"'),
    ('Time.at(0).utc', lambda: s(s(C('Time'), 'at', 0), 'utc'), '1970-01-01 00:00:00 UTC'),
    ('Time.at(1.5).utc', lambda: s(s(C('Time'), 'at', 1.5), 'utc'), '1970-01-01 00:00:01.5 UTC'),
    ('Time.utc(2020, 1, 2, 3, 4, 5)', lambda: s(C('Time'), 'utc', 2020, 1, 2, 3, 4, 5), '2020-01-02 03:04:05 UTC'),
    ('Time.local(2020, 1, 2)', lambda: s(C('Time'), 'local', 2020, 1, 2), '2020-01-02 00:00:00 +0000'),
    ('Time.at(1700000000).year', lambda: s(s(C('Time'), 'at', 1700000000), 'year'), '2023'),
    ('Time.at(1700000000).month', lambda: s(s(C('Time'), 'at', 1700000000), 'month'), '11'),
    ('Time.at(1700000000).wday', lambda: s(s(C('Time'), 'at', 1700000000), 'wday'), '2'),
    ('Time.at(1700000000).yday', lambda: s(s(C('Time'), 'at', 1700000000), 'yday'), '318'),
    ('Time.at(1700000000).hour', lambda: s(s(C('Time'), 'at', 1700000000), 'hour'), '22'),
    ('Time.at(1700000000).to_i', lambda: s(s(C('Time'), 'at', 1700000000), 'to_i'), '1700000000'),
    ('Time.at(1700000000) + 1.5', lambda: s(s(C('Time'), 'at', 1700000000), '+', 1.5), '2023-11-14 22:13:21.5 +0000'),
    ('Time.at(1700000000) - 60', lambda: s(s(C('Time'), 'at', 1700000000), '-', 60), '2023-11-14 22:12:20 +0000'),
    ('Time.at(1700000010) - Time.at(1700000000)', lambda: s(s(C('Time'), 'at', 1700000010), '-', s(C('Time'), 'at', 1700000000)), '10.0'),
    ('Time.at(1700000000) < Time.at(1700000001)', lambda: s(s(C('Time'), 'at', 1700000000), '<', s(C('Time'), 'at', 1700000001)), 'true'),
    ('Time.at(1700000000).utc?', lambda: s(s(C('Time'), 'at', 1700000000), 'utc?'), 'false'),
    ('Time.now.class', lambda: s(s(C('Time'), 'now'), 'class'), 'Time'),
]


@pytest.mark.parametrize("ruby, python, expected", CASES, ids=[c[0] for c in CASES])
def test_matches_ruby(ruby, python, expected):
    assert outcome(python) == expected

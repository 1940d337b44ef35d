"""Record the one Unicode property Onigmo (Ruby 3.1's regexps) has that Python's
unicodedata cannot derive: the characters `\\p{Alpha}` adds to letters and
letter numbers (Unicode's Other_Alphabetic: vowel signs and other marks).
Rewrites ncg/ruby/runtime/unicode_alphabetic.py:

    python -m tests.runtime.record_unicode     # needs ruby 3.1
"""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

TARGET = Path(__file__).parents[2] / "ncg" / "ruby" / "runtime" / "unicode_alphabetic.py"
RUBY = r"""
alpha = /\A[[:alpha:]]\z/; letter = /\A[\p{L}\p{Nl}]\z/
ranges = []
(0..0x10FFFF).each do |cp|
  next if (0xD800..0xDFFF).cover?(cp)
  ch = cp.chr(Encoding::UTF_8)
  next unless alpha.match?(ch) && !letter.match?(ch)
  if ranges.last && ranges.last[1] == cp - 1 then ranges.last[1] = cp else ranges << [cp, cp] end
end
puts ranges.map { |a, b| a == b ? a.to_s(16) : "#{a.to_s(16)}-#{b.to_s(16)}" }.join(" ")
"""


def record() -> None:
    ranges = subprocess.run(["ruby", "-e", RUBY], capture_output=True, text=True,
                            check=True).stdout.split()
    body = textwrap.fill(" ".join(ranges), 96)
    TARGET.write_text(f'''"""The characters Onigmo's `\\\\p{{Alpha}}` has besides letters and letter
numbers (Unicode 13's Other_Alphabetic), as hexadecimal code point ranges.

Recorded from Ruby 3.1 by tests/runtime/record_unicode.py: do not edit by hand.
"""

OTHER_ALPHABETIC = """
{body}
""".split()
''', encoding="utf-8")


if __name__ == "__main__":
    record()

"""Random small ERB templates for differential tests of the tag level (trim mode "-").

    python -m tests.template.erb_random 600 > tests/template/recorded_erb_random.json
    python -m tests.ruby.record tests/template/recorded_erb_random.json

makes the cases and records what the original NCG's ERB (Ruby 3.1,
`ERB.new(text, 0, "-", "@erb_result")`) outputs for each; the tests only
read the JSON. The grammar mixes text, spaces, tabs and newlines with every
tag form: `<%`, `<%-`, `<%=`, `<%#`, `%>`, `-%>`, the literals `<%%` and
`%%>`, a `#` comment in code, a newline inside a tag, an unclosed tag.
"""

from __future__ import annotations

import json
import random
import sys

TEXT = [
    "a",
    "b",
    " ",
    "  ",
    "\t",
    "\n",
    "\n",
    " \n",
    "\r\n",
    "%",
    "<",
    ">",
    "-",
    "%>",
    "-%>",
    "%%>",
    "<%%",
    "<%%-",
    "#",
    "x%",
    "\\",
    "${",
    "%",
]
STAGS = ["<%", "<%", "<%-", "<%=", "<%=", "<%#"]
ETAGS = ["%>", "%>", "-%>", "-%>"]
CODE = {
    "<%": [" ", " x = 1 ", "\n", " x = 2\n", " # note ", "x=3", " y = '%%>' "],
    "<%-": [" ", " x = 1 ", "\n", " # note "],
    "<%=": [" 1 ", "'q'", " 'a%%>b' ", "2\n", " 3 # c ", ' "<%%" '],
    "<%#": [" c ", "", "\n", " <%= 1 "],
}


def template(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(1, 7)):
        if rng.random() < 0.45:
            parts.append(rng.choice(TEXT))
            continue
        stag = rng.choice(STAGS)
        lead = rng.choice(["", "", " ", "\t ", "\n", "\n  "])
        parts.append(lead + stag + rng.choice(CODE[stag]))
        if rng.random() < 0.04:
            break  # a tag open at the end
        parts.append(rng.choice(ETAGS) + rng.choice(["", "", "\n", " \n", "\r\n", "  "]))
    text = "".join(parts)
    if "#" in text.rsplit("\n", 1)[-1]:
        # a comment on the program's last line would swallow ERB's `; _erbout`
        # too: the template's value is then not its output
        text += "\n"
    return text


def cases(count: int, seed: int = 8) -> list[dict[str, str]]:
    rng = random.Random(seed)
    found: dict[str, None] = {}
    while len(found) < count:
        found.setdefault(template(rng))
    return [{"template": t} for t in found]


if __name__ == "__main__":
    json.dump(cases(int(sys.argv[1])), sys.stdout, indent=1)
    print()

"""Ruby's DidYouMean spell checker, as OptionParser uses it for unknown flags.

`suggestions("dumpp", names)` are the names Ruby 3.1 would propose
(`Did you mean?  dump`): close by Jaro-Winkler, then by Levenshtein
distance, with Ruby's thresholds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def jaro(first: str, second: str) -> float:
    if len(first) > len(second):
        first, second = second, first
    reach = max(len(second) // 2 - 1, 0)
    matched1 = [False] * len(first)
    matched2 = [False] * len(second)
    matches = 0
    for i, char in enumerate(first):
        for j in range(max(i - reach, 0), min(i + reach, len(second) - 1) + 1):
            if not matched2[j] and char == second[j]:
                matched1[i] = matched2[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    in_second = [char for char, hit in zip(second, matched2, strict=True) if hit]
    in_first = [char for char, hit in zip(first, matched1, strict=True) if hit]
    transpositions = sum(a != b for a, b in zip(in_first, in_second, strict=True)) // 2
    m = float(matches)
    return (m / len(first) + m / len(second) + (m - transpositions) / m) / 3


def jaro_winkler(first: str, second: str) -> float:
    distance = jaro(first, second)
    if distance <= 0.7:
        return distance
    prefix = 0
    for i, char in enumerate(first):
        if i < 4 and i < len(second) and char == second[i]:
            prefix += 1
        else:
            break
    return distance + prefix * 0.1 * (1 - distance)


def levenshtein(first: str, second: str) -> int:
    previous = list(range(len(second) + 1))
    for i, char in enumerate(first, 1):
        current = [i]
        for j, other in enumerate(second, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (char != other)))
        previous = current
    return previous[-1]


def normalize(word: str) -> str:
    return word.lower().replace("@", "")


def correct(typed: str, dictionary: Sequence[str]) -> list[str]:
    """DidYouMean::SpellChecker#correct."""
    wanted = normalize(typed)
    threshold = 0.834 if len(wanted) > 3 else 0.77
    words = [w for w in dictionary
             if jaro_winkler(normalize(w), wanted) >= threshold and w != typed]
    # closest first; Ruby sorts ascending (stably) and then reverses, so
    # equally close words come last-listed first
    words.sort(key=lambda w: jaro_winkler(w, wanted))
    words.reverse()
    limit = math.ceil(len(wanted) * 0.25)
    found = [w for w in words if levenshtein(normalize(w), wanted) <= limit]
    if not found:
        found = [w for w in words
                 if levenshtein(normalize(w), wanted) < min(len(wanted), len(normalize(w)))][:1]
    return found


def suggestions(typed: str, dictionary: Sequence[str]) -> str:
    """The `\\nDid you mean?  ...` OptionParser adds to its message ("" if none)."""
    found = set(correct(typed, dictionary))
    names = list(dict.fromkeys(w for w in dictionary if w in found))
    return "\nDid you mean?  " + "\n               ".join(names) if names else ""

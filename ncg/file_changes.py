"""A count of the changes ncg itself makes to files while it runs.

A template file is read and compiled once, and used again, without even a
`stat`, for as long as this count stays the same: only a config written or
a template's own file operation (`File.write`, `FileUtils.rm`…) can have
changed it since. When the count moves, the file is checked again (its
mtime and size), as the original reads it anew on every `apply_*`.
"""

from __future__ import annotations

# How many changes have been made so far: read as `file_changes.count` (an
# attribute, not a function: the engine reads it for every template applied).
count = 0


def changed() -> None:
    """A file may have changed (call it once the change is visible to readers)."""
    global count
    count += 1

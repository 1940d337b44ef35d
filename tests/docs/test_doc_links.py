"""The links of docs/formats/*.md lead to files and headings that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.docs.examples import DOCS

_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#+ (.+)$", re.M)
_FENCED = re.compile(r"^```.*?^```$", re.M | re.S)


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to '-'."""
    text = heading.replace("`", "").strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = _FENCED.sub("", path.read_text(encoding="utf-8"))
    return {anchor(h) for h in _HEADING.findall(text)}


def links(path: Path) -> list[str]:
    return _LINK.findall(_FENCED.sub("", path.read_text(encoding="utf-8")))


def test_anchor_follows_github() -> None:
    assert anchor("The `[% %]` rule") == "the---rule"
    assert anchor("Copying a node: `KEY < SOURCE {`") == "copying-a-node-key--source-"
    assert anchor("template and template_dir") == "template-and-template_dir"


@pytest.mark.parametrize("doc", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_links_resolve(doc: Path) -> None:
    assert links(doc)
    for link in links(doc):
        target, _, fragment = link.partition("#")
        path = (doc.parent / target).resolve() if target else doc
        assert path.is_file(), f"{doc.name}: {link}"
        if fragment:
            assert fragment in anchors(path), f"{doc.name}: {link}"

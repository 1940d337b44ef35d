"""An HTML report read back with html.parser: its rows, links and anchors."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Cell:
    classes: list[str]
    text: str = ""
    marked: list[str] = field(default_factory=list)  # the text inside <mark>


@dataclass
class Page(HTMLParser):
    """Every table row as cells, the tags and their attributes, the ids, the text."""

    rows: list[list[Cell]] = field(default_factory=list)
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: str = ""
    title: str = ""
    _cell: Cell | None = None
    _in: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = Cell((dict(attrs).get("class") or "").split())
            self.rows[-1].append(self._cell)
        elif tag == "mark" and self._cell is not None:
            self._cell.marked.append("")

    def handle_endtag(self, tag: str) -> None:
        while self._in and self._in.pop() != tag:
            pass
        if tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text += data
        if self._in and self._in[-1] == "title":
            self.title += data
        if self._cell is not None:
            self._cell.text += data
            if self._in and self._in[-1] == "mark":
                self._cell.marked[-1] += data

    def ids(self) -> set[str]:
        return {attrs["id"] for _, attrs in self.tags if attrs.get("id")}

    def links(self) -> dict[str, str]:
        """Each link target (href) and the tag that holds it."""
        return {attrs["href"]: tag for tag, attrs in self.tags if attrs.get("href")}

    def cells(self, cls: str) -> list[Cell]:
        return [cell for row in self.rows for cell in row if cls in cell.classes]


def read_page(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page

"""The HTML report, read back with an HTML parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from ncg.migrate import Comparison, compare_outputs, write_html_report
from tests.migrate.headers import NEW_RUN, OLD_RUN, header
from tests.migrate.page import Page, read_page

CONFIG = "".join(f"interface Gi0/{n}\n description port {n}\n!\n" for n in range(1, 40))


def compared(tmp_path: Path, old: dict[str, bytes], new: dict[str, str]) -> Comparison:
    for name, data in old.items():
        path = tmp_path / "old" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return compare_outputs(new, tmp_path / "old")


def report(tmp_path: Path, comparison: Comparison) -> Page:
    path = tmp_path / "report.html"
    write_html_report(comparison, path)
    return read_page(path.read_text(encoding="utf-8"))


@pytest.fixture
def page(tmp_path: Path) -> Page:
    changed = CONFIG.replace(" description port 20\n", " description uplink <core> & more\n")
    comparison = compared(
        tmp_path,
        {"configs/sw1.config": (header("!! ", **OLD_RUN) + CONFIG).encode(),
         "configs/sw2.config": CONFIG.encode()},
        {"configs/sw1.config": header("!! ", **NEW_RUN) + changed,
         "configs/sw2.config": CONFIG, "configs/new.cfg": "x\n"})
    return report(tmp_path, comparison)


def test_title_and_summary(page: Page) -> None:
    assert page.title == "ncg migration report: 1 identical, 1 differ, 1 missing"
    summary = [[c.text for c in row] for row in page.rows if row and row[0].text.startswith(
        "configs/")]
    assert summary == [["configs/sw1.config", "differ", "-1 +1"],
                       ["configs/new.cfg", "missing", "-0 +1"],
                       ["configs/sw2.config", "identical", ""]]


def test_names_the_changed_file_and_links_it(page: Page) -> None:
    [(href, _)] = [(h, t) for h, t in page.links().items() if h.startswith("#file-")]
    assert href[1:] in page.ids()
    assert "configs/sw1.config" in page.text
    assert "old: a/configs/sw1.config" in page.text
    assert "new: b/configs/sw1.config" in page.text


def test_shows_the_changed_line_side_by_side(page: Page) -> None:
    [row] = [row for row in page.rows if any("changed" in c.classes for c in row)]
    assert [c.text for c in row] == ["74", " description port 20",
                                     "74", " description uplink <core> & more"]
    old, new = row[1], row[3]
    assert "old" in old.classes and "new" in new.classes
    assert "".join(old.marked) == "port 20"
    assert "".join(new.marked) == "uplink <core> & more"


def test_shows_context_and_skips_the_rest(page: Page) -> None:
    texts = [[c.text for c in row] for row in page.rows]
    assert ["⋯ lines 1–70 unchanged ⋯"] in texts
    assert ["⋯ lines 78–132 unchanged ⋯"] in texts
    assert ["72", "!", "72", "!"] in texts


def test_header_lines_are_shown_masked(page: Page) -> None:
    assert OLD_RUN["host"] not in page.text and NEW_RUN["host"] not in page.text


def test_content_is_escaped_not_markup(page: Page) -> None:
    assert "core" not in [tag for tag, _ in page.tags]


def test_self_contained(page: Page) -> None:
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object"}
    assert all(href.startswith("#") for href in page.links())
    assert not [attrs for _, attrs in page.tags if "src" in attrs]


def test_line_end_changes_are_shown(tmp_path: Path) -> None:
    comparison = compared(tmp_path, {"a": b"x\r\ny\n"}, {"a": "x\ny"})
    texts = [[c.text for c in row] for row in report(tmp_path, comparison).rows]
    assert ["1", "x␍", "1", "x"] in texts
    assert ["2", "y", "2", "y(no newline at end)"] in texts


def test_unequal_change_blocks_leave_empty_cells(tmp_path: Path) -> None:
    comparison = compared(tmp_path, {"a": b"1\n2\n3\n"}, {"a": "1\nA\nB\nC\n3\n"})
    rows = [[c.text for c in row] for row in report(tmp_path, comparison).rows]
    assert rows[-4:] == [["2", "2", "2", "A"], ["", "", "3", "B"], ["", "", "4", "C"],
                         ["3", "3", "5", "3"]]


def test_binary_files_are_named_not_shown(tmp_path: Path) -> None:
    comparison = compared(tmp_path, {"logo.jpg": b"\xff\xd8\x00\x01"},
                          {"logo.jpg": "\udcff\udcd8\x00\x02\x03"})
    page = report(tmp_path, comparison)
    assert "Binary files differ: the old one has 4 bytes, ncg's 5." in page.text


def test_hundreds_of_files(tmp_path: Path) -> None:
    old = {f"f{n:03}.cfg": f"line {n}\n".encode() for n in range(300)}
    new = {f"f{n:03}.cfg": f"line {n}{'!' if n % 100 == 7 else ''}\n" for n in range(300)}
    page = report(tmp_path, compared(tmp_path, old, new))
    targets = sorted(h[1:] for h in page.links() if h.startswith("#file-"))
    assert targets == ["file-108", "file-208", "file-8"]
    assert set(targets) <= page.ids()
    first_rows = [row[0].text for row in page.rows if len(row) == 3 and row[0].text != "File"]
    assert first_rows[:3] == ["f007.cfg", "f107.cfg", "f207.cfg"], "differing files first"
    assert len(first_rows) == 300
    assert ["details"] == [tag for tag, _ in page.tags if tag == "details"]

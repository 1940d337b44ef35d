"""The benchmark runner's pure helpers (bench/): masking, medians, comparing, tables."""

from __future__ import annotations

from bench.measure import Sample, differences, mask, median
from bench.report import NCG, ORIGINAL, PEER, Case, Row, markdown_table, ratios
from bench.run import Tool
from bench.snippets import snippet_lines


def test_mask_hides_only_the_values_of_volatile_header_lines() -> None:
    text = (b"# Target: sw1\n# Date: 2024-01-02 03:04:05 +0000\n# User: root\n"
            b"# Host: box\n# Directory: /tmp/x\n# Command: ncg model.neto\n"
            b"hostname sw1\n")
    assert mask(text) == (b"# Target: sw1\n# Date: <masked>\n# User: <masked>\n"
                          b"# Host: <masked>\n# Directory: <masked>\n# Command: <masked>\n"
                          b"hostname sw1\n")


def test_mask_makes_two_runs_headers_equal_but_keeps_other_differences() -> None:
    first = b"! Date: 2024-01-02 03:04:05\nvlan 2\n"
    assert mask(first) == mask(b"! Date: 2025-06-07 08:09:10\nvlan 2\n")
    assert mask(first) != mask(b"! Date: 2024-01-02 03:04:05\nvlan 3\n")


def test_median_takes_each_measure_on_its_own() -> None:
    samples = [Sample(3.0, 1.0, 50.0), Sample(1.0, 9.0, 40.0), Sample(2.0, 5.0, 90.0)]
    assert median(samples) == Sample(2.0, 5.0, 50.0)
    assert median(samples[:2]) == Sample(2.0, 5.0, 45.0)


def test_differences_names_missing_extra_and_changed_files() -> None:
    ours = {"a.cfg": b"1", "b.cfg": b"2", "extra.cfg": b""}
    theirs = {"a.cfg": b"1", "b.cfg": b"3", "gone.cfg": b""}
    assert differences(ours, theirs) == ["missing gone.cfg", "extra extra.cfg", "differs b.cfg"]
    assert differences(ours, dict(ours)) == []


def test_markdown_table_pads_columns() -> None:
    assert markdown_table(["a", "bb"], [["ccc", "d"]]) == (
        "| a   | bb |\n|-----|----|\n| ccc | d  |")


def row(case: Case, tool: str, cpu: float) -> Row:
    return Row(case, tool, None, None, cpu, cpu, 10.0, "")


def test_ratios_compare_tools_and_sizes() -> None:
    small, large = Case("devices", 100), Case("devices", 1000)
    rows = [row(small, NCG, 1.0), row(small, PEER, 0.5), row(small, ORIGINAL, 30.0),
            row(large, NCG, 9.0), row(large, PEER, 4.0)]
    assert ratios(rows) == [
        ("ncg / peer, 100 devices, warm", 2.0),
        ("original / ncg, 100 devices, warm", 30.0),
        ("ncg / peer, 1000 devices, warm", 2.25),
        ("t(1000)/t(100), ncg (devices ×10)", 9.0),
        ("t(1000)/t(100), peer (devices ×10)", 8.0),
    ]


def test_the_peer_runs_only_whole_generations_of_genmodel_trees() -> None:
    peer, ncg = Tool(PEER, ("peer-jinja",)), Tool(NCG, ("ncg",))
    devices, sample = Case("devices", 40), Case("sample")
    assert peer.command(devices, "model.neto", keys=False) == ["peer-jinja", ".", "--devices", "40"]
    assert peer.command(devices, "model.neto", keys=True) is None
    assert peer.command(sample, "network.neto", keys=False) is None
    assert ncg.command(sample, "network.neto", keys=True) == ["ncg", "-k", "network.neto"]


def test_snippet_lines_are_all_different() -> None:
    lines = snippet_lines(1000)
    assert len(set(lines)) == 1000
    assert lines[5] == 'h00001_name = [%= "host-00001".upcase %]'
    assert all(" = [%= " in line and line.endswith(" %]") for line in lines)

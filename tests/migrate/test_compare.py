"""compare_outputs and diff_report: identical, differ, missing, and the masking."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ncg.migrate import Status, compare_outputs, diff_report, mask_volatile
from tests.migrate.headers import NEW_RUN, OLD_RUN, header


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def test_identical_file(tmp_path: Path) -> None:
    write(tmp_path / "out" / "a.conf", b"hostname a\n!")
    comparison = compare_outputs({"out/a.conf": "hostname a\n!"}, tmp_path)
    [file] = comparison.files
    assert (file.status, file.old_path) == (Status.IDENTICAL, tmp_path / "out" / "a.conf")
    assert comparison.exit_status == 0
    assert diff_report(comparison) == "1 identical, 0 differ, 0 missing\n"


def test_differing_file_gets_a_unified_diff(tmp_path: Path) -> None:
    write(tmp_path / "out" / "a.conf", b"hostname a\nvlan 10\n!")
    comparison = compare_outputs({"out/a.conf": "hostname a\nvlan 20\n!"}, tmp_path)
    assert comparison.exit_status == 1
    assert diff_report(comparison) == (
        "--- a/out/a.conf\n"
        "+++ b/out/a.conf\n"
        "@@ -1,3 +1,3 @@\n"
        " hostname a\n"
        "-vlan 10\n"
        "+vlan 20\n"
        " !\n"
        "\\ No newline at end of file\n"
        "0 identical, 1 differ, 0 missing\n"
    )
    assert comparison.files[0].changed_lines() == (1, 1)


def test_a_missing_final_newline_is_a_difference(tmp_path: Path) -> None:
    write(tmp_path / "a", b"x\n")
    comparison = compare_outputs({"a": "x"}, tmp_path)
    assert diff_report(comparison) == (
        "--- a/a\n+++ b/a\n@@ -1 +1 @@\n"
        "-x\n+x\n\\ No newline at end of file\n"
        "0 identical, 1 differ, 0 missing\n"
    )


def test_line_ends_are_compared(tmp_path: Path) -> None:
    write(tmp_path / "a", b"x\r\ny\r\n")
    assert compare_outputs({"a": "x\ny\n"}, tmp_path).files[0].status is Status.DIFFER


def test_missing_file(tmp_path: Path) -> None:
    comparison = compare_outputs({"out/b.conf": "x\n"}, tmp_path, old_label="OLD")
    assert comparison.files[0].status is Status.MISSING
    assert comparison.exit_status == 1
    assert diff_report(comparison) == (
        "Missing a/out/b.conf: no out/b.conf in OLD\n"
        "0 identical, 0 differ, 1 missing\n"
    )


def test_a_missing_absolute_target_names_only_itself(tmp_path: Path) -> None:
    target = str(tmp_path / "etc" / "dhcpd.conf")
    text = diff_report(compare_outputs({target: "x\n"}, tmp_path / "old", old_label="OLD"))
    assert text.splitlines()[0] == f"Missing a{target}: no {target}"


def test_a_file_under_a_file_is_missing(tmp_path: Path) -> None:
    write(tmp_path / "out", b"a file, not a folder")
    assert compare_outputs({"out/b": ""}, tmp_path).files[0].status is Status.MISSING


def test_counts_in_the_order_given(tmp_path: Path) -> None:
    write(tmp_path / "same", b"1")
    write(tmp_path / "changed", b"2")
    rendered = {"missing": "0", "changed": "3", "same": "1"}
    comparison = compare_outputs(rendered, tmp_path)
    assert [f.target for f in comparison.files] == ["missing", "changed", "same"]
    assert diff_report(comparison).splitlines()[-1] == "1 identical, 1 differ, 1 missing"
    assert comparison.exit_status == 1


def test_relative_targets_under_base_dir_absolute_ones_as_they_are(tmp_path: Path) -> None:
    elsewhere = tmp_path / "etc" / "dhcpd.conf"
    write(elsewhere, b"subnet\n")
    write(tmp_path / "old" / "rel.conf", b"rel\n")
    comparison = compare_outputs({str(elsewhere): "subnet\n", "rel.conf": "rel\n"},
                                 tmp_path / "old")
    assert [f.status for f in comparison.files] == [Status.IDENTICAL, Status.IDENTICAL]
    assert comparison.files[0].old_path == elsewhere


def test_absolute_target_label_is_git_like(tmp_path: Path) -> None:
    target = str(tmp_path / "x.conf")
    write(tmp_path / "x.conf", b"1\n")
    text = diff_report(compare_outputs({target: "2\n"}, tmp_path / "unused"))
    assert text.splitlines()[:2] == [f"--- a{target}", f"+++ b{target}"]


def test_undecodable_bytes_compare_as_ncg_writes_them(tmp_path: Path) -> None:
    # ncg writes a string holding undecodable bytes back as those bytes
    write(tmp_path / "latin1.txt", b"caf\xe9\n")
    assert compare_outputs({"latin1.txt": "caf\udce9\n"}, tmp_path).exit_status == 0
    comparison = compare_outputs({"latin1.txt": "caf\udce8\n"}, tmp_path)
    assert diff_report(comparison).splitlines()[0] == (
        "Binary files a/latin1.txt and b/latin1.txt differ")


def test_files_with_nul_bytes_are_binary(tmp_path: Path) -> None:
    write(tmp_path / "logo.jpg", b"\xff\xd8\x00JFIF")
    comparison = compare_outputs({"logo.jpg": "\udcff\udcd8\x00JFIF!"}, tmp_path)
    assert diff_report(comparison).startswith("Binary files a/logo.jpg and b/logo.jpg differ\n")


@pytest.mark.parametrize("prefix", ["", "# ", "! ", "!! ", " * ", "         ", "<!-- "])
def test_header_lines_are_masked_whatever_the_prefix(tmp_path: Path, prefix: str) -> None:
    body = "\ninterface Gi0/1\n description uplink\n"
    write(tmp_path / "cfg", ("/*\n" + header(prefix, **OLD_RUN) + "*/" + body).encode())
    comparison = compare_outputs({"cfg": "/*\n" + header(prefix, **NEW_RUN) + "*/" + body},
                                 tmp_path)
    assert comparison.files[0].status is Status.IDENTICAL


def test_masked_lines_keep_prefix_and_key() -> None:
    masked = mask_volatile(header(" * ", **NEW_RUN)).splitlines()
    assert masked[3:9] == [" * Target: sw1", " * Date: <masked>", " * User: <masked>",
                           " * Host: <masked>", " * Directory: <masked>",
                           " * Command: <masked>"]


def test_the_target_line_is_not_masked(tmp_path: Path) -> None:
    write(tmp_path / "cfg", header("# ", target="sw1", **OLD_RUN).encode())
    comparison = compare_outputs({"cfg": header("# ", target="sw2", **NEW_RUN)}, tmp_path)
    assert "-# Target: sw1\n+# Target: sw2\n" in diff_report(comparison)


def test_lines_outside_a_header_are_not_masked(tmp_path: Path) -> None:
    # a config's own "Date:" line is the config's, not the run's
    write(tmp_path / "cfg", b"Host: www1\n# Date: 2010-01-01\n")
    comparison = compare_outputs({"cfg": "Host: www2\n# Date: 2010-01-01\n"}, tmp_path)
    assert comparison.files[0].status is Status.DIFFER
    assert "-Host: www1\n+Host: www2\n" in diff_report(comparison)


def test_a_half_header_is_not_masked() -> None:
    # the URL line alone, or under a title with another prefix, starts no block
    text = "# Generated by Netomata Config Generator (ncg)\n!     http://www.netomata.com/\n" \
           "! --------\n! Target: a\n! Date: now\n"
    assert mask_volatile(text) == text


def test_every_header_of_a_file_is_masked() -> None:
    text = "a\n" + header("# ", **OLD_RUN) + "b\n" + header("; ", **OLD_RUN)
    assert mask_volatile(text).count("<masked>") == 10


def test_header_after_template_text_on_its_first_line() -> None:
    # `<!-- <%= emit_header("  ") %>`: the title line starts with other text
    text = "<!-- " + header("  ", **OLD_RUN)
    assert mask_volatile(text).count("<masked>") == 5


def test_header_with_crlf_line_ends_keeps_them() -> None:
    text = header("# ", **OLD_RUN).replace("\n", "\r\n")
    masked = mask_volatile(text)
    assert "# Date: <masked>\r\n" in masked and masked.count("\r\n") == 15


def test_diff_shows_masked_header_lines(tmp_path: Path) -> None:
    write(tmp_path / "cfg", (header("# ", **OLD_RUN) + "vlan 1\n").encode())
    text = diff_report(compare_outputs({"cfg": header("# ", **NEW_RUN) + "vlan 2\n"},
                                       tmp_path))
    assert "-vlan 1\n+vlan 2\n" in text
    assert OLD_RUN["host"] not in text and NEW_RUN["host"] not in text


def test_ignore_patterns_mask_more_on_both_sides(tmp_path: Path) -> None:
    write(tmp_path / "index.html", b"Expires: Tue, 01 Jun 2010 16:15:00 GMT\nx\n")
    rendered = {"index.html": "Expires: Fri, 02 Jan 2026 03:04:05 GMT\nx\n"}
    assert compare_outputs(rendered, tmp_path).exit_status == 1
    http_date = re.compile(r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT")
    assert compare_outputs(rendered, tmp_path, ignore=[http_date]).exit_status == 0

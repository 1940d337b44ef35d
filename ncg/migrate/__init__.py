"""The migration toolkit: prove ncg gives what the old tool gave, then move on.

The comparing flags of `ncg` are built from these parts:

- `--diff-against DIR`: `compare_outputs(rendered, DIR)`, `diff_report`;
- `--legacy-command CMD`: the same on the folder `run_legacy` yields;
- `--check`: the same against the current folder;
- `--report FILE.html`: `write_html_report`.

`rendered` maps each `ncg_output` path, as the model writes it, to the text
ncg renders for it. Exit status: `Comparison.exit_status`.
"""

from ncg.migrate.compare import (
    Comparison,
    FileComparison,
    Status,
    compare_outputs,
    diff_report,
)
from ncg.migrate.legacy import LegacyCommandError, run_legacy
from ncg.migrate.mask import mask_volatile
from ncg.migrate.report import write_html_report

__all__ = [
    "Comparison",
    "FileComparison",
    "LegacyCommandError",
    "Status",
    "compare_outputs",
    "diff_report",
    "mask_volatile",
    "run_legacy",
    "write_html_report",
]

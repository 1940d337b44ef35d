"""Check the built wheel and sdist against the source tree they were built from.

    python check_dist.py SOURCE_DIR DIST_DIR

The wheel must hold every module and data file (.json) of ncg/ and every grammar (as
ncg/grammars/NAME.lark); the sdist must hold the grammars, the sample and
the tests.  Prints what each holds, exits 1 naming what is missing.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path


def wheel_wants(source: Path) -> set[str]:
    modules = {p.relative_to(source).as_posix() for pattern in ("*.py", "*.json")
               for p in (source / "ncg").rglob(pattern)}
    grammars = {f"ncg/grammars/{p.name}" for p in (source / "grammars").glob("*.lark")}
    return modules | grammars


def sdist_wants(source: Path) -> set[str]:
    wanted = ["pyproject.toml", "README.md", "MANIFEST.in", "grammars", "ncg", "sample", "tests"]
    found = {p.relative_to(source).as_posix() for name in wanted for p in
             ([source / name] if (source / name).is_file() else (source / name).rglob("*"))
             if p.is_file() and "__pycache__" not in p.parts}
    return found - {p for p in found if p.startswith("sample/out/")}


def report(kind: str, archive: Path, holds: set[str], wants: set[str]) -> bool:
    lark = sorted(name for name in holds if name.endswith(".lark"))
    print(f"{kind} {archive.name}: {len(holds)} files; grammars: {', '.join(lark)}")
    missing = sorted(wants - holds)
    for name in missing:
        print(f"  MISSING from the {kind}: {name}")
    return not missing and bool(lark)


def main(source: Path, dist: Path) -> int:
    [wheel] = dist.glob("*.whl")
    [sdist] = dist.glob("*.tar.gz")
    with zipfile.ZipFile(wheel) as zf:
        wheel_holds = set(zf.namelist())
    with tarfile.open(sdist) as tf:  # names are "ncg-VERSION/path"
        sdist_holds = {m.name.split("/", 1)[1] for m in tf.getmembers() if "/" in m.name}
    ok = report("wheel", wheel, wheel_holds, wheel_wants(source))
    ok = report("sdist", sdist, sdist_holds, sdist_wants(source)) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))

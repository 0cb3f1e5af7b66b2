#!/usr/bin/env python3
"""Fail if any dependency of xietong is under a licence incompatible with MIT OR Apache-2.0.

Reads `cargo metadata` (the resolved dependency graph of this workspace) and checks every
package's SPDX expression: an expression passes if one of its OR-alternatives uses only
permissive licences. Prints `licenses: N packages, N rejected`.
"""
import json
import re
import subprocess
import sys

PERMISSIVE = {
    "MIT", "Apache-2.0", "Apache-2.0 WITH LLVM-exception", "BSD-2-Clause", "BSD-3-Clause",
    "ISC", "Zlib", "Unlicense", "CC0-1.0", "Unicode-3.0", "Unicode-DFS-2016", "MIT-0", "BSL-1.0",
}


def acceptable(expr):
    """True if some OR-alternative of the SPDX expression is all permissive."""
    expr = expr.replace("/", " OR ")
    for alternative in re.split(r"\s+OR\s+", expr.replace("(", "").replace(")", "")):
        parts = [p.strip() for p in re.split(r"\s+AND\s+", alternative)]
        if all(p in PERMISSIVE for p in parts):
            return True
    # An AND of ORs such as "(MIT OR Apache-2.0) AND BSD-3-Clause": every group must pass.
    groups = re.split(r"\)\s+AND\s+\(?|\s+AND\s+\(", expr)
    return len(groups) > 1 and all(acceptable(g) for g in groups)


def main():
    meta = json.loads(subprocess.check_output(["cargo", "metadata", "--format-version", "1", "--locked"]))
    resolved = {n["id"] for n in meta["resolve"]["nodes"]}
    rejected = []
    packages = [p for p in meta["packages"] if p["id"] in resolved]
    for p in packages:
        lic = p.get("license") or ""
        if not lic or not acceptable(lic):
            rejected.append("%s %s: %s" % (p["name"], p["version"], lic or "no licence"))
    for r in rejected:
        print("rejected:", r)
    print("licenses: %d packages, %d rejected" % (len(packages), len(rejected)))
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# `make test` (unit-tests): every `import X` in a target names a dependency that target declares
# in Package.swift, or a module of the toolchain itself (Foundation, XCTest, Glibc, …).
#
# SwiftPM's `--explicit-target-dependency-import-check` only reports an import of a target that
# is not even an indirect dependency, so an import that compiles only because some other
# dependency happens to pull the module in (Intake importing Logging through Hummingbird) passes
# it. This check asks for the direct declaration.
set -euo pipefail
cd "$(dirname "$0")/.."

manifest=$(mktemp)
trap 'rm -f "$manifest"' EXIT
swift package dump-package >"$manifest"

python3 - "$manifest" <<'PYTHON'
import json
import os
import re
import sys

# Modules that come with the Swift toolchain or the operating system, never from Package.swift.
TOOLCHAIN = {
    "Swift", "_Concurrency", "_StringProcessing", "Dispatch", "Foundation", "FoundationEssentials",
    "FoundationInternationalization", "FoundationNetworking", "FoundationXML", "Glibc", "Musl",
    "Darwin", "Android", "WinSDK", "XCTest", "Testing", "Synchronization", "RegexBuilder",
    "Observation", "CoreFoundation", "os",
}
IMPORT = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*"
    r"(?:(?:public|package|internal|fileprivate|private)\s+)?"
    r"import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_][A-Za-z0-9_]*)"
)

with open(sys.argv[1]) as file:
    package = json.load(file)

problems = []
for target in package["targets"]:
    if target["type"] in ("system", "binary", "plugin"):
        continue
    declared = set()
    for dependency in target["dependencies"]:
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                declared.add(dependency[kind][0])
    default_root = "Tests" if target["type"] == "test" else "Sources"
    root = target.get("path") or os.path.join(default_root, target["name"])
    excluded = [os.path.join(root, path) for path in target.get("exclude", [])]
    for folder, subfolders, files in os.walk(root):
        if any(folder == path or folder.startswith(path + os.sep) for path in excluded):
            continue
        for name in sorted(files):
            if not name.endswith(".swift"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as source:
                for number, line in enumerate(source, start=1):
                    match = IMPORT.match(line)
                    if not match:
                        continue
                    module = match.group(1)
                    if module not in declared and module not in TOOLCHAIN:
                        problems.append(
                            f"{path}:{number}: target {target['name']} imports {module}, "
                            f"which its entry in Package.swift does not declare"
                        )

if problems:
    print("\n".join(problems), file=sys.stderr)
    print(
        f"imports: {len(problems)} undeclared; add each module to its target's dependencies in "
        "Package.swift (a product as .product(name:package:))",
        file=sys.stderr,
    )
    sys.exit(1)
print("imports: every target declares what it imports")
PYTHON

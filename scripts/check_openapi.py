"""Checks a built site's api/v1/openapi.json: it is a valid OpenAPI 3.1 document, and every
JSON and CSV file published under api/v1/ is described by one of its paths, each JSON file
validating against the schema the document names for that path's 200 response."""
import json
import pathlib
import re
import sys

from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry
from referencing.jsonschema import DRAFT202012

DOCUMENT_URI = "urn:downtrack:openapi"


def path_patterns(document: dict) -> list[tuple[re.Pattern, str, dict]]:
    """Each path of the document (those served from api/v1/, not the site's root) as a pattern
    over a file's path relative to api/v1/, with its 200 response's content."""
    patterns = []
    for template, item in document.get("paths", {}).items():
        if "servers" in item:
            continue
        regex = "".join(
            "[^/]+" if part.startswith("{") else re.escape(part) for part in re.split(r"(\{[^}]+\})", template))
        content = item.get("get", {}).get("responses", {}).get("200", {}).get("content", {})
        patterns.append((re.compile(regex), template, content))
    return patterns


def check(output: pathlib.Path) -> tuple[list[str], int]:
    """The problems found, and how many published files were checked against the document."""
    source = output / "api/v1/openapi.json"
    if not source.exists():
        return [f"{source}: missing (the build publishes templates/api/openapi.json there)"], 0
    document = json.loads(source.read_text(encoding="utf-8"))
    try:
        validate_openapi(document)
    except Exception as error:  # the validator raises several kinds; each is a finding here
        return [f"{source}: not a valid OpenAPI 3.1 document: {error}"], 0
    registry = Registry().with_resource(DOCUMENT_URI, DRAFT202012.create_resource(document))
    patterns = path_patterns(document)
    failures = []
    validators = {}
    published = sorted(p for p in (output / "api/v1").rglob("*") if p.suffix in (".json", ".csv") and p != source)
    for path in published:
        relative = "/" + path.relative_to(output / "api/v1").as_posix()
        matches = [(template, content) for regex, template, content in patterns if regex.fullmatch(relative)]
        if not matches:
            failures.append(f"{path}: published, but no path of api/v1/openapi.json describes {relative}")
            continue
        template, content = matches[0]
        if path.suffix == ".csv":
            if "text/csv" not in content:
                failures.append(f"{path}: {template} does not say it serves text/csv")
            continue
        reference = content.get("application/json", {}).get("schema", {}).get("$ref")
        if not reference:
            failures.append(f"{path}: {template} names no JSON schema for its 200 response")
            continue
        if reference not in validators:
            validators[reference] = Draft202012Validator({"$ref": DOCUMENT_URI + reference}, registry=registry)
        for error in validators[reference].iter_errors(json.loads(path.read_text(encoding="utf-8"))):
            failures.append(f"{path}: {error.message} at {list(error.absolute_path)} (schema {reference})")
    return failures, len(published)


if __name__ == "__main__":
    problems, checked = check(pathlib.Path(sys.argv[1]))
    for problem in problems:
        print(problem)
    print(f"check-openapi: {checked} published files against api/v1/openapi.json; {len(problems)} problems")
    sys.exit(1 if problems else 0)

"""Keeps templates/api/openapi.json (the OpenAPI 3.1 description of the static API, published
as api/v1/openapi.json) in step with the JSON Schemas in docs/schema: its component schemas are
those files, each with `$id` and `$schema` left out and its `#/$defs/…` references pointed at
its own place in the document.

    openapi_document.py --write   rewrites the component schemas from docs/schema
    openapi_document.py --check   exits 1, naming the file to rewrite, when they differ
"""
import json
import pathlib
import sys

DOCUMENT = pathlib.Path("templates/api/openapi.json")
SCHEMAS = {"Service": "service", "Summary": "summary", "History": "history"}


def component(schema, name: str):
    """One schema file as the component `name`."""
    if isinstance(schema, dict):
        result = {}
        for key, value in schema.items():
            if key in ("$id", "$schema"):
                continue
            if key == "$ref" and isinstance(value, str) and value.startswith("#/"):
                value = f"#/components/schemas/{name}/{value[2:]}"
            result[key] = component(value, name)
        return result
    if isinstance(schema, list):
        return [component(item, name) for item in schema]
    return schema


def expected(schema_dir: pathlib.Path, document: dict) -> dict:
    """The document with every component schema taken from its schema file."""
    updated = json.loads(json.dumps(document))
    schemas = updated.setdefault("components", {}).setdefault("schemas", {})
    for name, stem in SCHEMAS.items():
        schemas[name] = component(json.loads((schema_dir / f"{stem}.schema.json").read_text(encoding="utf-8")), name)
    return updated


def text(document: dict) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in ("--write", "--check"):
        print(__doc__)
        return 2
    current = DOCUMENT.read_text(encoding="utf-8")
    wanted = text(expected(pathlib.Path("docs/schema"), json.loads(current)))
    if argv[1] == "--write":
        if wanted != current:
            DOCUMENT.write_text(wanted, encoding="utf-8")
            print(f"openapi: rewrote {DOCUMENT}")
        return 0
    if wanted != current:
        print(f"{DOCUMENT}: its component schemas differ from docs/schema: run scripts/openapi_document.py --write")
        return 1
    print(f"openapi: {DOCUMENT} matches docs/schema")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

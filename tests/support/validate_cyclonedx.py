"""Validates a CycloneDX JSON file against the official CycloneDX 1.6 schema with Debian's
python3-jsonschema; the schema's references to spdx.schema.json and jsf-0.82.schema.json are
resolved from the same directory, offline. Prints "valid" or the first errors.
Usage: validate_cyclonedx.py SCHEMA_DIR SBOM.json"""
import json
import pathlib
import sys

import jsonschema

schema_dir, sbom_path = pathlib.Path(sys.argv[1]), sys.argv[2]
store = {}
for path in schema_dir.glob("*.schema.json"):
    document = json.loads(path.read_text(encoding="utf-8"))
    store[document["$id"]] = document
    store[path.name] = document
schema = store["http://cyclonedx.org/schema/bom-1.6.schema.json"]
resolver = jsonschema.RefResolver(base_uri=schema["$id"], referrer=schema, store=store)
validator = jsonschema.Draft7Validator(schema, resolver=resolver, format_checker=jsonschema.FormatChecker())
with open(sbom_path, encoding="utf-8") as source:
    errors = sorted(validator.iter_errors(json.load(source)), key=lambda e: list(e.path))
for error in errors[:5]:
    print("/".join(str(p) for p in error.path) + ": " + error.message)
if not errors:
    print("valid")

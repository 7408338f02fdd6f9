#!/usr/bin/python3
"""Checks that contracts/schema/hallmark-contract.schema.json agrees with the contract loader.

usage: schema_matches_loader.py HALLMARK_BINARY SOURCE_DIR

Every *.toml under tests/data/contracts and contracts/examples goes through `hallmark check`:
- a contract hallmark accepts (exit 0) must validate against the schema;
- a contract hallmark rejects with a key or type error (unknown key or section, wrong type,
  missing required key or table) must be rejected by the schema too, except the known gaps below.
Contracts rejected for other reasons (bad version syntax, include cycles, duplicate ids) may pass.
"""
import datetime
import json
import pathlib
import re
import subprocess
import sys
import tomllib

import jsonschema

# What JSON Schema cannot see, here as in taplo: TOML dates reach it as strings, and since
# draft-06 a number with a zero fraction is an integer.
KNOWN_GAPS = {
    "key-and-type-errors/date-is-string.toml": "a quoted date is a string to JSON Schema",
    "key-and-type-errors/integer-is-whole-float.toml": "0.0 is an integer to JSON Schema",
}

# The loader's messages for key and type errors (contracts/toml_reader.cpp, contract_loader.cpp,
# read_baseline.cpp).
KEY_OR_TYPE_ERROR = re.compile(
    r"unknown key '|unknown section '|is missing required key '|needs a \[contract\] table"
    r"|must be an array of tables|must be (a|an) (string|boolean|integer|date|array|table)\b"
)


def as_json(value):
    """The JSON a schema validator sees for a TOML value: dates and times become ISO text."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def main(hallmark, source_dir):
    source = pathlib.Path(source_dir)
    schema = json.loads((source / "contracts/schema/hallmark-contract.schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())

    failures = []
    counts = {"accepted": 0, "key or type error": 0, "other error": 0}
    roots = [source / "tests/data/contracts", source / "contracts/examples"]
    for path in sorted(p for root in roots for p in root.rglob("*.toml")):
        name = path.relative_to(roots[0] if path.is_relative_to(roots[0]) else roots[1]).as_posix()
        check = subprocess.run([hallmark, "check", str(path)], capture_output=True, text=True)
        try:
            document = as_json(tomllib.loads(path.read_text()))
            schema_errors = [error.message for error in validator.iter_errors(document)]
        except tomllib.TOMLDecodeError as error:
            schema_errors = [f"not TOML: {error}"]
        loader_errors = check.stdout + check.stderr
        if check.returncode == 0:
            counts["accepted"] += 1
            if schema_errors:
                failures.append(f"{name}: hallmark accepts it, the schema rejects it: {schema_errors}")
        elif check.returncode != 2:
            failures.append(f"{name}: hallmark check exited {check.returncode}: {loader_errors}")
        elif KEY_OR_TYPE_ERROR.search(loader_errors):
            counts["key or type error"] += 1
            if name in KNOWN_GAPS:
                if schema_errors:
                    failures.append(f"{name}: listed as a known gap but the schema rejects it; remove it from KNOWN_GAPS")
            elif not schema_errors:
                failures.append(f"{name}: hallmark rejects it ({loader_errors.strip()}), the schema accepts it")
        else:
            counts["other error"] += 1
    print(", ".join(f"{count} {what}" for what, count in counts.items()))
    # Guard against a vacuous pass (a moved directory, a binary that rejects everything).
    if counts["accepted"] < 5 or counts["key or type error"] < 15:
        failures.append(f"too few contracts of a kind were seen: {counts}")
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

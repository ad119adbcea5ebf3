"""Validate the corpus with Python's `jsonschema` (an independent 2020-12 validator)
using only the files in schemas/: every example must be valid, and every fixture
that tsunagu rejects for a structural (schema.*) reason must be rejected too."""

import importlib.metadata
import json
import pathlib
import sys

from jsonschema import Draft202012Validator

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = {
    path.name.removesuffix(".schema.json"): json.loads(path.read_text())
    for path in (ROOT / "schemas").glob("*.schema.json")
}
VALIDATORS = {
    kind: Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for kind, schema in SCHEMAS.items()
}


def load(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None


def main():
    failures = []
    checked = 0
    for path in sorted((ROOT / "examples").glob("*.json")):
        doc = load(path)
        errors = list(VALIDATORS[doc["kind"]].iter_errors(doc))
        checked += 1
        if errors:
            failures.append(f"{path.name}: expected valid, got {[e.message[:80] for e in errors]}")
    for path in sorted((ROOT / "tests" / "fixtures").glob("*.json")):
        expected = json.loads(path.with_suffix(".expected").read_text())
        structural = any(d["code"].startswith("schema.") for d in expected)
        doc = load(path)
        if not isinstance(doc, dict) or doc.get("kind") not in VALIDATORS or doc.get("formatVersion") != "1.0":
            continue
        valid = VALIDATORS[doc["kind"]].is_valid(doc)
        checked += 1
        if valid == structural:
            failures.append(f"{path.name}: tsunagu structural={structural}, python-jsonschema valid={valid}")
    for failure in failures:
        print("FAIL", failure)
    version = importlib.metadata.version("jsonschema")
    print(f"python-jsonschema {version}: {checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

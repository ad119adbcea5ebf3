"""Validate the corpus with Python's `jsonschema` (an independent 2020-12 validator)
using only the files in schemas/: every example must be valid, every older document
valid under both its own version's and the current schemas, and every fixture that tsunagu
rejects for a structural (schema.*) reason must be rejected too."""

import importlib.metadata
import json
import pathlib
import sys

from jsonschema import Draft202012Validator

ROOT = pathlib.Path(__file__).resolve().parents[2]


def validators(directory):
    return {
        path.name.removesuffix(".schema.json"): Draft202012Validator(
            json.loads(path.read_text()), format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        for path in directory.glob("*.schema.json")
    }


VALIDATORS = validators(ROOT / "schemas")
# Problems tsunagu reports before the schema runs (a JSON parser or the envelope).
BEFORE_SCHEMA = {
    "document.not-json", "document.duplicate-key", "document.too-deep", "document.too-large",
    "document.not-object", "document.kind-missing", "document.kind-unknown", "document.version-unsupported",
}
OLD_VALIDATORS = {version: validators(ROOT / "schemas" / version) for version in ("1.0", "1.1")}


def load(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None


def recorded_diagnostics(fixture):
    """The diagnostics tsunagu gives a fixture: the JSON of its insta snapshot, after the header."""
    return json.loads(fixture.with_suffix(".snap").read_text().split("---\n", 2)[2])


def main():
    failures = []
    checked = 0
    for path in sorted((ROOT / "examples").glob("*.json")):
        doc = load(path)
        errors = list(VALIDATORS[doc["kind"]].iter_errors(doc))
        checked += 1
        if errors:
            failures.append(f"{path.name}: expected valid, got {[e.message[:80] for e in errors]}")
    # A minor version accepts every older document: the 1.0 and 1.1 documents pass both
    # their archived schemas and the current ones.
    for version, path in [(v, p) for v in OLD_VALIDATORS for p in sorted((ROOT / "tests" / "migrate" / v).glob("*.json"))]:
        doc = load(path)
        for validators, label in ((OLD_VALIDATORS[version], f"schemas/{version}"), (VALIDATORS, "schemas")):
            errors = list(validators[doc["kind"]].iter_errors(doc))
            checked += 1
            if errors:
                failures.append(f"{path.name}: expected valid under {label}, got {[e.message[:80] for e in errors]}")
    for path in sorted((ROOT / "tests" / "fixtures").glob("*.json")):
        expected = recorded_diagnostics(path)
        structural = any(d["code"].startswith("schema.") for d in expected)
        doc = load(path)
        if not isinstance(doc, dict) or doc.get("kind") not in VALIDATORS or any(
            d["code"] in BEFORE_SCHEMA for d in expected
        ):
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

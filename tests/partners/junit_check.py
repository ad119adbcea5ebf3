"""tsunagu's JUnit XML loads in junitparser, with one test case per document and
one failure per error."""

import json
import pathlib
import subprocess
import sys

from junitparser import Failure, JUnitXml

ROOT = pathlib.Path(__file__).resolve().parents[2]
TSUNAGU = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target" / "debug" / "tsunagu")


def run(fmt):
    result = subprocess.run(
        [TSUNAGU, "validate", "--format", fmt, "--lang", "en", "examples", "tests/fixtures"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1, result.stderr
    return result.stdout


def main():
    xml = JUnitXml.fromstring(run("junit"))
    lines = [json.loads(line) for line in run("json").splitlines()]
    cases = [case for suite in xml for case in suite]
    failures = 0
    assert len(cases) == len(lines), (len(cases), len(lines))
    for case, report in zip(cases, lines):
        assert case.name == report["file"], (case.name, report["file"])
        errors = [d for d in report["diagnostics"] if d["severity"] == "error"]
        case_failures = [r for r in case.result if isinstance(r, Failure)]
        assert len(case_failures) == len(errors), (case.name, len(case_failures), len(errors))
        for failure, error in zip(case_failures, errors):
            assert failure.type == error["code"], (failure.type, error["code"])
            assert error["pointer"] in failure.message or error["pointer"] == "", failure.message
        failures += len(case_failures)
    print(f"junitparser: {len(cases)} test cases, {failures} failures checked; 1 passed, 0 failed")


if __name__ == "__main__":
    main()

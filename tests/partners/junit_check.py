"""tsunagu's JUnit XML loads in junitparser: for `validate`, one test case per
document and one failure per error; for `due`, one test case per item and one
failure per overdue item, naming files and never children."""

import json
import pathlib
import subprocess
import sys
import tempfile

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
    print(f"junitparser: {len(cases)} test cases, {failures} failures checked (validate)")
    check_due()


def check_due():
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([TSUNAGU, "sample", "--case-folder", "40", "--around", "2026-10-01", "-o", folder],
                       check=True, capture_output=True)
        def due(fmt):
            result = subprocess.run([TSUNAGU, "due", folder, "--as-of", "2026-10-01", "--within", "60", "--format", fmt],
                                    capture_output=True, text=True, check=False)
            assert result.returncode in (0, 1), result.stderr
            return result.stdout
        items = [json.loads(line) for line in due("json").splitlines()]
        suite = JUnitXml.fromstring(due("junit"))
        cases = list(suite)
        assert len(cases) == len(items) > 0, (len(cases), len(items))
        overdue = 0
        for case, item in zip(cases, items):
            failed = any(isinstance(r, Failure) for r in case.result)
            assert failed == item["overdue"], (case.name, item)
            assert case.classname == item["file"], (case.classname, item["file"])
            assert item["name"]["family"] not in case.name + case.classname, "JUnit names no child"
            overdue += failed
        print(f"junitparser: {len(cases)} test cases, {overdue} overdue checked (due); 2 passed, 0 failed")


if __name__ == "__main__":
    main()

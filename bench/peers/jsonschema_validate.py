"""Python jsonschema (2020-12, format checker on) validating JSON Lines files against
schemas/: json.loads + validate per line, one core. One JSON object per file.
usage: python3 jsonschema_validate.py SCHEMA_DIR FILE.jsonl... [--limit N]"""

import json
import pathlib
import sys
import time

from jsonschema import Draft202012Validator

args = sys.argv[1:]
limit = None
if "--limit" in args:
    i = args.index("--limit")
    limit = int(args[i + 1])
    del args[i : i + 2]
schema_dir, files = pathlib.Path(args[0]), args[1:]
validators = {
    kind: Draft202012Validator(
        json.loads((schema_dir / f"{kind}.schema.json").read_text()),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    for kind in ("instruction", "assessment", "consent")
}
for file in files:
    lines = [line for line in pathlib.Path(file).read_text().splitlines() if line.strip()][:limit]
    invalid = 0
    start = time.perf_counter()
    for line in lines:
        doc = json.loads(line)
        if not validators[doc["kind"]].is_valid(doc):
            invalid += 1
    seconds = time.perf_counter() - start
    name = pathlib.Path(file).stem
    print(json.dumps({"name": name, "documents": len(lines), "invalid": invalid, "seconds": seconds, "per_second": len(lines) / seconds}))

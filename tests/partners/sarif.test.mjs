// tsunagu's SARIF output validates against the SARIF 2.1.0 schema.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";

const root = join(import.meta.dirname, "..", "..");
const tsunagu = process.env.TSUNAGU_BIN ?? join(root, "target", "debug", "tsunagu");
const require = createRequire(import.meta.url);
const schemaPath = join(require.resolve("@microsoft/jest-sarif/package.json"), "..", "lib", "schemas", "sarif-2.1.0-rtm.5.json");

function run(args) {
  try {
    return execFileSync(tsunagu, args, { cwd: root, encoding: "utf8" });
  } catch (error) {
    // Exit codes 1 (some invalid) and 2 (some unreadable) still print the report.
    if (error.status === 1 || error.status === 2) return error.stdout;
    throw error;
  }
}

test("SARIF output validates against the SARIF 2.1.0 schema", () => {
  // The SARIF 2.1.0 schema is written in JSON Schema draft-04.
  // Its language-tag pattern is only valid without the `u` flag.
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
  const log = JSON.parse(run(["validate", "--format", "sarif", "examples", "tests/fixtures", "no-such-file.json"]));
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  assert.ok(log.runs[0].results.length > 20);
  assert.ok(log.runs[0].results.every((r) => r.locations[0].logicalLocations[0].fullyQualifiedName.startsWith("/")));
});

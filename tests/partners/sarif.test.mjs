// tsunagu's SARIF output validates against the SARIF 2.1.0 schema.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const root = join(import.meta.dirname, "..", "..");
const tsunagu = process.env.TSUNAGU_BIN ?? join(root, "target", "debug", "tsunagu");
const require = createRequire(import.meta.url);
const schemaPath = join(require.resolve("@microsoft/jest-sarif/package.json"), "..", "lib", "schemas", "sarif-2.1.0-rtm.5.json");

function run(args) {
  try {
    return execFileSync(tsunagu, args, { cwd: root, encoding: "utf8" });
  } catch (error) {
    // Exit code 1 means "some documents invalid": the report is still on stdout.
    if (error.status === 1) return error.stdout;
    throw error;
  }
}

test("SARIF output validates against the SARIF 2.1.0 schema", () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
  const log = JSON.parse(run(["validate", "--format", "sarif", "examples", "tests/fixtures", "no-such-file.json"]));
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  assert.ok(log.runs[0].results.length > 20);
  assert.ok(log.runs[0].results.every((r) => r.locations[0].logicalLocations[0].fullyQualifiedName.startsWith("/")));
});

// ajv (JSON Schema 2020-12) validates the corpus against the files in schemas/
// alone, and agrees with tsunagu on every structural (schema.*) verdict.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const root = join(import.meta.dirname, "..", "..");
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validators = {};
// Every kind the format has, by its schema file.
for (const kind of readdirSync(join(root, "schemas")).filter((f) => f.endsWith(".schema.json")).map((f) => f.replace(".schema.json", ""))) {
  validators[kind] = ajv.compile(JSON.parse(readFileSync(join(root, "schemas", `${kind}.schema.json`), "utf8")));
}

const json = (dir) => readdirSync(join(root, dir)).filter((f) => f.endsWith(".json")).sort();

function parse(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

test("every example is valid under ajv", () => {
  for (const file of [...json("examples").map((f) => `examples/${f}`), ...json("tests/documents").map((f) => `tests/documents/${f}`)]) {
    const doc = parse(join(root, file));
    const validate = validators[doc.kind];
    assert.ok(validate(doc), `${file}: ${JSON.stringify(validate.errors)}`);
  }
});

// Problems tsunagu reports before the schema runs (a JSON parser or the envelope).
const beforeSchema = new Set(["document.not-json", "document.duplicate-key", "document.too-deep", "document.too-large", "document.not-object", "document.kind-missing", "document.kind-unknown", "document.version-unsupported"]);

test("ajv agrees with tsunagu on every structural verdict", () => {
  let compared = 0;
  for (const file of json("tests/fixtures")) {
    // The diagnostics tsunagu gives the fixture: its insta snapshot, after the header.
    const expected = JSON.parse(readFileSync(join(root, "tests/fixtures", file.replace(/\.json$/, ".snap")), "utf8").split("---\n").slice(2).join("---\n"));
    const doc = parse(join(root, "tests/fixtures", file));
    if (!doc || typeof doc !== "object" || Array.isArray(doc) || !validators[doc.kind] || expected.some((d) => beforeSchema.has(d.code))) continue;
    const structural = expected.some((d) => d.code.startsWith("schema."));
    const valid = validators[doc.kind](doc);
    assert.equal(valid, !structural, `${file}: tsunagu structural=${structural}, ajv valid=${valid}`);
    if (structural) {
      // Every pointer tsunagu reports for a structural problem is one ajv reports too (or its parent, for `required`).
      const ajvPaths = validators[doc.kind].errors.map((e) => e.instancePath + (e.params.missingProperty ? `/${e.params.missingProperty}` : "") + (e.params.additionalProperty ? `/${e.params.additionalProperty}` : ""));
      for (const d of expected.filter((d) => d.code.startsWith("schema."))) {
        assert.ok(ajvPaths.some((p) => p === d.pointer || p.startsWith(d.pointer)), `${file}: ajv has nothing at ${d.pointer}: ${ajvPaths}`);
      }
    }
    compared += 1;
  }
  assert.ok(compared >= 5, `only ${compared} fixtures compared`);
});

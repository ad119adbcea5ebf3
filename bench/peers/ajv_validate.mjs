// ajv (JSON Schema 2020-12, formats on, like tsunagu) validating JSON Lines files against
// schemas/: JSON.parse + validate per line, one core. Prints one JSON object per file.
// usage: node ajv_validate.mjs SCHEMA_DIR FILE.jsonl...
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaDir, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv);
const validators = {};
for (const kind of ["instruction", "assessment", "consent"]) {
  validators[kind] = ajv.compile(JSON.parse(readFileSync(join(schemaDir, `${kind}.schema.json`), "utf8")));
}
for (const file of files) {
  const lines = readFileSync(file, "utf8").split("\n").filter((l) => l.trim());
  let best = Infinity;
  let invalid = 0;
  for (let round = 0; round < 3; round++) {
    let roundInvalid = 0;
    const start = process.hrtime.bigint();
    for (const line of lines) {
      const doc = JSON.parse(line);
      if (!validators[doc.kind](doc)) roundInvalid++;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    best = Math.min(best, seconds);
    if (round === 0) invalid = roundInvalid;
  }
  console.log(JSON.stringify({ name: basename(file, ".jsonl"), documents: lines.length, invalid, seconds: best, per_second: lines.length / best }));
}

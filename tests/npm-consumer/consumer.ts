// What a partner system writes against @tsunagu/core. It only has to compile:
// `tsc --noEmit` fails if a result's type turns into `any` (or loses a field).
import { readFileSync } from "node:fs";
import { codes, labels, migrate_document, score, validate, version } from "@tsunagu/core";
import type { Kind } from "@tsunagu/core";

/** `true` only for `any`: assigning `false` to it fails when a type has become `any`. */
type IsAny<T> = 0 extends 1 & T ? true : false;
function notAny<T>(_value: T, _proof: IsAny<T> extends true ? never : true): void {}

const report = validate(readFileSync("sheet.json", "utf8"));
notAny(report, true);
notAny(report.diagnostics, true);
for (const diagnostic of report.diagnostics) {
  notAny(diagnostic.code, true);
  const code: string = diagnostic.code;
  const where: string = diagnostic.pointer;
  const ja: string = diagnostic.message.ja;
  const en: string = diagnostic.message.en;
  const hint: string | undefined = diagnostic.hint?.ja;
  const severity: "error" | "warning" | "info" = diagnostic.severity;
  console.log(code, where, ja, en, hint, severity);
}
const valid: boolean = report.valid;
const kind: Kind | null = report.kind;
notAny(report.kind, true);
const sheetKind: Kind = "instruction";

const result = score({ kind: "instruction" });
notAny(result, true);
if (result !== null) {
  const total: number = result.total;
  const klass: "highest" | "middle" | "lowest" | "notApplicable" = result.class;
  for (const line of result.lines) {
    const row: string = line.item;
    const points: number = line.points;
    console.log(row, points);
  }
  console.log(total, klass);
}

const migration = migrate_document("{}");
notAny(migration, true);
const from: string = migration.from;
const upgraded: boolean = migration.report.valid;

const catalog = labels("ja");
notAny(catalog, true);
const sheet: string = catalog.kinds.instruction;
const nursery: string | undefined = catalog.vocabularies["facilityKind"]?.["nursery"];

const list = codes();
notAny(list, true);
const first: string = list[0].summary;

const v = version();
notAny(v, true);
const format: string = v.formatVersion;

console.log(valid, kind, sheetKind, from, upgraded, sheet, nursery, first, format);

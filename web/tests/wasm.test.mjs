// The WASM modules in Node against the native CLI: the same corpus gives the same
// diagnostics, and the same documents give byte-identical PDFs.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";
import { cli, core, fontFiles, jsonFiles, render, root, tsunagu } from "./common.mjs";

// The hostile corpus too, where the bytes are text a page could hand over (not invalid UTF-8).
const utf8 = (file) => { try { new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(join(root, file))); return true; } catch { return false; } };
const hostile = jsonFiles("tests/hostile").filter(utf8);
const corpus = [...jsonFiles("examples"), ...jsonFiles("tests/fixtures"), ...jsonFiles("tests/documents"), ...jsonFiles("tests/migrate/1.0"), ...hostile];

test("a CLI to compare with was built", () => assert.ok(cli, "build the CLI first (cargo build)"));

test("every document gets the CLI's diagnostics", () => {
  for (const file of corpus) {
    const text = readFileSync(join(root, file), "utf8");
    const ours = core.validate(text);
    const native = JSON.parse(tsunagu(["validate", "--format", "json", file]).stdout.toString());
    assert.deepEqual({ kind: ours.kind, valid: ours.valid, diagnostics: ours.diagnostics }, { kind: native.kind, valid: native.valid, diagnostics: native.diagnostics }, file);
  }
  assert.ok(corpus.length >= 20);
});

test("an object and its text validate the same", () => {
  for (const file of jsonFiles("examples")) {
    const text = readFileSync(join(root, file), "utf8");
    assert.deepEqual(core.validate(JSON.parse(text)), core.validate(text), file);
  }
});

test("the score matches the CLI's", () => {
  // Only instruction sheets and assessments carry a score.
  for (const file of jsonFiles("examples").filter((f) => /instruction|assessment/.test(f))) {
    const native = JSON.parse(tsunagu(["score", "--format", "json", file]).stdout.toString());
    assert.deepEqual(core.score(readFileSync(join(root, file), "utf8")), native, file);
  }
});

// The font pieces a page would fetch (the rest of BIZ UDGothic, 𠮷 and the MJ set), handed in.
function handInPieces(renderer, text) {
  for (const name of renderer.fonts_needed(text)) {
    renderer.add_font(name, new Uint8Array(readFileSync(join(root, "crates/render/fonts", name))));
  }
}

test("PDFs are byte-identical to the CLI's, and carry the document", async (t) => {
  const renderer = new render.PdfRenderer(fontFiles.map((f) => new Uint8Array(readFileSync(f))));
  const out = await import("node:fs/promises").then((fs) => fs.mkdtemp(join(root, "target/wasm-test-")));
  for (const file of [...jsonFiles("examples"), ...jsonFiles("tests/documents")]) {
    const text = readFileSync(join(root, file), "utf8");
    handInPieces(renderer, text);
    const pdf = renderer.render(text, "ja", false);
    const nativePath = join(out, "native.pdf");
    assert.equal(tsunagu(["render", file, "-o", nativePath]).code, 0, file);
    assert.ok(Buffer.from(pdf).equals(readFileSync(nativePath)), `${file}: the PDF differs from the CLI's`);
    const carried = JSON.parse(render.extract(pdf));
    assert.deepEqual(carried, JSON.parse(readFileSync(join(root, file), "utf8")), file);
  }
  t.diagnostic(`compared with ${cli}`);
});

test("a name in the MJ set needs only its font pieces, and without them is refused by field", () => {
  const renderer = new render.PdfRenderer(fontFiles.map((f) => new Uint8Array(readFileSync(f))));
  const text = readFileSync(join(root, "examples/instruction-mj-name-school.json"), "utf8");
  const needed = renderer.fonts_needed(text);
  const fallback = ["09", "17", "32", "39", "58"].map((n) => `fallback/fallback-${n}.ttf`);
  assert.deepEqual(needed, ["gothic/gothic-01-regular.ttf", "gothic/gothic-01-bold.ttf", ...fallback]);
  assert.throws(() => renderer.render(text, "ja", false), (error) => /^\/(careStaffNotes|child)\S*: a character is not in/.test(error.message) && !error.message.includes("𠮷"));
  assert.throws(() => renderer.add_font("../TsunaguGothic-Regular.ttf", new Uint8Array([1])));
  assert.throws(() => renderer.add_font("fallback/fallback-32.ttf", new Uint8Array([1, 2, 3])));
  for (const name of needed) renderer.add_font(name, new Uint8Array(readFileSync(join(root, "crates/render/fonts", name))));
  assert.deepEqual(renderer.fonts_needed(text), []);
  assert.ok(renderer.render(text, "ja", false).length > 1000);
});

test("an invalid document is refused without draft, and drawn as a draft with it", () => {
  const renderer = new render.PdfRenderer(fontFiles.map((f) => new Uint8Array(readFileSync(f))));
  const text = readFileSync(join(root, "tests/fixtures/instruction-dates-inverted.json"), "utf8");
  handInPieces(renderer, text);
  assert.throws(() => renderer.render(text, "ja", false), /not valid/);
  assert.ok(renderer.render(text, "ja", true).length > 1000);
});

test("schemas, samples, blanks, migration and codes", () => {
  for (const kind of Object.keys(core.labels("en").kinds)) {
    assert.deepEqual(core.schema(kind), JSON.parse(readFileSync(join(root, "schemas", `${kind}.schema.json`), "utf8")));
    const sample = core.sample(kind, 1, 3);
    assert.equal(core.validate(sample).valid, true, kind);
    const native = JSON.parse(tsunagu(["sample", "--kind", kind, "--count", "4", "--seed", "1"]).stdout.toString().trim().split("\n")[3]);
    assert.deepEqual(sample, native, `${kind}: the same sample as the CLI`);
    const blank = core.blank(kind, "6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f");
    assert.equal(blank.kind, kind);
    assert.equal(core.validate(blank).valid, false);
  }
  assert.throws(() => core.schema("letter"), /unknown kind/);
  const old = readFileSync(join(root, "tests/migrate/1.0/instruction-diabetes-nursery.json"), "utf8");
  const migrated = core.migrate_document(old);
  assert.equal(migrated.from, "1.0");
  // The same document as its 1.1 form migrates to (the example itself has 1.2 fields added since).
  const from11 = core.migrate_document(readFileSync(join(root, "tests/migrate/1.1/instruction-diabetes-nursery.json"), "utf8"));
  assert.deepEqual(migrated.document, from11.document);
  assert.equal(migrated.document.formatVersion, core.version().formatVersion);
  assert.equal(migrated.report.valid, true);
  assert.ok(core.codes().some((c) => c.code === "document.duplicate-key"));
});

test("hostile input is an error, not a crash", () => {
  const deep = `${"[".repeat(100000)}${"]".repeat(100000)}`;
  assert.equal(core.validate(deep).diagnostics[0].code, "document.too-deep");
  assert.equal(core.validate(`{"a":1,"a":2}`).diagnostics[0].code, "document.duplicate-key");
  assert.equal(core.validate("x".repeat(2 * 1024 * 1024)).diagnostics[0].code, "document.too-large");
  const cyclic = {};
  cyclic.self = cyclic;
  assert.equal(core.validate(cyclic).diagnostics[0].code, "document.not-json");
  assert.throws(() => render.extract(new Uint8Array([1, 2, 3])));
});

test("the modules can call nothing that reaches the network", () => {
  // A WebAssembly module can only do what its imports let it. Every import is a
  // wasm-bindgen helper for values, errors, JSON or randomness; none is fetch,
  // XMLHttpRequest, WebSocket or anything else that sends data.
  const allowed = new Set(["set", "new", "new_from_slice", "of", "push", "stringify", "getRandomValues", "Error", "length", "prototypesetcall", "__wbindgen_throw", "__wbindgen_is_string", "__wbindgen_string_get"]);
  for (const file of ["target/npm/tsunagu-core/tsunagu_wasm_bg.wasm", "target/npm/tsunagu-render/tsunagu_wasm_render_bg.wasm"]) {
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(join(root, file))));
    assert.ok(imports.length > 0, file);
    for (const { module, name } of imports) {
      assert.match(module, /^\.\/tsunagu_wasm(_render)?_bg\.js$/, `${file}: import from ${module}`);
      const bare = name.replace(/^__wbg_/, "").replace(/_[0-9a-f]{16}$/, "");
      assert.ok(allowed.has(bare) || /^__wbindgen_(init_externref_table|generic_\d+)$/.test(name), `${file}: unexpected import ${name}`);
    }
  }
  // Names alone cannot tell `new Object` from `new WebSocket`: the glue function that
  // defines every import must not mention anything that sends data. (The page's
  // loader fetches the .wasm file itself, outside it.)
  const glue = ["target/npm/tsunagu-core/tsunagu_wasm.js", "target/npm/tsunagu-render/tsunagu_wasm_render.js", "web/pkg/tsunagu_wasm.js", "web/pkg/tsunagu_wasm_render.js"];
  for (const file of glue) {
    const source = readFileSync(join(root, file), "utf8");
    const start = source.indexOf("function __wbg_get_imports()");
    assert.ok(start >= 0, `${file}: no import definitions found`);
    const text = source.slice(start, source.indexOf("\n}\n", start));
    assert.ok(text.includes("__wbg_"), `${file}: the import definitions were not found whole`);
    for (const api of ["fetch", "XMLHttpRequest", "WebSocket", "sendBeacon", "EventSource", "importScripts", "Worker", "RTCPeerConnection", "http", "net"]) {
      assert.ok(!new RegExp(`\\b${api}\\b`).test(text), `${file} mentions ${api}`);
    }
  }
  assert.ok(hostile.length >= 15, "the hostile corpus went through the module");
});

test("a shared record's entry is appended as `tsunagu record add` appends it", () => {
  const record = JSON.parse(readFileSync(join(root, "examples/record-consultations.json"), "utf8"));
  const entry = {
    id: "7a0d3c52-1c6e-4d61-9d0b-5b2b0f4c1e01", date: "2026-08-01", department: "schoolAffairs",
    staff: { family: "木村" }, channel: "phone", concern: "校外学習", situation: "看護師が必要", response: "配置する",
    consent: record.entries[0].consent,
  };
  const added = core.record_append(record, entry);
  assert.equal(added.document.entries.length, record.entries.length + 1);
  assert.deepEqual(added.document.entries.at(-1).parents, [record.entries.at(-1).hash]);
  assert.equal(core.validate(added.document).valid, true);
  // The CLI appends the same entry to the same record into the same bytes.
  const dir = mkdtempSync(join(tmpdir(), "tsunagu-record-"));
  writeFileSync(join(dir, "record.json"), JSON.stringify(record));
  writeFileSync(join(dir, "entry.json"), JSON.stringify(entry));
  tsunagu(["record", "add", join(dir, "record.json"), join(dir, "entry.json")]);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, "record.json"), "utf8")), added.document);
  // A wrong entry: refused, its field named in the record.
  const refused = core.record_append(record, { ...entry, channel: "pigeon" });
  assert.equal(refused.document, null);
  assert.ok(refused.diagnostics.some((d) => d.pointer === `/entries/${record.entries.length}/channel`));
  // A record with an edited entry: nothing is added.
  const edited = structuredClone(record);
  edited.entries[0].response = "書き換え";
  assert.throws(() => core.record_append(edited, entry));
});

test("an evacuation plan's hours are the model's, as on paper", () => {
  const plan = JSON.parse(readFileSync(join(root, "examples/evacuation-tracheostomy-ventilator.json"), "utf8"));
  const power = core.power(plan);
  assert.equal(power.totalHours, 25);
  assert.equal(power.devices.length, plan.devices.length);
  assert.equal(core.power(JSON.parse(readFileSync(join(root, "examples/consent-five-departments.json"), "utf8"))), null);
});

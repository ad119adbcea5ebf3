// typst.ts for Node (@myriaddreamin/typst-ts-node-compiler) compiling tsunagu's own
// templates, fonts and data (exported by the throughput bench) to PDF/A-3a with one
// reused NodeCompiler; each document's data is handed in with mapShadow. One core.
// usage: node typst_ts_node.mjs PROJECT_DIR COUNT
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";

const project = resolve(process.argv[2]);
const count = Number(process.argv[3]);
const docs = readdirSync(join(project, "docs")).sort().slice(0, count).map((d) => join(project, "docs", d));
const compiler = NodeCompiler.create({ workspace: project, fontArgs: [{ fontPaths: [join(project, "fonts")] }] });

function compile(doc) {
  for (const name of ["view.json", "labels.json", "qr.svg", "document.json"]) {
    compiler.mapShadow(join(project, "data", name), readFileSync(join(doc, name)));
  }
  const mainFilePath = join(project, readFileSync(join(doc, "main"), "utf8"));
  const pdf = compiler.pdf({ mainFilePath }, { pdfStandard: "a-3a" });
  compiler.evictCache(10);
  return pdf;
}

compile(docs[0]); // warm
const outputs = [];
const start = process.hrtime.bigint();
for (const doc of docs) outputs.push(compile(doc));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const distinct = new Set(outputs.map((pdf) => createHash("sha256").update(pdf).digest("hex"))).size;
const kib = outputs.reduce((n, pdf) => n + pdf.length, 0) / 1024 / outputs.length;
console.log(JSON.stringify({ name: "typst-ts-node-compiler", documents: outputs.length, seconds, per_second: outputs.length / seconds, distinct_pdfs: distinct, kib_per_document: kib }));

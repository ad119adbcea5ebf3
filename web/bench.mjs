// The page's numbers in headless Chromium, served from localhost: first-load size,
// validation time per edit, first PDF after load (module and font fetches included)
// and later PDFs of the same document, to set beside the native warm render of it
// (`cargo bench -p tsunagu-render --bench render`). Prints one JSON object.
// `node web/bench.mjs [document.json]` after `bash web/build.sh`.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const here = new URL(".", import.meta.url).pathname;
const gz = (path) => gzipSync(readFileSync(join(here, path)), { level: 9 }).length;
const firstLoad = ["index.html", "style.css", "app.js", "form.js", "pkg/tsunagu_wasm.js", "pkg/tsunagu_wasm_bg.wasm"];
const renderFiles = ["pkg/tsunagu_wasm_render.js", "pkg/tsunagu_wasm_render_bg.wasm", ...readdirSync(join(here, "fonts")).filter((f) => f.endsWith(".ttf")).map((f) => `fonts/${f}`)];

const server = await serve(0);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}/?kind=instruction`);
await page.waitForFunction(() => window.tsunagu !== undefined);
const documentPath = process.argv[2] ?? join(here, "../examples/instruction-diabetes-nursery.json");
const result = await page.evaluate(async (text) => {
  const { core, renderModule } = window.tsunagu;
  const doc = JSON.parse(text);
  // One edit's work: validate and score the whole document.
  const times = [];
  for (let i = 0; i < 300; i++) {
    doc.remarks = `edit ${i}`;
    const start = performance.now();
    core.validate(doc);
    core.score(doc);
    times.push(performance.now() - start);
  }
  delete doc.remarks;
  times.sort((a, b) => a - b);
  const firstStart = performance.now();
  const { pdf } = await renderModule();
  pdf.render(doc, "ja", false);
  const first = performance.now() - firstStart;
  const later = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    pdf.render(doc, "ja", false);
    later.push(performance.now() - start);
  }
  later.sort((a, b) => a - b);
  return { validate_median_ms: times[150], validate_p95_ms: times[285], first_pdf_ms: first, later_pdf_median_ms: later[10] };
}, readFileSync(documentPath, "utf8"));
await browser.close();
server.close();
const sum = (files) => files.reduce((n, f) => n + gz(f), 0);
console.log(JSON.stringify({ document: documentPath.split("/").pop(), ...result, first_load_gzip_bytes: sum(firstLoad), render_module_and_fonts_gzip_bytes: sum(renderFiles) }));

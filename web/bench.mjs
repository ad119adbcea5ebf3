// The page's numbers in headless Chromium. Prints JSON objects, one per line.
// 1. Over an ordinary facility line (20 Mbps down, 40 ms, by CDP
//    Network.emulateNetworkConditions), cold cache, service worker blocked: open the page,
//    open the document, press PDF; the time until the download and the bytes on the wire,
//    with the server's precompressed copies and without them, side by side.
// 2. On localhost (the network costs nothing; labelled "localhost"): validation time per edit, first PDF after
//    load (module and font fetches included) and later PDFs of the same document, to set
//    beside the native warm render of it (`cargo bench -p tsunagu-render --bench render`).
// 3. The live preview: from an edit in the form to the page in view redrawn beside it
//    (and to every page redrawn: the others follow while the page is idle).
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

const documentPath = process.argv[2] ?? join(here, "../examples/instruction-diabetes-nursery.json");
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const line = { offline: false, latency: 40, downloadThroughput: (20e6 / 8), uploadThroughput: (10e6 / 8) };

/** Open, load the document, press PDF, over the throttled line; the clock starts at navigation. */
async function throttledFirstPdf(precompressed) {
  const server = await serve(0, { precompressed });
  const context = await browser.newContext({ serviceWorkers: "block", acceptDownloads: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", line);
  let bytes = 0;
  let requests = 0;
  cdp.on("Network.loadingFinished", (event) => {
    bytes += event.encodedDataLength;
    requests += 1;
  });
  const start = Date.now();
  await page.goto(`http://127.0.0.1:${server.address().port}/?kind=instruction`);
  await page.waitForFunction(() => window.tsunagu !== undefined, null, { timeout: 120_000 });
  const ready = Date.now() - start;
  const readyBytes = bytes;
  await page.setInputFiles("#file", documentPath);
  await page.waitForFunction(() => document.body.dataset.valid === "true");
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 180_000 }), page.click("#pdf")]);
  await download.path();
  const total = Date.now() - start;
  await context.close();
  server.close();
  return {
    measure: "first PDF over 20 Mbps / 40 ms, cold cache, no service worker",
    served: precompressed ? "precompressed (br)" : "uncompressed",
    page_ready_ms: ready,
    first_pdf_ms: total,
    page_ready_bytes: readyBytes,
    first_pdf_bytes: bytes,
    requests,
  };
}

for (const precompressed of [true, false]) {
  console.log(JSON.stringify({ document: documentPath.split("/").pop(), ...(await throttledFirstPdf(precompressed)) }));
}

const server = await serve(0);
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}/?kind=instruction`);
await page.waitForFunction(() => window.tsunagu !== undefined);
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
// 3. The live preview: edit a field as a person would (an input event), until the sheet
// beside the form is redrawn. Each of the examples, 40 edits each, after one warm-up.
const previews = [];
for (const example of ["instruction-diabetes-nursery.json", "instruction-tracheostomy-ventilator.json", "consent-five-departments.json", "evacuation-tracheostomy-ventilator.json"]) {
  const path = join(here, "../examples", example);
  const kind = JSON.parse(readFileSync(path, "utf8")).kind;
  await page.goto(`http://127.0.0.1:${server.address().port}/?kind=${kind}`);
  await page.waitForFunction(() => window.tsunagu !== undefined);
  await page.evaluate(() => window.tsunagu.showPreview(true));
  await page.setInputFiles("#file", path);
  await page.waitForFunction(() => document.querySelectorAll("#preview-pages canvas").length > 0, null, { timeout: 60_000 });
  for (const which of [0, 1]) {
  const times = await page.evaluate(async (which) => {
    // The child's family name (on every kind, printed on the first page and often in
    // every page's header) and the last free-text field (printed once, late in the sheet).
    const fields = [document.querySelector('#form input[data-pointer$="/name/family"]'), [...document.querySelectorAll("#form textarea")].filter((el) => el.value).pop()];
    const field = fields[which];
    if (!field) return null;
    // Until the page in view is redrawn on its canvas (the browser shows it at its next
    // frame), and until every page is.
    const once = (i) => new Promise((done) => {
      let inView;
      document.addEventListener("tsunagu:preview", (event) => { inView = event.detail.ms; }, { once: true });
      document.addEventListener("tsunagu:preview-complete", (event) => done([inView, event.detail.ms]), { once: true });
      field.focus();
      field.value = `${field.value.replace(/ \d+$/, "")} ${i}`;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await once(0);
    const out = [];
    for (let i = 1; i <= 40; i++) out.push(await once(i));
    // A preview that failed (the edit made the document unreadable) would be quick and wrong.
    if (document.querySelector("#preview-status").textContent) throw new Error(document.querySelector("#preview-status").textContent);
    return [out.map((t) => t[0]).sort((a, b) => a - b), out.map((t) => t[1]).sort((a, b) => a - b)];
  }, which);
  if (!times) continue;
  const [inView, all] = times;
  const pages = await page.evaluate(() => document.querySelectorAll("#preview-pages canvas").length);
  const edited = which === 0 ? "child's family name" : "last free-text field";
  previews.push({
    document: example, measure: `live preview: edit (${edited}) to the page in view redrawn, and to every page redrawn, 40 edits`, pages,
    preview_median_ms: inView[20], preview_p95_ms: inView[38], all_pages_median_ms: all[20], all_pages_p95_ms: all[38],
  });
  }
}
await browser.close();
server.close();
for (const line of previews) console.log(JSON.stringify(line));
const sum = (files) => files.reduce((n, f) => n + gz(f), 0);
console.log(JSON.stringify({ document: documentPath.split("/").pop(), measure: "localhost", ...result, first_load_gzip_bytes: sum(firstLoad), render_module_and_fonts_gzip_bytes: sum(renderFiles) }));

// The page in headless Chromium (Debian's `chromium`, driven by playwright-core):
// fill the form, see an error appear and go away, download the PDF and find the
// document inside it, resume the draft after a reload, and work offline.
// A screenshot is kept in target/e2e/ as a test artifact.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import test from "node:test";
import { chromium } from "playwright-core";
import { serve } from "../serve.mjs";
import { render, root, tsunagu } from "./common.mjs";

const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const artifacts = join(root, "target/e2e");

/** The page served on a free port and a fresh headless Chromium, both closed whatever happens. */
async function inBrowser(run) {
  const server = await serve(0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    await run(browser, base);
  } finally {
    await browser.close();
    server.close();
  }
}

test("fill, check, download the PDF, resume, offline", async () => {
  mkdirSync(artifacts, { recursive: true });
  const requests = [];
  await inBrowser(async (browser, base) => {
    const context = await browser.newContext({ acceptDownloads: true, locale: "ja-JP" });
    const page = await context.newPage();
    page.on("request", (request) => requests.push(request.url()));
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${base}?kind=instruction`);
    await page.waitForFunction(() => window.tsunagu !== undefined);

    // An example fills every required field.
    await page.click("#sample");
    await page.waitForFunction(() => document.body.dataset.valid === "true");

    // Emptying the child's family name shows an error next to that field...
    const family = page.locator('[data-pointer="/child/name/family"]');
    await family.fill("");
    await page.waitForFunction(() => document.body.dataset.valid === "false");
    const problem = page.locator('[data-pointer="/child/name/family"] + .problem.error');
    await problem.waitFor();
    assert.match(await problem.textContent(), /氏名|姓|必須|ありません|短/);
    assert.equal(await family.getAttribute("aria-invalid"), "true");
    await problem.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "page-with-error.png"), fullPage: false });

    // ...and typing one makes it go away.
    await family.fill("山田");
    await page.waitForFunction(() => document.body.dataset.valid === "true");
    assert.equal(await problem.count(), 0);

    // The PDF made in the browser carries the document.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#pdf")]);
    const path = join(artifacts, "from-browser.pdf");
    await download.saveAs(path);
    const carried = JSON.parse(render.extract(new Uint8Array(readFileSync(path))));
    const doc = await page.evaluate(() => window.tsunagu.state.doc);
    assert.equal(carried.child.name.family, "山田");
    assert.equal(carried.id, doc.id);
    await page.screenshot({ path: join(artifacts, "page.png"), fullPage: false });

    // The draft survives closing the tab.
    const again = await context.newPage();
    await again.goto(`${base}?kind=instruction`);
    await again.waitForFunction(() => window.tsunagu?.state.doc?.child?.name?.family === "山田");

    // Once loaded, the page works offline (the service worker serves its files).
    await again.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
    // The service worker warms every font piece in the background (the first PDF asked
    // for the module); when the last is cached, any name prints offline.
    const last = await again.evaluate(async () => (await (await fetch("fonts/pieces.json")).json()).at(-1));
    for (let tries = 0; !(await again.evaluate((name) => caches.match(`fonts/${name}`).then(Boolean), last)); tries++) {
      assert.ok(tries < 600, `${last} was never cached`);
      await again.waitForTimeout(100);
    }
    await context.setOffline(true);
    await again.reload();
    await again.waitForFunction(() => window.tsunagu?.state.doc?.child?.name?.family === "山田");
    // 鷗 is in a piece of BIZ UDGothic, 𠮷 in the fallback: neither was fetched before.
    await again.locator('[data-pointer="/child/name/family"]').fill("鷗𠮷");
    await again.waitForFunction(() => document.body.dataset.valid === "true");
    const [offline] = await Promise.all([again.waitForEvent("download"), again.click("#pdf")]);
    const offlinePath = join(artifacts, "offline.pdf");
    await offline.saveAs(offlinePath);
    assert.equal(JSON.parse(render.extract(new Uint8Array(readFileSync(offlinePath)))).child.name.family, "鷗𠮷");
    await context.setOffline(false);

    assert.deepEqual(errors, []);
    const foreign = requests.filter((url) => !url.startsWith(base) && !url.startsWith("blob:") && !url.startsWith("data:"));
    assert.deepEqual(foreign, [], "the page fetches only its own files");
  });
});

test("the care items are the paper's checklist: every item a box, the ticked ones' fields below", async () => {
  await inBrowser(async (browser, base) => {
    const page = await (await browser.newContext({ locale: "ja-JP", viewport: { width: 1400, height: 1000 } })).newPage();
    await page.goto(`${base}?kind=instruction`);
    await page.waitForFunction(() => window.tsunagu !== undefined);
    await page.setInputFiles("#file", join(root, "examples/instruction-diabetes-nursery.json"));
    await page.waitForFunction(() => document.body.dataset.valid === "true");
    const boxes = page.locator("fieldset.checklist > ul.checks input[type=checkbox]");
    // The fourteen items of the score table in the paper's order, then other care and drains.
    assert.equal(await boxes.count(), 16);
    const labels = await page.locator("fieldset.checklist > ul.checks label").allTextContents();
    assert.match(labels[0], /^1 人工呼吸器/);
    assert.match(labels[13], /^14 痙攣/);
    const ticked = await page.evaluate(() => Object.keys(window.tsunagu.state.doc.care).sort());
    const checked = await page.$$eval("fieldset.checklist > ul.checks input:checked", (inputs) => inputs.map((i) => i.dataset.pointer.slice("/care/".length, -1)).sort());
    assert.deepEqual(checked, ticked);
    // Every ticked item's fields follow the boxes, none of the others'.
    for (const key of ticked) assert.equal(await page.locator(`fieldset.checklist > fieldset[id="f/care/${key}"]`).count(), 1, key);
    await page.locator("fieldset.checklist > ul.checks").screenshot({ path: join(artifacts, "care-checklist.png") });
    // Ticking an item (from the keyboard) opens its fields; unticking drops it from the document.
    await page.focus('[data-pointer="/care/oxygen?"]');
    await page.keyboard.press("Space");
    await page.waitForFunction(() => window.tsunagu.state.doc.care.oxygen !== undefined);
    assert.equal(await page.locator('fieldset.checklist > fieldset[id="f/care/oxygen"]').count(), 1);
    await page.keyboard.press("Space");
    await page.waitForFunction(() => window.tsunagu.state.doc.care.oxygen === undefined);
    assert.equal(await page.locator('fieldset[id="f/care/oxygen"]').count(), 0);
  });
});

test("a shared record: open it, add an entry with the CLI's checks, save it", async () => {
  await inBrowser(async (browser, base) => {
    const context = await browser.newContext({ acceptDownloads: true, locale: "ja-JP" });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${base}?kind=record`);
    await page.waitForFunction(() => window.tsunagu !== undefined);
    await page.setInputFiles("#file", join(root, "examples/record-consultations.json"));
    await page.waitForFunction(() => window.tsunagu.state.kind === "record" && document.body.dataset.valid === "true");
    const before = await page.evaluate(() => window.tsunagu.state.doc.entries.length);
    assert.equal(await page.locator("#entries tr").count(), before + 1, "a header and a row per entry");
    assert.equal(await page.locator('#form [data-pointer^="/entries"]').count(), 0, "entries are not editable");

    // An incomplete entry is refused, its problems shown on the entry's own fields.
    await page.click("#add-entry");
    await page.locator("#entry-form .problem.error").first().waitFor();
    assert.equal(await page.evaluate(() => window.tsunagu.state.doc.entries.length), before);

    await page.locator('#entry-form [data-pointer="/date"]').fill("2026-08-01");
    await page.locator('#entry-form [data-pointer="/department"]').selectOption("schoolAffairs");
    await page.locator('#entry-form [data-pointer="/staff/family"]').fill("木村");
    await page.locator('#entry-form [data-pointer="/channel"]').selectOption("phone");
    await page.locator('#entry-form [data-pointer="/concern"]').fill("二学期の校外学習について");
    await page.locator('#entry-form [data-pointer="/situation"]').fill("看護師の付き添いが必要");
    await page.locator('#entry-form [data-pointer="/response"]').fill("看護師を追加で配置する");
    const consent = await page.evaluate(() => window.tsunagu.state.doc.entries[0].consent);
    await page.locator('#entry-form [data-pointer="/consent"]').fill(consent);
    await page.click("#add-entry");
    await page.waitForFunction((n) => window.tsunagu.state.doc.entries.length === n + 1, before);
    await page.waitForFunction(() => document.body.dataset.valid === "true");

    // The saved JSON is a record the CLI accepts, the new entry linked to the last.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
    const path = join(artifacts, "record-from-browser.json");
    mkdirSync(artifacts, { recursive: true });
    await download.saveAs(path);
    const saved = JSON.parse(readFileSync(path, "utf8"));
    const last = saved.entries.at(-1);
    assert.deepEqual(last.parents, [saved.entries.at(-2).hash]);
    assert.match(last.hash, /^[0-9a-f]{64}$/);
    assert.deepEqual(errors, []);
  });
});

test("an evacuation plan shows its hours live as the devices change", async () => {
  await inBrowser(async (browser, base) => {
    const page = await (await browser.newContext({ locale: "ja-JP" })).newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${base}?kind=evacuation`);
    await page.waitForFunction(() => window.tsunagu !== undefined);
    await page.setInputFiles("#file", join(root, "examples/evacuation-tracheostomy-ventilator.json"));
    await page.waitForFunction(() => window.tsunagu.state.kind === "evacuation" && !document.querySelector("#power").hidden);
    assert.match(await page.locator("#power-value").textContent(), /^25 時間 \(目標 24 時間\)$/);
    // A bigger power station: (4000 × 0.85 + 2250 × 0.8) ÷ 140 W = 37.1 h.
    await page.locator('[data-pointer="/backupPower/0/capacity/value"]').fill("4000");
    await page.waitForFunction(() => document.querySelector("#power-value").textContent.startsWith("37.1"));
    // A smaller one falls short of the target, and the page says so.
    await page.locator('[data-pointer="/backupPower/0/capacity/value"]').fill("500");
    await page.waitForFunction(() => document.querySelector("#power").className === "bad");
    assert.deepEqual(errors, []);
  });
});

test("a child named 𠮷田 prints in the page, fetching only the font pieces the name needs, as the CLI prints it", async () => {
  const example = "examples/instruction-mj-name-school.json";
  mkdirSync(artifacts, { recursive: true });
  await inBrowser(async (browser, base) => {
    const context = await browser.newContext({ acceptDownloads: true, locale: "ja-JP" });
    const page = await context.newPage();
    const fetched = [];
    page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto(`${base}?kind=instruction`);
    await page.waitForFunction(() => window.tsunagu !== undefined);
    await page.setInputFiles("#file", join(root, example));
    await page.waitForFunction(() => window.tsunagu.state.doc?.child?.name?.family === "𠮷田" && document.body.dataset.valid === "true");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#pdf")]);
    const path = join(artifacts, "mj-from-browser.pdf");
    await download.saveAs(path);
    const native = join(artifacts, "mj-from-cli.pdf");
    assert.equal(tsunagu(["render", example, "-o", native]).code, 0);
    assert.ok(readFileSync(path).equals(readFileSync(native)), "the page's PDF is the CLI's, byte for byte");
    const pieces = fetched.filter((p) => /\/fonts\/(gothic|fallback)\//.test(p)).sort();
    const fallback = ["09", "17", "32", "39", "58"].map((n) => `/fonts/fallback/fallback-${n}.ttf`);
    assert.deepEqual(pieces, [...fallback, "/fonts/gothic/gothic-01-bold.ttf", "/fonts/gothic/gothic-01-regular.ttf"]);
  });
});

/**
 * For each page of the preview, the share of its canvas's pixels that differ (by more than a
 * quarter of the scale in a channel) from typst-svg's drawing of the same page at the same
 * size (`same`), and of the next page (`other`). The QR code is left out of `same`: the SVG
 * asks for its modules with crisp edges, which a canvas cannot do, so the canvas smooths them.
 */
const sheetMatch = (page, pages) => page.evaluate(async (pages) => {
  const { pdf } = await window.tsunagu.renderModule();
  const canvases = [...document.querySelectorAll("#preview-pages canvas")];
  const pixels = (canvas) => canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const fromSvg = async (svg, like) => {
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = like.width;
    canvas.height = like.height;
    canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
    return pixels(canvas);
  };
  // The QR code's box in pixels: the page's one image, in points from its top left corner.
  const qrBox = (svg, scale) => {
    const at = /<image transform="translate\(([\d.]+) ([\d.]+)\)"[^>]*width="([\d.]+)" height="([\d.]+)"/.exec(svg);
    if (!at) return null;
    const [x, y, w, h] = at.slice(1).map((n) => Number(n) * scale);
    return { x0: x - 2, y0: y - 2, x1: x + w + 2, y1: y + h + 2 };
  };
  const differ = (a, b, width, skip) => {
    let count = 0;
    for (let k = 0; k < a.length; k += 4) {
      const x = (k / 4) % width;
      const y = Math.floor(k / 4 / width);
      if (skip && x >= skip.x0 && x <= skip.x1 && y >= skip.y0 && y <= skip.y1) continue;
      if (Math.max(Math.abs(a[k] - b[k]), Math.abs(a[k + 1] - b[k + 1]), Math.abs(a[k + 2] - b[k + 2]), Math.abs(a[k + 3] - b[k + 3])) > 64) count++;
    }
    return count / (a.length / 4);
  };
  const out = [];
  for (let i = 0; i < pages; i++) {
    const canvas = canvases[i];
    const drawn = pixels(canvas);
    const svg = pdf.preview_page(i);
    const scale = canvas.width / 595.2755905511812;
    out.push({
      width: canvas.width,
      same: differ(drawn, await fromSvg(svg, canvas), canvas.width, qrBox(svg, scale)),
      other: differ(drawn, await fromSvg(pdf.preview_page((i + 1) % pages), canvas), canvas.width, null),
    });
  }
  return out;
}, pages);

function assertSheetsMatch(match, when) {
  for (const [i, { width, same, other }] of match.entries()) {
    assert.ok(width > 500, `${when}, page ${i + 1}: drawn ${width} pixels wide`);
    assert.ok(same < 0.0003, `${when}, page ${i + 1}: ${(same * 100).toFixed(3)}% of pixels differ from its SVG`);
    assert.ok(other > 0.02, `${when}, page ${i + 1}: ${(other * 100).toFixed(3)}% differ from another page's SVG`);
  }
}

test("the sheet as it prints is drawn beside the form and follows each edit", async () => {
  const example = "examples/instruction-tracheostomy-ventilator.json";
  await inBrowser(async (browser, base) => {
    const page = await (await browser.newContext({ locale: "ja-JP", viewport: { width: 1600, height: 1000 } })).newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${base}?kind=instruction`);
    await page.waitForFunction(() => window.tsunagu !== undefined);
    await page.setInputFiles("#file", join(root, example));
    await page.waitForFunction(() => document.body.dataset.valid === "true");
    await page.waitForFunction(() => document.querySelectorAll("#preview-pages canvas").length > 0);
    // As many pages as the CLI's PDF of the same document.
    mkdirSync(artifacts, { recursive: true });
    const native = join(artifacts, "preview-native.pdf");
    assert.equal(tsunagu(["render", example, "-o", native]).code, 0);
    const pdfPages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [native], { encoding: "utf8" }))[1]);
    // The page in view is drawn first, the others after it.
    await page.waitForFunction((n) => document.querySelectorAll("#preview-pages canvas").length === n, pdfPages);
    await page.waitForSelector('#preview-pages[data-complete="true"]');
    // Each canvas shows what typst-svg draws of the same page: the same pixels but for
    // antialiasing, and far from any other page's (which proves the comparison can fail).
    assertSheetsMatch(await sheetMatch(page, pdfPages), "drawn from commands");
    // After an edit, every page is drawn again (a page left as it was differs in the
    // footer's digest at least).
    let drawn = await page.evaluate(() => Number(document.body.dataset.previewed));
    await page.locator('[data-pointer="/child/name/family"]').fill("佐藤");
    await page.waitForFunction((n) => Number(document.body.dataset.previewed) > n, drawn);
    await page.waitForSelector('#preview-pages[data-complete="true"]');
    assertSheetsMatch(await sheetMatch(page, pdfPages), "drawn from commands after an edit");
    // A page the commands cannot draw is drawn from its SVG, to the same effect.
    drawn = await page.evaluate(() => Number(document.body.dataset.previewed));
    await page.evaluate(async () => {
      const { pdf } = await window.tsunagu.renderModule();
      pdf.preview_drawing = () => undefined;
    });
    await page.locator('[data-pointer="/child/name/family"]').fill("鈴木");
    await page.waitForFunction((n) => Number(document.body.dataset.previewed) > n, drawn);
    await page.waitForSelector('#preview-pages[data-complete="true"]');
    assertSheetsMatch(await sheetMatch(page, pdfPages), "drawn from SVG");
    // An edit far down the form redraws the sheet and scrolls it to where the text prints.
    const before = await page.evaluate(() => Number(document.body.dataset.previewed));
    const note = page.locator('[data-pointer="/careStaffNotes"]');
    await note.fill("停電時は外部バッテリーに切り替える (プレビュー確認用の一文)");
    await page.waitForFunction((n) => Number(document.body.dataset.previewed) > n, before);
    await page.waitForFunction(() => document.querySelector("#preview-pages").scrollTop > 0);
    assert.deepEqual(errors, []);
  });
});

test("the coordinator's view: a folder's list, due dates and problems, and two versions compared, as the CLI gives them", async () => {
  mkdirSync(artifacts, { recursive: true });
  const dir = mkdtempSync(join(artifacts, "city-"));
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  assert.equal(tsunagu(["sample", "--case-folder", "12", "--around", today, "-o", dir]).code, 0);
  const csvRows = (args) => tsunagu(["roster", dir, "--as-of", today, ...args]).stdout.toString().trim().split("\n").length - 1;
  const dueLines = tsunagu(["due", dir, "--as-of", today, "--within", "90", "--format", "json"]).stdout.toString().trim().split("\n").filter(Boolean).length;
  await inBrowser(async (browser, base) => {
    const page = await (await browser.newContext({ locale: "ja-JP" })).newPage();
    const errors = [];
    const sent = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("request", (request) => request.method() !== "GET" && sent.push(request.url()));
    await page.goto(`${base}?kind=instruction`);
    await page.waitForFunction(() => window.tsunagu !== undefined);
    await page.setInputFiles("#folder", dir);
    await page.waitForFunction(() => document.body.dataset.folderRows !== undefined);
    assert.equal(Number(await page.evaluate(() => document.body.dataset.folderRows)), csvRows([]));
    assert.equal(Number(await page.evaluate(() => document.body.dataset.folderDue)), dueLines);
    // Shown to the board of education: only children whose consent names it.
    await page.selectOption("#department", "schoolAffairs");
    await page.waitForFunction((n) => Number(document.body.dataset.folderRows) === n, csvRows(["--for", "schoolAffairs"]));
    // Two versions of a sheet: the CLI's words for what changed.
    const [old, now2] = ["tests/documents/instruction-tracheostomy-ventilator-2025.json", "examples/instruction-tracheostomy-ventilator.json"];
    const cli = tsunagu(["diff", old, now2]).stdout.toString().trim().split("\n").filter((line) => line && !/件の変更$/.test(line));
    await page.setInputFiles("#versions", [join(root, now2), join(root, old)]);
    await page.waitForFunction(() => document.body.dataset.changes !== undefined);
    const shown = await page.evaluate(() => [...document.querySelectorAll("#coordinator-body li")].map((li) => li.textContent));
    assert.deepEqual(shown, cli);
    assert.deepEqual(sent, [], "nothing is uploaded");
    assert.deepEqual(errors, []);
  });
});

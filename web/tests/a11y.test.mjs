// The page for people who use a screen reader or the keyboard: axe-core (the rules of
// WCAG 2.1 A and AA) finds no serious or critical violation on any kind's form, with
// and without problems shown, and a consent form is completed with the keyboard alone.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import test from "node:test";
import { chromium } from "playwright-core";
import { serve } from "../serve.mjs";

const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function withPage(run) {
  const server = await serve(0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const context = await browser.newContext({ locale: "ja-JP", serviceWorkers: "block" });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await run(page, base);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
}

async function axe(page) {
  // Evaluated by the test, not loaded by the page: the page's own CSP allows no inline script.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0]?.target.join(" ") }));
  });
}

test("axe-core finds no serious or critical violation on any form", async (t) => {
  await withPage(async (page, base) => {
    await page.goto(`${base}?kind=instruction`);
    await page.waitForFunction(() => window.tsunagu !== undefined);
    const kinds = await page.evaluate(() => Object.keys(window.tsunagu.core.labels("ja").kinds));
    for (const kind of kinds) {
      await page.goto(`${base}?kind=${kind}`);
      await page.waitForFunction((k) => window.tsunagu?.state.kind === k, kind);
      // A blank form with every problem shown, then a filled one.
      await page.click("#blank");
      await page.click("#check");
      await page.waitForFunction(() => document.body.dataset.valid === "false");
      const blank = await axe(page);
      await page.click("#sample");
      await page.waitForFunction(() => document.body.dataset.valid === "true");
      const filled = await axe(page);
      for (const [state, violations] of [["blank, checked", blank], ["sample", filled]]) {
        for (const v of violations) t.diagnostic(`${kind} (${state}): ${v.impact} ${v.id} ×${v.nodes} at ${v.target}`);
        const grave = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        assert.deepEqual(grave, [], `${kind} (${state})`);
      }
    }
  });
});

/** What a person would type into a required field, from its pointer and kind. */
function answer(pointer, type) {
  if (/Reading$/.test(pointer)) return "つなぐ";
  if (/phone/i.test(pointer)) return "042-000-0000";
  if (/postalCode/.test(pointer)) return "182-0000";
  if (/birthDate/.test(pointer)) return "2019-05-01";
  if (/\/(end|until|to)$/.test(pointer)) return "2027-03-31";
  if (type === "date") return "2026-04-01";
  if (type === "number") return "1";
  return "つなぐ";
}

test("a consent form is completed with the keyboard alone", async () => {
  await withPage(async (page, base) => {
    await page.goto(`${base}?kind=consent`);
    await page.waitForFunction(() => window.tsunagu?.state.kind === "consent");
    await page.click("#blank");
    await page.evaluate(() => document.activeElement?.blur());
    // Tab from the top of the page through every field; type into each empty required one.
    for (let step = 0; step < 400; step++) {
      await page.keyboard.press("Tab");
      const field = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el?.matches?.("input, select, textarea") || el.getAttribute("aria-required") !== "true") return null;
        const date = Boolean(document.getElementById(`${el.id}-era`));
        return { pointer: el.dataset.pointer, tag: el.tagName, empty: el.value === "", type: date ? "date" : el.type };
      });
      if (!field?.empty) continue;
      if (field.tag === "SELECT") await page.keyboard.press("ArrowDown");
      else await page.keyboard.type(answer(field.pointer, field.type));
      if (await page.evaluate(() => document.body.dataset.valid === "true")) break;
    }
    // 確認する, reached and pressed from the keyboard: nothing left to fix.
    // 確認する, reached from the keyboard; each problem it lists is a link to its field.
    const backToCheck = async () => {
      for (let step = 0; step < 400 && (await page.evaluate(() => document.activeElement?.id)) !== "check"; step++) {
        await page.keyboard.press("Shift+Tab");
      }
      await page.keyboard.press("Enter");
    };
    await backToCheck();
    for (let round = 0; round < 10 && (await page.evaluate(() => document.body.dataset.valid)) !== "true"; round++) {
      for (let step = 0; step < 100 && !(await page.evaluate(() => document.activeElement?.closest?.("#problems"))); step++) {
        await page.keyboard.press("Tab");
      }
      await page.keyboard.press("Enter");
      const field = await page.evaluate(() => ({ pointer: document.activeElement.dataset.pointer, date: Boolean(document.getElementById(`${document.activeElement.id}-era`)) }));
      await page.keyboard.type(answer(field.pointer, field.date ? "date" : "text"));
      await backToCheck();
    }
    const problems = await page.evaluate(() => window.tsunagu.core.validate(window.tsunagu.state.doc).diagnostics.filter((d) => d.severity === "error").map((d) => `${d.pointer} ${d.code}`));
    assert.deepEqual(problems, []);
    assert.equal(await page.evaluate(() => document.body.dataset.valid), "true");
  });
});

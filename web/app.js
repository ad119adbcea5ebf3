// The tsunagu page: a form from the schema, checked by the same WASM as the CLI,
// the live medical-care score, drafts kept in this browser, JSON and PDF import
// and export. No server sees the data: the page fetches only its own files.

import init, * as core from "./pkg/tsunagu_wasm.js";
import { SchemaForm, pick } from "./form.js";

const TEXT = {
  ja: {
    kind: "書類",
    check: "確認する", sample: "記入例を読み込む", blank: "白紙にする", importFile: "JSON・PDF を読み込む", exportJson: "JSON を保存",
    pdf: "PDF をダウンロード", discard: "下書きを消す", fillIn: "記入する", add: "追加", remove: "削除", choose: "選択してください",
    yes: "はい", no: "いいえ", min: "下限", max: "上限", value: "値", valid: "問題はありません", problems: "件の問題",
    score: "医療的ケア判定スコア", points: "点", power: "停電時に電源が続く時間", hours: "時間", target: "目標", short: "目標に足りません", restored: "この端末に保存された下書きを復元しました", saved: "下書きをこの端末に保存しました",
    dropHere: "JSON・PDF をここにドロップできます", pdfLoading: "PDF の準備中 (初回のみフォントを読み込みます)…",
    pdfDone: "PDF を作成しました", pdfInvalid: "問題を直してから PDF にしてください", importFailed: "読み込めませんでした",
    privacy: "入力した内容はこの端末の中だけで扱われ、どこにも送信されません。", lang: "English",
    entries: "記録", newEntry: "新しい記録", addEntry: "記録を追加する", entryAdded: "記録を追加しました。JSON を保存してください",
    entryRefused: "記録を追加できません: 問題を直してください", noEntries: "記録はまだありません",
    appendOnly: "記録は追記のみです。前の記録は書き換えられません (訂正は新しい記録として追加します)。",
    date: "日付", department: "部署", staff: "担当", concern: "主訴", situation: "状況", response: "対応",
    required: "(必須)", sections: "項目", summary: "直すところ", noProblems: "問題なし",
    openFolder: "フォルダを開く (一覧・期限・書類間の確認)", compareTwo: "2つの版を比べる", nothingUploaded: "ファイルはこの端末の中で読み、どこにも送りません。",
    forDepartment: "共有先", everyone: "(すべて: 障害福祉課の一覧)", close: "閉じる", folderTitle: "フォルダ", roster: "医療的ケア児一覧", dueTitle: "期限 (90日以内)",
    fileProblems: "書類ごとの問題", leftOut: "同意のないこどもは含めていません", noChanges: "変更はありません", changesTitle: "変更点", none: "なし",
    when: "残り", what: "内容", child: "こども", file: "書類", severity: "重さ", where: "場所", notRead: "件は 64 MB を超えるため読み込みませんでした",
    preview: "印刷される用紙", previewOn: "用紙を表示", previewOff: "用紙を隠す", previewLoading: "用紙を準備中…", page: "ページ",
  },
  en: {
    kind: "Document",
    check: "Check", sample: "Load an example", blank: "Start blank", importFile: "Open JSON or PDF", exportJson: "Save JSON",
    pdf: "Download PDF", discard: "Discard draft", fillIn: "fill in", add: "Add", remove: "Remove", choose: "Choose…",
    yes: "Yes", no: "No", min: "min", max: "max", value: "value", valid: "No problems", problems: "problems",
    score: "Medical-care score", points: "points", power: "Power lasts in a power cut", hours: "h", target: "target", short: "short of the target", restored: "Restored the draft saved on this device", saved: "Draft saved on this device",
    dropHere: "Drop a JSON or PDF file here", pdfLoading: "Preparing the PDF (fonts load the first time only)…",
    pdfDone: "PDF made", pdfInvalid: "Fix the problems before making a PDF", importFailed: "Could not open the file",
    privacy: "What you enter stays on this device and is sent nowhere.", lang: "日本語",
    entries: "Entries", newEntry: "New entry", addEntry: "Add the entry", entryAdded: "Entry added. Save the JSON",
    entryRefused: "The entry cannot be added: fix the problems", noEntries: "No entries yet",
    appendOnly: "Entries are only ever appended: earlier entries cannot be changed (add a correction as a new entry).",
    date: "Date", department: "Department", staff: "Staff", concern: "Main concern", situation: "Situation", response: "Response",
    required: "(required)", sections: "Sections", summary: "To fix", noProblems: "no problems",
    openFolder: "Open a folder (list, due dates, checks across documents)", compareTwo: "Compare two versions", nothingUploaded: "The files are read on this device and sent nowhere.",
    forDepartment: "Shared with", everyone: "(all: the welfare division's list)", close: "Close", folderTitle: "Folder", roster: "List of children", dueTitle: "Due within 90 days",
    fileProblems: "Problems per document", leftOut: "children without a consent for it are left out", noChanges: "Nothing changed", changesTitle: "What changed", none: "none",
    when: "When", what: "What", child: "Child", file: "Document", severity: "Severity", where: "Where", notRead: "files over 64 MB were not read",
    preview: "The sheet as it prints", previewOn: "Show the sheet", previewOff: "Hide the sheet", previewLoading: "Preparing the sheet…", page: "page",
  },
};

// The core of BIZ UDGothic (what almost every document prints) and the title cut; the rest
// arrives in pieces, each when a document's text first needs it (fetchFontPieces).
const FONTS = ["TsunaguGothic-Regular.ttf", "TsunaguGothic-Bold.ttf", "TsunaguTitleMincho-Regular.ttf"];
const $ = (selector) => document.querySelector(selector);
const state = { lang: localStorage.getItem("tsunagu-lang") ?? "ja", kind: "instruction", doc: null, showAll: false };
const t = (key) => TEXT[state.lang][key] ?? key;
// The format's own labels (kinds, vocabularies, score classes) come from the model, as on paper.
const catalog = () => core.labels(state.lang);
let form;
let renderer = null;

await init();

function draftKey() {
  return `tsunagu-draft-${state.kind}`;
}

/** Shows a document; a document the form cannot draw leaves the page (and the draft) as it was. */
function start(kind, doc) {
  doc = upgraded(doc);
  const next = new SchemaForm($("#form"), formSchema(kind), { lang: state.lang, onChange: changed, t, dateText });
  next.render(doc); // throws before touching the page if the document's shape is wrong
  form = next;
  state.kind = kind;
  state.doc = doc;
  state.showAll = false;
  $("#kind").value = kind;
  $("#record").hidden = kind !== "record";
  if (kind === "record") showRecord();
  changed();
}

/** The schema the form edits. A shared record's entries are not edited in the form:
 * they are shown, and new ones are appended through the same checks as the CLI's. */
function formSchema(kind) {
  const schema = core.schema(kind);
  if (kind !== "record") return schema;
  const { entries, ...properties } = schema.properties;
  return { ...schema, properties, required: schema.required.filter((key) => key !== "entries") };
}

// The draft of the entry being written, kept apart from the record until it is added.
let entryForm;

function showRecord() {
  const schema = core.schema("record");
  const entrySchema = { ...schema.$defs.RecordEntry, $defs: schema.$defs };
  const words = catalog().vocabularies;
  const table = $("#entries");
  const head = document.createElement("tr");
  for (const key of ["date", "department", "staff", "concern", "situation", "response"]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = t(key);
    head.append(th);
  }
  const rows = [...(state.doc.entries ?? [])]
    .sort((a, b) => `${a.date} ${a.time ?? ""} ${a.id}`.localeCompare(`${b.date} ${b.time ?? ""} ${b.id}`))
    .map((entry) => {
      const row = document.createElement("tr");
      const staff = [entry.staff?.family, entry.staff?.given].filter(Boolean).join(" ");
      for (const text of [`${entry.date}${entry.time ? ` ${entry.time}` : ""}`, words.recipientKind[entry.department] ?? entry.department, staff, entry.concern, entry.situation, entry.response]) {
        const td = document.createElement("td");
        td.textContent = text ?? "";
        row.append(td);
      }
      return row;
    });
  const caption = document.createElement("caption");
  caption.textContent = rows.length ? `${t("entries")} (${rows.length})` : t("noEntries");
  table.replaceChildren(caption, head, ...rows);
  state.entry ??= new SchemaForm(document.createElement("div"), entrySchema, { t }).empty(entrySchema);
  entryForm = new SchemaForm($("#entry-form"), entrySchema, { lang: state.lang, t, dateText, onChange: () => {}, skip: new Set(["id", "parents", "hash"]), prefix: "entry-" });
  entryForm.render(state.entry);
}

function addEntry() {
  const result = core.record_append(state.doc, { ...state.entry, id: crypto.randomUUID() });
  if (!result.document) {
    // The checks name the field as it would be in the record (/entries/N/…): shown on the entry's form.
    const at = `/entries/${state.doc.entries?.length ?? 0}`;
    const own = result.diagnostics.filter((d) => d.pointer.startsWith(at)).map((d) => ({ ...d, pointer: d.pointer.slice(at.length) }));
    entryForm.show(own, { all: true });
    announce(t("entryRefused"));
    return;
  }
  state.doc = result.document;
  state.entry = null;
  start("record", state.doc);
  announce(t("entryAdded"));
}

/** Older format versions and deprecated fields are upgraded as `tsunagu migrate` would. */
function upgraded(doc) {
  const version = core.version().formatVersion;
  if (doc?.formatVersion === version && doc?.child?.weightMeasuredOn === undefined) return doc;
  try {
    const migration = core.migrate_document(doc);
    if (migration.steps.length) announce(migration.steps.map((step) => step.message[state.lang]).join(" / "));
    return migration.document;
  } catch {
    return doc; // not upgradable: validation says why
  }
}

function changed() {
  localStorage.setItem(draftKey(), JSON.stringify(state.doc));
  const started = performance.now();
  const report = core.validate(state.doc);
  const score = core.score(state.doc);
  const elapsed = performance.now() - started;
  const shown = form.show(report.diagnostics, { all: state.showAll });
  const errors = report.diagnostics.filter((d) => d.severity === "error").length;
  // #status is the live region: written only when what it says changes, never per keystroke.
  const status = report.valid ? t("valid") : `${errors} ${t("problems")}`;
  if ($("#status").textContent !== status) $("#status").textContent = status;
  $("#status").className = report.valid ? "ok" : "bad";
  $("#timing").textContent = `${elapsed.toFixed(1)} ms`;
  $("#score").hidden = score === null;
  if (score) $("#score-value").textContent = `${score.total} ${t("points")} (${scoreClass(score.class)})`;
  // An evacuation plan's hours, computed by the model as the PDF prints them, live as devices are entered.
  const power = state.kind === "evacuation" ? core.power(state.doc) : null;
  $("#power").hidden = power === null || power.totalHours === null;
  if (power && power.totalHours !== null) {
    const round = (h) => (Math.round(h * 10) / 10).toString();
    const target = power.targetHours === null ? "" : ` (${t("target")} ${round(power.targetHours)} ${t("hours")})`;
    const short = power.targetHours !== null && power.totalHours < power.targetHours ? ` — ${t("short")}` : "";
    $("#power-value").textContent = `${round(power.totalHours)} ${t("hours")}${target}${short}`;
    $("#power").className = short ? "bad" : "";
  }
  // After 確認する: every problem, each a link to its field.
  const list = $("#problems");
  list.replaceChildren();
  $("#summary").hidden = !state.showAll || shown.length === 0;
  if (state.showAll) {
    for (const d of shown) {
      const item = document.createElement("li");
      item.className = d.severity;
      const link = document.createElement("a");
      link.href = `#${d.field}`;
      link.textContent = `${fieldName(d.field)}: ${d.message[state.lang]}`;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        focusField(d.field);
      });
      item.append(link);
      list.append(item);
    }
  }
  sectionIndex(report.diagnostics);
  document.body.dataset.valid = String(report.valid);
  document.body.dataset.shown = String(shown.length);
  schedulePreview();
  return report;
}

/** The page's date wording is the model's (令和8年4月1日), as the PDF prints it. */
function dateText(value) {
  return core.date_text(value, state.lang) ?? "";
}

function fieldName(id) {
  const element = document.getElementById(id);
  if (!element) return "";
  if (element.tagName === "FIELDSET") return element.querySelector("legend")?.textContent ?? "";
  return document.querySelector(`label[for="${CSS.escape(id)}"]`)?.firstChild?.textContent ?? element.getAttribute("aria-label") ?? "";
}

function focusField(id) {
  const element = document.getElementById(id);
  const target = element?.matches("input, select, textarea") ? element : element?.querySelector("input, select, textarea, button");
  element?.scrollIntoView({ block: "center" });
  target?.focus();
}

/** The form's top-level sections, each with its count of problems, as links. */
function sectionIndex(diagnostics) {
  const index = $("#sections");
  const items = [...$("#form").querySelectorAll(":scope > div > [data-section]")].map((part) => {
    const key = part.dataset.section;
    const count = diagnostics.filter((d) => d.pointer === `/${key}` || d.pointer.startsWith(`/${key}/`)).length;
    const item = document.createElement("li");
    const link = document.createElement("a");
    const target = part.id || part.querySelector("[id]")?.id;
    link.href = `#${target}`;
    link.textContent = part.dataset.sectionTitle;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      focusField(target);
    });
    item.append(link);
    if (count) {
      const badge = document.createElement("span");
      badge.className = "count";
      badge.textContent = ` (${count})`;
      item.append(badge);
    }
    return item;
  });
  index.querySelector("ul").replaceChildren(...items);
}

function scoreClass(value) {
  return catalog().vocabularies.scoreClass[value];
}

function announce(message) {
  $("#notice").textContent = message;
}

function download(name, bytes, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// The coordinator's view: a folder of documents, read here and never uploaded, through
// the same functions as `tsunagu roster`, `due` and `validate DIR`.
const folderState = { files: null };

function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

function element(tag, text, className) {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

function table(headers, rows, caption) {
  const out = element("table", undefined, "listing");
  out.append(element("caption", caption));
  const head = element("tr");
  for (const h of headers) head.append(Object.assign(element("th", h), { scope: "col" }));
  out.append(head);
  for (const row of rows) {
    const tr = element("tr");
    for (const cell of row) tr.append(element("td", cell));
    out.append(tr);
  }
  return out;
}

async function openFolder(fileList) {
  const json = [...fileList].filter((f) => f.name.endsWith(".json"));
  const tooLarge = json.filter((f) => f.size > MAX_INPUT_BYTES);
  if (tooLarge.length) announce(`${tooLarge.length} ${t("notRead")}`);
  const files = await Promise.all(json.filter((f) => f.size <= MAX_INPUT_BYTES)
    .map(async (f) => ({ name: f.webkitRelativePath || f.name, text: await f.text() })));
  files.sort((a, b) => a.name.localeCompare(b.name));
  folderState.files = files;
  showFolder();
}

function showFolder() {
  const department = $("#department").value || undefined;
  const view = core.folder(folderState.files, today(), 90, state.lang, department);
  const body = $("#coordinator-body");
  const rosterCaption = `${t("roster")} — ${view.roster.rows.length}${view.leftOut ? ` (${view.leftOut}: ${t("leftOut")})` : ""}`;
  const due = view.due.map((d) => [d.on, d.when, d.label, d.name, d.file ?? ""]);
  const problems = view.files.flatMap((f) => f.diagnostics.filter((d) => d.severity !== "info").map((d) => [f.name, d.severity, d.pointer || "/", d.message[state.lang]]));
  body.replaceChildren(
    table(view.roster.headers, view.roster.rows, rosterCaption),
    table([t("date"), t("when"), t("what"), t("child"), t("file")], due, `${t("dueTitle")} — ${due.length}`),
    table([t("file"), t("severity"), t("where"), t("what")], problems, `${t("fileProblems")} — ${problems.length}`),
  );
  $("#coordinator-title").textContent = `${t("folderTitle")}: ${folderState.files.length}`;
  $("#coordinator").hidden = false;
  document.body.dataset.folderRows = String(view.roster.rows.length);
  document.body.dataset.folderDue = String(view.due.length);
  $("#coordinator").focus();
}

async function compareVersions(fileList) {
  const [a, b] = await Promise.all([...fileList].slice(0, 2).map((f) => f.text()));
  const body = $("#coordinator-body");
  $("#coordinator-title").textContent = t("changesTitle");
  try {
    // The older is the one with the earlier date, whichever order they were picked in.
    const date = (text) => { try { return JSON.parse(text).issueDate ?? JSON.parse(text).date ?? ""; } catch { return ""; } };
    const [old, now] = date(a) <= date(b) ? [a, b] : [b, a];
    const changes = core.diff(old, now, state.lang);
    const list = element("ul");
    for (const change of changes) list.append(element("li", change));
    body.replaceChildren(changes.length ? list : element("p", t("noChanges")));
    document.body.dataset.changes = String(changes.length);
  } catch (error) {
    body.replaceChildren(element("p", String(error.message ?? error), "problem error"));
  }
  $("#coordinator").hidden = false;
  $("#coordinator").focus();
}

// One renderer for the page, however many callers ask while it loads.
function renderModule() {
  renderer ??= (async () => {
    // The module and the fonts come down side by side.
    const fonts = Promise.all(FONTS.map(async (name) => new Uint8Array(await (await fetch(`fonts/${name}`)).arrayBuffer())));
    const module = await import("./pkg/tsunagu_wasm_render.js");
    await module.default();
    const loaded = { module, pdf: new module.PdfRenderer(await fonts) };
    warmCache();
    return loaded;
  })().catch((error) => {
    renderer = null; // a failed fetch is tried again next time
    throw error;
  });
  return renderer;
}

// Characters outside the core (the rest of BIZ UDGothic, and 𠮷 and the rest of the MJ set
// from the fallback) print from pieces of 512 characters each: only those the document
// needs are fetched, once. The preview and the PDF may ask at once: each piece is fetched once.
const pieceLoads = new Map();
async function fetchFontPieces(pdf, doc) {
  await Promise.all(pdf.fonts_needed(doc).map((name) => {
    if (!pieceLoads.has(name)) {
      const load = fetch(`fonts/${name}`)
        .then((response) => {
          if (!response.ok) throw new Error(`fonts/${name}: ${response.status}`);
          return response.arrayBuffer();
        })
        .then((bytes) => pdf.add_font(name, new Uint8Array(bytes)));
      pieceLoads.set(name, load.catch((error) => {
        pieceLoads.delete(name); // offline, say: try again next time
        throw error;
      }));
    }
    return pieceLoads.get(name);
  }));
}

// Once the PDF module is here, the service worker fetches it, the fonts and every font
// piece in the background (what is not cached yet), so the page prints any name offline.
function warmCache() {
  if (!("serviceWorker" in navigator) || navigator.connection?.saveData) return;
  const files = ["pkg/tsunagu_wasm_render.js", "pkg/tsunagu_wasm_render_bg.wasm", ...FONTS.map((name) => `fonts/${name}`)];
  navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage({ warm: files })).catch(() => {});
}

// The printed sheet beside the form, redrawn from the same Typst layout after each edit.
// Edits that arrive while one is drawn are folded into the next drawing.
const preview = { on: localStorage.getItem("tsunagu-preview") !== "off", pending: false, busy: false, generation: 0 };

function schedulePreview() {
  if (!preview.on || !state.doc) return;
  preview.requested ??= performance.now();
  if (preview.busy) {
    preview.pending = true;
    return;
  }
  preview.busy = true;
  setTimeout(() => drawPreview().finally(() => {
    preview.busy = false;
    if (preview.pending) {
      preview.pending = false;
      schedulePreview();
    }
  }), 0);
}

async function drawPreview() {
  const requested = preview.requested;
  preview.requested = undefined;
  const box = $("#preview-pages");
  if (!renderer) $("#preview-status").textContent = t("previewLoading");
  else $("#preview-status").textContent = "";
  try {
    const { pdf } = await renderModule();
    await fetchFontPieces(pdf, state.doc);
    const active = document.activeElement;
    const find = active?.matches?.("input[type=text], textarea") && active.closest("#form") ? active.value : null;
    const { pages, focus } = pdf.preview(state.doc, state.lang, find);
    const generation = ++preview.generation;
    box.dataset.complete = "false";
    // The page in view (or the one being edited) is drawn first, so it never waits for
    // the others; the others follow, one at a time, while the page is idle, unless a
    // newer edit has come. A canvas is drawn in one go, so no page ever shows half drawn.
    const shown = Math.min(focus?.page ?? pageInView(box), pages - 1);
    const pixels = pixelWidth(box);
    if (box.children.length !== pages) box.replaceChildren(...Array.from({ length: pages }, (_, i) => pageCanvas(i, pixels)));
    const canvases = [...box.children];
    await drawPage(pdf, shown, canvases[shown], pixels);
    const rest = canvases.map((_, i) => i).filter((i) => i !== shown);
    const drawNext = () => {
      if (generation !== preview.generation) return;
      const i = rest.shift();
      if (i === undefined) {
        box.dataset.complete = "true";
        const ms = performance.now() - requested;
        document.dispatchEvent(new CustomEvent("tsunagu:preview-complete", { detail: { ms } }));
        return;
      }
      drawPage(pdf, i, canvases[i], pixels).then(() => idle(drawNext));
    };
    idle(drawNext);
    $("#preview-status").textContent = "";
    if (focus) {
      const sheet = box.children[focus.page];
      const top = sheet.offsetTop + focus.y * sheet.clientHeight - box.clientHeight / 3;
      box.scrollTo({ top: Math.max(0, top) });
    }
  } catch (error) {
    $("#preview-status").textContent = String(error.messages?.[state.lang] ?? error.message ?? error);
  }
  const ms = performance.now() - requested;
  document.body.dataset.previewed = String(Number(document.body.dataset.previewed ?? 0) + 1);
  document.dispatchEvent(new CustomEvent("tsunagu:preview", { detail: { ms } }));
}

// The glyph outlines the PDF module has sent, by id: each is sent once, with the first
// drawing that uses it, and every later drawing refers to it by id.
const outlines = new Map();
const CAPS = ["butt", "round", "square"];
const JOINS = ["miter", "round", "bevel"];

/** A page of the preview (blank until drawn), A4-shaped until it is. */
function pageCanvas(i, pixels) {
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", `${i + 1} ${t("page")}`);
  canvas.width = pixels;
  canvas.height = Math.round(canvas.width * 297 / 210);
  return canvas;
}

/** As many pixels across as the page is shown wide, so the sheet is sharp at any zoom. */
function pixelWidth(box) {
  const style = getComputedStyle(box);
  const width = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return Math.round((width > 0 ? width : 600) * (window.devicePixelRatio || 1));
}

/**
 * Draws page i of the last preview on its canvas: from the module's drawing commands
 * (see tsunagu_render::drawing), or from the page's SVG where the commands cannot draw
 * it exactly (it then waits for the SVG to decode).
 */
async function drawPage(pdf, i, canvas, pixels) {
  const drawing = pdf.preview_drawing(i);
  if (drawing) {
    for (const [id, outline] of drawing.glyphs) outlines.set(id, new Path2D(outline));
    fit(canvas, pixels, drawing.width / drawing.height);
    paint(canvas.getContext("2d"), drawing, canvas.width / drawing.width);
    return;
  }
  const svg = pdf.preview_page(i);
  if (svg === undefined) return;
  const img = new Image();
  img.src = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    await img.decode();
    fit(canvas, pixels, img.naturalWidth / img.naturalHeight);
    const ctx = canvas.getContext("2d");
    ctx.setTransform(1, 0, 0, 1, 0, 0); // the last drawing's commands left theirs
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  } finally {
    URL.revokeObjectURL(img.src);
  }
}

/** Sizes a canvas to `pixels` across and the page's shape (width / height); a canvas of the
 * right size is left as it is (resizing one clears it). */
function fit(canvas, pixels, shape) {
  if (canvas.width !== pixels) canvas.width = pixels;
  const rows = Math.round(pixels / shape);
  if (canvas.height !== rows) canvas.height = rows;
}

/** Runs a drawing's commands; transforms are in points, `scale` pixels per point. */
function paint(ctx, { ops, paths, colors, dashes }, scale) {
  const shapes = [];
  const shape = (i) => (shapes[i] ??= new Path2D(paths[i]));
  const at = (k) => ctx.setTransform(ops[k] * scale, ops[k + 1] * scale, ops[k + 2] * scale, ops[k + 3] * scale, ops[k + 4] * scale, ops[k + 5] * scale);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  for (let k = 0; k < ops.length;) {
    switch (ops[k]) {
      case 1: // GLYPH glyph colour ts
        ctx.fillStyle = colors[ops[k + 2]];
        at(k + 3);
        ctx.fill(outlines.get(ops[k + 1]));
        k += 9;
        break;
      case 2: // FILL path colour evenodd ts
        ctx.fillStyle = colors[ops[k + 2]];
        at(k + 4);
        ctx.fill(shape(ops[k + 1]), ops[k + 3] ? "evenodd" : "nonzero");
        k += 10;
        break;
      case 3: { // STROKE path colour width cap join miter dash ts
        const dash = ops[k + 7] >= 0 ? dashes[ops[k + 7]] : null;
        ctx.strokeStyle = colors[ops[k + 2]];
        ctx.lineWidth = ops[k + 3];
        ctx.lineCap = CAPS[ops[k + 4]];
        ctx.lineJoin = JOINS[ops[k + 5]];
        ctx.miterLimit = ops[k + 6];
        ctx.setLineDash(dash ? [...dash.subarray(1)] : []);
        ctx.lineDashOffset = dash ? dash[0] : 0;
        at(k + 8);
        ctx.stroke(shape(ops[k + 1]));
        k += 14;
        break;
      }
      case 4: // CLIP path ts
        ctx.save();
        at(k + 2);
        ctx.clip(shape(ops[k + 1]));
        k += 8;
        break;
      case 5: // RESTORE
        ctx.restore();
        k += 1;
        break;
      default:
        throw new Error(`unknown drawing command ${ops[k]}`);
    }
  }
}

const idle = (run) => (window.requestIdleCallback ?? setTimeout)(run);

function pageInView(box) {
  const pages = [...box.children];
  const index = pages.findIndex((sheet) => sheet.offsetTop + sheet.clientHeight > box.scrollTop);
  return Math.max(0, index);
}

function showPreview(on) {
  preview.on = on;
  localStorage.setItem("tsunagu-preview", on ? "on" : "off");
  $("#preview").hidden = !on;
  document.body.classList.toggle("previewing", on);
  $("#preview-toggle").textContent = t(on ? "previewOff" : "previewOn");
  $("#preview-toggle").setAttribute("aria-pressed", String(on));
  if (on) schedulePreview();
}

async function makePdf() {
  state.showAll = true;
  const report = changed();
  if (!report.valid) {
    announce(t("pdfInvalid"));
    return;
  }
  announce(t("pdfLoading"));
  const started = performance.now();
  const { pdf } = await renderModule();
  await fetchFontPieces(pdf, state.doc);
  const bytes = pdf.render(state.doc, state.lang, false);
  announce(t("pdfDone"));
  $("#timing").textContent = `PDF ${(performance.now() - started).toFixed(0)} ms`;
  download(`${state.doc.id ?? state.kind}.pdf`, bytes, "application/pdf");
}

// The largest input anything accepts (a PDF, MAX_PDF_BYTES in crates/render/src/extract.rs);
// the modules apply the exact limits. Checked before reading, so a huge file costs no memory.
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

async function open(file) {
  try {
    if (file.size > MAX_INPUT_BYTES) throw new Error(`${file.size} > ${MAX_INPUT_BYTES} bytes`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let text;
    if (bytes[0] === 0x25 && bytes[1] === 0x50) {
      const { module } = await renderModule();
      text = module.extract(bytes);
    } else {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    }
    const report = core.validate(text);
    const doc = JSON.parse(text);
    if (!report.kind) throw new Error(report.diagnostics[0]?.message[state.lang] ?? "");
    start(report.kind, doc);
    state.showAll = true;
    changed();
  } catch (error) {
    announce(`${t("importFailed")}: ${error.messages?.[state.lang] ?? error.message ?? error}`);
  }
}

function labels() {
  document.documentElement.lang = state.lang;
  for (const element of document.querySelectorAll("[data-text]")) element.textContent = t(element.dataset.text);
  $("#preview-toggle").textContent = t(preview.on ? "previewOff" : "previewOn");
  for (const [i, sheet] of [...$("#preview-pages").children].entries()) sheet.setAttribute("aria-label", `${i + 1} ${t("page")}`);
  const recipients = catalog().vocabularies.recipientKind;
  $("#department").replaceChildren(new Option(t("everyone"), ""), ...Object.entries(recipients).map(([value, name]) => new Option(name, value)));
  const kinds = catalog().kinds;
  $("#kind").replaceChildren(...Object.entries(kinds).map(([kind, name]) => new Option(name, kind, false, kind === state.kind)));
}

function setup() {
  labels();
  $("#kind").addEventListener("change", () => resume($("#kind").value));
  $("#check").addEventListener("click", () => {
    state.showAll = true;
    changed();
    const note = document.querySelector(".problem.error");
    note?.closest(".field, .quantity, fieldset")?.querySelector("input, select, textarea")?.focus();
    if (!note) $("#summary").focus();
  });
  $("#sample").addEventListener("click", () => start(state.kind, core.sample(state.kind, Date.now() % 1000, 0)));
  $("#blank").addEventListener("click", () => start(state.kind, blank(state.kind)));
  $("#discard").addEventListener("click", () => {
    localStorage.removeItem(draftKey());
    start(state.kind, blank(state.kind));
  });
  $("#export").addEventListener("click", () => download(`${state.doc.id ?? state.kind}.json`, `${JSON.stringify(state.doc, null, 2)}\n`, "application/json"));
  $("#add-entry").addEventListener("click", addEntry);
  $("#preview-toggle").addEventListener("click", () => showPreview(!preview.on));
  // Redrawn at the new width, so the sheet stays sharp.
  window.addEventListener("resize", () => schedulePreview());
  $("#folder").addEventListener("change", (event) => {
    const files = event.target.files;
    if (files?.length) openFolder(files).catch((error) => announce(String(error.message ?? error)));
  });
  $("#versions").addEventListener("change", (event) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = "";
    if (files.length === 2) compareVersions(files).catch((error) => announce(String(error.message ?? error)));
  });
  $("#department").addEventListener("change", () => folderState.files && showFolder());
  $("#close-coordinator").addEventListener("click", () => ($("#coordinator").hidden = true));
  $("#pdf").addEventListener("click", () => makePdf().catch((error) => announce(String(error.messages?.[state.lang] ?? error.message ?? error))));
  $("#file").addEventListener("change", (event) => {
    const file = event.target.files[0];
    event.target.value = ""; // so opening the same file again works
    if (file) open(file);
  });
  $("#lang").addEventListener("click", () => {
    state.lang = state.lang === "ja" ? "en" : "ja";
    localStorage.setItem("tsunagu-lang", state.lang);
    labels();
    start(state.kind, state.doc);
  });
  document.addEventListener("dragover", (event) => event.preventDefault());
  document.addEventListener("drop", (event) => {
    event.preventDefault();
    const file = event.dataTransfer?.files?.[0];
    if (file) open(file);
  });
}

function blank(kind) {
  const doc = core.blank(kind, crypto.randomUUID());
  const schema = core.schema(kind);
  const scratch = new SchemaForm(document.createElement("div"), schema, { t });
  return { ...doc, ...scratch.empty(schema), ...doc };
}

function resume(kind) {
  const saved = localStorage.getItem(`tsunagu-draft-${kind}`);
  if (saved) {
    try {
      start(kind, JSON.parse(saved));
      announce(t("restored"));
      return;
    } catch {
      // Keep the unreadable draft under another name rather than lose it.
      localStorage.setItem(`tsunagu-draft-${kind}-unreadable`, saved);
    }
  }
  start(kind, blank(kind));
}

setup();
showPreview(preview.on);
resume(new URLSearchParams(location.search).get("kind") ?? localStorage.getItem("tsunagu-kind") ?? "instruction");
$("#kind").addEventListener("change", () => localStorage.setItem("tsunagu-kind", state.kind));

if ("serviceWorker" in navigator && location.protocol !== "file:") {
  navigator.serviceWorker.register("./sw.js").catch(() => {});
}

// For tests and the benchmark: the page's own API, no globals beyond this one.
window.tsunagu = { state, core, changed, makePdf, renderModule, pick, addEntry, showPreview };

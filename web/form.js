// A form generated from a tsunagu JSON Schema: sections for objects, repeating
// rows for arrays, selects for vocabularies, units beside numbers. Optional
// blocks are opened with a checkbox; closing one drops its values, so what is
// hidden is never required and never saved.
//
// The form edits one plain JSON document in place and calls `onChange` after
// every edit. It never validates: the WASM module does, so messages match the CLI.

// The envelope is set by the page, not typed in.
const SKIP = new Set(["$schema", "kind", "formatVersion", "id", "extensions"]);
// The care items, as on the paper forms: every item a box in one list, then the details
// of those ticked, in the paper's order.
const CHECKLISTS = new Set(["/care"]);

/** The part of a bilingual "日本語 / English" title for `lang`. */
export function pick(text, lang) {
  if (!text) return "";
  const at = text.indexOf(" / ");
  if (at < 0) return text.trim();
  return (lang === "en" ? text.slice(at + 3) : text.slice(0, at)).trim();
}

export const escapePointer = (key) => String(key).replaceAll("~", "~0").replaceAll("/", "~1");

/** A date typed as 2026-04-01, 2026/4/1, 2026.4.1 or 20260401, as YYYY-MM-DD (else as typed). */
export function isoDate(text) {
  const t = text.trim().replace(/[０-９／．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const m = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$/.exec(t);
  if (!m || (!/[-/.]/.test(t) && t.length !== 8)) return text;
  return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
}

export class SchemaForm {
  constructor(root, schema, { lang = "ja", onChange = () => {}, t, skip = SKIP, prefix = "f", dateText = () => "", checklists = CHECKLISTS }) {
    this.checklists = checklists; // objects drawn as the paper's checklist
    this.prefix = prefix; // element ids stay unique with two forms on one page
    this.dateText = dateText; // 令和8年4月1日 beside a date, from the model's wording
    this.root = root;
    this.schema = schema;
    this.skip = skip;
    this.lang = lang;
    this.onChange = onChange;
    this.t = t;
    this.fields = new Map(); // pointer -> element that shows its problems
    this.nextId = 0;
  }

  resolve(node) {
    let merged = { ...node };
    for (let depth = 0; merged.$ref && depth < 16; depth++) {
      const name = merged.$ref.replace("#/$defs/", "");
      const { $ref, ...rest } = merged;
      merged = { ...this.schema.$defs[name], ...rest };
    }
    return merged;
  }

  /** Draws the whole form for `doc` (re-drawn after structural edits only). */
  render(doc) {
    this.doc = doc;
    this.fields.clear();
    const focused = document.activeElement?.dataset?.pointer;
    this.root.replaceChildren(this.object(this.schema, doc, "", true));
    if (focused) this.root.querySelector(`[data-pointer="${CSS.escape(focused)}"]`)?.focus();
  }

  changed(structural) {
    if (structural) this.render(this.doc);
    this.onChange();
  }

  label(node, fallback) {
    return pick(node.title, this.lang) || fallback;
  }

  /** An element's id from its JSON Pointer: stable across re-draws, linkable (#f/child/name). */
  id(pointer, suffix = "") {
    return `${this.prefix}${pointer}${suffix}`;
  }

  /** The schema's description shown under a field and tied to it, or nothing. */
  description(node, id) {
    const text = pick(node.description, this.lang);
    if (!text) return null;
    const p = document.createElement("p");
    p.className = "description";
    p.id = `${id}-description`;
    p.textContent = text;
    return p;
  }

  object(node, value, pointer, top = false) {
    node = this.resolve(node);
    if (this.checklists.has(pointer)) return this.checklist(node, value, pointer);
    const box = document.createElement(top ? "div" : "fieldset");
    if (!top) {
      box.id = this.id(pointer);
      const legend = document.createElement("legend");
      legend.textContent = this.label(node, pointer.split("/").pop());
      box.append(legend);
      this.register(pointer, box);
    }
    const required = new Set(node.required ?? []);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if ((top && this.skip.has(key)) || child.deprecated) continue;
      const part = this.property(value, key, this.resolve(child), `${pointer}/${escapePointer(key)}`, required.has(key));
      // The page's section index lists the top level, with each section's problems.
      if (top) Object.assign(part.dataset, { section: key, sectionTitle: this.label(this.resolve(child), key) });
      box.append(part);
    }
    return box;
  }

  property(parent, key, node, pointer, required) {
    const structured = (node.type === "object" && !isQuantity(node)) || node.type === "array";
    if (!structured || required) {
      if (structured && parent[key] === undefined) parent[key] = this.empty(node);
      return this.value(node, parent, key, pointer, required);
    }
    // An optional block: a checkbox opens it; closing it drops what was in it.
    const wrap = document.createElement("div");
    wrap.className = "optional";
    wrap.append(...this.toggle(parent, key, node, pointer, `${this.label(node, key)} — ${this.t("fillIn")}`));
    if (parent[key] !== undefined) wrap.append(this.value(node, parent, key, pointer, true));
    return wrap;
  }

  /** The checkbox that opens an optional block (and, closed, drops its values), with its label. */
  toggle(parent, key, node, pointer, text) {
    const id = this.id(pointer, "?");
    const toggle = document.createElement("input");
    toggle.type = "checkbox";
    toggle.id = id;
    toggle.checked = parent[key] !== undefined;
    toggle.dataset.pointer = `${pointer}?`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = text;
    toggle.addEventListener("change", () => {
      if (toggle.checked) parent[key] = this.empty(node);
      else delete parent[key];
      this.changed(true);
    });
    return [toggle, label];
  }

  /** An object of optional blocks laid out as the paper's checklist: all boxes first, then
   * the ticked items' fields, each under its own heading. */
  checklist(node, value, pointer) {
    const box = this.group("checklist", node, pointer);
    const boxes = document.createElement("ul");
    boxes.className = "checks";
    const details = [];
    const required = new Set(node.required ?? []);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if (child.deprecated) continue;
      const item = this.resolve(child);
      const itemPointer = `${pointer}/${escapePointer(key)}`;
      const structured = (item.type === "object" && !isQuantity(item)) || item.type === "array";
      if (!structured || required.has(key)) {
        details.push(this.property(value, key, item, itemPointer, required.has(key)));
        continue;
      }
      const li = document.createElement("li");
      li.append(...this.toggle(value, key, item, itemPointer, this.label(item, key)));
      boxes.append(li);
      if (value[key] !== undefined) details.push(this.value(item, value, key, itemPointer, true));
    }
    box.append(boxes, ...details);
    this.register(pointer, box);
    return box;
  }

  /** A fieldset for the block at `pointer`, titled with its label. */
  group(className, node, pointer) {
    const box = document.createElement("fieldset");
    box.className = className;
    box.id = this.id(pointer);
    const legend = document.createElement("legend");
    legend.textContent = this.label(node, pointer.split("/").pop());
    box.append(legend);
    return box;
  }

  /** A new value with what the schema requires (nested blocks, minimum rows). */
  empty(node) {
    node = this.resolve(node);
    if (node.type === "array") {
      const items = this.resolve(node.items);
      return Array.from({ length: node.minItems ?? 0 }, () => this.empty(items) ?? (items.type === "boolean" ? false : ""));
    }
    if (node.type === "object" && !isQuantity(node)) {
      const out = {};
      for (const key of node.required ?? []) {
        const child = this.resolve(node.properties[key]);
        if (child.const !== undefined) out[key] = child.const;
        else if (child.type === "object" || child.type === "array") out[key] = this.empty(child);
      }
      return out;
    }
    if (isQuantity(node)) return { unit: node.properties.unit.const };
    return undefined;
  }

  value(node, parent, key, pointer, required) {
    if (isQuantity(node)) return this.quantity(node, parent, key, pointer);
    if (node.type === "array") return this.array(node, parent[key], pointer);
    if (node.type === "object") return this.object(node, parent[key], pointer);
    return this.scalar(node, parent, key, pointer, required);
  }

  array(node, list, pointer) {
    const box = this.group("rows", node, pointer);
    this.register(pointer, box);
    const items = this.resolve(node.items);
    list.forEach((item, index) => {
      const row = document.createElement("div");
      row.className = "row";
      const itemPointer = `${pointer}/${index}`;
      const field = items.type === "object" && !isQuantity(items)
        ? this.object(items, item, itemPointer)
        : this.scalar(items, list, index, itemPointer, true);
      const remove = document.createElement("button");
      remove.type = "button";
      remove.dataset.pointer = `${itemPointer}/-`;
      remove.className = "remove";
      remove.textContent = this.t("remove");
      remove.setAttribute("aria-label", `${this.t("remove")} ${index + 1}`);
      remove.disabled = list.length <= (node.minItems ?? 0);
      remove.addEventListener("click", () => {
        list.splice(index, 1);
        this.changed(true);
      });
      row.append(field, remove);
      box.append(row);
    });
    const add = document.createElement("button");
    add.type = "button";
    add.dataset.pointer = `${pointer}/+`; // keeps focus here after the re-draw
    add.textContent = `${this.t("add")}: ${this.label(items, "")}`;
    add.disabled = node.maxItems !== undefined && list.length >= node.maxItems;
    add.addEventListener("click", () => {
      list.push(this.empty(items) ?? (items.type === "boolean" ? false : ""));
      this.changed(true);
    });
    box.append(add);
    return box;
  }

  /** Numbers with their fixed unit beside them; the object exists only while a number is filled in. */
  quantity(node, parent, field, pointer) {
    node = this.resolve(node);
    const box = document.createElement("div");
    box.className = "field quantity";
    const keys = Object.keys(node.properties).filter((k) => k !== "unit" && k !== "measuredOn");
    const unit = node.properties.unit.const;
    const caption = document.createElement("span");
    caption.className = "caption";
    caption.textContent = this.label(node, pointer.split("/").pop());
    box.append(caption);
    for (const key of keys) {
      const id = this.id(`${pointer}/${key}`);
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = keys.length > 1 ? this.t(key) : "";
      const input = document.createElement("input");
      input.type = "number";
      input.step = "any";
      input.min = "0";
      input.id = id;
      input.dataset.pointer = `${pointer}/${key}`;
      input.setAttribute("aria-label", `${caption.textContent} ${keys.length > 1 ? this.t(key) : ""} (${unit})`);
      if (typeof parent[field]?.[key] === "number") input.value = String(parent[field][key]);
      input.addEventListener("input", () => {
        const existed = parent[field] !== undefined;
        const value = (parent[field] ??= { unit });
        value.unit = unit;
        if (input.value === "") delete value[key];
        else value[key] = Number(input.value);
        // With no number left the quantity goes, its weighing date with it (the date field hides).
        if (keys.every((k) => value[k] === undefined) && !Array.isArray(parent)) delete parent[field];
        this.touch(input.dataset.pointer);
        // Appearing or vanishing changes which fields exist (a weighing date follows a weight).
        this.changed(existed !== (parent[field] !== undefined) && node.properties.measuredOn !== undefined);
      });
      const unitText = document.createElement("span");
      unitText.className = "unit";
      unitText.textContent = unit;
      box.append(label, input, unitText);
      this.register(`${pointer}/${key}`, input);
    }
    if (node.properties.measuredOn && parent[field]) {
      const child = this.resolve(node.properties.measuredOn);
      box.append(this.scalar(child, parent[field], "measuredOn", `${pointer}/measuredOn`, false));
    }
    this.register(pointer, box);
    return box;
  }

  scalar(node, parent, key, pointer, required) {
    node = this.resolve(node);
    const box = document.createElement("div");
    box.className = "field";
    const id = this.id(pointer);
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = this.label(node, String(key));
    if (required) {
      const mark = document.createElement("span");
      mark.className = "required";
      mark.textContent = ` ${this.t("required")}`;
      label.append(mark);
    }
    let era = null;
    let input;
    const options = node.oneOf?.every((o) => o.const !== undefined) ? node.oneOf : null;
    if (options) {
      input = document.createElement("select");
      input.append(new Option(this.t("choose"), ""));
      for (const option of options) input.append(new Option(pick(option.title, this.lang) || option.const, option.const));
      input.value = parent[key] ?? "";
    } else if (node.type === "boolean") {
      input = document.createElement("select");
      input.append(new Option(this.t("choose"), ""), new Option(this.t("yes"), "true"), new Option(this.t("no"), "false"));
      input.value = parent[key] === undefined ? "" : String(parent[key]);
    } else if (node.type === "string" && (node.maxLength ?? 0) > 500) {
      input = document.createElement("textarea");
      input.rows = 3;
      input.value = parent[key] ?? "";
    } else {
      input = document.createElement("input");
      input.type = node.type === "number" || node.type === "integer" ? "number" : "text";
      if (input.type === "number") input.step = node.type === "integer" ? "1" : "any";
      input.value = parent[key] ?? "";
      if (node.format === "date") {
        // Year, month, day in that order in every browser locale, the era beside.
        input.inputMode = "numeric";
        input.placeholder = "2026-04-01";
        input.autocomplete = "off";
        era = document.createElement("span");
        era.className = "era";
        era.id = `${id}-era`;
        era.textContent = this.dateText(input.value);
      }
    }
    input.id = id;
    input.dataset.pointer = pointer;
    if (required) input.setAttribute("aria-required", "true");
    const description = this.description(node, id);
    const describedBy = [description?.id, era?.id].filter(Boolean).join(" ");
    if (describedBy) {
      input.setAttribute("aria-describedby", describedBy);
      input.dataset.describedby = describedBy;
    }
    const read = () => {
      const raw = era ? isoDate(input.value) : input.value;
      if (raw === "") return undefined;
      if (node.type === "boolean") return raw === "true";
      if (node.type === "number" || node.type === "integer") return Number(raw);
      return raw;
    };
    input.addEventListener(input.tagName === "SELECT" ? "change" : "input", () => {
      const v = read();
      if (v === undefined && !Array.isArray(parent)) delete parent[key];
      else parent[key] = v ?? "";
      if (era) era.textContent = this.dateText(v ?? "");
      this.touch(pointer);
      this.onChange();
    });
    input.addEventListener("blur", () => {
      this.touch(pointer);
      this.onChange();
    });
    box.append(label, input);
    if (era) box.append(era);
    if (description) box.append(description);
    this.register(pointer, input);
    return box;
  }

  register(pointer, element) {
    if (!this.fields.has(pointer)) this.fields.set(pointer, element);
  }

  touch(pointer) {
    (this.touched ??= new Set()).add(pointer);
  }

  /** Shows each diagnostic next to its field (or the nearest enclosing one). */
  show(diagnostics, { all }) {
    for (const old of this.root.querySelectorAll(".problem")) old.remove();
    for (const el of this.root.querySelectorAll("[aria-invalid]")) {
      el.removeAttribute("aria-invalid");
      if (el.dataset.describedby) el.setAttribute("aria-describedby", el.dataset.describedby);
      else el.removeAttribute("aria-describedby");
    }
    const shown = [];
    for (const d of diagnostics) {
      let pointer = d.pointer;
      while (pointer && !this.fields.has(pointer)) pointer = pointer.slice(0, pointer.lastIndexOf("/"));
      const element = this.fields.get(pointer);
      if (!element) continue;
      const touched = [...(this.touched ?? [])].some((p) => d.pointer.startsWith(p) || p.startsWith(d.pointer));
      if (!all && !touched) continue;
      const note = document.createElement("p");
      note.className = `problem ${d.severity}`;
      note.id = `${this.prefix}p${this.nextId++}`;
      // Not a live region: the page announces how many problems there are, once per change.
      note.textContent = `${d.message[this.lang]}${d.hint ? ` — ${d.hint[this.lang]}` : ""}`;
      note.dataset.code = d.code;
      if (element.tagName === "FIELDSET" || element.classList.contains("quantity")) element.append(note);
      else {
        element.after(note);
        element.setAttribute("aria-invalid", "true");
        element.setAttribute("aria-describedby", [note.id, element.dataset.describedby].filter(Boolean).join(" "));
      }
      shown.push({ ...d, field: element.id });
    }
    return shown;
  }
}

function isQuantity(node) {
  return node.type === "object" && node.properties?.unit?.const !== undefined;
}

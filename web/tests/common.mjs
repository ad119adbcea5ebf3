// Shared by the Node tests: paths, the built modules and the CLI to compare with.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const require = createRequire(import.meta.url);
export const core = require(join(root, "target/npm/tsunagu-core/tsunagu_wasm.js"));
export const render = require(join(root, "target/npm/tsunagu-render/tsunagu_wasm_render.js"));
export const fontFiles = ["TsunaguGothic-Regular.ttf", "TsunaguGothic-Bold.ttf", "TsunaguTitleMincho-Regular.ttf"].map((f) => join(root, "crates/render/fonts", f));

/** The CLI binary the tests compare with (the one `cargo test` built, else release). */
export const cli = ["target/debug/tsunagu", "target/release/tsunagu"].map((p) => join(root, p)).find(existsSync);

export function tsunagu(args) {
  try {
    return { code: 0, stdout: execFileSync(cli, args, { cwd: root, encoding: "buffer", stdio: ["ignore", "pipe", "ignore"] }) };
  } catch (error) {
    return { code: error.status, stdout: error.stdout };
  }
}

export function jsonFiles(dir) {
  return readdirSync(join(root, dir)).filter((f) => f.endsWith(".json")).sort().map((f) => join(dir, f));
}

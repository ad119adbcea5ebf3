// Writes file.br and file.gz beside each file the page fetches (`node web/compress.mjs web`),
// at the best settings of each: the render module and fonts are most of the bytes on the
// wire, and a host that serves these copies sends a third of them.
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const compressible = /\.(html|js|mjs|css|json|wasm|ttf|txt)$/;
const skipped = new Set(["node_modules", "tests", "package.json", "package-lock.json", "bench.mjs", "compress.mjs", "serve.mjs", "sw.src.js"]);
const brotli = promisify(brotliCompress);
const deflate = promisify(gzip);

async function files(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !skipped.has(entry.name)) found.push(...(await files(path)));
    else if (entry.isFile() && compressible.test(entry.name) && !skipped.has(entry.name)) found.push(path);
  }
  return found;
}

const root = process.argv[2] ?? ".";
const all = await files(root);
let before = 0;
let after = 0;
await Promise.all(all.map(async (path) => {
  const body = await readFile(path);
  const br = await brotli(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  const gz = await deflate(body, { level: 9 });
  // A copy no smaller than the file would only cost the host a lookup.
  for (const [suffix, copy] of [[".br", br], [".gz", gz]]) {
    if (copy.length < body.length) await writeFile(path + suffix, copy);
    else await rm(path + suffix, { force: true });
  }
  before += body.length;
  after += Math.min(br.length, body.length);
}));
console.log(`compressed ${all.length} files: ${(before / 1e6).toFixed(1)} MB -> ${(after / 1e6).toFixed(1)} MB brotli`);

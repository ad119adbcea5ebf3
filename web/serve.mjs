// Serves web/ on localhost (no dependencies): `node web/serve.mjs [port]`.
// Only files under web/ are served; nothing else happens on the server side.
// A precompressed copy (file.br, file.gz, written by build.sh) is sent when the
// browser accepts it. A bad request gets a 4xx and never takes the server down.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)));
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json", ".ttf": "font/ttf", ".txt": "text/plain; charset=utf-8" };
const encodings = [["br", ".br"], ["gzip", ".gz"]];
const longestPath = 1024;

/** The file a request asks for, or the status that refuses it. */
function target(request) {
  if (request.method !== "GET" && request.method !== "HEAD") return { status: 405 };
  if (request.url.length > longestPath) return { status: 414 };
  let path;
  try {
    path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
  } catch {
    return { status: 400 };
  }
  if (path.includes("\0") || path.includes("\\")) return { status: 400 };
  // Dot segments left after decoding were encoded on purpose: a traversal attempt.
  if (path.split("/").includes("..")) return { status: 403 };
  const file = join(root, normalize(path));
  if (file !== root && !file.startsWith(root + sep)) return { status: 403 };
  return { file };
}

async function answer(request, response, precompressed) {
  const { status, file: asked } = target(request);
  if (status) {
    const headers = status === 405 ? { allow: "GET, HEAD" } : {};
    return void response.writeHead(status, headers).end();
  }
  let file = asked;
  let modified;
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, "index.html");
      info = await stat(file);
    }
    modified = info.mtimeMs;
  } catch {
    return void response.writeHead(404).end();
  }
  const accepted = String(request.headers["accept-encoding"] ?? "");
  const headers = { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache", vary: "accept-encoding" };
  let body;
  for (const [encoding, suffix] of precompressed ? encodings : []) {
    if (!accepted.includes(encoding)) continue;
    // A copy older than its file (edited since build.sh ran) is stale: never sent.
    const copy = await stat(file + suffix).catch(() => undefined);
    if (!copy || copy.mtimeMs < modified) continue;
    body = await readFile(file + suffix).catch(() => undefined);
    if (body) {
      headers["content-encoding"] = encoding;
      break;
    }
  }
  body ??= await readFile(file).catch(() => undefined);
  if (!body) return void response.writeHead(404).end();
  headers["content-length"] = body.length;
  response.writeHead(200, headers);
  response.end(request.method === "HEAD" ? undefined : body);
}

/** Serves web/ on `port` (0: any free port); `precompressed: false` sends files as they are. */
export function serve(port = 8080, { precompressed = true } = {}) {
  const server = createServer((request, response) => {
    answer(request, response, precompressed).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  // A request Node cannot parse at all (a garbage request line, oversized headers).
  server.on("clientError", (error, socket) => {
    if (socket.writable) socket.end(error.code === "HPE_HEADER_OVERFLOW" ? "HTTP/1.1 431 Request Header Fields Too Large\r\n\r\n" : "HTTP/1.1 400 Bad Request\r\n\r\n");
    else socket.destroy();
  });
  return new Promise((done) => server.listen(port, "127.0.0.1", () => done(server)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8080);
  await serve(port);
  console.log(`tsunagu: http://localhost:${port}/`);
}

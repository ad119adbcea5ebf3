// The page's server under bad requests: each gets a 4xx, and the server still answers.
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import test from "node:test";
import { gunzipSync } from "node:zlib";
import { serve } from "../serve.mjs";

/** A request sent exactly as written (no client-side normalising of the path). */
function send(port, method, path, headers = {}) {
  return new Promise((done, fail) => {
    const request = httpRequest({ host: "127.0.0.1", port, method, path, headers }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => done({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on("error", fail);
    request.end();
  });
}

/** Raw bytes on the socket, for requests no HTTP client would make. */
function raw(port, bytes) {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(bytes));
    let text = "";
    socket.on("data", (chunk) => (text += chunk));
    socket.on("close", () => done(text));
    socket.on("error", () => done(text));
  });
}

test("bad requests get a 4xx and the server keeps answering", async () => {
  const server = await serve(0);
  const { port } = server.address();
  try {
    const cases = [
      ["GET", "/%E0", 400],
      ["GET", "/%E0%A4%A", 400],
      ["GET", "/index.html%00.png", 400],
      ["GET", `/${"a".repeat(5000)}`, 414],
      // The URL parser resolves dot segments and backslashes (404 inside web/); encoded slashes are refused.
      ["GET", "/../../etc/passwd", 404],
      ["GET", "/%2e%2e/%2e%2e/etc/passwd", 404],
      ["GET", "/..%2f..%2fCargo.toml", 403],
      ["GET", "/a/..%2f..%2f..%2fCargo.toml", 403],
      ["GET", "/..\\..\\Cargo.toml", 404],
      ["GET", "/no-such-file.js", 404],
      ["DELETE", "/index.html", 405],
      ["PUT", "/index.html", 405],
      ["BREW", "/", 400],
    ];
    for (const [method, path, status] of cases) {
      const response = await send(port, method, path).catch(() => ({ status: "connection error" }));
      const ok = response.status === status || (status === 400 && response.status === "connection error");
      assert.ok(ok, `${method} ${path.slice(0, 40)}: ${response.status}, expected ${status}`);
    }
    assert.match(await raw(port, "GARBAGE\r\n\r\n"), /^HTTP\/1\.1 400/);
    assert.match(await raw(port, `GET / HTTP/1.1\r\nx: ${"b".repeat(20000)}\r\n\r\n`), /^HTTP\/1\.1 431/);

    // Still up, and serving the page.
    const page = await send(port, "GET", "/");
    assert.equal(page.status, 200);
    assert.match(page.body.toString(), /<html/);
    const head = await send(port, "HEAD", "/index.html");
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
  } finally {
    server.close();
  }
});

test("a precompressed copy is sent when the browser accepts it", async () => {
  const server = await serve(0);
  const { port } = server.address();
  try {
    const plain = await send(port, "GET", "/app.js");
    const gzip = await send(port, "GET", "/app.js", { "accept-encoding": "gzip" });
    assert.equal(gzip.headers["content-encoding"], "gzip", "web/app.js.gz is written by bash web/build.sh");
    assert.equal(gzip.headers.vary, "accept-encoding");
    assert.deepEqual(gunzipSync(gzip.body), plain.body);
    assert.equal(plain.headers["content-encoding"], undefined);
    // A copy older than its file is stale, and the file itself is sent.
    const { utimesSync, statSync } = await import("node:fs");
    const file = new URL("../app.js", import.meta.url);
    const { atime, mtime } = statSync(file);
    utimesSync(file, atime, new Date(Date.now() + 60_000));
    try {
      const stale = await send(port, "GET", "/app.js", { "accept-encoding": "gzip" });
      assert.equal(stale.headers["content-encoding"], undefined);
      assert.deepEqual(stale.body, plain.body);
    } finally {
      utimesSync(file, atime, mtime);
    }
  } finally {
    server.close();
  }
});

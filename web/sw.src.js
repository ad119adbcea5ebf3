// Offline once loaded: the page and the core module are cached when the worker
// installs; the render module and fonts when they are first fetched, and every font
// piece in the background once the page asks (warm). Only this page's own files are
// ever fetched or cached.
const CACHE = "tsunagu-dev";
const SHELL = ["./", "index.html", "style.css", "app.js", "form.js", "pkg/tsunagu_wasm.js", "pkg/tsunagu_wasm_bg.wasm"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  // Cache first only for the fonts, which never change; everything else network
  // first, so a module and its JavaScript glue always come from the same build.
  const fonts = url.pathname.includes("/fonts/");
  event.respondWith(fonts ? cacheFirst(event.request) : networkFirst(event.request));
});

// The page sends { warm: [files] } (its PDF module and base fonts) once the module is
// loaded: those and every font piece (fonts/pieces.json) not yet cached are fetched, one at
// a time, so as not to crowd what the page itself is fetching. Only the page's own files.
const OWN_FILE = /^(pkg|fonts)\/([a-z]+\/)?[A-Za-z0-9_-]+(\.[a-z0-9]+)+$/;

self.addEventListener("message", (event) => {
  const files = event.data?.warm;
  if (Array.isArray(files)) event.waitUntil(warm(files.filter((file) => OWN_FILE.test(file))));
});

async function warm(files) {
  const cache = await caches.open(CACHE);
  try {
    const pieces = await (await fetch("fonts/pieces.json")).json();
    for (const file of [...files, ...pieces.map((name) => `fonts/${name}`).filter((file) => OWN_FILE.test(file))]) {
      const url = new URL(file, self.registration.scope);
      if (await cache.match(url)) continue;
      const response = await fetch(url);
      if (response.ok) await cache.put(url, response);
    }
  } catch {
    // Offline again: the rest another time.
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
    return response;
  } catch {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw new Error("offline and not cached");
  }
}

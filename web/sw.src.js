// Offline once loaded: the page and the core module are cached when the worker
// installs; the render module and fonts when they are first fetched. Only this
// page's own files are ever fetched or cached.
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

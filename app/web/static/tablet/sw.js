// The tablet's service worker: keeps the app shell, so the page opens on a dead Wi-Fi.
// The server fills in VERSION (a hash of the shell) and SHELL (the files to keep).
const VERSION = "__VERSION__";
const SHELL = ["__SHELL__"];
const CACHE = `pleinmunt-tablet-${VERSION}`;
const PAGE = "/tablet";
const NETWORK_WAIT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith("pleinmunt-tablet-") && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// The page: the network first (fresh names, fresh language), the kept copy when it fails.
async function page(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error("slow network")), NETWORK_WAIT_MS)),
    ]);
    if (response.ok) {
      await cache.put(PAGE, response.clone());
      return response;
    }
    // The server is there but unwell (a 503 while its database restarts): the kept page works.
    return (await cache.match(PAGE)) ?? response;
  } catch (error) {
    const kept = await cache.match(PAGE);
    if (kept) return kept;
    throw error;
  }
}

async function shellFile(request) {
  const kept = await caches.match(request, { ignoreSearch: true });
  return kept ?? fetch(request);
}

// API calls and coin POSTs are never answered from here: the page's outbox handles them.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === PAGE) event.respondWith(page(request));
  else if (SHELL.includes(url.pathname) && url.pathname !== PAGE) event.respondWith(shellFile(request));
});

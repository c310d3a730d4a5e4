// The kiosk's service worker: the network first, the last copy when the server is away.
//
// A wall screen that boots before the school's server gets its page, scripts and pictures
// from the cache, shows "waiting for the server" and connects by itself when it comes up;
// never a browser error page. Online, every answer replaces the cached copy, so an upgrade
// reaches the screen at once (the page reloads itself when the server's version changes).

const CACHE = "pleinmunt-kiosk";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (!/^\/(kiosk\/|kiosk-assets\/|static\/emoji\/)/.test(url.pathname)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches.match(request).then((cached) => cached || Response.error()),
      ),
  );
});

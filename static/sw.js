// Offline support: caches the app's own files (never a letter) and serves them cache-first;
// the OCR files (ocr/, on demand) are cached the first time they are fetched.
// scripts/postbuild.py fills VERSION and PRECACHE after every build.
const VERSION = "imr-web-__VERSION__";
const PRECACHE = __PRECACHE__;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(VERSION).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(VERSION).then((cache) =>
      cache.match(req, { ignoreSearch: true }).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            // The text recogniser (ocr/) loads only when a scan is met: kept once it has.
            if (res.ok && new URL(req.url).pathname.includes("/ocr/")) cache.put(req, res.clone());
            return res;
          })
      )
    )
  );
});

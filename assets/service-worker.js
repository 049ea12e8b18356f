// SES Explorer's service worker: the app opens and works offline once it has been visited.
//
// scripts/write-service-worker.sh writes it into the build with the build's own version and
// file list (the two lines below), so every build is a new worker with a cache of its own.
// It never touches another origin and never sees a person's data: files a person opens are
// read in the page and are never requested.
const VERSION = '__SES_VERSION__';
const APP_FILES = __SES_APP_FILES__;

const CACHE = 'ses-explorer-' + VERSION;
const PREFIX = 'ses-explorer-';
// Files fetched only when a person asks for them (the examples): kept once fetched.
const KEPT_WHEN_FETCHED = /\/examples\//;

// A file whose name carries its content's hash (`app-52a3067fee490bd0.css`) is the same bytes
// wherever it comes from: the copy the page has just downloaded, in the browser's HTTP cache,
// will do. Any other file may be the previous build's there, so it is asked of the server.
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(APP_FILES.map((file) => new Request(file, { cache: HASHED.test(file) ? 'default' : 'reload' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

// The page asks the waiting worker to take over when the person chooses to reload.
self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  if (!url.pathname.startsWith(scope.pathname)) return;
  const isAppPage = url.pathname === scope.pathname || url.pathname === scope.pathname + 'index.html';
  if (request.mode === 'navigate') {
    // Other pages that share the folder are the server's to answer.
    if (!isAppPage) return;
    // The app's page, whatever its query or fragment: this build's page.
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match('./index.html').then((page) => page || fetch(request)),
      ),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request, { ignoreSearch: true }).then((kept) => {
        if (kept) return kept;
        return fetch(request).then((response) => {
          if (response.ok && KEPT_WHEN_FETCHED.test(url.pathname)) cache.put(request, response.clone());
          return response;
        });
      }),
    ),
  );
});

// The web app's service worker (scope /app/): the app shell stays on the phone so that My day opens
// without a network. Pages under /app are fetched from the network first and fall back to the
// kept shell; hashed assets never change, so a kept copy is used as is. The API (every path
// outside /app) is never cached here: the app keeps today's list and the taps not sent itself.
const SHELL = 'homecare-shell-v1';
const INDEX = '/app/';

async function keepShell() {
  const cache = await caches.open(SHELL);
  const response = await fetch(INDEX, { cache: 'no-store' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(INDEX, response);
  // The scripts and styles the shell loads, by their hashed names.
  const assets = [...html.matchAll(/(?:src|href)="(\/app\/assets\/[^"]+)"/g)].map((match) => match[1]);
  await cache.addAll(['/app/manifest.webmanifest', '/app/icon.svg', ...assets]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(keepShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== SHELL).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith('/app/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            void caches.open(SHELL).then((cache) => cache.put(INDEX, copy));
          }
          return response;
        })
        .catch(async () => (await caches.match(INDEX)) ?? Response.error()),
    );
    return;
  }
  if (url.pathname.startsWith('/app/assets/')) {
    event.respondWith(
      caches.match(request).then(
        (kept) =>
          kept ??
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              void caches.open(SHELL).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});

// Keeps the app shell (index.html and the assets it references) on the device, so that reloading a
// document with no network still opens the editor; the text itself comes from y-indexeddb.
//
// Navigations: network first (a new deployment is picked up at once), the cached shell when offline.
// /assets/*: cache first; Vite puts a content hash in their names, so a cached copy is never stale.
// The sync socket, the API and the health check are never touched.

const CACHE = 'quorum-shell-v1';
const SHELL = '/index.html';
const PASSTHROUGH = /^\/(collab|api|healthz)(\/|$)/;

function assetsOf(html) {
  const urls = new Set();
  for (const match of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) urls.add(match[1]);
  return [...urls];
}

async function cacheShell(response) {
  const cache = await caches.open(CACHE);
  const html = await response.clone().text();
  const assets = assetsOf(html);
  await cache.addAll(assets);
  await cache.put(SHELL, response);
  // Drop the assets of older deployments.
  const keep = new Set(assets);
  for (const request of await cache.keys()) {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/assets/') && !keep.has(pathname)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const response = await fetch(SHELL, { cache: 'no-cache' });
      if (response.ok) await cacheShell(response);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function navigation(event) {
  try {
    const response = await fetch(event.request);
    const type = response.headers.get('content-type') ?? '';
    if (response.ok && type.includes('text/html')) event.waitUntil(cacheShell(response.clone()).catch(() => {}));
    return response;
  } catch (error) {
    const cached = await caches.match(SHELL);
    if (cached) return cached;
    throw error;
  }
}

async function asset(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || PASSTHROUGH.test(url.pathname)) return;
  if (request.mode === 'navigate') event.respondWith(navigation(event));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
});

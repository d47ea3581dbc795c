// Keeps the app shell (index.html and every asset of the build) on the device, so that reloading a
// document with no network still opens the editor; the text itself comes from y-indexeddb.
//
// Every asset, not only those index.html names: the editor, the meeting room and the other pages are chunks the
// first page does not load (client/lazy.tsx), and a document opened offline needs its chunk even if this device
// never opened a document since the last deployment. The build lists them in precache.json (vite.config.ts).
//
// Navigations to the app's pages: the cached shell at once, refreshed from the server in the background (a new
// deployment shows at the next load); the server's page when nothing is cached yet.
// /assets/*: cache first; Vite puts a content hash in their names, so a cached copy is never stale.
// The sync socket, the API and the health check are never touched.

const CACHE = 'quorum-shell-v1';
const SHELL = '/index.html';
const LIST = '/precache.json';
const PASSTHROUGH = /^\/(collab|api|healthz)(\/|$)/;

function assetsOf(html) {
  const urls = new Set();
  for (const match of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) urls.add(match[1]);
  return [...urls];
}

/**
 * The page's own assets first, then the rest of the build's. `complete` is false when the list could not be had:
 * the page's own assets still make the shell work, and nothing cached before is dropped on that account.
 */
async function assetList(html) {
  const urls = new Set(assetsOf(html));
  try {
    const response = await fetch(LIST, { cache: 'no-cache' });
    if (!response.ok) return { urls: [...urls], complete: false };
    for (const url of (await response.json()).assets) urls.add(url);
    return { urls: [...urls], complete: true };
  } catch {
    return { urls: [...urls], complete: false };
  }
}

async function cacheShell(response) {
  const cache = await caches.open(CACHE);
  const html = await response.clone().text();
  const { urls, complete } = await assetList(html);
  // One at a time, and only what is missing: on the hall's Wi-Fi the page's own requests (signing in, the meeting)
  // must not queue behind a dozen downloads of code it may need later (docs/performance.md, benchmark 4).
  for (const url of urls) {
    if (!(await cache.match(url))) await cache.add(url);
  }
  await cache.put(SHELL, response);
  if (!complete) return;
  // Drop the assets of older deployments.
  const keep = new Set(urls);
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
      // The page's request goes out while the worker starts, not after (a worker asleep takes a while to wake).
      await self.registration.navigationPreload?.enable();
      await self.clients.claim();
    })(),
  );
});

/** The page from the server (by navigation preload when the worker was asleep), kept with its assets for next time. */
async function fromNetwork(event) {
  const response = (await event.preloadResponse) ?? (await fetch(event.request));
  const type = response.headers.get('content-type') ?? '';
  if (response.ok && type.includes('text/html')) event.waitUntil(cacheShell(response.clone()).catch(() => {}));
  return response;
}

async function navigation(event) {
  const { pathname } = new URL(event.request.url);
  // The app's pages have no extension (as the server decides too); anything else goes to the server as it is.
  const isPage = !/\.[a-z0-9]+$/i.test(pathname);
  const cached = isPage ? await caches.match(SHELL) : undefined;
  if (cached) {
    // The shell on the device at once, the server's asked meanwhile: a new deployment is stored now and shown at
    // the next load (a reload on the hall's Wi-Fi no longer waits a round trip for a page it already has).
    event.waitUntil(fromNetwork(event).catch(() => {}));
    return cached;
  }
  try {
    return await fromNetwork(event);
  } catch (error) {
    const shell = await caches.match(SHELL);
    if (shell) return shell;
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

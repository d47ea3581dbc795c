/**
 * The service worker (public/sw.js) keeps the app shell on the device so that a page reloaded without a
 * network still opens and shows the text y-indexeddb kept. Not under Vite's dev server (`import.meta.hot`),
 * where it would serve stale modules; `import.meta.env.PROD` is not used because it follows NODE_ENV, which
 * a build started from a test runner inherits as "test".
 */
export function registerServiceWorker(): void {
  if (import.meta.hot || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      // Editing works without it; only reloading while offline does not.
      console.warn('Service worker registration failed', error);
    });
  });
}

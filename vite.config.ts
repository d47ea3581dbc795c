import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Absolute, so that building through the API (server/build-client.ts) works from any working directory.
const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const clientRoot = fileURLToPath(new URL('./client', import.meta.url));
const clientOut = fileURLToPath(new URL('./dist/client', import.meta.url));
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 8080}`;

export default defineConfig({
  root: clientRoot,
  plugins: [react()],
  build: {
    outDir: clientOut,
    emptyOutDir: true,
    // The editor, Yjs and React are one ~760 kB (240 kB gzipped) chunk that every page needs; splitting it
    // would add requests without loading less.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      // changeOrigin, as the string form below implies: the server accepts sockets addressed to its own name only.
      '/collab': { target: apiTarget, ws: true, changeOrigin: true },
      '/api': apiTarget,
      '/healthz': apiTarget,
    },
  },

  // Vite's root is client/, so tests are found relative to the project root instead. Unit tests sit beside their
  // code; integration and browser suites are under test/. The client is built once, before any file runs.
  test: {
    root: projectRoot,
    include: ['{client,server,shared}/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: real servers and Chromium per file; more parallel files only make timing noisier.
    maxWorkers: 2,
  },
});

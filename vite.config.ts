import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { OutputBundle, OutputChunk } from 'rolldown';
import { runnerImport, type Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';

// Absolute, so that building through the API (server/build-client.ts) works from any working directory.
const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const clientRoot = fileURLToPath(new URL('./client', import.meta.url));
const clientOut = fileURLToPath(new URL('./dist/client', import.meta.url));
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 8080}`;

const postgres = await postgresPass();
const cluster = postgres && (await clusterPass());

export default defineConfig({
  root: clientRoot,
  plugins: [react(), precacheList(), bootSignIn()],
  build: {
    outDir: clientOut,
    emptyOutDir: true,
    // Split by page (client/lazy.tsx): the sign-in page and the meetings list need React, zod's core and the
    // app's own code, about 100 kB brotli; the meeting room adds Yjs and the API schemas, an open document TipTap
    // and ProseMirror (SPEC CD3, docs/performance.md benchmark 4). The largest chunk, the editor's libraries, is
    // about 500 kB before compression; a chunk above this limit means something heavy slipped in.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Libraries in chunks of their own, named after them: a deployment that changes only the app's code leaves
        // these files (and their names) as they were, so phones that have them keep them. Higher priority first, so
        // that the editor's group, which takes its modules' dependencies along, does not swallow Yjs or React.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
            { name: 'yjs', test: /[\\/]node_modules[\\/](yjs|lib0|y-protocols|y-websocket|y-indexeddb)[\\/]/, priority: 20 },
            {
              name: 'editor',
              test: /[\\/]node_modules[\\/](@tiptap|prosemirror-[\w-]+|orderedmap|rope-sequence|w3c-keyname|linkifyjs|fast-equals|use-sync-external-store)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
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
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    // expect.poll's own default (1 s) is shorter than a page may take to show under a full suite on two cores (the
    // room's code loads when opened); a test that means a shorter wait says so.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    // Two cores: real servers and Chromium per file; more parallel files only make timing noisier.
    maxWorkers: 2,
    // Everything on SQLite; the integration suite a second time on PostgreSQL (test/helpers/database.ts); the
    // suite of several processes on PostgreSQL and Redis (test/helpers/cluster.ts).
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['{client,server,shared}/**/*.test.{ts,tsx}', 'test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/cluster/**'] },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['test/integration/**/*.test.ts'],
                env: { QUORUM_TEST_DATABASE: 'postgres' },
                setupFiles: ['test/setup-database.ts'],
              },
            },
          ]
        : []),
      ...(cluster
        ? [
            {
              extends: true as const,
              test: {
                name: 'cluster',
                include: ['test/cluster/**/*.test.ts'],
                // Three server processes per test, each a few seconds to start on two busy cores.
                testTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});

/**
 * Whether the integration suite also runs on PostgreSQL: always under CI=true (where PostgreSQL must be there, and
 * the suite fails loudly if it is not), elsewhere when it answers at TEST_POSTGRES_URL.
 */
async function postgresPass(): Promise<boolean> {
  if (!process.env.VITEST) return false;
  if (process.env.CI) return true;
  const url = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch (err) {
    console.warn(
      `Skipping the integration suite on PostgreSQL: not reachable at ${url} (${(err as Error).message}). ` +
        'Start PostgreSQL (docs/operations.md) or set TEST_POSTGRES_URL to run it.',
    );
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Whether the suite of several processes runs (PostgreSQL being there already): always under CI=true (where Redis
 * must be there too, and the suite fails loudly if it is not), elsewhere when Redis answers at TEST_REDIS_URL.
 */
async function clusterPass(): Promise<boolean> {
  if (process.env.CI) return true;
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (err) {
    console.warn(
      `Skipping the suite of several processes: Redis is not reachable at ${url} (${(err as Error).message}). ` +
        'Start Redis (docs/operations.md) or set TEST_REDIS_URL to run it.',
    );
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Writes `precache.json`, every file the build put under assets/, for the service worker (client/public/sw.js) to
 * keep on the device at install: the chunks the first page does not load (the editor, the meeting room) have to be
 * there too, or a document opened offline finds no code (SPEC CD4). The files the page itself loads come first.
 */
function precacheList(): Plugin {
  return {
    name: 'quorum-precache-list',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => name.startsWith('assets/'));
      const initial = new Set<string>();
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk' && file.isEntry) {
          initial.add(file.fileName);
          for (const name of file.imports) initial.add(name);
          for (const name of file.viteMetadata?.importedCss ?? []) initial.add(name);
        }
      }
      const first = (name: string) => (initial.has(name) ? 0 : 1);
      const assets = files.sort((a, b) => first(a) - first(b) || a.localeCompare(b)).map((name) => `/${name}`);
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify({ assets }) });
    },
  };
}

/**
 * Puts the sign-in page, rendered from the app's own components in each language (client/auth/staticSignIn.tsx),
 * into index.html with the small script that runs it until the app starts (client/auth/boot-script.js): on a phone
 * the form is on screen and takes input before the app's JavaScript has arrived and run (SPEC CD6, benchmark 4).
 * Between `<!--boot-->` markers, which the server cuts out while the first administrator is still to be created.
 */
function bootSignIn(): Plugin {
  return {
    name: 'quorum-boot-sign-in',
    apply: 'build',
    async transformIndexHtml(html, { bundle }) {
      const { module } = await runnerImport<typeof import('./client/auth/staticSignIn.tsx')>(
        fileURLToPath(new URL('./client/auth/staticSignIn.tsx', import.meta.url)),
        { configFile: false, logLevel: 'warn' },
      );
      const script = fs.readFileSync(new URL('./client/auth/boot-script.js', import.meta.url), 'utf8');
      // Only the code: the comments are for the file's readers, not for every phone's download.
      const code = script.replace(/^\s*\/\/.*\n/gm, '').trim();
      const chunks = {
        room: bundle ? chunksOf(bundle, 'client/room/MeetingRoom.tsx') : [],
        document: bundle ? chunksOf(bundle, 'client/room/RoomDocument.tsx') : [],
      };
      return html.replace('<!--boot-sign-in-->', `<!--boot-->${module.renderBootSignIn(code, chunks)}<!--/boot-->`);
    },
  };
}

/**
 * The files of the chunk `import()` of `source` loads, with those it imports, less what the page's entry already
 * loads: what a reload of a meeting's page can ask for before the app's code has run (client/auth/boot-script.js).
 */
function chunksOf(bundle: OutputBundle, source: string): string[] {
  const chunks = new Map<string, OutputChunk>();
  for (const file of Object.values(bundle)) if (file.type === 'chunk') chunks.set(file.fileName, file);
  const closure = (start: string[], into = new Set<string>()) => {
    for (const name of start) {
      if (into.has(name)) continue;
      into.add(name);
      closure(chunks.get(name)?.imports ?? [], into);
    }
    return into;
  };
  const entry = closure([...chunks.values()].filter((c) => c.isEntry).map((c) => c.fileName));
  const facade = [...chunks.values()].find((c) => c.facadeModuleId?.endsWith(source));
  if (!facade) throw new Error(`no chunk for ${source}`);
  return [...closure([facade.fileName])].filter((name) => !entry.has(name)).map((name) => `/${name}`);
}

/**
 * `node server/launch.js main|cli|cluster [args…]`: runs the server, the operator's command line or several server
 * processes together (`npm run cluster`) from JavaScript that esbuild compiled into dist/server/, compiling it first
 * when it is missing or any of its sources is newer. `node server/launch.js build` only compiles.
 *
 * Why not tsx: it compiles every file of the module graph at each start, which cost the command line about half a
 * second and the server about 60 MiB of memory for as long as it runs. Packages stay external (node_modules is
 * loaded as it is); only our own code is bundled, split into chunks so that what one entry imports lazily (the
 * demo loader and TipTap, for the command line) stays out of its start-up.
 *
 * Plain JavaScript, because it runs before anything is compiled; node: modules are imported by name so that the
 * linter knows them.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'server');
const MANIFEST = path.join(OUT, 'build.json');
const ENTRIES = { main: 'server/main.ts', cli: 'server/cli.ts', cluster: 'server/cluster/run-cluster.ts' };
/** Besides the sources esbuild reports reading: what decides how they compile. */
const SETTINGS = ['tsconfig.json', 'server/launch.js'];
/** A chunk no longer part of the build is kept this long, for a process that started from the build before. */
const STALE_CHUNK_MS = 3600_000;

/** Compiles unless the build in dist/server is newer than every file it was made from. */
async function ensureBuilt() {
  if (isFresh()) return;
  process.stderr.write('Compiling the server…\n');
  await build();
}

function isFresh() {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
  } catch {
    return false;
  }
  const sourcesOlder = [...manifest.inputs, ...SETTINGS].every((f) => (mtimeMs(path.join(ROOT, f)) ?? Infinity) <= manifest.builtAt);
  return sourcesOlder && manifest.outputs.every((f) => fs.existsSync(path.join(OUT, f)));
}

async function build() {
  const esbuild = await import('esbuild');
  // Taken before esbuild reads a file: a source saved while it compiles is newer, and compiles again next time.
  const builtAt = Date.now();
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: OUT,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [ownImportMetaUrl],
  });
  const outputs = result.outputFiles.map((f) => path.relative(OUT, f.path));
  // Chunks before the entries that import them, the manifest last: a process starting meanwhile finds either the
  // old build whole or the new one whole. Each file is renamed into place, never seen half-written.
  const isEntry = (f) => Object.keys(ENTRIES).some((e) => f.path === path.join(OUT, `${e}.js`));
  for (const file of [...result.outputFiles.filter((f) => !isEntry(f)), ...result.outputFiles.filter(isEntry)]) {
    writeAtomically(file.path, file.contents);
  }
  writeAtomically(MANIFEST, JSON.stringify({ builtAt, inputs: Object.keys(result.metafile.inputs), outputs }));
  pruneChunks(new Set(outputs));
}

/**
 * A module's `import.meta.url` is its own file's, not the bundle's: `server/build-client.ts` finds the project from
 * it, and would find dist/ instead.
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => ({
      contents: (await fs.promises.readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
    }));
  },
};

function writeAtomically(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const staging = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(staging, contents);
  fs.renameSync(staging, file);
}

function pruneChunks(current) {
  const dir = path.join(OUT, 'chunks');
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const file = path.join(dir, name);
    if (current.has(path.relative(OUT, file))) continue;
    if (Date.now() - (mtimeMs(file) ?? Date.now()) > STALE_CHUNK_MS) fs.rmSync(file, { force: true });
  }
}

function mtimeMs(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

const [what] = process.argv.splice(2, 1);
if (what !== 'build' && !Object.hasOwn(ENTRIES, what ?? '')) {
  process.stderr.write(`Usage: node server/launch.js ${[...Object.keys(ENTRIES), 'build'].join('|')} [arguments]\n`);
  process.exit(2);
}
try {
  await ensureBuilt();
} catch (err) {
  // esbuild has already printed where a source does not compile.
  process.stderr.write(`The server could not be compiled: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
if (what !== 'build') {
  // Source maps are written but not loaded (that would cost the server 11 MiB): the bundle names each source in a
  // comment, and NODE_OPTIONS=--enable-source-maps maps stack traces back to the TypeScript when it is worth it.
  await import(pathToFileURL(path.join(OUT, `${what}.js`)).href);
}

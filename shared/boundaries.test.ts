import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

const importsOf = (file: string) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('module boundaries', () => {
  it('[A1] shared/ imports nothing from client/ or server/', () => {
    const leaks = sources(path.join(root, 'shared')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => path.resolve(path.dirname(file), spec))
        .filter((target) => !target.startsWith(path.join(root, 'shared') + path.sep))
        .map((target) => `${path.relative(root, file)} → ${path.relative(root, target)}`),
    );
    expect(leaks).toEqual([]);
  });

  it('[A2] the room core does not import ws; only its adapter does', () => {
    const users = sources(path.join(root, 'server/collab'))
      .filter((f) => !f.endsWith('.test.ts') && importsOf(f).includes('ws'))
      .map((f) => path.relative(root, f));
    expect(users).toEqual(['server/collab/ws-adapter.ts']);
  });

  it('[A3] no domain folder imports server/http/ or Fastify', () => {
    const domain = ['accounts', 'meetings', 'motions', 'documents', 'comments', 'demo', 'storage', 'db', 'export', 'collab']
      .flatMap((d) => sources(path.join(root, 'server', d)))
      .concat(['audit', 'audit-key', 'policies', 'services', 'work-queue', 'ids', 'errors'].map((f) => path.join(root, 'server', `${f}.ts`)));
    const http = path.join(root, 'server/http') + path.sep;
    const leaks = domain.flatMap((file) =>
      importsOf(file)
        .filter((spec) =>
          spec.startsWith('.') ? path.resolve(path.dirname(file), spec).startsWith(http) : /^(fastify|@fastify\/)/.test(spec),
        )
        .map((spec) => `${path.relative(root, file)} → ${spec}`),
    );
    expect(domain.length).toBeGreaterThan(40);
    expect(leaks).toEqual([]);
  });
});

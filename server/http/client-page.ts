import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The built client's index.html as the server reads it at start. It holds the sign-in form and the small script
 * that runs it until the app starts (vite.config.ts, bootSignIn; SPEC CD6): the script is allowed by its hash in the
 * CSP, and the form is cut out while the server has no account yet, where the app shows the first-run form instead.
 */
export interface ClientPage {
  /** CSP sources for the page's inline scripts, `'sha256-…'`. */
  scriptHashes: string[];
  /** index.html without the sign-in form, for a server that still needs its first administrator. */
  withoutSignIn: string;
}

const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/g;
const BOOT_BLOCK = /<!--boot-->[\s\S]*?<!--\/boot-->/;

export function readClientPage(clientDir: string | null | undefined): ClientPage | null {
  const file = clientDir ? path.join(clientDir, 'index.html') : null;
  if (!file || !fs.existsSync(file)) return null;
  const html = fs.readFileSync(file, 'utf8');
  const scriptHashes = [...html.matchAll(INLINE_SCRIPT)].map(
    ([, code]) => `'sha256-${createHash('sha256').update(code ?? '', 'utf8').digest('base64')}'`,
  );
  return { scriptHashes, withoutSignIn: html.replace(BOOT_BLOCK, '') };
}

import { z } from 'zod';

/**
 * Imported first by main.tsx, before any schema is built. Zod compiles object parsers with `new Function` when it
 * can, and finds out by trying once; under the app's Content-Security-Policy (script-src 'self', no eval) that try
 * is refused, caught, and still reported as a policy violation. The browser parses a few small responses, where
 * the compiled parser gains nothing, so it is not tried at all.
 */
z.config({ jitless: true });

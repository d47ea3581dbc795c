import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The app's Content-Security-Policy (docs/architecture.md, "Headers"). Scripts come only from our own files: the
 * built client's one inline script (the sign-in form's, before the app starts) is allowed by its hash
 * (`registerSecurityHeaders`), and no attribute handler may run. Styles may be inline: the editor renders
 * a paragraph's alignment as a `style` attribute and TipTap adds its base stylesheet as a `<style>` element; CSS
 * cannot run script, every address it could load from is closed by the directives below, and the values that
 * reach a `style` attribute are limited to the schema's (shared/editor/allowed.ts). `connect-src 'self'` covers
 * the sync socket: CSP 3 lets 'self' match ws: and wss: on our own host and port.
 */
export const APP_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** How long a browser that reached us over HTTPS keeps to HTTPS: 180 days. */
const HSTS = 'max-age=15552000';

/**
 * Security headers on every response; `scriptHashes`, the CSP sources of the built page's inline scripts. Nothing here may assume HTTPS: the product is often served over plain HTTP
 * on a hall's network, where `upgrade-insecure-requests` would send the browser to a port that does not answer.
 * HSTS goes only on responses to HTTPS requests (directly or, with TRUST_PROXY, through a TLS proxy), where it
 * means something; without includeSubDomains, since the operator's other hosts are not ours to decide for.
 */
export async function registerSecurityHeaders(app: FastifyInstance, scriptHashes: string[] = []): Promise<void> {
  const directives = { ...APP_CSP_DIRECTIVES, scriptSrc: [...APP_CSP_DIRECTIVES.scriptSrc, ...scriptHashes] };
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    // Not no-referrer: under it a browser sends `Origin: null` on a same-origin form or beacon POST, which the
    // origin check would refuse. same-origin tells other sites nothing (not even which document linked them).
    referrerPolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', async (req, reply) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}

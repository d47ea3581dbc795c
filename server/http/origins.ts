import type { IncomingMessage } from 'node:http';
import os from 'node:os';

/**
 * Which addresses the server answers state-changing requests and sync sockets for. A page on another name that
 * resolves to this server (DNS rebinding: `http://evil.example:8080` pointed at 127.0.0.1) sends its own name
 * in `Host` and `Origin`, so neither may be trusted because the two agree: both are checked against a list fixed
 * by the operator (`PUBLIC_ORIGIN`), or by default against the addresses the server listens on.
 */
export class OriginPolicy {
  private publicOrigins: string[] = [];
  private hosts = new Set<string>();
  private readonly others: Set<string>;
  private listen: { host: string; port: number } | null = null;

  constructor(
    /** `PUBLIC_ORIGIN`, already normalised; empty for the listen address's defaults. */
    private readonly configured: readonly string[],
    /** `ALLOWED_ORIGINS`: other pages (a dev server) that may send requests; their names are not ours to serve. */
    others: readonly string[],
    private readonly trustProxy: boolean,
  ) {
    this.others = new Set(others.map((o) => normaliseOrigin(o) ?? o));
  }

  /** Called once the server listens, when the real port (PORT=0) is known. */
  listening(host: string, port: number): void {
    this.listen = { host, port };
    this.set(this.configured.length > 0 ? [...this.configured] : defaultOrigins(host, port));
  }

  /** The server's own origins, for the start-up message. */
  get origins(): readonly string[] {
    return this.publicOrigins;
  }

  /** An `Origin` header from one of our pages, or from a configured other one. */
  originAllowed(origin: string): boolean {
    const normal = normaliseOrigin(origin);
    if (normal === null) return false;
    return this.publicOrigins.includes(normal) || this.others.has(normal) || (this.refreshed() && this.publicOrigins.includes(normal));
  }

  /**
   * The name the request was sent to. Behind a proxy that is told to be trusted, the proxy's `X-Forwarded-Host`
   * (the name the browser used) comes first, as Fastify reads it for `req.host`.
   */
  hostAllowed(req: IncomingMessage): boolean {
    const host = requestHost(req, this.trustProxy);
    if (host === null) return false;
    return this.hosts.has(host) || (this.refreshed() && this.hosts.has(host));
  }

  private set(origins: string[]): void {
    this.publicOrigins = [...new Set(origins)];
    this.hosts = new Set(this.publicOrigins.map((o) => new URL(o).host));
  }

  /**
   * Listening on every interface by default: an address the machine gained after start (the hall's Wi-Fi
   * handing out a new lease) is one of ours too. Looked up only on a miss, which costs one system call.
   */
  private refreshed(): boolean {
    if (this.configured.length > 0 || !this.listen || !isWildcard(this.listen.host)) return false;
    const before = this.publicOrigins.length;
    this.set([...this.publicOrigins, ...defaultOrigins(this.listen.host, this.listen.port)]);
    return this.publicOrigins.length > before;
  }
}

const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::' || host === '';

/** `http(s)://host[:port]` in the form browsers send in `Origin` (lower case, no default port); null if not one. */
export function normaliseOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  return url.origin;
}

const bracketed = (address: string): string => (address.includes(':') ? `[${address}]` : address);

/**
 * The listen address's origins: a loopback address with `localhost`; a wildcard with every address of every
 * interface (link-local IPv6 aside: a browser cannot put its zone in a URL), `localhost` and the machine's name.
 */
export function defaultOrigins(host: string, port: number): string[] {
  const names: string[] = [];
  if (isWildcard(host)) {
    const ipv6 = host !== '0.0.0.0';
    for (const addresses of Object.values(os.networkInterfaces())) {
      for (const a of addresses ?? []) {
        if (a.family === 'IPv4' || (ipv6 && a.family === 'IPv6' && !a.address.toLowerCase().startsWith('fe80:'))) {
          names.push(a.address);
        }
      }
    }
    const machine = os.hostname().toLowerCase();
    names.push('localhost', machine, `${machine}.local`);
  } else {
    names.push(host);
    // A loopback address is also reached as localhost; `localhost` itself may listen on either family.
    if (host === 'localhost') names.push('127.0.0.1', '::1');
    else if (host === '::1' || /^127\./.test(host)) names.push('localhost');
  }
  const origins: string[] = [];
  for (const name of names) {
    const origin = normaliseOrigin(`http://${bracketed(name)}:${port}`);
    if (origin !== null) origins.push(origin);
  }
  return [...new Set(origins)];
}

function firstOf(value: string | string[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one?.split(',')[0]?.trim() || undefined;
}

/** The `Host` a request was sent to, lower case, as `new URL(origin).host` writes it (no default port). */
export function requestHost(req: IncomingMessage, trustProxy: boolean): string | null {
  const raw = (trustProxy ? firstOf(req.headers['x-forwarded-host']) : undefined) ?? req.headers.host;
  if (!raw) return null;
  try {
    const url = new URL(`http://${raw}`);
    // `Host: a.example/evil` or `user@a.example` would parse into something else: only a bare host[:port] counts.
    if (url.host !== raw.toLowerCase().replace(/:80$/, '')) return null;
    return url.host;
  } catch {
    return null;
  }
}

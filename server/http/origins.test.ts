import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultOrigins, normaliseOrigin, OriginPolicy, requestHost } from './origins.ts';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('public origins', () => {
  it('[SEC4] default to the listen address: a loopback one with localhost, a wildcard with every interface address', () => {
    expect(defaultOrigins('127.0.0.1', 8080)).toEqual(['http://127.0.0.1:8080', 'http://localhost:8080']);
    expect(defaultOrigins('192.168.1.10', 80)).toEqual(['http://192.168.1.10']);
    const ipv4 = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a?.family === 'IPv4')
      .map((a) => `http://${a!.address}:8080`);
    const wildcard = defaultOrigins('0.0.0.0', 8080);
    expect(wildcard).toEqual(expect.arrayContaining([...ipv4, 'http://localhost:8080']));
    expect(wildcard.some((o) => o.includes('['))).toBe(false);
    const dual = defaultOrigins('::', 8080);
    expect(dual).toEqual(expect.arrayContaining(ipv4));
    expect(dual.some((o) => o.startsWith('http://[fe80'))).toBe(false);
  });

  it('[SEC4] are origins exactly: scheme, host and port, no path, user or query', () => {
    expect(normaliseOrigin('HTTPS://Hop.Example.VN:443/')).toBe('https://hop.example.vn');
    for (const bad of ['hop.example.vn', 'https://hop.example.vn/quorum', 'ftp://hop.example.vn', 'https://u:p@hop.example.vn', 'null']) {
      expect(normaliseOrigin(bad), bad).toBeNull();
    }
  });

  it('[SEC4] read Host as a bare host[:port], and X-Forwarded-Host only behind a trusted proxy', () => {
    expect(requestHost(request({ host: 'LOCALHOST:8080' }), false)).toBe('localhost:8080');
    expect(requestHost(request({ host: 'hop.example.vn:80' }), false)).toBe('hop.example.vn');
    for (const bad of ['hop.example.vn/evil', 'user@hop.example.vn', '127.1:8080', '']) {
      expect(requestHost(request({ host: bad }), false), bad).toBeNull();
    }
    const proxied = request({ host: '127.0.0.1:8080', 'x-forwarded-host': 'hop.example.vn, proxy.internal' });
    expect(requestHost(proxied, true)).toBe('hop.example.vn');
    expect(requestHost(proxied, false)).toBe('127.0.0.1:8080');
  });

  it('[SEC4] accept an Origin from the public origins or ALLOWED_ORIGINS, and a Host of the public origins only', () => {
    const policy = new OriginPolicy(['https://hop.example.vn'], ['http://localhost:5173'], false);
    policy.listening('0.0.0.0', 8080);
    expect(policy.origins).toEqual(['https://hop.example.vn']);
    expect(policy.originAllowed('https://hop.example.vn')).toBe(true);
    expect(policy.originAllowed('http://localhost:5173')).toBe(true);
    expect(policy.originAllowed('http://hop.example.vn')).toBe(false);
    expect(policy.hostAllowed(request({ host: 'hop.example.vn' }))).toBe(true);
    expect(policy.hostAllowed(request({ host: 'localhost:5173' }))).toBe(false);
    expect(policy.hostAllowed(request({}))).toBe(false);
  });
});

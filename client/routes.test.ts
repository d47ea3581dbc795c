import { describe, expect, it } from 'vitest';
import { isValidDocumentId } from '../shared/protocol.ts';
import { ACCOUNT_PATH, auditPath, documentPath, meetingPath, parseRoute, screenPath, settingsPath, signInPath } from './routes.ts';

describe('routes', () => {
  it('parses every page and sends unknown paths to "not found"', () => {
    expect(parseRoute('/')).toEqual({ page: 'meetings' });
    expect(parseRoute('/admin')).toEqual({ page: 'admin' });
    expect(parseRoute(ACCOUNT_PATH)).toEqual({ page: 'account' });
    expect(parseRoute('/signin')).toEqual({ page: 'signIn', next: '/' });
    expect(parseRoute('/m/abc')).toEqual({ page: 'room', meetingId: 'abc', documentId: null });
    expect(parseRoute('/m/abc/')).toEqual({ page: 'room', meetingId: 'abc', documentId: null });
    expect(parseRoute('/m/abc/d/x_1')).toEqual({ page: 'room', meetingId: 'abc', documentId: 'x_1' });
    expect(parseRoute('/m/abc/settings')).toEqual({ page: 'settings', meetingId: 'abc' });
    expect(parseRoute('/m/abc/audit')).toEqual({ page: 'audit', meetingId: 'abc' });
    expect(parseRoute('/m/abc/screen')).toEqual({ page: 'screen', meetingId: 'abc' });
    expect(parseRoute('/d/abc_DEF-12')).toEqual({ page: 'document', documentId: 'abc_DEF-12' });
    for (const path of ['/elsewhere', '/m', '/m/a/b', '/m/a/d', '/m/a/d/b/c', '/m/a/audit/x', '/m/a/screen/x', '/d/a/b', '/admin/x', '/account/x']) {
      expect(parseRoute(path), path).toEqual({ page: 'notFound' });
    }
  });

  it('hands a malformed or invalid id to the page, which refuses it', () => {
    expect(parseRoute('/d/%E0')).toEqual({ page: 'document', documentId: '%E0' });
    expect(parseRoute('/d/bad%20id')).toEqual({ page: 'document', documentId: 'bad id' });
    expect(isValidDocumentId('bad id')).toBe(false);
  });

  it('round-trips ids through the paths', () => {
    for (const id of ['k3Xq9_mB2a', 'a.b-c']) {
      expect(parseRoute(documentPath(id))).toEqual({ page: 'document', documentId: id });
      expect(parseRoute(meetingPath('m1', id))).toEqual({ page: 'room', meetingId: 'm1', documentId: id });
      expect(parseRoute(settingsPath(id))).toEqual({ page: 'settings', meetingId: id });
      expect(parseRoute(auditPath(id))).toEqual({ page: 'audit', meetingId: id });
      expect(parseRoute(screenPath(id))).toEqual({ page: 'screen', meetingId: id });
    }
  });

  it('returns after sign-in only to a path on this site', () => {
    const next = (path: string) => {
      const url = new URL(signInPath(path), 'http://x');
      return parseRoute(url.pathname, url.search);
    };
    expect(next('/m/abc/d/x?y=1')).toEqual({ page: 'signIn', next: '/m/abc/d/x?y=1' });
    expect(parseRoute('/signin', '?next=//evil.example')).toEqual({ page: 'signIn', next: '/' });
    expect(parseRoute('/signin', '?next=https://evil.example')).toEqual({ page: 'signIn', next: '/' });
  });
});

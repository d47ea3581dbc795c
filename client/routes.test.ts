import { describe, expect, it } from 'vitest';
import { isValidDocumentId } from '../shared/protocol.ts';
import { documentPath, newDocumentId, parseRoute } from './routes.ts';

describe('routes', () => {
  it('parses the home page, documents and unknown paths', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute('/d/abc_DEF-12')).toEqual({ page: 'document', documentId: 'abc_DEF-12' });
    expect(parseRoute('/d/abc/')).toEqual({ page: 'document', documentId: 'abc' });
    expect(parseRoute('/elsewhere')).toEqual({ page: 'notFound' });
  });

  it('hands a malformed or invalid id to the document page, which refuses it', () => {
    expect(parseRoute('/d/%E0')).toEqual({ page: 'document', documentId: '%E0' });
    expect(parseRoute('/d/bad%20id')).toEqual({ page: 'document', documentId: 'bad id' });
    expect(isValidDocumentId('bad id')).toBe(false);
  });

  it('round-trips ids through the path', () => {
    for (const id of ['k3Xq9_mB2a', 'meeting:42', 'a.b-c']) {
      expect(parseRoute(documentPath(id))).toEqual({ page: 'document', documentId: id });
    }
  });

  it('makes new ids of 10 url-safe characters that the server accepts', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newDocumentId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{10}$/);
      expect(isValidDocumentId(id)).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseRoute } from '../routes.ts';
import { safeNext } from './next.ts';

describe('the sign-in page’s next', () => {
  it('[SEC10] keeps a path on this site, with its query and fragment', () => {
    expect(safeNext('/m/abc/d/x?y=1#z')).toBe('/m/abc/d/x?y=1#z');
    expect(safeNext('/')).toBe('/');
    expect(safeNext('/account')).toBe('/account');
    expect(safeNext('/m/Hội nghị')).toBe('/m/H%E1%BB%99i%20ngh%E1%BB%8B');
  });

  it('[SEC10] sends every other address to the home page', () => {
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      '/\\/evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      ' //evil.example',
      'https://evil.example',
      'HTTPS://evil.example/m/x',
      'javascript:alert(1)',
      'JavaScript:alert(1)//',
      'data:text/html,<script>alert(1)</script>',
      'm/abc',
      '',
      null,
    ]) {
      expect(safeNext(bad), JSON.stringify(bad)).toBe('/');
    }
  });

  it('[SEC10] is what the sign-in route holds, whatever the address says', () => {
    expect(parseRoute('/signin', '?next=%2F%5Cevil.example')).toEqual({ page: 'signIn', next: '/' });
    expect(parseRoute('/signin', '?next=%2F%09%2Fevil.example')).toEqual({ page: 'signIn', next: '/' });
    expect(parseRoute('/signin', '?next=%2Fm%2Fabc')).toEqual({ page: 'signIn', next: '/m/abc' });
  });
});

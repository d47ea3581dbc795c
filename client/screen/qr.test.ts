import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { darkModules, qrSquares } from './qr.ts';

describe('the join code', () => {
  it('[PJ4] draws exactly the dark modules of the QR code of the link, one square each', () => {
    const link = 'http://192.168.1.20:8080/m/mtg_k3Xq9mB2a';
    const { size, path } = qrSquares(link);
    const reference = qrcode(0, 'M');
    reference.addData(link, 'Byte');
    reference.make();
    expect(size).toBe(reference.getModuleCount());
    const expected = new Set<string>();
    for (let row = 0; row < size; row += 1) {
      for (let col = 0; col < size; col += 1) if (reference.isDark(row, col)) expected.add(`${row},${col}`);
    }
    expect(darkModules(path)).toEqual(expected);
    // The three finder patterns' corners are dark: it is a QR code, not noise.
    for (const [row, col] of [[0, 0], [0, size - 1], [size - 1, 0]] as const) expect(expected.has(`${row},${col}`)).toBe(true);
  });

  it('[PJ4] encodes a name beyond ASCII as its UTF-8 bytes, and a longer link in a larger code', () => {
    const ascii = qrSquares('https://hop.example.vn/m/abc');
    const idn = qrSquares('https://họp.example.vn/m/abc');
    expect(idn.size).toBeGreaterThanOrEqual(ascii.size);
    expect(qrSquares(`https://hop.example.vn/m/${'x'.repeat(200)}`).size).toBeGreaterThan(ascii.size);
  });
});

import { describe, expect, it } from 'vitest';
import { CARET_COLORS, caretColor, distinctCaretColor } from './presence.ts';

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** WCAG 2 relative luminance. */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = channels(hex).map(linear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

/** CIE L*a*b* (D65) of an sRGB colour. */
function lab(hex: string): [number, number, number] {
  const [r = 0, g = 0, b = 0] = channels(hex).map(linear);
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

const deltaE = (a: string, b: string) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]!));

describe('the caret palette', () => {
  it('[R16] has at least twelve colours, each readable under the white text of a caret’s label (≥ 4.5:1)', () => {
    expect(CARET_COLORS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(CARET_COLORS).size).toBe(CARET_COLORS.length);
    for (const color of CARET_COLORS) {
      expect(color).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('[R16] no two colours are alike (CIE ΔE*ab ≥ 15; about 2.3 is the least difference an eye sees)', () => {
    for (const a of CARET_COLORS) {
      for (const b of CARET_COLORS) if (a < b) expect(deltaE(a, b), `${a} ${b}`).toBeGreaterThanOrEqual(15);
    }
  });

  it('[R16] a person’s colour among those taken: their own if free, else the next free one, their own when none is', () => {
    const own = caretColor('u-kien');
    const i = CARET_COLORS.indexOf(own as (typeof CARET_COLORS)[number]);
    const at = (k: number) => CARET_COLORS[(i + k) % CARET_COLORS.length]!;
    expect(distinctCaretColor(own, new Set())).toBe(own);
    expect(distinctCaretColor(own, new Set([at(1)]))).toBe(own);
    expect(distinctCaretColor(own, new Set([own]))).toBe(at(1));
    expect(distinctCaretColor(own, new Set([own, at(1), at(2)]))).toBe(at(3));
    // Round the end of the palette to its start.
    const last = CARET_COLORS.at(-1)!;
    expect(distinctCaretColor(last, new Set([last]))).toBe(CARET_COLORS[0]);
    expect(distinctCaretColor(own, new Set(CARET_COLORS))).toBe(own);
  });
});

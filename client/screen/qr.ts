/**
 * The join code: a QR code of the meeting's address, as one SVG path (one square per dark module), drawn by
 * `qrcode-generator` (no dependencies, a few kB; it computes the code, the page draws it). Error correction M
 * (15%): a projected image is large and sharp, and a lower level keeps the modules big for phones at the back.
 */
import qrcode from 'qrcode-generator';

export interface QrSquares {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** `M x y h1v1h-1z` for each dark module, in a coordinate system of `size` units. */
  path: string;
}

/** UTF-8 bytes as the library's byte mode takes them (it keeps the low byte of each character). */
function utf8Binary(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join('');
}

export function qrSquares(text: string): QrSquares {
  const code = qrcode(0, 'M');
  code.addData(utf8Binary(text), 'Byte');
  code.make();
  const size = code.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < size; row += 1) {
    for (let col = 0; col < size; col += 1) {
      if (code.isDark(row, col)) parts.push(`M${col} ${row}h1v1h-1z`);
    }
  }
  return { size, path: parts.join('') };
}

/** The dark modules a path of `qrSquares` draws, as "row,col" (for checking what a page shows). */
export function darkModules(path: string): Set<string> {
  const dark = new Set<string>();
  for (const match of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) dark.add(`${match[2]},${match[1]}`);
  return dark;
}

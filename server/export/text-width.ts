/**
 * How wide a line of Times New Roman is, estimated from the font's advance widths: a rule "as long as the text"
 * (under "Độc lập - Tự do - Hạnh phúc") needs a length in DOCX, where a border cannot fit itself to the text.
 * Times New Roman, Liberation Serif and Tinos share these metrics. Vietnamese letters are measured as their base
 * letter; the accents sit above or below and barely widen it.
 */

// Advance widths in 1/1000 em of the printable ASCII characters 32–126, in code order.
const REGULAR = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500,
  500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,
  722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500,
  444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480,
  200, 480, 541,
];
const BOLD = [
  250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500,
  500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944,
  722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556,
  444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394,
  220, 394, 520,
];
const OTHER: Readonly<Record<string, number>> = {
  '–': 500,
  '—': 1000,
  '…': 1000,
  '“': 444,
  '”': 444,
  '‘': 333,
  '’': 333,
};

function baseLetter(ch: string): string {
  if (ch === 'đ') return 'd';
  if (ch === 'Đ') return 'D';
  return ch.normalize('NFD').charAt(0);
}

function advance(ch: string, bold: boolean): number {
  const base = baseLetter(ch);
  const code = base.charCodeAt(0);
  const table = bold ? BOLD : REGULAR;
  return (code >= 32 && code <= 126 ? table[code - 32] : OTHER[base]) ?? 500;
}

/** Width in points of `runs` set at `sizePt`. */
export function textWidthPt(runs: readonly { text: string; bold: boolean }[], sizePt: number): number {
  let units = 0;
  for (const run of runs) for (const ch of run.text) units += advance(ch, run.bold);
  return (units / 1000) * sizePt;
}

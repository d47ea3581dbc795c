import { parse as parseCsv } from 'csv-parse/sync';

export type Separator = ',' | ';' | '\t';

export interface CsvRecord {
  /** 1-based line of the file where the record ends (a quoted cell may hold line breaks). */
  line: number;
  cells: string[];
}

export type CsvReading = { ok: true; separator: Separator; records: CsvRecord[] } | { ok: false; line: number };

const SEPARATORS: readonly Separator[] = [',', ';', '\t'];

/** Excel's hint at the top of a file ("sep=;"), which names the separator and is not a row. */
const EXCEL_HINT = /^sep=([,;\t])[ \t]*(\n|$)/i;

/**
 * The separator of the first record: the one of `,` `;` and tab that occurs most often outside quotes before the
 * first line break outside quotes. Excel writes `;` where the decimal separator is a comma (Vietnamese settings),
 * `,` elsewhere, and tab when copied; a cell may hold the others ("Phòng Kế hoạch, Tài chính" in a `;` file).
 * Ties and a one-column line go to `,`.
 */
export function detectSeparator(text: string): Separator {
  const counts = new Map<Separator, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char as Separator)) counts.set(char as Separator, counts.get(char as Separator)! + 1);
  }
  let best: Separator = ',';
  for (const separator of SEPARATORS) if (counts.get(separator)! > counts.get(best)!) best = separator;
  return best;
}

/**
 * Reads a roster file as spreadsheets save it: UTF-8 with or without a byte-order mark, Windows, Unix or old
 * Mac line ends, `,` `;` or tab between cells (detected from the first line, or from Excel's "sep=" line), cells
 * trimmed, blank lines skipped, rows of any length (the caller says which are short).
 */
export function readRosterCsv(input: string): CsvReading {
  // One kind of line end: csv-parse counts a Windows line end inside a quoted cell as two lines.
  let text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let separator: Separator;
  let fromLine = 1;
  const hint = EXCEL_HINT.exec(text);
  if (hint) {
    separator = hint[1] as Separator;
    fromLine = 2;
  } else {
    separator = detectSeparator(text);
  }
  // csv-parse numbers lines from the start of what it is given, so the hint line stays in and is skipped by it.
  text = hint && !hint[2] ? '' : text;
  try {
    const parsed = parseCsv(text, {
      delimiter: separator,
      from_line: fromLine,
      relax_column_count: true,
      skip_empty_lines: true,
      // Excel saves the blank rows under a table as ";;;".
      skip_records_with_empty_values: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return { ok: true, separator, records: parsed.map(({ record, info }) => ({ line: info.lines, cells: record })) };
  } catch (err) {
    return { ok: false, line: (err as { lines?: number }).lines ?? 1 };
  }
}

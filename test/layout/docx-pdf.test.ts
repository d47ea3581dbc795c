/** The DOCX export laid out by LibreOffice (test/layout/docx-to-pdf.ts), checked on the PDF's text. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFTOTEXT, PDFTOTEXT_HOW, pdftotextFound } from '../helpers/pdf.ts';
import { SOFFICE_HOW, checkDemo, findSoffice, type Checked } from './docx-to-pdf.ts';

const soffice = findSoffice();
if (!soffice && process.env.CI === 'true') throw new Error(`DOCX layout checks: no soffice and CI=true; ${SOFFICE_HOW}.`);
const missing = !soffice ? `no soffice; ${SOFFICE_HOW}` : !pdftotextFound ? `no ${PDFTOTEXT}; ${PDFTOTEXT_HOW}` : null;

describe.skipIf(missing !== null)(missing ? `DOCX in LibreOffice (skipped: ${missing})` : 'DOCX in LibreOffice', () => {
  let dir = '';
  let checked: Checked[] = [];
  // The first start of LibreOffice makes its profile: tens of seconds on a busy machine.
  beforeAll(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'quorum-docx-pdf-'));
    checked = await checkDemo(soffice!, dir);
  }, 240_000);
  afterAll(async () => {
    if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
  });
  const of = (kind: 'NQ' | 'BB') => checked.find((c) => c.kind === kind)!;

  it('[X10] [X6] [X11] the demo resolution: numbered from page 2, the draft mark on page 1 only, the header lined up', () => {
    expect(of('NQ').pages.length).toBeGreaterThanOrEqual(2);
    expect(of('NQ').problems).toEqual([]);
  });

  it('[X10] [X12] the demo minutes: numbered from page 2, the closing line on the page of THƯ KÝ and CHỦ TỌA', () => {
    expect(of('BB').pages.length).toBeGreaterThanOrEqual(3);
    expect(of('BB').problems).toEqual([]);
  });
});

/**
 * The DOCX export as LibreOffice lays it out: the demo resolution and minutes written to DOCX, converted to PDF
 * by `soffice --headless` (Liberation Serif stands in for Times New Roman with the same metrics), and checked
 * on the PDF's text: page numbers from page 2, the draft mark on page 1 only, the header's lines, and the
 * closing line kept with the signatures. test/layout/docx-pdf.test.ts runs it; by hand:
 *
 *   npx tsx test/layout/docx-to-pdf.ts                 # check, print what is wrong, exit 1 if anything is
 *   npx tsx test/layout/docx-to-pdf.ts --png docs/layout   # also render the resolution's pages 1 and 2 to PNG
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { documentDocx } from '../../server/export/docx.ts';
import { demoInput } from '../../server/export/testing.ts';
import { linesOf, pageWith, pdfPages } from '../helpers/pdf.ts';

const run = promisify(execFile);

/** LibreOffice's command, from SOFFICE_PATH or the PATH; null when it is not installed. */
export function findSoffice(): string | null {
  if (process.env.SOFFICE_PATH) return fs.existsSync(process.env.SOFFICE_PATH) ? process.env.SOFFICE_PATH : null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'soffice');
    if (dir !== '' && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

export const SOFFICE_HOW = 'install LibreOffice (`apt-get install -y libreoffice-writer-nogui fonts-liberation`), or set SOFFICE_PATH';

/**
 * Converts the DOCX files in `dir` to PDF there, with a profile of its own: two conversions sharing the default
 * profile at once make one of them fail.
 */
async function toPdf(soffice: string, dir: string, files: string[]): Promise<void> {
  const profile = pathToFileURL(path.join(dir, 'profile')).href;
  await run(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], {
    timeout: 180_000,
  });
}

export interface Checked {
  kind: 'NQ' | 'BB';
  pdf: string;
  pages: string[];
  problems: string[];
}

/** What a clerk would have to fix by hand, read off the PDF's text. */
export function problemsOf(kind: 'NQ' | 'BB', pages: readonly string[]): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const [first = '', ...rest] = pages;
  expect(pages.length >= 2, `${pages.length} page(s): the demo fills at least two`);
  expect(linesOf(first)[0] === 'DỰ THẢO', `page 1 does not open with the draft mark: "${linesOf(first)[0]}"`);
  expect(!linesOf(first).some((l) => /^\d+$/.test(l)), 'page 1 shows a page number');
  rest.forEach((page, i) => {
    expect(linesOf(page)[0] === String(i + 2), `page ${i + 2} does not open with its number: "${linesOf(page)[0]}"`);
    expect(!page.includes('DỰ THẢO'), `page ${i + 2} shows the draft mark`);
  });
  const header = linesOf(first);
  expect(header.some((l) => /TRUNG TÂM CÔNG NGHỆ LASER/.test(l)), 'the issuing body wraps');
  expect(header.some((l) => /^Số:.*Hà Nội, ngày/.test(l)), '"Số:" and the date line are not on one line');
  const [signed, signers] =
    kind === 'BB' ? ['Hội nghị kết thúc vào', ['THƯ KÝ', 'CHỦ TỌA']] : ['Điều 3.', ['TM. HỘI NGHỊ', 'CHỦ TỌA']];
  const at = pageWith(pages, signed);
  for (const signer of signers) {
    expect(pageWith(pages, signer) === at, `"${signer}" is on page ${pageWith(pages, signer) + 1}, "${signed}" on ${at + 1}`);
  }
  return problems;
}

/** The demo's draft resolution and minutes through LibreOffice into `dir`, checked. */
export async function checkDemo(soffice: string, dir: string): Promise<Checked[]> {
  const kinds = ['NQ', 'BB'] as const;
  const files = await Promise.all(
    kinds.map(async (kind) => {
      const file = path.join(dir, `demo-${kind}.docx`);
      await fs.promises.writeFile(file, await documentDocx(demoInput(kind, true)));
      return file;
    }),
  );
  await toPdf(soffice, dir, files);
  return kinds.map((kind) => {
    const pdf = path.join(dir, `demo-${kind}.pdf`);
    const pages = pdfPages(pdf);
    return { kind, pdf, pages, problems: problemsOf(kind, pages) };
  });
}

/** Pages 1 and 2 of a PDF as `<name>-page-1.png`, `-page-2.png` in `outDir`, at 60 dpi (small enough for docs). */
export async function renderPages(pdf: string, outDir: string, name: string): Promise<string[]> {
  await fs.promises.mkdir(outDir, { recursive: true });
  const prefix = path.join(outDir, name);
  await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, prefix]);
  // pdftoppm numbers pages with as many digits as the last page's number needs.
  const made = (await fs.promises.readdir(outDir)).filter((f) => new RegExp(`^${name}-\\d+\\.png$`).test(f));
  const out: string[] = [];
  for (const file of made.sort()) {
    const page = Number(/-(\d+)\.png$/.exec(file)?.[1]);
    const target = path.join(outDir, `${name}-page-${page}.png`);
    await fs.promises.rename(path.join(outDir, file), target);
    out.push(target);
  }
  return out;
}

async function main(): Promise<void> {
  const soffice = findSoffice();
  if (!soffice) throw new Error(`no soffice: ${SOFFICE_HOW}`);
  const pngAt = process.argv.indexOf('--png');
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'quorum-docx-pdf-'));
  try {
    const checked = await checkDemo(soffice, dir);
    for (const { kind, pages, problems } of checked) {
      console.log(`${kind}: ${pages.length} pages, ${problems.length === 0 ? 'as the layout wants' : problems.join('; ')}`);
    }
    if (pngAt !== -1) {
      const resolution = checked.find((c) => c.kind === 'NQ')!;
      for (const png of await renderPages(resolution.pdf, process.argv[pngAt + 1] ?? 'docs/layout', 'resolution')) console.log(png);
    }
    if (checked.some((c) => c.problems.length > 0)) process.exitCode = 1;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

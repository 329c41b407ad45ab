/**
 * docs/report-sample.pdf: the first pages of the DOCX report Sift drafts for the demo review, as
 * Word would lay them out approximately. LibreOffice is not assumed: pandoc (Debian) turns the
 * DOCX into HTML with its images embedded, and Debian's Chromium prints that to PDF. What is
 * printed is the DOCX's content (headings, tables, the diagram PNG), not the HTML export.
 *
 *   npm run report:sample
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/db/connection';
import { systemClock } from '../server/domain/clock';
import { ensureDemo } from '../server/services/demo';
import { projectReport } from '../server/services/report';
import { exportReport } from '../server/services/report-export';
import { launchBrowser } from '../tests/e2e/support/browser';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'docs', 'report-sample.pdf');
const PAGES = '1-6';

const PRINT_CSS = `body { font-family: 'DejaVu Sans', sans-serif; font-size: 10.5pt; max-width: none; margin: 0; }
table { border-collapse: collapse; font-size: 8.5pt; margin: 0.5em 0; } th, td { border: 1px solid #999; padding: 2px 4px; vertical-align: top; }
img { max-width: 100%; } h1 { font-size: 18pt; } h2 { font-size: 14pt; } h3 { font-size: 12pt; } figure, tr { break-inside: avoid; }`;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-report-sample-'));
  const browser = await launchBrowser();
  try {
    const db = openDatabase(path.join(dir, 'demo.sqlite'));
    const { projectId } = ensureDemo({ db, clock: systemClock });
    const docx = path.join(dir, 'report.docx');
    fs.writeFileSync(docx, await exportReport(projectReport(db, projectId, systemClock()), 'docx'));
    db.close();
    fs.writeFileSync(path.join(dir, 'print.css'), PRINT_CSS);
    const html = path.join(dir, 'report.html');
    execFileSync(
      'pandoc',
      [
        docx,
        '-s',
        '--self-contained',
        '--css',
        path.join(dir, 'print.css'),
        '--metadata',
        'pagetitle=Draft report',
        '-o',
        html,
      ],
      { cwd: dir },
    );
    const page = await (await browser.newContext()).newPage();
    await page.goto(`file://${html}`);
    await page.pdf({
      path: OUT,
      format: 'A4',
      pageRanges: PAGES,
      margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
      printBackground: true,
    });
    process.stdout.write(`${path.relative(ROOT, OUT)} (pages ${PAGES} of the demo's DOCX report)\n`);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { computePrisma } from '../../server/domain/prisma/compute';
import { parsePrismaCsv } from '../../server/domain/prisma/csv';
import { renderPrismaSvg } from '../../server/domain/prisma/svg';
import { exportPrisma, prismaPng, prismaPngAsync } from '../../server/services/prisma-export';
import { tempDir } from '../support/cli';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'prisma', 'PRISMA_filled_PoC_extracted.csv');
const result = computePrisma(parsePrismaCsv(fs.readFileSync(FIXTURE, 'utf8'), 'PoC.csv'));
const svgSize = (svg: string) => {
  const m = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!;
  return { width: Number(m[1]), height: Number(m[2]) };
};

function hasCommand(command: string): boolean {
  try {
    execFileSync(command, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('PRISMA exports', () => {
  it('PNG: a valid PNG at three pixels per SVG unit', async () => {
    const png = await exportPrisma(result, 'png');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const { width, height } = svgSize(renderPrismaSvg(result));
    expect(png.readUInt32BE(16)).toBe(Math.round(width * 3));
    expect(Math.abs(png.readUInt32BE(20) - height * 3)).toBeLessThanOrEqual(1);
  });

  it('PNG: drawn off the event loop, the same pixels as drawn on it', async () => {
    const svg = renderPrismaSvg(result);
    expect((await prismaPngAsync(svg, 1)).equals(prismaPng(svg, 1))).toBe(true);
  });

  it('PDF: one A4 landscape page with the text as text, which pdftoppm renders', async () => {
    const pdf = await exportPrisma(result, 'pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(text).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    // poppler-utils is installed here and in CI; elsewhere the structural checks above stand alone.
    if (!hasCommand('pdftoppm')) return;
    const dir = tempDir('sift-prisma-');
    try {
      const file = path.join(dir, 'diagram.pdf');
      fs.writeFileSync(file, pdf);
      execFileSync('pdftoppm', ['-r', '50', '-png', '-singlefile', file, path.join(dir, 'page')]);
      const page = fs.readFileSync(path.join(dir, 'page.png'));
      expect(page.readUInt32BE(16)).toBe(Math.round((841.89 * 50) / 72));
      if (hasCommand('pdftotext')) {
        execFileSync('pdftotext', [file, path.join(dir, 'page.txt')]);
        const words = fs.readFileSync(path.join(dir, 'page.txt'), 'utf8');
        expect(words).toContain('Records screened');
        expect(words).toContain('1,127');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PDF: the same diagram gives the same bytes', async () => {
    expect((await exportPrisma(result, 'pdf')).equals(await exportPrisma(result, 'pdf'))).toBe(true);
  });

  it('exports names in any script, and markup in names, without breaking a format', async () => {
    const odd = computePrisma({
      sources: [
        { name: '中国知网 CNKI 🧪', kind: 'database', n: 4 },
        { name: 'Ünïcödé <b>&amp;</b> "quoted"', kind: 'register', n: 2 },
      ],
      screeningExcluded: { n: 1, reasons: [{ name: 'Żółć; “smart” — reason', n: 1 }] },
    });
    for (const format of ['svg', 'png', 'pdf', 'html', 'json', 'csv'] as const) {
      expect((await exportPrisma(odd, format)).length).toBeGreaterThan(100);
    }
    const csv = (await exportPrisma(odd, 'csv')).toString('utf8');
    expect(computePrisma(parsePrismaCsv(csv, 'odd.csv')).model.database_specific_results).toEqual([
      { name: '中国知网 CNKI 🧪', n: 4 },
    ]);
  });

  it('HTML: self-contained, the diagram inline, no scripts, warnings and numbers listed', async () => {
    const html = (await exportPrisma(result, 'html', { title: 'PoC <review>' })).toString('utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).not.toMatch(/<script|<link|src=/i);
    expect(html).toContain('<title>PoC &lt;review&gt;</title>');
    expect(html).toContain('data-code="new_reports_mismatch"');
    expect(html).toContain('<code>records_screened</code>');
  });

  it('JSON: the model with data keys, the warnings and the trace', async () => {
    const json = JSON.parse((await exportPrisma(result, 'json')).toString('utf8'));
    expect(json.model.records_screened).toBe(1127);
    expect(json.model.database_specific_results[0]).toEqual({ name: 'Embase', n: 650 });
    expect(json.warnings.length).toBeGreaterThan(0);
    expect(json.trace).toEqual({});
  });

  it('CSV: the template columns', async () => {
    const csv = (await exportPrisma(result, 'csv')).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('data,node,box,description,boxtext,tooltips,url,n');
  });
});

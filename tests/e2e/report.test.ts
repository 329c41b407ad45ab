import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fillChecklist } from '../../server/domain/report/checklist';
import { reportToHtml } from '../../server/domain/report/html';
import { projectPrisma } from '../../server/services/prisma';
import { projectReport } from '../../server/services/report';
import { demoInBrowser } from './support/demo';
import { open } from './support/session';

/**
 * Issue 19: the Report page previews the drafted report and offers its downloads; the
 * self-contained HTML report, opened in Chromium, holds the diagram's numbers, one row per
 * included study, every reference, and a section behind every checklist location.
 */
describe('the drafted report in the browser', () => {
  const run = demoInBrowser(['owner']);

  it('previews the report with the diagram, the included studies and the references, and follows the chosen style', async () => {
    const page = run.as.owner.page;
    const { db, projectId } = run.demo;
    const model = projectPrisma(db, projectId).model;
    await open(page, run.demo.server.url, `/projects/${projectId}/report`, 'Report');
    const preview = page.locator('#report-preview');
    await preview.locator('figure svg').first().waitFor();
    expect(await preview.getByRole('heading', { name: 'Study selection' }).count()).toBe(1);
    const characteristics = preview.locator('table', {
      has: page.locator('caption', { hasText: 'Characteristics of included studies' }),
    });
    expect(await characteristics.locator('tbody tr').count()).toBe(model.new_studies);
    expect(await preview.locator('ul.references li').count()).toBe(model.new_studies);

    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/report?style=vancouver')),
      page.getByLabel('Citation style').selectOption('vancouver'),
    ]);
    await preview.locator('ol.references li').first().waitFor();
    expect(await preview.locator('ol.references li').count()).toBe(model.new_studies);
    expect(await page.locator('#report-downloads a').first().getAttribute('href')).toContain(
      'style=vancouver',
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Word (DOCX)' }).click(),
    ]);
    const bytes = fs.readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('opens the self-contained HTML report with the numbers, rows, references and checklist targets it should hold', async () => {
    const { db, projectId } = run.demo;
    const model = projectPrisma(db, projectId).model;
    const doc = projectReport(db, projectId, new Date('2026-06-01T00:00:00Z'));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sift-report-html-')), 'report.html');
    fs.writeFileSync(file, reportToHtml(doc));
    const context = await run.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`file://${file}`);
      const selection = await page.locator('#study-selection p').first().textContent();
      for (const key of [
        'records_screened',
        'records_excluded',
        'dbr_assessed',
        'dbr_excluded',
        'new_studies',
        'new_reports',
      ] as const)
        expect({ key, stated: selection!.includes(String(model[key])) }).toEqual({ key, stated: true });
      expect(selection).toContain(
        `${model.records_screened} records were screened by title and abstract, and ${model.records_excluded} of them were excluded`,
      );
      expect(selection).toContain(
        `In all, ${model.new_studies} studies (${model.new_reports} reports) were included`,
      );
      // the diagram inline, drawn from the same model
      // (the diagram writes "n = 63" with no-break spaces)
      expect(await page.locator('#study-selection figure svg').textContent()).toMatch(
        new RegExp(`Records screened \\(n\\s=\\s${model.records_screened}\\)`),
      );
      const rows = page.locator('#study-characteristics table tbody tr');
      expect(await rows.count()).toBe(model.new_studies);
      expect(await page.locator('#references li').count()).toBe(model.new_studies);
      const targets = fillChecklist(doc).flatMap((e) => e.location.map((l) => l.id));
      expect(targets.length).toBeGreaterThan(10);
      for (const id of targets)
        expect({ id, found: await page.locator(`section[id="${id}"]`).count() }).toEqual({ id, found: 1 });
    } finally {
      await context.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});

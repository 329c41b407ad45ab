import path from 'node:path';
import type { Page } from 'playwright-core';
import type { SourceListResponse } from '../../server/api/types';
import { demoInBrowser } from './support/demo';
import { open } from './support/session';

const SMALL_RIS = path.resolve(__dirname, '..', 'fixtures', 'import', 'ris', 'missing_values.ris');

/**
 * Issue 17, item 6: the import form. After an import it starts afresh (the next file is not
 * silently another "other method"); a reviewer is told before uploading that only owners import;
 * a file imported before is refused in words for the browser (a date a person reads, and an
 * "import it again" to confirm, never a command-line flag).
 */
describe('the import form', () => {
  const run = demoInBrowser(['owner', 'alice']);
  /** The Import page, and its import form (the page also has a form that corrects a source). */
  const importPage = async (page: Page) => {
    await open(page, run.demo.server.url, `/projects/${run.demo.projectId}/import`, 'Import');
    return page.getByRole('form', { name: 'Import search results' });
  };
  const sources = async (page: Page) =>
    (
      (await (
        await page.request.get(`${run.demo.server.url}/api/projects/${run.demo.projectId}/sources`)
      ).json()) as SourceListResponse
    ).sources;

  it('starts afresh after an import: kind back to "Database", name, date and files cleared', async () => {
    const page = run.as.owner.page;
    const form = await importPage(page);
    await page.setInputFiles('#files', [SMALL_RIS]);
    await form.getByLabel('Source (database or method)').fill('Citation search');
    await form.getByLabel('Kind').selectOption('other');
    await form.getByLabel('Search date').fill('2026-11-30');
    await form.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/^Imported \d+ records from 1 file/).waitFor();
    expect(await form.getByLabel('Kind').inputValue()).toBe('database');
    expect(await form.getByLabel('Source (database or method)').inputValue()).toBe('');
    expect(await form.getByLabel('Search date').inputValue()).toBe('');
    expect(
      await page.locator('#files').evaluate((f) => (f as { files: { length: number } }).files.length),
    ).toBe(0);
    // the result of the import stays in view
    await page.locator('#import-results').getByText('missing_values.ris').waitFor();
  });

  it('refuses a file imported before in browser words, with a readable date, and imports it again once confirmed', async () => {
    const page = run.as.owner.page;
    const form = await importPage(page);
    const before = (await sources(page)).filter((s) => s.fileName === 'missing_values.ris').length;
    expect(before).toBe(1);
    await page.setInputFiles('#files', [SMALL_RIS]);
    await form.getByLabel('Source (database or method)').fill('Citation search, again');
    await form.getByRole('button', { name: 'Import', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'already imported' });
    await refusal.waitFor();
    const said = (await refusal.textContent()) ?? '';
    expect(said).not.toMatch(/--force/);
    expect(said).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(said).toMatch(/Citation search/);
    expect(said).toMatch(
      /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b.*\b\d{4}\b/,
    );
    expect((await sources(page)).filter((s) => s.fileName === 'missing_values.ris')).toHaveLength(1);

    await page.getByRole('button', { name: 'Import it again' }).click();
    await page.getByText(/^Imported \d+ records from 1 file/).waitFor();
    const after = (await sources(page)).filter((s) => s.fileName === 'missing_values.ris');
    expect(after.map((s) => s.name)).toEqual(['Citation search', 'Citation search, again']);
  });

  it('tells a reviewer before any upload that only the review’s owners import, the form disabled', async () => {
    const page = run.as.alice.page;
    const form = await importPage(page);
    await form.getByText(/Only the review’s owners import search results/).waitFor();
    expect(await form.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    expect(await form.locator('#files').isDisabled()).toBe(true);
    expect(await form.getByLabel('Source (database or method)').isDisabled()).toBe(true);
    // the reason is what a screen reader hears on the form's controls
    const describedBy = await form
      .getByRole('button', { name: 'Import', exact: true })
      .getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
  });
});

import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { waitUntil } from './support/checks';
import { demoInBrowser } from './support/demo';
import { open } from './support/session';

const OTHER_METHODS = 'Identification of new studies via other methods';

/** The text of the diagram drawn on the page. */
const drawnText = (page: Page) => page.locator('#prisma-diagram svg').textContent();

/**
 * Issue 17, item 5: the options on the PRISMA page start as the diagram is drawn, the first
 * tick changes it, and every export carries exactly the options shown.
 */
describe('the PRISMA options match the diagram and its exports', () => {
  const run = demoInBrowser(['owner']);

  it('starts with the boxes ticked as drawn, changes the diagram at the first tick, and exports what is shown', async () => {
    const page = run.as.owner.page;
    await open(
      page,
      run.demo.server.url,
      `/projects/${run.demo.projectId}/prisma`,
      'PRISMA 2020 flow diagram',
    );
    await page.locator('#prisma-diagram svg').waitFor();
    // the demo has a citation search (other methods) and several databases
    expect(await drawnText(page)).toContain(OTHER_METHODS);
    expect(await drawnText(page)).toContain('ERIC');
    const other = page.getByLabel('Other methods column');
    const previous = page.getByLabel('Previous studies column');
    const detail = page.getByLabel('Per-database detail');
    expect(await other.isChecked()).toBe(true);
    expect(await previous.isChecked()).toBe(false);
    expect(await detail.isChecked()).toBe(true);

    await Promise.all([page.waitForResponse((r) => r.url().includes('/prisma.svg')), other.uncheck()]);
    await waitUntil(
      page,
      `!document.querySelector('#prisma-diagram svg').textContent.includes(${JSON.stringify(OTHER_METHODS)})`,
    );
    await Promise.all([page.waitForResponse((r) => r.url().includes('/prisma.svg')), detail.uncheck()]);
    await waitUntil(page, `!document.querySelector('#prisma-diagram svg').textContent.includes('ERIC')`);

    // each export link names every option as shown
    const hrefs = await page.evaluate(
      `[...document.querySelectorAll('#exports a')].map((a) => a.getAttribute('href'))`,
    );
    for (const href of (hrefs as string[]).filter((h) => /prisma\.(svg|png|pdf|html|csv)/.test(h))) {
      expect(href).toContain('other=false');
      expect(href).toContain('previous=false');
      expect(href).toContain('detail=false');
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'SVG', exact: true }).click(),
    ]);
    const exported = fs.readFileSync(await download.path(), 'utf8');
    expect(exported).not.toContain(OTHER_METHODS);
    expect(exported).not.toContain('ERIC');

    await Promise.all([page.waitForResponse((r) => r.url().includes('/prisma.svg')), other.check()]);
    await waitUntil(
      page,
      `document.querySelector('#prisma-diagram svg').textContent.includes(${JSON.stringify(OTHER_METHODS)})`,
    );
  });
});

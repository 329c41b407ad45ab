import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { systemClock } from '../../server/domain/clock';
import { importFiles } from '../../server/services/import';
import { importDeps } from '../support/imports';
import { addProjectMember } from '../../server/services/members';
import { createOwnedProject } from '../../server/services/projects';
import { boxOf, overflowing, scrollingSideways, waitUntil } from './support/checks';
import { demoActor, demoInBrowser } from './support/demo';
import { open } from './support/session';

const RECORDS = path.resolve(__dirname, '..', 'fixtures', 'dedup', 'tests_data', 'records_pre_merged.csv');
const PHONE = { width: 390, height: 844 };

/** Whether the element is wholly inside the window as it is scrolled now. */
async function inView(page: Page, selector: string): Promise<boolean> {
  const box = await boxOf(page.locator(selector).first());
  return box.y >= 0 && box.y + box.height <= PHONE.height && box.x >= 0 && box.x + box.width <= PHONE.width;
}

/** The on-screen height of the first line of text in the diagram (its font size as drawn). */
const drawnTextHeight = (page: Page) =>
  page.evaluate(
    `document.querySelector('#prisma-diagram svg text').getBoundingClientRect().height`,
  ) as Promise<number>;
const diagramWidth = (page: Page) =>
  page.evaluate(
    `document.querySelector('#prisma-diagram svg').getBoundingClientRect().width`,
  ) as Promise<number>;

/**
 * Issue 17, item 7: a 390-pixel phone. The screening decision stays in reach above a long
 * abstract, full-text cards fit, tables become cards instead of scrolling sideways, and the
 * PRISMA diagram is drawn readable and zooms with buttons and with a pinch.
 */
describe('Sift on a 390-pixel phone', () => {
  let abstracts = 0;
  const run = demoInBrowser(['owner', 'alice'], {
    viewport: PHONE,
    context: { hasTouch: true },
    async prepare({ db }) {
      // a second review whose records carry long abstracts (the demo's records have none)
      const deps = { db, clock: systemClock };
      abstracts = createOwnedProject(deps, demoActor(db, 'owner').userId, { name: 'Oxygen at birth' }).id;
      addProjectMember(deps, abstracts, { username: 'alice', role: 'reviewer' });
      await importFiles(importDeps(db, systemClock), abstracts, {
        source: { name: 'MEDLINE', kind: 'database' },
        files: [{ fileName: 'records.csv', bytes: fs.readFileSync(RECORDS) }],
      });
    },
  });

  it('keeps the decision bar in view above a long abstract, however far the reviewer reads', async () => {
    const page = run.as.alice.page;
    await open(
      page,
      run.demo.server.url,
      `/projects/${abstracts}/screening/title_abstract`,
      'Screening: Title/abstract',
    );
    await page.locator('#record .abstract').waitFor();
    expect((await boxOf(page.locator('#record .abstract'))).height).toBeGreaterThan(300);
    for (const name of [/^Include/, /^Maybe/, /^Exclude/]) {
      const button = page.getByRole('button', { name });
      const box = await boxOf(button);
      expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
      expect(box.y).toBeGreaterThanOrEqual(0);
    }
    // read on: the bar stays
    await page.mouse.wheel(0, 700);
    await waitUntil(page, 'window.scrollY > 300');
    expect(await inView(page, '#decision-bar')).toBe(true);
    await page.mouse.wheel(0, 700);
    expect(await inView(page, '#decision-bar')).toBe(true);
    expect(await overflowing(page)).toEqual([]);
  });

  it('fits the full-text cards in the width of the phone', async () => {
    const page = run.as.owner.page;
    await open(page, run.demo.server.url, `/projects/${run.demo.projectId}/fulltext`, 'Full text');
    await page.locator('.report').first().waitFor();
    expect(await overflowing(page)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
  });

  it.each([
    ['sources', '/import', 'Import'],
    ['duplicates', '/dedup', 'Duplicates'],
    ['synthesis', '/synthesis', 'Synthesis'],
    ['dashboard', '', /micro-credentials/],
  ])('reflows the %s tables into cards instead of scrolling sideways', async (_name, suffix, heading) => {
    const page = run.as.owner.page;
    await open(page, run.demo.server.url, `/projects/${run.demo.projectId}${suffix}`, heading);
    await page.locator('#content table').first().waitFor();
    expect(await scrollingSideways(page)).toEqual([]);
    expect(await overflowing(page)).toEqual([]);
    // each row is a card whose cells say what they are
    const row = (await page.evaluate(`(() => {
      const tr = document.querySelector('#content table tbody tr');
      return { display: getComputedStyle(tr).display, label: getComputedStyle(tr.querySelector('td'), '::before').content };
    })()`)) as { display: string; label: string };
    expect(row.display).toBe('block');
    expect(row.label).not.toMatch(/^(none|normal|"")$/);
  });

  it('draws the PRISMA diagram readable, and zooms it with buttons and a pinch', async () => {
    const page = run.as.owner.page;
    await open(
      page,
      run.demo.server.url,
      `/projects/${run.demo.projectId}/prisma`,
      'PRISMA 2020 flow diagram',
    );
    await page.locator('#prisma-diagram svg text').first().waitFor();
    expect(await drawnTextHeight(page)).toBeGreaterThanOrEqual(10);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);

    const start = await diagramWidth(page);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await diagramWidth(page)).toBeGreaterThan(start * 1.1);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    expect(await diagramWidth(page)).toBeLessThan(start * 0.95);

    // two fingers spread apart on the diagram
    const before = await diagramWidth(page);
    const box = await boxOf(page.locator('#prisma-diagram'));
    const cx = box.x + box.width / 2;
    const cy = box.y + Math.min(box.height, PHONE.height - box.y) / 2;
    const cdp = await page.context().newCDPSession(page);
    const fingers = (spread: number) => [
      { x: cx - spread, y: cy, id: 0 },
      { x: cx + spread, y: cy, id: 1 },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(20) });
    for (const spread of [30, 45, 60, 80]) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(spread) });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    expect(await diagramWidth(page)).toBeGreaterThan(before * 1.5);
    // the page itself did not zoom or widen
    expect(await page.evaluate('window.visualViewport.scale')).toBe(1);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
  });
});

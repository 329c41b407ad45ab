import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { Db } from '../../server/db/connection';
import { openDatabase } from '../../server/db/connection';
import { systemClock } from '../../server/domain/clock';
import { createOwnedProject } from '../../server/services/projects';
import { createUser, TEST_PASSWORD } from '../support/auth';
import { seedRecords, seedSource } from '../support/db';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { open, signIn, type Signed } from './support/session';

/** Two "Editorial Introduction"s of one editor in one JMIS volume (jmis-web.org/articles/1332, /1344). */
const EDITORIAL = {
  title: 'Editorial Introduction',
  authors: ['Zwass, Vladimir'],
  year: 2017,
  journal: 'Journal of Management Information Systems',
  volume: '34',
};

/** A reviewer sees, on the cluster itself, why look-alike records were not merged. */
describe('deduplication shows its vetoes to the reviewer', () => {
  let browser: Browser;
  let server: RunningServer;
  let db: Db;
  let uploads: string;
  let owner: Signed;
  let projectId: number;
  let ids: number[];

  beforeAll(async () => {
    db = openDatabase(':memory:');
    const ownerId = createUser(db, 'owner');
    projectId = createOwnedProject({ db, clock: systemClock }, ownerId, { name: 'Digital work' }).id;
    ids = seedRecords(db, projectId, seedSource(db, projectId), [
      { ...EDITORIAL, issue: '2', pages: '307-309' },
      { ...EDITORIAL, issue: '3', pages: '627-629' },
    ]);
    uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-e2e-uploads-'));
    server = await startServer({ db, uploadsDir: uploads });
    browser = await launchBrowser();
    owner = await signIn(browser, server.url, 'owner', TEST_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    db?.close();
    fs.rmSync(uploads, { recursive: true, force: true });
  });

  it('keeps two editorials of different issues apart and lists the vetoes on the kept-apart cluster', async () => {
    const page = owner.page;
    await open(page, server.url, `/projects/${projectId}/dedup`, 'Duplicates');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/dedup/run')),
      page.getByRole('button', { name: 'Find duplicates' }).click(),
    ]);

    // a fresh load of the filtered list (the run's own redraw cannot race the filter link)
    await open(page, server.url, `/projects/${projectId}/dedup?status=not-duplicate`, 'Duplicates');
    await page
      .getByRole('link', { name: 'Not duplicates / kept apart' })
      .and(page.locator('[aria-current="page"]'))
      .waitFor();
    const vetoes = page.getByRole('list', { name: 'Why records were kept apart' });
    await vetoes
      .getByText(`Records ${ids[0]} and ${ids[1]} kept apart: issue 2 vs 3; pages 307-309 vs 627-629;`, {
        exact: false,
      })
      .waitFor();
    // the reviewer may still overrule the vetoes
    await page.getByRole('button', { name: 'Merge' }).waitFor();
    expect(owner.errors).toEqual([]);
  });
});

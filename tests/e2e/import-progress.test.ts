import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { openDatabase, type Db } from '../../server/db/connection';
import { systemClock } from '../../server/domain/clock';
import { createOwnedProject } from '../../server/services/projects';
import { createUser, TEST_PASSWORD } from '../support/auth';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { open, signIn, type Signed } from './support/session';

const EMBASE = path.resolve(__dirname, '..', 'fixtures', 'import', 'ris', 'embase.ris');

/**
 * Issue 15: an import runs in the background; the page shows how far the reading has come and
 * can cancel it, after which nothing has been imported.
 */
describe('import progress and cancel in a real browser', () => {
  let browser: Browser;
  let server: RunningServer;
  let db: Db;
  let owner: Signed;
  let projectId: number;
  let dir: string;
  let big: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-e2e-import-'));
    // 90 MB of valid RIS (the Embase export repeated): it takes seconds to read.
    const text = fs.readFileSync(EMBASE, 'utf8').replace(/^\uFEFF/, '');
    big = path.join(dir, 'big.ris');
    fs.writeFileSync(big, Array.from({ length: 4200 }, () => text).join('\n'));
    db = openDatabase(':memory:');
    const ownerId = createUser(db, 'owner');
    projectId = createOwnedProject({ db, clock: systemClock }, ownerId, { name: 'Import review' }).id;
    server = await startServer({ db });
    browser = await launchBrowser();
    owner = await signIn(browser, server.url, 'owner', TEST_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(owner.errors).toEqual([]);
    expect(owner.dialogs).toEqual([]);
  });

  it('shows the records read while a large file is read, and cancels it: nothing is imported', async () => {
    const page = owner.page;
    await open(page, server.url, `/projects/${projectId}/import`, 'Import');
    await page.setInputFiles('#files', [big]);
    await page.getByLabel('Source (database or method)').fill('Embase');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/^Reading big\.ris: [\d,]*[1-9][\d,]* records read…$/).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await page.getByText('Import cancelled: nothing was imported.').waitFor();
    await page.getByRole('button', { name: 'Cancel import' }).waitFor({ state: 'hidden' });
    await page.getByText('No sources imported yet.').waitFor();
    expect((db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n).toBe(0);
  });

  it('then imports a file to the end, with its result', async () => {
    const page = owner.page;
    await page.setInputFiles('#files', [EMBASE]);
    await page.getByLabel('Source (database or method)').fill('Embase');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported 6 records from 1 file(s).').waitFor();
    await page.getByRole('heading', { name: 'embase.ris' }).waitFor();
    expect(await page.locator('table tbody tr').count()).toBe(1);
  });
});

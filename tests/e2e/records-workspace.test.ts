import type { Browser } from 'playwright-core';
import type { Db } from '../../server/db/connection';
import { openDatabase } from '../../server/db/connection';
import { addMember, TEST_PASSWORD } from '../support/auth';
import { seedProject, seedRecords, seedSource } from '../support/db';
import { seedReviewedProject, tickingClock } from '../support/records';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { open, signIn } from './support/session';

/**
 * The records workspace in the browser (issue 16): search, filter, open a record and read its
 * timeline (a blinded reviewer reads only their own votes there); and a bulk exclusion by date,
 * previewed, run and undone.
 */
describe('the records workspace in the browser', () => {
  let browser: Browser;
  let server: RunningServer;
  let db: Db;
  let reviewed: ReturnType<typeof seedReviewedProject>;
  let bulkProject: number;

  beforeAll(async () => {
    db = openDatabase(':memory:');
    reviewed = seedReviewedProject(db);
    bulkProject = seedProject(db, 'Bulk in the browser');
    addMember(db, bulkProject, reviewed.owner.userId, 'owner');
    addMember(db, bulkProject, reviewed.alice.userId, 'reviewer');
    seedRecords(
      db,
      bulkProject,
      seedSource(db, bulkProject, { name: 'ERIC' }),
      [2010, 2014, 2018, 2019, 2022, 2024].map((year) => ({
        title: `Learning analytics dashboards, a study from ${year}`,
        year,
        doi: `10.9999/la.${year}`,
        authors: [`Author${year}, Z`],
      })),
    );
    server = await startServer({ db, clock: tickingClock() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('searches, filters, opens a record and shows its timeline', async () => {
    const owner = await signIn(browser, server.url, 'owner', TEST_PASSWORD);
    const page = owner.page;
    const { projectId, ids } = reviewed;
    await open(page, server.url, `/projects/${projectId}/records`, 'Records');
    await page.locator('#records-count').getByText('8 records match').waitFor();

    await page.getByLabel('Search title, abstract, authors, keywords, DOI').fill('statins');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('#records-count').getByText('4 records match').waitFor();
    expect(page.url()).toContain('q=statins');

    await page.getByLabel('Status', { exact: true }).selectOption('excluded');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.locator('#records-count').getByText('2 records match').waitFor();
    const rows = page.locator('.records-table tbody tr');
    expect(await rows.locator('td:last-child').allTextContents()).toEqual([
      'Excluded title/abstract — Wrong population',
      'removed Outside the date range',
    ]);

    await page.getByLabel('Status', { exact: true }).selectOption('');
    await page.getByLabel('Search title, abstract, authors, keywords, DOI').fill('');
    await page.getByLabel('Published from').fill('2022');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.locator('#records-count').getByText('4 records match').waitFor();

    await page.getByRole('link', { name: 'Sleep and memory outcomes' }).click();
    await page.getByRole('heading', { name: 'Sleep and memory outcomes', level: 1 }).waitFor();
    await page.locator('#record-outcome').getByText('Excluded at full text — Wrong outcome').waitFor();
    // The timeline is fetched after the record and drawn whole: wait for it, then read it.
    const timeline = page.locator('#timeline li');
    await timeline.first().waitFor();
    expect(await timeline.locator('strong').allTextContents()).toEqual([
      'Sift',
      'alice',
      'bob',
      'owner',
      'alice',
      'bob',
    ]);
    await timeline.filter({ hasText: 'Voted exclude at full text (Wrong outcome)' }).first().waitFor();

    // a note and a label, each in the timeline at once
    await page.getByLabel('New note').fill('Checked the outcome measures.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await timeline.filter({ hasText: 'Note: Checked the outcome measures.' }).waitFor();
    expect(owner.errors).toEqual([]);
    await owner.context.close();

    // alice: full text is still blind to her, so bob's full-text vote is not in her timeline
    const alice = await signIn(browser, server.url, 'alice', TEST_PASSWORD);
    await open(
      alice.page,
      server.url,
      `/projects/${projectId}/records/${ids.excludedFt}`,
      'Sleep and memory outcomes',
    );
    const hers = alice.page.locator('#timeline li');
    await hers.first().waitFor();
    expect(await hers.locator('strong').allTextContents()).toEqual([
      'Sift',
      'alice',
      'bob',
      'owner',
      'alice',
    ]);
    await alice.page.getByText(/votes at full text are hidden while that stage is blind to you/).waitFor();
    await alice.page.getByText('Its outcome is hidden while a screening stage is blind to you.').waitFor();
    // the owner's note is a judgement too: not shown to her while full text is blind
    await alice.page.getByText('No notes you may read yet.').waitFor();
    // and a filter on outcomes is refused where the list would be
    await open(alice.page, server.url, `/projects/${projectId}/records?status=included`, 'Records');
    await alice.page.getByText(/Hidden while blind/).waitFor();
    expect(alice.errors).toEqual([]);
    await alice.context.close();
  });

  it('previews a bulk exclusion by date, runs it and undoes it', async () => {
    const owner = await signIn(browser, server.url, 'owner', TEST_PASSWORD);
    const page = owner.page;
    await open(page, server.url, `/projects/${bulkProject}/records?yearTo=2018`, 'Records');
    await page.locator('#records-count').getByText('3 records match').waitFor();
    await page.getByLabel('Bulk actions').locator('#bulk-kind').selectOption('exclude');
    await page.locator('#bulk-reason').fill('Outside the date range');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('#bulk-summary').getByText('This will change 3 of 3 records').waitFor();
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByText('Removed 3 records before screening: Outside the date range.').waitFor();
    await page.locator('.records-table tbody tr', { hasText: 'removed' }).nth(2).waitFor();
    expect(await page.locator('.records-table tbody tr', { hasText: 'removed' }).count()).toBe(3);
    await page.locator('#history li', { hasText: 'Removed 3 records' }).waitFor();

    await page.locator('#bulk-undo').click();
    await page.getByText('Undone: Removed 3 records before screening: Outside the date range.').waitFor();
    await page.locator('#history li', { hasText: '(undone by owner)' }).waitFor();
    expect(await page.locator('.records-table tbody tr', { hasText: 'removed' }).count()).toBe(0);
    expect(owner.errors).toEqual([]);
    expect(owner.dialogs).toEqual([]);
    await owner.context.close();
  });
});

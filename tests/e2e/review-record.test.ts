import type { Browser } from 'playwright-core';
import type { Db } from '../../server/db/connection';
import { openDatabase } from '../../server/db/connection';
import { systemClock } from '../../server/domain/clock';
import { runDedup } from '../../server/services/dedup';
import { createOwnedProject } from '../../server/services/projects';
import * as screening from '../../server/services/screening';
import type { Vote } from '../../server/domain/screening/types';
import { addMember, createUser, TEST_PASSWORD } from '../support/auth';
import { seedRecords, seedSource, type SeedRecord } from '../support/db';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { open, signIn } from './support/session';

/**
 * The review record of issue 13 in the browser: the owner resolves a conflict as include with
 * no reason; the dashboard's agreement uses first votes (latest on request, labelled) and says
 * "not estimable" where nothing can be estimated; the Duplicates tile and the PRISMA diagram
 * count the citation-search copies of database records in the same place.
 */
describe('the review record in the browser', () => {
  let browser: Browser;
  let server: RunningServer;
  let db: Db;
  let projectId: number;

  const work = (i: number): SeedRecord => ({
    title: `Oxygen saturation targets in preterm infants, cohort ${'ABCDEF'[i]}`,
    doi: `10.4444/record.${i}`,
    year: 2015 + i,
    authors: [`Author${i}, A`],
    abstract: `Abstract ${i}.`,
  });

  beforeAll(async () => {
    db = openDatabase(':memory:');
    const ownerId = createUser(db, 'owner');
    const alice = { userId: createUser(db, 'alice'), role: 'reviewer' as const };
    const bob = { userId: createUser(db, 'bob'), role: 'reviewer' as const };
    projectId = createOwnedProject({ db, clock: systemClock }, ownerId, { name: 'Review record' }).id;
    addMember(db, projectId, alice.userId, 'reviewer');
    addMember(db, projectId, bob.userId, 'reviewer');
    const ids = seedRecords(
      db,
      projectId,
      seedSource(db, projectId, { name: 'Embase', kind: 'database' }),
      [0, 1, 2, 3].map(work),
    );
    // citation searching found two of them again (less complete copies): merged into the Embase records
    seedRecords(
      db,
      projectId,
      seedSource(db, projectId, { name: 'Citation searching', kind: 'other' }),
      [0, 1].map((i) => ({ ...work(i), abstract: null })),
    );
    runDedup(db, projectId, systemClock);
    const deps = { db, clock: systemClock };
    const vote = (who: typeof alice, i: number, decision: Vote) =>
      screening.decide(deps, projectId, who, { recordId: ids[i]!, stage: 'title_abstract', decision });
    // first votes: two agree, two disagree; bob then changes his mind on record 1
    (
      [
        ['include', 'include'],
        ['include', 'exclude'],
        ['exclude', 'exclude'],
        ['exclude', 'include'],
      ] as [Vote, Vote][]
    ).forEach(([a, b], i) => {
      vote(alice, i, a);
      vote(bob, i, b);
    });
    vote(bob, 1, 'include');
    server = await startServer({ db });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows agreement from first votes, latest on request, and "not estimable" where it is', async () => {
    const owner = await signIn(browser, server.url, 'owner', TEST_PASSWORD);
    const page = owner.page;
    await open(page, server.url, `/projects/${projectId}`, 'Review record');
    const table = page.locator('#agreement');
    await table.getByText(/first vote on a record/).waitFor();
    const row = (stage: string) => table.locator(`tr[data-stage="${stage}"] td`);
    // first votes: 2 of 4 agree
    expect(await row('title_abstract').nth(1).textContent()).toBe('50.0 %');
    // nobody has voted at full text
    expect(await row('full_text').nth(1).textContent()).toBe('not estimable');
    await page.getByRole('button', { name: 'Show latest votes' }).click();
    await table.getByText(/latest vote, after any change of mind/).waitFor();
    expect(await row('title_abstract').nth(1).textContent()).toBe('75.0 %');

    // Duplicates: the tile and the diagram agree, the citation-search copies in their own box
    const tile = page.locator('.tile', { hasText: 'Duplicates' });
    await tile.getByText('0 from databases and registers · 2 from other methods', { exact: false }).waitFor();
    expect(await tile.locator('.big').textContent()).toBe('2');
    const box = page.locator('#dashboard-prisma text[data-box="other_duplicates"]');
    await box.waitFor();
    expect(await box.textContent()).toBe('Duplicate records (n\u00a0=\u00a02)');

    // the PRISMA page lists the two citation-search copies behind that box
    await open(page, server.url, `/projects/${projectId}/prisma`, 'PRISMA 2020 flow diagram');
    await page.locator('#prisma-diagram [data-drill="other_duplicates"]').click();
    await page.locator('#drill').getByText('2 record(s) behind this count.').waitFor();
    expect(await page.locator('#drill tbody tr').count()).toBe(2);
    expect(owner.errors).toEqual([]);
    await owner.context.close();
  });

  it('resolves a conflict as include without asking for a reason', async () => {
    const owner = await signIn(browser, server.url, 'owner', TEST_PASSWORD);
    const page = owner.page;
    await open(page, server.url, `/projects/${projectId}/conflicts`, 'Conflicts: Title/abstract');
    const card = page.locator('.conflict');
    expect(await card.count()).toBe(1);
    await card.getByLabel('Include').check();
    await card.getByRole('button', { name: 'Resolve' }).click();
    await page.getByText(/Resolved record \d+: include/).waitFor();
    expect(await page.locator('.conflict').count()).toBe(0);
    expect(owner.errors).toEqual([]);
    expect(owner.dialogs).toEqual([]);
    await owner.context.close();
  });
});

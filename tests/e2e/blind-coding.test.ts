import type { Browser, Page } from 'playwright-core';
import type { Db } from '../../server/db/connection';
import { openDatabase } from '../../server/db/connection';
import { systemClock } from '../../server/domain/clock';
import { importCodebook } from '../../server/services/coding';
import { createOwnedProject } from '../../server/services/projects';
import { addMember, createUser, TEST_PASSWORD } from '../support/auth';
import { seedRecords, seedSource } from '../support/db';
import { includeAtFullText } from '../support/screening';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { open, signIn, type Signed } from './support/session';

/**
 * Blind dual coding in the browser (issue 13.3): alice and bob code one included study, each
 * seeing only their own codes and values; once both marked it done each sees the other's; the
 * owner reconciles both into the consensus, and the synthesis counts the consensus.
 */
describe('two coders code one study blind, the owner reconciles, the synthesis counts the consensus', () => {
  let browser: Browser;
  let server: RunningServer;
  let db: Db;
  let projectId: number;
  let studyId: number;
  let owner: Signed;
  let alice: Signed;
  let bob: Signed;

  beforeAll(async () => {
    db = openDatabase(':memory:');
    const ownerId = createUser(db, 'owner');
    projectId = createOwnedProject({ db, clock: systemClock }, ownerId, { name: 'Blind coding' }).id;
    for (const name of ['alice', 'bob']) addMember(db, projectId, createUser(db, name), 'reviewer');
    const records = seedRecords(db, projectId, seedSource(db, projectId), [
      { title: 'Why nurses take micro-credentials', authors: ['Oliver, B'], year: 2021 },
      { title: 'Badges at work', authors: ['Ahsan, K'], year: 2023 },
    ]);
    studyId = records[0]!;
    // Both studies included (one reviewer per record), both screening stages unblinded, so coding opens.
    includeAtFullText(db, projectId, { userId: ownerId, role: 'owner' }, records);
    importCodebook(db, projectId, {
      codes: [
        { code: 'career', label: 'Career ambitions', description: '', parent: null },
        { code: 'time', label: 'Time pressure', description: '', parent: null },
      ],
      fields: [{ key: 'country', label: 'Country', kind: 'text', options: [] }],
    });
    server = await startServer({ db });
    browser = await launchBrowser();
    owner = await signIn(browser, server.url, 'owner', TEST_PASSWORD);
    alice = await signIn(browser, server.url, 'alice', TEST_PASSWORD);
    bob = await signIn(browser, server.url, 'bob', TEST_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(() => {
    for (const who of [owner, alice, bob]) {
      expect(who.errors).toEqual([]);
      expect(who.dialogs).toEqual([]);
    }
  });

  /** Opens the study afresh (a reload: going to the hash the page is already on would redraw nothing). */
  async function openStudy(page: Page) {
    await open(page, server.url, `/projects/${projectId}/coding/${studyId}`, 'Coding');
    await page.reload();
    await page.getByRole('heading', { name: 'Coding', level: 1 }).waitFor();
    await page.locator('#coding-status').waitFor();
  }

  async function code(page: Page, label: string, excerpt: string) {
    await page.getByLabel('Code', { exact: true }).selectOption({ label });
    await page.getByLabel('Excerpt').fill(excerpt);
    await page.getByLabel('Page').fill('4');
    await page.getByRole('button', { name: 'Apply code' }).click();
    await page.getByRole('cell', { name: excerpt }).waitFor();
  }

  it('each coder codes the study and sees only their own codes and values', async () => {
    await openStudy(alice.page);
    await alice.page.getByText(/Blind: the other coder’s codes/).waitFor();
    await code(alice.page, 'Career ambitions', 'ALICE: to be promoted');
    await alice.page.getByLabel('Country').fill('Chile');
    await alice.page.getByRole('button', { name: 'Save characteristics' }).click();
    await alice.page.getByText('Extraction saved.').waitFor();

    await openStudy(bob.page);
    await bob.page.getByRole('heading', { name: 'Codes you applied' }).waitFor();
    await code(bob.page, 'Time pressure', 'BOB: no time next to work');
    expect(await bob.page.getByText(/ALICE|Chile/).count()).toBe(0);
    await openStudy(alice.page);
    await alice.page.getByRole('cell', { name: 'ALICE: to be promoted' }).waitFor();
    expect(await alice.page.getByText(/BOB/).count()).toBe(0);
  });

  it('once both marked it done, each sees the other’s work', async () => {
    await bob.page.getByRole('button', { name: 'Mark as done' }).click();
    await bob.page.getByRole('heading', { name: 'You have finished this study' }).waitFor();
    // alice has not finished: still nothing of hers
    expect(await bob.page.getByText(/ALICE|Chile/).count()).toBe(0);

    await alice.page.getByRole('button', { name: 'Mark as done' }).click();
    await alice.page.getByRole('heading', { name: 'You have finished this study' }).waitFor();
    await alice.page.getByRole('cell', { name: 'BOB: no time next to work' }).waitFor();
    await alice.page.getByText('Finished by: alice, bob.').waitFor();

    await openStudy(bob.page);
    await bob.page.getByRole('cell', { name: 'ALICE: to be promoted' }).waitFor();
    await bob.page.locator('#coder-values').getByText('Chile').waitFor();
  });

  it('the owner reconciles both coders into the consensus, and the synthesis counts it', async () => {
    await open(owner.page, server.url, `/projects/${projectId}/synthesis`, 'Synthesis');
    await owner.page.getByRole('heading', { name: 'Career ambitions (0 studies)' }).waitFor();
    await owner.page.getByText(/reconciled for 0 of them/).waitFor();

    await openStudy(owner.page);
    const consensus = owner.page.locator('#consensus');
    await consensus.getByText('Nothing reconciled yet').waitFor();
    await owner.page.getByRole('button', { name: "Accept alice's Career ambitions into the consensus" }).click();
    await consensus.getByRole('cell', { name: 'ALICE: to be promoted' }).waitFor();
    await owner.page.getByRole('button', { name: "Accept bob's Time pressure into the consensus" }).click();
    await consensus.getByRole('cell', { name: 'BOB: no time next to work' }).waitFor();
    await owner.page.getByRole('button', { name: "Use alice's Country" }).click();
    await owner.page.locator('#coder-values tr[data-field="country"] td').last().getByText('Chile').waitFor();
    expect(await consensus.getByRole('cell', { name: /^owner, / }).count()).toBe(2);

    await open(owner.page, server.url, `/projects/${projectId}/synthesis`, 'Synthesis');
    await owner.page.getByText(/reconciled for 1 of them/).waitFor();
    await owner.page.getByRole('heading', { name: 'Career ambitions (1 study)' }).waitFor();
    await owner.page.getByRole('heading', { name: 'Time pressure (1 study)' }).waitFor();
    // the agreement between the coders' own codes, per code
    const agreement = owner.page.locator('#coding-agreement');
    await agreement.getByRole('rowheader', { name: 'career' }).waitFor();
    expect(await agreement.locator('tbody tr').count()).toBe(2);
  });

  it('reviewers see the synthesis only once the owner unblinds coding', async () => {
    await open(alice.page, server.url, `/projects/${projectId}/synthesis`, 'Synthesis');
    await alice.page.getByText(/Hidden while blind/).waitFor();
  });
});

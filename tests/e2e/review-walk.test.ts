import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Db } from '../../server/db/connection';
import { openDatabase } from '../../server/db/connection';
import * as screening from '../../server/services/screening';
import { createUser, TEST_PASSWORD } from '../support/auth';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { open, signIn, type Signed } from './support/session';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const DEDUP_CSV = path.join(FIXTURES, 'dedup', 'tests_data', 'records_pre_merged.csv');
const SMALL_RIS = path.join(FIXTURES, 'import', 'ris', 'missing_values.ris');
const REPORT_PDF = path.join(FIXTURES, 'e2e', 'report.pdf');

/** Presses a screening shortcut and waits until the page has saved it and redrawn (its progress re-read). */
async function shortcut(page: Page, key: string): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/progress')), page.keyboard.press(key)]);
}

/** Screens the queue to the end, one shortcut sequence per record (the last sequence repeats). */
async function screenAll(page: Page, plan: (index: number) => string[]): Promise<number> {
  let index = 0;
  while (!(await page.getByRole('heading', { name: 'Your queue is empty' }).isVisible())) {
    for (const key of plan(index)) {
      if (/^[1-9]$/.test(key)) await page.keyboard.press(key);
      else await shortcut(page, key);
    }
    index += 1;
    if (index > 100) throw new Error('the queue never emptied');
  }
  return index;
}

/**
 * The whole review in the browser: the owner imports two searches and reviews the
 * duplicates; alice and bob screen blind with the keyboard in their own sessions; the owner
 * resolves their conflict, retrieves the full texts (a real PDF upload), the reviewers
 * assess eligibility, alice codes the included study, and the owner exports the PRISMA diagram.
 */
describe('a review from import to PRISMA export in a real browser', () => {
  let browser: Browser;
  let server: RunningServer;
  let db: Db;
  let uploads: string;
  let owner: Signed;
  let alice: Signed;
  let bob: Signed;
  let projectId: number;
  const ids: Record<string, number> = {};
  /**
   * The owner unblinds a stage before the next one opens to the reviewers (docs/notes/screening.md).
   * Through the service: the Settings button asks for a confirm() dialog, which this suite counts as an error.
   */
  const unblind = (stage: 'title_abstract' | 'full_text') =>
    screening.unblind(db, projectId, { userId: ids.owner!, role: 'owner' }, stage);

  beforeAll(async () => {
    db = openDatabase(':memory:');
    for (const name of ['owner', 'alice', 'bob']) ids[name] = createUser(db, name);
    uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-e2e-uploads-'));
    server = await startServer({ db, uploadsDir: uploads });
    browser = await launchBrowser();
    owner = await signIn(browser, server.url, 'owner', TEST_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(uploads, { recursive: true, force: true });
  });
  afterEach(() => {
    for (const who of [owner, alice, bob].filter(Boolean)) {
      expect(who.errors).toEqual([]);
      expect(who.dialogs).toEqual([]);
    }
  });

  it('the owner creates the review, adds two reviewers and writes the criteria', async () => {
    const page = owner.page;
    await page.getByLabel('New review').fill('Oxygen at birth');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Oxygen at birth', level: 1 }).waitFor();
    projectId = Number(/projects\/(\d+)/.exec(page.url())?.[1]);
    expect(projectId).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    for (const name of ['alice', 'bob']) {
      await page.getByLabel('Username').fill(name);
      await page.getByLabel('Role', { exact: true }).selectOption('reviewer');
      await page.getByRole('button', { name: 'Add member' }).click();
      await page.getByRole('cell', { name, exact: true }).waitFor();
    }
    await page.getByLabel('Shown beside every record while screening').fill('Include: trials of room air versus oxygen in newborns.');
    await page.getByLabel('Words to highlight as relevant').fill('oxygen, resuscitation');
    await page.getByLabel('Words to highlight as likely irrelevant').fill('adult');
    await page.locator('#ta-reasons').fill('Wrong population\nWrong intervention');
    await page.getByRole('button', { name: 'Save screening settings' }).click();
    await page.getByText('Screening settings saved.').waitFor();
  });

  it('the owner imports two searches with progress and per-file results', async () => {
    const page = owner.page;
    await open(page, server.url, `/projects/${projectId}/import`, 'Import');
    await page.setInputFiles('#files', [DEDUP_CSV]);
    await page.getByLabel('Source (database or method)').fill('MEDLINE');
    await page.getByLabel('Search date').fill('2026-01-15');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Imported 13 records from 1 file(s).').waitFor();

    await page.setInputFiles('#files', [SMALL_RIS]);
    await page.getByLabel('Source (database or method)').fill('Embase');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Imported 4 records from 1 file(s).').waitFor();
    expect(await page.locator('table tbody tr').count()).toBe(2);
  });

  it('the owner finds duplicates, then undoes, rejects, undoes and merges one cluster', async () => {
    const page = owner.page;
    await open(page, server.url, `/projects/${projectId}/dedup`, 'Duplicates');
    await page.getByRole('button', { name: 'Find duplicates' }).click();
    await page.locator('#dedup-summary').getByText(/6 duplicates removed/).waitFor();

    await page.getByRole('link', { name: 'Merged' }).click();
    const cluster = page.locator('.cluster', { has: page.locator('tr.diff') }).first();
    await cluster.waitFor();
    const id = await cluster.getAttribute('data-cluster-id');
    const card = page.locator(`.cluster[data-cluster-id="${id}"]`);
    // the compared records sit side by side, the differing fields marked
    expect(await card.locator('thead th').count()).toBeGreaterThanOrEqual(3);
    expect(await card.locator('tr.diff').count()).toBeGreaterThan(0);

    await card.getByRole('button', { name: /^Undo/ }).click();
    await card.getByText('review', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Not duplicate' }).click();
    await card.getByText('not-duplicate', { exact: true }).waitFor();
    await card.getByRole('button', { name: /^Undo/ }).click();
    await card.getByText('review', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Merge' }).click();
    await card.getByText('merged', { exact: true }).waitFor();
  });

  it('alice and bob screen blind with the keyboard, in their own sessions, and disagree once', async () => {
    alice = await signIn(browser, server.url, 'alice', TEST_PASSWORD);
    bob = await signIn(browser, server.url, 'bob', TEST_PASSWORD);
    const screening = `/projects/${projectId}/screening/title_abstract`;

    await open(alice.page, server.url, screening, 'Screening: Title/abstract');
    await alice.page.getByText('Include: trials of room air').waitFor();
    expect(await alice.page.locator('#record mark.kw-include').count()).toBeGreaterThan(0);
    await alice.page.keyboard.press('?');
    await alice.page.getByRole('dialog').getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    await alice.page.keyboard.press('Escape');
    // include the first three, exclude the rest (the fourth with the first reason)
    const aliceCount = await screenAll(alice.page, (i) => (i < 3 ? ['i'] : i === 3 ? ['1', 'e'] : ['e']));

    await open(bob.page, server.url, screening, 'Screening: Title/abstract');
    // bob slips on the first record and undoes it
    await shortcut(bob.page, 'e');
    await shortcut(bob.page, 'u');
    await shortcut(bob.page, 'i');
    await shortcut(bob.page, 'i');
    await bob.page.keyboard.press('ArrowLeft');
    await bob.page.locator('#my-vote').getByText('Your vote: Included').waitFor();
    await bob.page.keyboard.press('ArrowRight');
    expect(await bob.page.locator('#my-vote').count()).toBe(0);
    // includes nothing more: the third record becomes a conflict
    const bobCount = await screenAll(bob.page, () => ['e']);
    expect(bobCount + 2).toBe(aliceCount);
    await bob.page.getByText(/0 left in your queue/).waitFor();
  });

  it('the owner sees the conflict on the dashboard and resolves it with a reason', async () => {
    const page = owner.page;
    await open(page, server.url, `/projects/${projectId}`, 'Oxygen at birth');
    await page.locator('.tile', { hasText: 'Conflicts waiting' }).getByText('1', { exact: true }).waitFor();
    await page.getByRole('cell', { name: 'alice' }).first().waitFor();
    // agreement on the votes before resolution, one row per stage
    await page.locator('#agreement').getByRole('rowheader', { name: 'Title/abstract' }).waitFor();
    expect(await page.locator('#agreement tbody tr').first().locator('td').first().textContent()).toBe(String(11));

    await open(page, server.url, `/projects/${projectId}/conflicts`, 'Conflicts: Title/abstract');
    const card = page.locator('.conflict');
    expect(await card.count()).toBe(1);
    await card.getByText('alice').waitFor();
    await card.getByText('bob').waitFor();
    await card.getByLabel('Include').check();
    await card.getByLabel(/^Reason/).selectOption('__other');
    await card.getByLabel('Other reason').fill('Meets the criteria on a second reading');
    await card.getByRole('button', { name: 'Resolve' }).click();
    await page.getByText(/Resolved record \d+: include/).waitFor();
    expect(await page.locator('.conflict').count()).toBe(0);
    unblind('title_abstract');
  });

  it('the owner uploads a PDF, links another report and marks one not retrievable', async () => {
    const page = owner.page;
    await open(page, server.url, `/projects/${projectId}/fulltext`, 'Full text');
    const reports = page.locator('.report');
    await reports.first().waitFor();
    expect(await reports.count()).toBe(3);
    const ids = await reports.evaluateAll((els) => els.map((e) => e.getAttribute('data-record-id')));

    await page.setInputFiles(`#r${ids[0]}-file`, REPORT_PDF);
    await page.locator(`.report[data-record-id="${ids[0]}"]`).getByRole('button', { name: 'Upload PDF' }).click();
    await page.getByText(`PDF uploaded: record ${ids[0]}.`).waitFor();

    await page.locator(`#r${ids[1]}-url`).fill('https://example.org/reports/second.pdf');
    await page.locator(`.report[data-record-id="${ids[1]}"]`).getByRole('button', { name: 'Save link' }).click();
    await page.getByText(`Link saved: record ${ids[1]}.`).waitFor();

    await page.locator(`.report[data-record-id="${ids[2]}"]`).getByRole('button', { name: 'Not retrievable…' }).click();
    const confirm = page.getByRole('dialog', { name: `Mark record ${ids[2]} not retrievable?` });
    await confirm.getByLabel(/Reason/).fill('Not held by the library');
    await confirm.getByRole('button', { name: 'Mark not retrievable' }).click();
    await page.getByText('3 report(s) sought · 2 retrieved · 1 not retrievable · 0 waiting').waitFor();
    // the uploaded PDF is served back as the same bytes
    const pdf = await page.request.get(`${server.url}/api/projects/${projectId}/fulltext/${ids[0]}/pdf`);
    expect(Buffer.from(await pdf.body()).equals(fs.readFileSync(REPORT_PDF))).toBe(true);
  });

  it('both reviewers assess eligibility: one report in, one out with its required reason', async () => {
    for (const who of [alice, bob]) {
      await open(who.page, server.url, `/projects/${projectId}/screening/full_text`, 'Screening: Full text');
      await who.page.getByRole('region', { name: 'Full text (PDF)' }).locator('.textLayer').first().waitFor();
      await shortcut(who.page, 'i');
      // exclude without a reason is refused on the spot; then reason 1 and exclude
      await who.page.keyboard.press('e');
      await who.page.getByText('Choose an exclusion reason first').waitFor();
      await who.page.locator('#reason').selectOption({ index: 1 });
      await who.page.locator('#reason').blur();
      await shortcut(who.page, 'e');
      await who.page.getByRole('heading', { name: 'Your queue is empty' }).waitFor();
    }
    const status = await owner.page.request.get(`${server.url}/api/projects/${projectId}/screening/full_text/progress`);
    const body = (await status.json()) as { counts: { included: number; excluded: number; conflicts: number } };
    expect(body.counts).toMatchObject({ included: 1, excluded: 1, conflicts: 0 });
  });

  it('the owner writes a code and alice codes the included study with an excerpt', async () => {
    unblind('full_text');
    await open(owner.page, server.url, `/projects/${projectId}/coding`, 'Coding');
    await owner.page.getByRole('link', { name: 'Edit the codebook' }).click();
    const editor = owner.page.locator('#codebook-editor');
    await editor.getByLabel('Short code').fill('LA');
    await editor.getByLabel('Label').fill('Learning ambitions');
    await editor.getByLabel('Description').fill('What learners hope to gain');
    await editor.getByRole('button', { name: 'Add code' }).click();
    await owner.page.locator('#codebook-editor li', { hasText: 'Learning ambitions' }).waitFor();

    const page = alice.page;
    await open(page, server.url, `/projects/${projectId}/coding`, 'Coding');
    expect(await page.locator('.study-list li').count()).toBe(1);
    // the study's PDF is beside the form now (it has its own "Page"): the form's fields
    const form = page.getByRole('form', { name: 'Apply a code' });
    await form.getByLabel('Code', { exact: true }).selectOption({ label: 'Learning ambitions' });
    await form.getByLabel('Excerpt').fill('room air is as effective as 100% oxygen');
    await form.getByLabel('Page').fill('3');
    await form.getByRole('button', { name: 'Apply code' }).click();
    await page.getByRole('cell', { name: 'room air is as effective as 100% oxygen' }).waitFor();

    await open(owner.page, server.url, `/projects/${projectId}/synthesis`, 'Synthesis');
    await owner.page.getByText('Learning ambitions').first().waitFor();
  });

  it('the owner opens the records behind a PRISMA count and downloads the exports', async () => {
    const page = owner.page;
    await open(page, server.url, `/projects/${projectId}/prisma`, 'PRISMA 2020 flow diagram');
    const drill = page.locator('#prisma-diagram [data-drill]');
    await drill.first().waitFor();
    const screened = page.locator('#prisma-diagram [data-drill]', { hasText: /Records screened/ });
    await screened.first().click();
    await page.locator('#drill').getByText(/record\(s\) behind this count/).waitFor();
    expect(await page.locator('#drill tbody tr').count()).toBe(11);

    for (const [label, check] of [
      ['PDF', (b: Buffer) => b.subarray(0, 5).toString() === '%PDF-'],
      ['SVG', (b: Buffer) => b.toString('utf8').includes('<svg')],
      ['PNG', (b: Buffer) => b.subarray(1, 4).toString() === 'PNG'],
      ['CSV (PRISMA2020 template)', (b: Buffer) => b.toString('utf8').startsWith('data,node,box')],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: label, exact: true }).click()]);
      const file = await download.path();
      expect(check(fs.readFileSync(file))).toBe(true);
    }
  });
});

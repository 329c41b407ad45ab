import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Db } from '../../server/db/connection';
import { openDatabase } from '../../server/db/connection';
import { systemClock } from '../../server/domain/clock';
import { importFiles } from '../../server/services/import';
import { importDeps } from '../support/imports';
import { createOwnedProject } from '../../server/services/projects';
import * as screening from '../../server/services/screening';
import { addMember, createUser, TEST_PASSWORD } from '../support/auth';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { open, signIn, type Signed } from './support/session';

const RECORDS = path.resolve(__dirname, '..', 'fixtures', 'dedup', 'tests_data', 'records_pre_merged.csv');

/** Whether keyboard focus is on the record (where Esc returns). */
const FOCUS_ON_RECORD = `document.activeElement?.id === 'record'`;

/** Presses a key and waits until the decision it makes has been saved. */
async function decideWith(page: Page, key: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/decisions') && r.request().method() === 'POST', {
      timeout: 5000,
    }),
    page.keyboard.press(key),
  ]);
}

/**
 * Issue 17, item 1: the keyboard never traps the reviewer. E without a reason says so and leaves
 * focus where it was, shortcuts work from every control but text fields, Esc always returns to
 * the record, and a note typed is never lost.
 */
describe('screening shortcuts never trap focus and never lose a note', () => {
  let browser: Browser;
  let server: RunningServer;
  let db: Db;
  let projectId: number;
  let aliceId: number;
  let alice: Signed;
  const screeningPath = () => `/projects/${projectId}/screening/title_abstract`;

  beforeAll(async () => {
    db = openDatabase(':memory:');
    const ownerId = createUser(db, 'owner');
    aliceId = createUser(db, 'alice');
    projectId = createOwnedProject({ db, clock: systemClock }, ownerId, { name: 'Keyboard review' }).id;
    addMember(db, projectId, aliceId, 'reviewer');
    await importFiles(importDeps(db, systemClock), projectId, {
      source: { name: 'MEDLINE', kind: 'database' },
      files: [{ fileName: 'records.csv', bytes: fs.readFileSync(RECORDS) }],
    });
    screening.updateSettings(
      { db, clock: systemClock },
      projectId,
      { userId: ownerId, role: 'owner' },
      {
        stages: {
          title_abstract: {
            exclusionReasons: ['Wrong population', 'Wrong intervention'],
            reasonRequired: true,
          },
        },
      },
    );
    server = await startServer({ db });
    browser = await launchBrowser();
    alice = await signIn(browser, server.url, 'alice', TEST_PASSWORD);
    alice.page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(() => {
    expect(alice.errors).toEqual([]);
    expect(alice.dialogs).toEqual([]);
  });

  /** alice's vote on a record, as the server holds it. */
  function voteOf(recordId: number) {
    return screening
      .myDecisions(db, projectId, { userId: aliceId, role: 'reviewer' }, 'title_abstract')
      .records.find((r) => r.id === recordId)?.myVote;
  }
  const shownRecordId = async (page: Page) =>
    Number(await page.locator('#record article').getAttribute('data-record-id'));

  it('E without a reason says so and does not trap focus: 2 then E exclude, keeping the note typed before', async () => {
    const page = alice.page;
    await open(page, server.url, screeningPath(), 'Screening: Title/abstract');
    const recordId = await shownRecordId(page);
    await page.keyboard.press('n');
    await page.keyboard.type('Dose table on page 4 says adults');
    // leave the note as a keyboard user may, by Tab (Esc has its own test)
    await page.keyboard.press('Tab');

    await page.keyboard.press('e');
    await page
      .getByRole('status')
      .getByText(/Choose an exclusion reason/)
      .waitFor();
    expect(await page.evaluate(`document.activeElement?.id`)).not.toBe('reason');
    await page.keyboard.press('2');
    await decideWith(page, 'e');
    expect(voteOf(recordId)).toMatchObject({
      decision: 'exclude',
      reason: 'Wrong intervention',
      note: 'Dose table on page 4 says adults',
    });
  });

  it('shortcuts work while the reason list or a button has focus', async () => {
    const page = alice.page;
    await open(page, server.url, screeningPath(), 'Screening: Title/abstract');
    const first = await shownRecordId(page);
    await page.locator('#reason').focus();
    await decideWith(page, 'm');
    expect(voteOf(first)?.decision).toBe('maybe');

    const second = await shownRecordId(page);
    expect(second).not.toBe(first);
    await page.getByRole('button', { name: /Next/ }).focus();
    await page.keyboard.press('1');
    await decideWith(page, 'e');
    expect(voteOf(second)).toMatchObject({ decision: 'exclude', reason: 'Wrong population' });
  });

  it('Esc returns to the record from the reason list and from the shortcut help', async () => {
    const page = alice.page;
    await open(page, server.url, screeningPath(), 'Screening: Title/abstract');
    await page.locator('#reason').focus();
    await page.keyboard.press('Escape');
    expect(await page.evaluate(FOCUS_ON_RECORD)).toBe(true);

    await page.keyboard.press('?');
    await page.getByRole('dialog').getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await page.evaluate(FOCUS_ON_RECORD)).toBe(true);
  });

  it('a note typed and left with → is still there on coming back with ←', async () => {
    const page = alice.page;
    await open(page, server.url, screeningPath(), 'Screening: Title/abstract');
    const recordId = await shownRecordId(page);
    await page.keyboard.press('n');
    await page.keyboard.type('Check the second table');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    expect(await shownRecordId(page)).not.toBe(recordId);
    expect(await page.locator('#note').inputValue()).toBe('');
    await page.keyboard.press('ArrowLeft');
    expect(await shownRecordId(page)).toBe(recordId);
    expect(await page.locator('#note').inputValue()).toBe('Check the second table');
    // and the note goes with the decision
    await decideWith(page, 'i');
    expect(voteOf(recordId)).toMatchObject({ decision: 'include', note: 'Check the second table' });
  });

  it('keys typed in the note stay in the note', async () => {
    const page = alice.page;
    await open(page, server.url, screeningPath(), 'Screening: Title/abstract');
    await page.locator('#note').focus();
    await page.keyboard.type('ime 12');
    expect(await page.locator('#note').inputValue()).toBe('ime 12');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(FOCUS_ON_RECORD)).toBe(true);
  });
});

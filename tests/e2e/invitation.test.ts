import type { Browser, Page } from 'playwright-core';
import type { Db } from '../../server/db/connection';
import { openDatabase } from '../../server/db/connection';
import { createMember, TEST_PASSWORD } from '../support/auth';
import { seedProject, seedRecords, seedSource } from '../support/db';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { open, signIn } from './support/session';

/**
 * Issue 21's walk: the owner invites a reviewer from the settings page; the reviewer opens the
 * link in a separate browser context (own cookies), creates an account, lands in the project
 * and screens a record. Also: the sign-in page shows the demo accounts only on the demo.
 */
describe('invitations in a real browser', () => {
  let browser: Browser;
  let server: RunningServer;
  let db: Db;
  let projectId: number;

  beforeAll(async () => {
    db = openDatabase(':memory:');
    projectId = seedProject(db, 'Invited review');
    createMember(db, projectId, 'owner', 'owner');
    seedRecords(db, projectId, seedSource(db, projectId), [
      { title: 'Peer mentoring for new nurses', abstract: 'A randomised trial.' },
      { title: 'Simulation training in midwifery', abstract: 'A cohort study.' },
    ]);
    server = await startServer({ db });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function assertNoErrors(page: Page, errors: string[]): Promise<void> {
    expect(errors).toEqual([]);
    await page.close();
  }

  it('the owner invites a reviewer, who creates an account, lands in the project and screens a record', async () => {
    const owner = await signIn(browser, server.url, 'owner', TEST_PASSWORD);
    // not the demo: the sign-in page did not advertise demo accounts
    await open(owner.page, server.url, `/projects/${projectId}/settings`, 'Settings');
    await owner.page.getByLabel('Invite as').selectOption('reviewer');
    await owner.page.getByRole('button', { name: 'Make an invitation link' }).click();
    await owner.page.getByText('Invitation for a reviewer made.', { exact: false }).waitFor();
    const link = await owner.page.locator('#invitation-link').inputValue();
    expect(link).toMatch(/\/#\/invite\/[\w-]{43}$/);
    await owner.page.getByRole('cell', { name: 'pending' }).waitFor();

    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(link);
    await page.getByRole('heading', { name: 'Join a review', level: 1 }).waitFor();
    await page.getByText('owner invites you to').waitFor();
    await page.getByText('as reviewer', { exact: false }).waitFor();
    await page.getByLabel('Choose a username').fill('rita');
    await page.getByLabel('New password (at least 8 characters)').fill('a long reviewer passphrase');
    await page.getByLabel('Repeat the new password').fill('a long reviewer passphrase');
    await page.getByRole('button', { name: 'Create the account and join' }).click();
    await page.getByRole('heading', { name: 'Invited review', level: 1 }).waitFor();
    await page.getByText('rita · reviewer').waitFor();

    await open(
      page,
      server.url,
      `/projects/${projectId}/screening/title_abstract`,
      'Screening: Title/abstract',
    );
    await page
      .getByText(/Peer mentoring for new nurses|Simulation training in midwifery/)
      .first()
      .waitFor();
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/progress')), page.keyboard.press('i')]);
    const votes = db
      .prepare(
        `SELECT u.username, e.decision FROM screening_events e JOIN users u ON u.id = e.user_id WHERE e.project_id = ?`,
      )
      .all(projectId);
    expect(votes).toEqual([{ username: 'rita', decision: 'include' }]);

    // the owner sees the invitation used by rita; the link no longer works
    await owner.page.reload();
    await owner.page.getByRole('cell', { name: 'used' }).waitFor();
    await owner.page.getByRole('cell', { name: 'rita' }).first().waitFor();
    const again = await context.newPage();
    await again.goto(link);
    await again
      .getByText('this invitation has already been used; ask the project owner for a new one')
      .waitFor();
    await assertNoErrors(page, errors);
    await context.close();
    await assertNoErrors(owner.page, owner.errors);
    await owner.context.close();
  });

  it('the sign-in page names the demo accounts only when the server runs the demo', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/#/login`);
    await page.getByRole('heading', { name: 'Sign in to Sift' }).waitFor();
    expect(await page.getByText('sift-demo').count()).toBe(0);
    const demo = await startServer({ db, demo: true });
    try {
      await page.goto(`${demo.url}/#/login`);
      await page.getByText('Demo review: sign in as').waitFor();
      await page.getByText('sift-demo').waitFor();
    } finally {
      await demo.close();
      await context.close();
    }
  });
});

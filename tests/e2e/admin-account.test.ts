import type { Browser } from 'playwright-core';
import type { Db } from '../../server/db/connection';
import { openDatabase } from '../../server/db/connection';
import { createAdmin, TEST_PASSWORD } from '../support/auth';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { open, signIn } from './support/session';

/** The Admin page (create an account by link, disable it) and the Account page (change the password). */
describe('administration and self-service in a real browser', () => {
  let browser: Browser;
  let server: RunningServer;
  let db: Db;

  beforeAll(async () => {
    db = openDatabase(':memory:');
    createAdmin(db, 'lead');
    server = await startServer({ db });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an administrator creates an account whose owner chooses a password by link; then disables it', async () => {
    const lead = await signIn(browser, server.url, 'lead', TEST_PASSWORD);
    await lead.page.getByRole('link', { name: 'Admin' }).click();
    await lead.page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    await lead.page.getByLabel('Username').fill('carol');
    await lead.page.getByRole('button', { name: 'Create', exact: true }).click();
    await lead.page
      .getByText('Account carol made. Give them the link below to choose their password.')
      .waitFor();
    const link = await lead.page.locator('#one-time-link').inputValue();
    expect(link).toMatch(/\/#\/reset\/[\w-]{43}$/);

    const carol = await browser.newContext();
    const page = await carol.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose your password', level: 1 }).waitFor();
    await page.getByLabel('New password (at least 8 characters)').fill('carol chooses a passphrase');
    await page.getByLabel('Repeat the new password').fill('carol chooses a passphrase');
    await page.getByRole('button', { name: 'Set the password and sign in' }).click();
    await page.getByRole('heading', { name: 'Reviews', level: 1 }).waitFor();

    await lead.page.getByRole('button', { name: 'Disable carol' }).click();
    await lead.page.getByText('Disabled carol.').waitFor();
    await lead.page.getByRole('cell', { name: 'disabled', exact: true }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Sift', level: 1 }).waitFor();
    expect(errors).toEqual([]);
    expect(lead.errors).toEqual([]);
    await carol.close();
    await lead.context.close();
  });

  it('a user changes their password on the Account page', async () => {
    const lead = await signIn(browser, server.url, 'lead', TEST_PASSWORD);
    await open(lead.page, server.url, '/account', 'Your account');
    await lead.page.getByLabel('Current password').fill(TEST_PASSWORD);
    await lead.page.getByLabel('New password (at least 8 characters)').fill('the lead has a new passphrase');
    await lead.page.getByLabel('Repeat the new password').fill('the lead has a new passphrase');
    await lead.page.getByRole('button', { name: 'Change password' }).click();
    await lead.page.getByText('Password changed. Your other sessions have been signed out.').waitFor();
    await lead.page.getByRole('heading', { name: 'API tokens' }).waitFor();
    expect(lead.errors).toEqual([]);
    await lead.context.close();
  });
});

import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export interface Signed {
  context: BrowserContext;
  page: Page;
  /** Script errors and dialogs the page raised; a test expects both empty. */
  errors: string[];
  dialogs: string[];
}

/** A fresh browser context (its own cookie jar) signed in through the login page, as a person would. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  viewport = { width: 1280, height: 800 },
  options: BrowserContextOptions = {},
): Promise<Signed> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${baseUrl}/#/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Reviews' }).waitFor();
  return { context, page, errors, dialogs };
}

/** Goes to a client route and waits for its main heading. */
export async function open(page: Page, baseUrl: string, hashPath: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${baseUrl}/#${hashPath}`);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}
